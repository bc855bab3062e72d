// SPDX-License-Identifier: MIT
// The agent logit QRE of game trees (solve/tree_logit.h) and the behaviour checks it is
// certified with (solve/beliefs.h): known limits, the published equilibria of small
// n-player trees in tests/data/trees, and properties on random n-player trees with
// information sets and chance.
#include "sim/solve/tree_logit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "sim/game/strategic_form.h"
#include "sim/io/gambit_efg.h"
#include "sim/solve/beliefs.h"
#include "sim/solve/logit.h"

namespace sim::solve {
namespace {

using Node = GameTree::Node;

GameTree Data(const std::string& name) {
  return io::ReadEfgFile(std::string(SIM_SOURCE_DIR) + "/tests/data/trees/" + name);
}

// The set whose first node is named `node`.
int SetAt(const GameTree& tree, const std::string& node) {
  for (Node n : tree.Preorder()) {
    if (tree.name(n) == node) return tree.node(n).infoset;
  }
  ADD_FAILURE() << "no node " << node;
  return 0;
}

// The member index of node `node` in set `set`.
Eigen::Index MemberOf(const GameTree& tree, int set, const std::string& node) {
  const std::vector<size_t>& nodes = tree.infoset(set).nodes;
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (tree.name(nodes[k]) == node) return static_cast<Eigen::Index>(k);
  }
  ADD_FAILURE() << "no member " << node;
  return 0;
}

// Asymmetric matching pennies (McKelvey & Palfrey 1995, GEB 10:6-38): Column does not see
// Row's move, so each player has one information set and the agent's conditional payoffs
// are the normal form's expected payoffs: the agent QRE is the normal-form QRE at every
// lambda, and the branch's limit is the unique Nash equilibrium, T 1/2, L 1/10.
TEST(AgentLogit, OneSetPerPlayerGivesTheNormalFormQreAndItsKnownLimit) {
  const GameTree tree = Data("asymmetric_pennies.efg");
  const int row = SetAt(tree, "Row"), col = SetAt(tree, "Column after T");
  NormalFormGame game({"Row", "Column"}, {{"T", "B"}, {"L", "R"}});
  const double u[2][2][2] = {{{9, 0}, {0, 1}}, {{0, 1}, {1, 0}}};  // [s_row][s_col][player]
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      const std::vector<int> profile = {i, j};
      for (int p = 0; p < 2; ++p) game.set_payoff(game.ProfileIndex(profile), p, u[i][j][p]);
    }
  }
  for (double lambda : {0.3, 1.0, 2.5}) {
    AgentLogitOptions options;
    options.target_lambda = lambda;
    const AgentLogitTrace tree_qre = TraceAgentLogit(tree, options);
    LogitTraceOptions nf_options;
    nf_options.target_lambda = lambda;
    const LogitTrace nf_qre = TraceLogitBranch(game, nf_options);
    ASSERT_TRUE(tree_qre.ok && nf_qre.ok) << tree_qre.message;
    EXPECT_NEAR(tree_qre.end.profile.actions[row](0), nf_qre.end.profile.strategies[0](0), 1e-9);
    EXPECT_NEAR(tree_qre.end.profile.actions[col](0), nf_qre.end.profile.strategies[1](0), 1e-9);
  }
  const AgentLogitTrace limit = TraceAgentLogit(tree);
  ASSERT_TRUE(limit.ok && limit.limit) << limit.message;
  EXPECT_NEAR(limit.limit->profile.actions[row](0), 0.5, 1e-6);
  EXPECT_NEAR(limit.limit->profile.actions[col](0), 0.1, 1e-6);
  EXPECT_LT(limit.regret, 1e-6);
  EXPECT_LT(limit.sequential_regret, 1e-6);
}

// At lambda = 0 every agent plays uniformly (McKelvey & Palfrey 1998, the principal branch's
// start), whatever the payoffs.
TEST(AgentLogit, LambdaZeroIsUniformPlay) {
  const GameTree tree = Data("selten_horse.efg");
  AgentLogitOptions options;
  options.target_lambda = 0.0;
  const AgentLogitTrace trace = TraceAgentLogit(tree, options);
  ASSERT_TRUE(trace.ok);
  for (int s : {SetAt(tree, "P1"), SetAt(tree, "P2"), SetAt(tree, "P3 after L")}) {
    EXPECT_DOUBLE_EQ(trace.end.profile.actions[s](0), 0.5);
  }
}

// A tree beyond the work limit is refused up front with its size (no trace, no hang), and the
// solve reports no equilibrium (status failed) rather than a guess.
TEST(AgentLogit, TreesBeyondTheWorkLimitAreRefusedWithTheirSize) {
  const GameTree tree = Data("selten_horse.efg");
  AgentLogitOptions options;
  options.max_work = 10;
  const AgentLogitTrace trace = TraceAgentLogit(tree, options);
  EXPECT_FALSE(trace.ok);
  EXPECT_FALSE(trace.limit);
  EXPECT_THAT(trace.message,
              ::testing::HasSubstr("too large for the agent QRE: 6 actions x 9 nodes"));
}

// Selten's horse (Selten 1975, IJGT 4:25-55, Figure 1, payoffs as in tests/data). With q the
// probability of Player 3's L and mu its belief in the node after Player 1's L:
//   Player 2 keeps R iff 1 >= 4 (1 - q), i.e. q >= 3/4; Player 1 keeps R iff 1 >= 3 (1 - q);
//   Player 3's L pays 1 - mu, its R pays 2 mu, so L is optimal iff mu <= 1/3.
// Player 3 would play R at any belief above 1/3, and then Player 2 would play L; so every
// sequential equilibrium is R, R, q >= 3/4 with mu <= 1/3 (= 1/3 when q < 1): Selten's
// "reasonable" equilibrium, which the agent QRE limit must be.
TEST(AgentLogit, SeltensHorseLimitIsTheSequentialEquilibrium) {
  const GameTree tree = Data("selten_horse.efg");
  const AgentLogitTrace trace = TraceAgentLogit(tree);
  ASSERT_TRUE(trace.ok && trace.limit) << trace.message;
  const AgentLogitPoint& eq = *trace.limit;
  const int p1 = SetAt(tree, "P1"), p2 = SetAt(tree, "P2"), p3 = SetAt(tree, "P3 after L");
  EXPECT_NEAR(eq.profile.actions[p1](0), 1.0, 1e-9);  // R
  EXPECT_NEAR(eq.profile.actions[p2](0), 1.0, 1e-9);  // R
  const double q = eq.profile.actions[p3](1);         // L
  const double mu = eq.beliefs[p3](MemberOf(tree, p3, "P3 after L"));
  EXPECT_GE(q, 0.75 - 1e-9);
  EXPECT_LE(mu, 1.0 / 3 + 1e-6);
  if (q < 1 - 1e-9) EXPECT_NEAR(mu, 1.0 / 3, 1e-6);
  EXPECT_LT(trace.regret, 1e-6);
  EXPECT_LT(trace.sequential_regret, 1e-6);
  // The certificate is the checker's own verdict on the reported point.
  EXPECT_LT(BehaviourRegret(tree, eq.profile), 1e-6);
  EXPECT_LT(SequentialRegret(tree, eq.profile, eq.beliefs), 1e-6);
}

// Three-juror Condorcet jury under majority rule, signals correct with p = 3/4, common payoff
// +1 / -1 for a right / wrong verdict: sincere voting is an equilibrium (Austen-Smith &
// Banks 1996, APSR 90:34-45) worth 2 (p^3 + 3 p^2 (1 - p)) - 1 = 11/16 to every juror.
TEST(AgentLogit, JuryLimitIsSincereVotingWithItsClosedFormValue) {
  const GameTree tree = Data("jury3_majority.efg");
  SolveOptions options;
  const SpeResult result = SolveAgentLogit(tree, options);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.summary.message;
  const TreeEquilibrium& eq = result.equilibria[0];
  for (int p = 0; p < 3; ++p) EXPECT_NEAR(eq.payoffs(p), 11.0 / 16, 1e-9);
  for (int s = 0; s < tree.num_infosets(); ++s) {
    const InfoSet& set = tree.infoset(s);
    if (set.player == kChancePlayer) continue;
    const bool guilty_signal = set.label.back() == 'g';
    EXPECT_NEAR(eq.behaviour.actions[s](guilty_signal ? 0 : 1), 1.0, 1e-9) << set.label;
  }
  EXPECT_LT(result.summary.equilibria[0].regret, 1e-6);
  EXPECT_LT(eq.sequential_regret, 1e-6);
  // A juror with a guilty signal believes the state is guilty with probability 3/4 (Bayes).
  const int set = SetAt(tree, "Gggg/");
  double guilty = 0;
  for (size_t k = 0; k < tree.infoset(set).nodes.size(); ++k) {
    if (tree.name(tree.infoset(set).nodes[k])[0] == 'G')
      guilty += eq.beliefs[set](static_cast<Eigen::Index>(k));
  }
  EXPECT_NEAR(guilty, 0.75, 1e-12);
}

// A random tree in which each of `players` players moves once on every path, after a chance
// move, with 2..max_actions actions each, seeing a random subset of the earlier moves (so
// information sets, perfect recall since nobody moves twice), with integer payoffs in [0, 9].
GameTree RandomTree(std::mt19937& rng, int players, int max_actions = 3) {
  GameTree tree([&] {
    std::vector<std::string> names;
    for (int p = 0; p < players; ++p) names.push_back("p" + std::to_string(p + 1));
    return names;
  }());
  std::uniform_int_distribution<int> actions(2, max_actions), payoff(0, 9), coin(0, 1);
  std::vector<int> k(players + 1);
  std::vector<std::vector<int>> sees(players + 1);
  for (int layer = 1; layer <= players; ++layer) {
    k[layer] = actions(rng);
    for (int before = 0; before < layer; ++before) {
      if (coin(rng)) sees[layer].push_back(before);
    }
  }
  k[0] = 2;
  std::map<std::pair<int, std::vector<int>>, int> sets;
  std::vector<std::string> chance_actions = {"x", "y"};
  struct Item {
    Node node;
    std::vector<int> history;
  };
  Node root =
      tree.AddChance("c", chance_actions,
                     {Probability::Exact(Rational(1, 3)), Probability::Exact(Rational(2, 3))});
  std::vector<Item> frontier = {{root, {}}};
  for (int layer = 1; layer <= players + 1; ++layer) {
    std::vector<Item> next;
    for (const Item& item : frontier) {
      const int parent_k = k[layer - 1];
      // A copy: AddInfoSet below may move the sets.
      const std::vector<std::string> labels = tree.infoset(tree.node(item.node).infoset).actions;
      for (int a = 0; a < parent_k; ++a) {
        std::vector<int> history = item.history;
        history.push_back(a);
        std::string name = tree.name(item.node) + labels[a];
        Node child;
        if (layer > players) {
          std::vector<double> u;
          for (int p = 0; p < players; ++p) u.push_back(payoff(rng));
          child = tree.AddTerminal(name, u);
        } else {
          std::vector<int> seen;
          for (int before : sees[layer]) seen.push_back(history[before]);
          auto [it, fresh] = sets.try_emplace({layer, seen}, -1);
          if (fresh) {
            std::vector<std::string> acts;
            for (int b = 0; b < k[layer]; ++b)
              acts.push_back(std::string(1, static_cast<char>('a' + b)));
            it->second = tree.AddInfoSet(layer - 1, acts);
          }
          child = tree.AddNode(NodeKind::kDecision, name, it->second);
          next.push_back({child, history});
        }
        tree.AddMove(item.node, a, child);
      }
    }
    frontier = std::move(next);
  }
  tree.Validate();
  return tree;
}

// BehaviourRegret is the strategic form's regret of the realisation-equivalent mixed profile
// (Kuhn 1953): the largest gain of a pure deviation is the same in both forms.
TEST(BehaviourChecks, RegretMatchesTheStrategicFormOnRandomTrees) {
  std::mt19937 rng(17);
  for (int trial = 0; trial < 30; ++trial) {
    const GameTree tree = RandomTree(rng, 3, /*max_actions=*/2);
    BehaviourProfile b = BehaviourProfile::Uniform(tree);
    std::uniform_real_distribution<double> w(0.05, 1.0);
    for (int s = 0; s < tree.num_infosets(); ++s) {
      if (tree.infoset(s).player == kChancePlayer) continue;
      for (Eigen::Index a = 0; a < b.actions[s].size(); ++a) b.actions[s](a) = w(rng);
      b.actions[s] /= b.actions[s].sum();
    }
    const ReducedStrategicForm form = ToStrategicForm(tree);
    EXPECT_NEAR(BehaviourRegret(tree, b), Regret(form.game, ToMixed(form, b)), 1e-9) << trial;
  }
}

// Every reported limit on random 3- and 4-player trees with information sets and chance is
// an equilibrium with regret and sequential-rationality regret below 1e-6, by the checkers'
// own evaluation, with Bayes' rule beliefs wherever it reaches a set.
TEST(AgentLogit, RandomNPlayerLimitsAreCertifiedSequentialEquilibria) {
  std::mt19937 rng(2026);
  int certified = 0;
  const int trials = SIM_SANITIZED ? 6 : 12;  // a sanitizer's run: the first six
  for (int trial = 0; trial < trials; ++trial) {
    const GameTree tree = RandomTree(rng, trial % 2 ? 4 : 3);
    const SpeResult result = SolveAgentLogit(tree, SolveOptions{});
    ASSERT_EQ(result.equilibria.size(), 1u) << trial << ": " << result.summary.message;
    const TreeEquilibrium& eq = result.equilibria[0];
    EXPECT_LT(BehaviourRegret(tree, eq.behaviour), 1e-6) << trial;
    EXPECT_LT(SequentialRegret(tree, eq.behaviour, eq.beliefs), 1e-6) << trial;
    const std::vector<Eigen::VectorXd> bayes = BayesBeliefs(tree, eq.behaviour);
    for (int s = 0; s < tree.num_infosets(); ++s) {
      if (tree.infoset(s).player == kChancePlayer) continue;
      ASSERT_EQ(eq.beliefs[s].size(), static_cast<Eigen::Index>(tree.infoset(s).nodes.size()));
      EXPECT_NEAR(eq.beliefs[s].sum(), 1.0, 1e-12);
      if (bayes[s].size()) EXPECT_LT((bayes[s] - eq.beliefs[s]).cwiseAbs().maxCoeff(), 1e-9);
    }
    ++certified;
  }
  EXPECT_EQ(certified, trials);
}

}  // namespace
}  // namespace sim::solve
