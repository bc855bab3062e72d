// SPDX-License-Identifier: MIT
// Property tests of the subgame-perfect solver on random perfect-information trees (fixed
// seeds): the set of SPE payoff vectors equals that of an independent brute-force backward
// induction written here, and every SPE is a Nash equilibrium of the reduced strategic form.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <set>

#include "sim/game/profile.h"
#include "sim/game/strategic_form.h"
#include "sim/solve/pure.h"
#include "sim/solve/spe.h"

namespace sim::solve {
namespace {

// The test's own tree: independent of GameTree so the reference does not share its code.
struct RefNode {
  int player = -2;                 // -2 terminal, -1 chance, else the mover
  std::vector<int> probability;    // chance: weights, out of their sum
  std::vector<std::unique_ptr<RefNode>> children;
  std::vector<double> payoffs;     // terminals
};

std::unique_ptr<RefNode> RandomTree(std::mt19937& rng, int players, int depth) {
  auto node = std::make_unique<RefNode>();
  std::uniform_int_distribution<int> coin(0, 99);
  if (depth == 0 || coin(rng) < 20) {
    // Small integer payoffs make ties frequent, which is what we want to exercise.
    std::uniform_int_distribution<int> pay(0, 3);
    for (int p = 0; p < players; ++p) node->payoffs.push_back(pay(rng));
    return node;
  }
  const int k = std::uniform_int_distribution<int>(1, 3)(rng);
  if (coin(rng) < 15) {
    node->player = -1;
    for (int a = 0; a < k; ++a) node->probability.push_back(1 + coin(rng) % 3);
  } else {
    node->player = std::uniform_int_distribution<int>(0, players - 1)(rng);
  }
  for (int a = 0; a < k; ++a) node->children.push_back(RandomTree(rng, players, depth - 1));
  return node;
}

using PayoffSet = std::set<std::vector<long long>>;

// Payoffs rounded to 1e-9 so that sets compare despite floating-point sums.
std::vector<long long> Key(const std::vector<double>& v) {
  std::vector<long long> key;
  for (double x : v) key.push_back(std::llround(x * 1e9));
  return key;
}

// Brute force: every SPE payoff vector of the subtree, over every combination of the
// children's SPE and every optimal action of the mover.
std::vector<std::vector<double>> Reference(const RefNode& n, int players) {
  if (n.player == -2) return {n.payoffs};
  std::vector<std::vector<std::vector<double>>> sub;
  for (const auto& c : n.children) sub.push_back(Reference(*c, players));
  std::vector<std::vector<double>> out;
  std::vector<size_t> pick(sub.size(), 0);
  while (true) {
    if (n.player == -1) {
      int total = 0;
      for (int w : n.probability) total += w;
      std::vector<double> v(players, 0.0);
      for (size_t a = 0; a < sub.size(); ++a) {
        for (int p = 0; p < players; ++p) v[p] += double(n.probability[a]) / total * sub[a][pick[a]][p];
      }
      out.push_back(v);
    } else {
      double best = -1e300;
      for (size_t a = 0; a < sub.size(); ++a) best = std::max(best, sub[a][pick[a]][n.player]);
      for (size_t a = 0; a < sub.size(); ++a) {
        if (sub[a][pick[a]][n.player] >= best - 1e-9) out.push_back(sub[a][pick[a]]);
      }
    }
    size_t i = 0;
    for (; i < sub.size(); ++i) {
      if (++pick[i] < sub[i].size()) break;
      pick[i] = 0;
    }
    if (i == sub.size()) break;
  }
  return out;
}

GameTree::Node Convert(const RefNode& n, GameTree& tree, int& counter) {
  const std::string name = "n" + std::to_string(counter++);
  if (n.player == -2) return tree.AddTerminal(name, n.payoffs);
  std::vector<std::string> actions;
  for (size_t a = 0; a < n.children.size(); ++a) actions.push_back("a" + std::to_string(a));
  GameTree::Node node;
  if (n.player == -1) {
    int total = 0;
    for (int w : n.probability) total += w;
    std::vector<Probability> probabilities;
    for (int w : n.probability) probabilities.push_back(Probability::Exact(Rational(w, total)));
    node = tree.AddChance(name, actions, probabilities);
  } else {
    node = tree.AddDecision(n.player, name, actions);
  }
  for (size_t a = 0; a < n.children.size(); ++a) {
    tree.AddMove(node, static_cast<int>(a), Convert(*n.children[a], tree, counter));
  }
  return node;
}

TEST(SubgamePerfectProperty, PayoffsMatchBruteForceBackwardInduction) {
  int with_ties = 0, with_chance = 0;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    std::mt19937 rng(seed);
    const int players = 2 + seed % 2;
    std::unique_ptr<RefNode> ref = RandomTree(rng, players, 4);
    std::vector<std::string> names;
    for (int q = 0; q < players; ++q) names.push_back("p" + std::to_string(q));
    GameTree tree(names);
    int counter = 0;
    Convert(*ref, tree, counter);
    ASSERT_TRUE(tree.Check().empty()) << "seed " << seed;
    SpeOptions options;
    options.max_equilibria = 0;
    options.analyse_threats = false;
    SpeResult r = SolveSubgamePerfect(tree, options);
    ASSERT_EQ(r.summary.status, SolveStatus::kComplete) << "seed " << seed;
    PayoffSet ours, reference;
    for (const TreeEquilibrium& eq : r.equilibria) {
      ours.insert(Key(std::vector<double>(eq.payoffs.data(), eq.payoffs.data() + players)));
    }
    for (const auto& v : Reference(*ref, players)) reference.insert(Key(v));
    EXPECT_EQ(ours, reference) << "seed " << seed;
    // The solver's count of SPE equals the reference's count of (combination, tie) paths.
    EXPECT_EQ(r.equilibria.size(), Reference(*ref, players).size()) << "seed " << seed;
    with_ties += r.equilibria.size() > 1;
    with_chance += tree.traits().has_chance;
  }
  // The seeds must exercise ties and chance, or the comparison proves little.
  EXPECT_GE(with_ties, 10);
  EXPECT_GE(with_chance, 10);
}

TEST(SubgamePerfectProperty, EverySpeIsANashEquilibriumOfTheStrategicForm) {
  for (unsigned seed = 100; seed < 140; ++seed) {
    std::mt19937 rng(seed);
    std::unique_ptr<RefNode> ref = RandomTree(rng, 2, 4);
    GameTree tree({"p0", "p1"});
    int counter = 0;
    Convert(*ref, tree, counter);
    SpeOptions options;
    options.analyse_threats = true;
    SpeResult r = SolveSubgamePerfect(tree, options);
    ReducedStrategicForm form = ToStrategicForm(tree);
    for (const TreeEquilibrium& eq : r.equilibria) {
      MixedProfile mixed = ToMixed(form, eq.behaviour);
      EXPECT_NEAR(Regret(form.game, mixed), 0.0, 1e-9) << "seed " << seed;
      EXPECT_TRUE(ExpectedPayoffs(form.game, mixed).isApprox(eq.payoffs, 1e-9));
    }
    // Conversely, a pure Nash equilibrium with no non-credible threat is subgame perfect:
    // its payoffs are among the SPE payoffs.
    PayoffSet spe;
    for (const TreeEquilibrium& eq : r.equilibria) {
      spe.insert(Key(std::vector<double>(eq.payoffs.data(), eq.payoffs.data() + 2)));
    }
    for (const StrategicNash& nash : r.nash) {
      ASSERT_TRUE(nash.subgame_perfect.has_value());
      if (*nash.subgame_perfect) {
        EXPECT_TRUE(spe.count(Key({nash.payoffs(0), nash.payoffs(1)}))) << "seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace sim::solve
