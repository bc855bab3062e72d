// SPDX-License-Identifier: MIT
// Subgame-perfect equilibria by backward induction, .efg writing and reading, on complete
// perfect-information trees (nodes per second). Payoffs are distinct reals, so there is one
// SPE: the figures measure the solver, not the enumeration of ties.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/io/gambit_efg.h"
#include "sim/solve/spe.h"

namespace {

// A complete tree of `depth` levels with `branching` moves per node, two players alternating.
sim::GameTree CompleteTree(int branching, int depth, unsigned seed) {
  sim::GameTree tree({"p0", "p1"});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> pay(0.0, 1.0);
  std::vector<std::string> actions;
  for (int a = 0; a < branching; ++a) actions.push_back("a" + std::to_string(a));
  std::vector<sim::GameTree::Node> level = {tree.AddDecision(0, "n", actions)};
  for (int d = 1; d <= depth; ++d) {
    std::vector<sim::GameTree::Node> next;
    for (sim::GameTree::Node parent : level) {
      for (int a = 0; a < branching; ++a) {
        sim::GameTree::Node child =
            d == depth ? tree.AddTerminal("", {pay(rng), pay(rng)})
                       : tree.AddDecision(d % 2, "", actions);
        tree.AddMove(parent, a, child);
        next.push_back(child);
      }
    }
    level = std::move(next);
  }
  return tree;
}

void BM_SubgamePerfect(benchmark::State& state) {
  sim::GameTree tree = CompleteTree(static_cast<int>(state.range(0)),
                                    static_cast<int>(state.range(1)), 7);
  sim::solve::SpeOptions options;
  options.analyse_threats = false;
  for (auto _ : state) benchmark::DoNotOptimize(sim::solve::SolveSubgamePerfect(tree, options));
  state.SetItemsProcessed(state.iterations() * tree.num_nodes());
}
BENCHMARK(BM_SubgamePerfect)->Args({2, 10})->Args({4, 8})->Args({10, 5})->Unit(benchmark::kMillisecond);

void BM_EfgRoundTrip(benchmark::State& state) {
  sim::GameTree tree = CompleteTree(4, static_cast<int>(state.range(0)), 7);
  for (auto _ : state) {
    benchmark::DoNotOptimize(sim::io::ReadEfg(sim::io::WriteEfg(tree)));
  }
  state.SetItemsProcessed(state.iterations() * tree.num_nodes());
}
BENCHMARK(BM_EfgRoundTrip)->Arg(6)->Arg(8)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
