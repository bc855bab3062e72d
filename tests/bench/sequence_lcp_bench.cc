// SPDX-License-Identifier: MIT
// Sequence-form Lemke (solve/sequence_lcp.h), whole solve with the exact certificate: Kuhn
// poker, and random 2-player trees of issue #17's shape (a private card for player 1, then
// rounds of moves each seen by the other player with probability 0.15, so information sets
// are what each player has seen). Issue #17's targets: bayes2a/artist2-sized trees (dimension
// 64) under 0.05 s; 10,000 nodes and 1,000 information sets under 1 s.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>

#include "sim/io/gambit_efg.h"
#include "sim/solve/sequence_lcp.h"

namespace {

struct CardTree {
  std::mt19937 rng;
  sim::GameTree tree{{"P1", "P2"}};
  std::map<std::pair<int, std::string>, int> sets;

  sim::GameTree::Node Build(int depth, const std::string& s0, const std::string& s1) {
    std::uniform_int_distribution<int> pay(-9, 9);
    if (depth == 0) return tree.AddTerminal("", {double(pay(rng)), double(pay(rng))});
    const int p = depth % 2;
    const std::string& key = p == 0 ? s0 : s1;
    auto [it, fresh] = sets.try_emplace({p, key}, -1);
    if (fresh) it->second = tree.AddInfoSet(p, {"a", "b"});
    const sim::GameTree::Node n = tree.AddNode(sim::NodeKind::kDecision, "", it->second);
    const bool seen = std::uniform_real_distribution<double>(0, 1)(rng) < 0.15;
    for (int a = 0; a < 2; ++a) {
      const std::string m = "|" + std::to_string(a);
      tree.AddMove(n, a, Build(depth - 1, p == 0 || seen ? s0 + m : s0 + "|?",
                               p == 1 || seen ? s1 + m : s1 + "|?"));
    }
    return n;
  }
};

sim::GameTree RandomCardTree(int cards, int depth, unsigned seed) {
  CardTree t{std::mt19937(seed)};
  std::vector<std::string> actions;
  std::vector<sim::Probability> probs;
  for (int c = 0; c < cards; ++c) {
    actions.push_back("c" + std::to_string(c));
    probs.push_back(sim::Probability::Exact(sim::Rational(1, cards)));
  }
  const sim::GameTree::Node root = t.tree.AddChance("deal", actions, probs);
  for (int c = 0; c < cards; ++c) t.tree.AddMove(root, c, t.Build(depth, actions[c], ""));
  t.tree.set_root(root);
  return std::move(t.tree);
}

void BM_KuhnPoker(benchmark::State& state) {
  const sim::GameTree tree =
      sim::io::ReadEfgFile(std::string(SIM_SOURCE_DIR) + "/tests/data/efg/kuhn_poker.efg");
  for (auto _ : state) {
    benchmark::DoNotOptimize(sim::solve::SolveSequenceLcp(tree, tree.root(), {}));
  }
}
BENCHMARK(BM_KuhnPoker)->Unit(benchmark::kMillisecond);

// Arg: depth below 8 cards (nodes ~ 8 * 2^(depth+1)).
void BM_RandomCardTree(benchmark::State& state) {
  const sim::GameTree tree = RandomCardTree(8, static_cast<int>(state.range(0)), 1);
  int64_t dimension = 0;
  for (auto _ : state) {
    sim::solve::SequenceLcpResult r = sim::solve::SolveSequenceLcp(tree, tree.root(), {});
    dimension = r.dimension;
    benchmark::DoNotOptimize(r);
  }
  state.counters["nodes"] = tree.num_nodes();
  state.counters["infosets"] = tree.num_infosets() - 1;
  state.counters["dimension"] = static_cast<double>(dimension);
}
BENCHMARK(BM_RandomCardTree)->Arg(2)->Arg(4)->Arg(6)->Arg(8)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
