// SPDX-License-Identifier: MIT
// Sequence-form Lemke (solve/sequence_lcp.h), whole solve with the exact certificate: Kuhn
// poker, and random 2-player trees of issue #17's shape (tests/bench/card_trees.h: a private
// card for player 1, then rounds of simultaneous moves). Issue #17's sizes: 63, 193, 382,
// 3,280 and 10,931 nodes; its targets: bayes2a/artist2-sized trees under 0.05 s, 10,000
// nodes and 1,000 information sets under 1 s. Counters: the LCP's dimension, the pivots,
// whether the path ended at an exactly certified equilibrium (1) or not (0: the pivot
// budget, 50,000 pivots here, stopped it).
#include <benchmark/benchmark.h>

#include <string>

#include "sim/io/gambit_efg.h"
#include "sim/solve/sequence_lcp.h"
#include "tests/bench/card_trees.h"

namespace {

void BM_KuhnPoker(benchmark::State& state) {
  const sim::GameTree tree =
      sim::io::ReadEfgFile(std::string(SIM_SOURCE_DIR) + "/tests/data/efg/kuhn_poker.efg");
  for (auto _ : state) {
    benchmark::DoNotOptimize(sim::solve::SolveSequenceLcp(tree, tree.root(), {}));
  }
}
BENCHMARK(BM_KuhnPoker)->Unit(benchmark::kMillisecond);

// Args: cards, rounds, player 1's actions, player 2's actions, seed.
void BM_CardTree(benchmark::State& state) {
  const sim::bench::CardTreeShape shape{static_cast<int>(state.range(0)),
                                        static_cast<int>(state.range(1)),
                                        static_cast<int>(state.range(2)),
                                        static_cast<int>(state.range(3))};
  const sim::GameTree tree =
      sim::bench::RandomCardTree(shape, static_cast<unsigned>(state.range(4)));
  sim::solve::SequenceLcpResult r;
  for (auto _ : state) {
    sim::solve::SequenceLcpOptions options;
    options.max_pivots = 50'000;
    r = sim::solve::SolveSequenceLcp(tree, tree.root(), {}, options);
    benchmark::DoNotOptimize(r);
  }
  state.counters["nodes"] = tree.num_nodes();
  state.counters["infosets"] = tree.num_infosets() - 1;  // less chance's
  state.counters["dimension"] = static_cast<double>(r.dimension);
  state.counters["pivots"] = static_cast<double>(r.pivots);
  state.counters["certified"] =
      !r.equilibria.empty() && r.equilibria[0].exact_certified ? 1.0 : 0.0;
}
BENCHMARK(BM_CardTree)
    ->Args({2, 2, 2, 2, 1})   // 63 nodes, 15 sets
    ->Args({3, 2, 3, 2, 1})   // 193 nodes
    ->Args({3, 3, 2, 2, 1})   // 382 nodes
    ->Args({3, 4, 2, 2, 1})   // 1,534 nodes
    ->Args({3, 3, 3, 3, 1})   // 3,280 nodes, 364 sets
    ->Args({3, 3, 3, 3, 2})
    ->Args({10, 3, 3, 3, 1})  // 10,931 nodes, 1,001 sets
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
