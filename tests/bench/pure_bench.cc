// SPDX-License-Identifier: MIT
// Pure-equilibrium enumeration on random n-player games (profiles per second).
#include <benchmark/benchmark.h>

#include <random>

#include "sim/solve/pure.h"

namespace {

sim::NormalFormGame RandomGame(int players, int strategies, unsigned seed) {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> moves;
  for (int p = 0; p < players; ++p) {
    names.push_back("p" + std::to_string(p));
    std::vector<std::string> s;
    for (int k = 0; k < strategies; ++k) s.push_back(std::to_string(k));
    moves.push_back(s);
  }
  sim::NormalFormGame g(names, moves);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> d(0, 9);
  for (int64_t i = 0; i < g.num_profiles(); ++i)
    for (int p = 0; p < players; ++p) g.set_payoff(i, p, d(rng));
  return g;
}

void BM_PureNash(benchmark::State& state) {
  auto g = RandomGame(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), 7);
  for (auto _ : state) benchmark::DoNotOptimize(sim::solve::SolvePureNash(g));
  state.SetItemsProcessed(state.iterations() * g.num_profiles());
}
BENCHMARK(BM_PureNash)->Args({2, 4})->Args({3, 10})->Args({5, 10});

}  // namespace

BENCHMARK_MAIN();
