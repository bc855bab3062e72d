// SPDX-License-Identifier: MIT
// n-player methods: logit QRE tracing on a random 3-player 4x4x4 game (the target:
// Gambit's gambit-logit takes about 0.02 s on such a game), the logit Nash method, and
// enumpoly on small games. tools/bench-qre prints the ratios.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/solve/enumpoly.h"
#include "sim/solve/logit.h"

namespace {

sim::NormalFormGame RandomGame(const std::vector<int>& shape, unsigned seed) {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> moves;
  for (size_t p = 0; p < shape.size(); ++p) {
    names.push_back("p" + std::to_string(p));
    std::vector<std::string> s;
    for (int k = 0; k < shape[p]; ++k) s.push_back(std::to_string(k));
    moves.push_back(s);
  }
  sim::NormalFormGame g(names, moves);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> d(0.0, 1.0);
  for (int64_t i = 0; i < g.num_profiles(); ++i)
    for (int p = 0; p < g.num_players(); ++p) g.set_payoff(i, p, d(rng));
  return g;
}

// The branch's Nash limit (stops once the limit is polished); one game per seed 1..8.
void BM_QreLimit_4x4x4(benchmark::State& state) {
  std::vector<sim::NormalFormGame> games;
  for (unsigned seed = 1; seed <= 8; ++seed) games.push_back(RandomGame({4, 4, 4}, seed));
  size_t i = 0;
  for (auto _ : state) {
    sim::solve::SolveResult r = sim::solve::SolveLogitQre(games[i++ % games.size()]);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_QreLimit_4x4x4)->Unit(benchmark::kMillisecond);

// Tracing the whole way to lambda = 1e6, as gambit-logit does by default.
void BM_QreTraceToLambda1e6_4x4x4(benchmark::State& state) {
  std::vector<sim::NormalFormGame> games;
  for (unsigned seed = 1; seed <= 8; ++seed) games.push_back(RandomGame({4, 4, 4}, seed));
  sim::solve::SolveOptions options;
  options.qre_lambda = 1e6;
  size_t i = 0;
  for (auto _ : state) {
    sim::solve::SolveResult r = sim::solve::SolveLogitQre(games[i++ % games.size()], options);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_QreTraceToLambda1e6_4x4x4)->Unit(benchmark::kMillisecond);

void BM_LogitNash(benchmark::State& state) {
  const int players = static_cast<int>(state.range(0)), k = static_cast<int>(state.range(1));
  const sim::NormalFormGame game = RandomGame(std::vector<int>(players, k), 3);
  for (auto _ : state) benchmark::DoNotOptimize(sim::solve::SolveLogitNash(game));
}
BENCHMARK(BM_LogitNash)->Args({3, 4})->Args({4, 4})->Args({5, 3})->Args({3, 10})
    ->Unit(benchmark::kMillisecond);

void BM_EnumPoly(benchmark::State& state) {
  const int players = static_cast<int>(state.range(0)), k = static_cast<int>(state.range(1));
  const sim::NormalFormGame game = RandomGame(std::vector<int>(players, k), 3);
  for (auto _ : state) benchmark::DoNotOptimize(sim::solve::SolveEnumPoly(game));
}
BENCHMARK(BM_EnumPoly)->Args({3, 2})->Args({3, 3})->Args({4, 2})->Args({3, 4})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
