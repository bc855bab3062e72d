// SPDX-License-Identifier: MIT
#include "sim/solve/spe.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/game/strategic_form.h"
#include "sim/solve/registry.h"
#include "tests/game/tree_examples.h"

namespace sim::solve {
namespace {

using testing::Centipede;
using testing::EntryDeterrence;
using testing::SeltensHorse;
using testing::Ultimatum;
using Node = GameTree::Node;

Node Find(const GameTree& tree, const std::string& name) {
  for (Node n = 0; n < static_cast<Node>(tree.num_nodes()); ++n) {
    if (tree.name(n) == name) return n;
  }
  ADD_FAILURE() << "no node " << name;
  return 0;
}

// The action a pure behaviour profile takes at node `name`.
std::string Choice(const GameTree& tree, const TreeEquilibrium& eq, const std::string& name) {
  Node n = Find(tree, name);
  int a = 0;
  eq.behaviour.actions[tree.node(n).infoset].maxCoeff(&a);
  return tree.action_label(n, a);
}

TEST(SubgamePerfect, UltimatumReportsBothEquilibriaOfTheTieAtZero) {
  // Osborne (2004), ch. 6: with whole units the responder is indifferent at offer 0, so
  // there are two SPE: accept everything and offer 0, or reject only 0 and offer 1.
  GameTree tree = Ultimatum(4);
  SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.summary.status, SolveStatus::kComplete);
  ASSERT_EQ(r.equilibria.size(), 2u);
  std::vector<std::pair<double, double>> payoffs;
  for (const TreeEquilibrium& eq : r.equilibria) {
    payoffs.push_back({eq.payoffs(0), eq.payoffs(1)});
    for (int x = 1; x <= 4; ++x) {
      EXPECT_EQ(Choice(tree, eq, "respond" + std::to_string(x)), "accept");
    }
    const std::string at_zero = Choice(tree, eq, "respond0");
    EXPECT_EQ(Choice(tree, eq, "propose"), at_zero == "accept" ? "offer0" : "offer1");
  }
  std::sort(payoffs.begin(), payoffs.end());
  EXPECT_EQ(payoffs[0], std::make_pair(3.0, 1.0));
  EXPECT_EQ(payoffs[1], std::make_pair(4.0, 0.0));
  for (const Equilibrium& eq : r.summary.equilibria) {
    EXPECT_EQ(eq.kind, EquilibriumKind::kSubgamePerfect);
  }
}

TEST(SubgamePerfect, CentipedeTakesAtTheFirstNode) {
  // Rosenthal (1981); McKelvey & Palfrey (1992): backward induction takes at every node, so
  // play ends at once with (0.4, 0.1).
  GameTree tree = Centipede();
  SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  const TreeEquilibrium& eq = r.equilibria[0];
  for (int k = 1; k <= 4; ++k) EXPECT_EQ(Choice(tree, eq, "move" + std::to_string(k)), "take");
  EXPECT_DOUBLE_EQ(eq.payoffs(0), 0.4);
  EXPECT_DOUBLE_EQ(eq.payoffs(1), 0.1);
  // The path is the root and the first terminal; moves 2-4 are off the path.
  ASSERT_EQ(eq.path.size(), 2u);
  EXPECT_EQ(eq.path[0], tree.root());
  EXPECT_EQ(eq.reach[Find(tree, "move2")], 0.0);
}

TEST(SubgamePerfect, EntryDeterrenceFightIsNotACredibleThreat) {
  // Selten (1978): (out, fight) is a Nash equilibrium of the strategic form, but fighting
  // after entry gives the incumbent -1 < 1, so the only SPE is (in, accommodate).
  GameTree tree = EntryDeterrence();
  SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(Choice(tree, r.equilibria[0], "entrant"), "in");
  EXPECT_EQ(Choice(tree, r.equilibria[0], "incumbent"), "accommodate");
  EXPECT_EQ(r.equilibria[0].payoffs, Eigen::Vector2d(1, 1));
  ASSERT_EQ(r.nash.size(), 2u);
  int threats = 0;
  for (const StrategicNash& nash : r.nash) {
    ASSERT_TRUE(nash.subgame_perfect.has_value());
    if (*nash.subgame_perfect) {
      EXPECT_EQ(nash.payoffs, Eigen::Vector2d(1, 1));
      EXPECT_TRUE(nash.non_credible.empty());
      continue;
    }
    EXPECT_EQ(nash.payoffs, Eigen::Vector2d(0, 2));
    ASSERT_EQ(nash.non_credible.size(), 1u);
    const Threat& t = nash.non_credible[0];
    EXPECT_EQ(tree.name(t.node), "incumbent");
    EXPECT_EQ(tree.action_label(t.node, t.action), "fight");
    EXPECT_EQ(tree.action_label(t.node, t.better_action), "accommodate");
    EXPECT_EQ(t.value, -1.0);
    EXPECT_EQ(t.better_value, 1.0);
    ++threats;
  }
  EXPECT_EQ(threats, 1);
}

// Entry against an incumbent of unknown strength (worked by hand): nature makes the
// incumbent strong with probability 1/3 (it then fights: 1 > 0) or weak with 2/3 (it then
// accommodates: 1 > -1). Entering is worth 1/3 * (-2) + 2/3 * 1 = 0 to the entrant, exactly
// what staying out gives: two SPE, with payoffs (0, 3) and (0, 1/3 * 1 + 2/3 * 1 = 1).
GameTree EntryWithChance() {
  GameTree tree({"entrant", "incumbent"}, "entry with a chance move");
  Node root = tree.AddDecision(0, "entrant", {"out", "in"});
  tree.Connect(root, "out", tree.AddTerminal("", {0, 3}));
  Node nature = tree.AddChance("nature", {"strong", "weak"},
                               {Probability::Exact(Rational(1, 3)),
                                Probability::Exact(Rational(2, 3))});
  tree.Connect(root, "in", nature);
  Node strong = tree.AddDecision(1, "strong", {"fight", "accommodate"});
  Node weak = tree.AddDecision(1, "weak", {"fight", "accommodate"});
  tree.Connect(nature, "strong", strong);
  tree.Connect(nature, "weak", weak);
  tree.Connect(strong, "fight", tree.AddTerminal("", {-2, 1}));
  tree.Connect(strong, "accommodate", tree.AddTerminal("", {1, 0}));
  tree.Connect(weak, "fight", tree.AddTerminal("", {-2, -1}));
  tree.Connect(weak, "accommodate", tree.AddTerminal("", {1, 1}));
  return tree;
}

TEST(SubgamePerfect, ChanceMovesAreTakenInExpectation) {
  GameTree tree = EntryWithChance();
  tree.Validate();
  EXPECT_TRUE(tree.traits().has_chance);
  SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 2u);
  std::vector<double> incumbent;
  for (const TreeEquilibrium& eq : r.equilibria) {
    EXPECT_EQ(Choice(tree, eq, "strong"), "fight");
    EXPECT_EQ(Choice(tree, eq, "weak"), "accommodate");
    EXPECT_NEAR(eq.payoffs(0), 0.0, 1e-12);
    incumbent.push_back(eq.payoffs(1));
  }
  std::sort(incumbent.begin(), incumbent.end());
  EXPECT_NEAR(incumbent[0], 1.0, 1e-12);
  EXPECT_NEAR(incumbent[1], 3.0, 1e-12);
}

TEST(SubgamePerfect, SeltensHorseIsSolvedThroughItsStrategicForm) {
  // Selten (1975): player 3's information set spans both branches, so the whole game is the
  // only subgame and its SPE are the Nash equilibria of the strategic form. In pure
  // strategies these are (A, a, R) with payoffs (1, 1, 1) and (D, a, L) with (3, 3, 2).
  GameTree tree = SeltensHorse();
  EXPECT_FALSE(tree.traits().perfect_information);
  SpeOptions options;
  options.normal_form_methods = {"pure"};
  SpeResult r = SolveSubgamePerfect(tree, options);
  EXPECT_EQ(r.num_subgames, 1);
  EXPECT_EQ(r.num_strategic_subgames, 1);
  ASSERT_EQ(r.equilibria.size(), 2u);
  std::vector<std::string> plays;
  for (const TreeEquilibrium& eq : r.equilibria) {
    plays.push_back(Choice(tree, eq, "n1") + Choice(tree, eq, "n2") + Choice(tree, eq, "x"));
    if (plays.back() == "AaR") {
      EXPECT_EQ(eq.payoffs, Eigen::Vector3d(1, 1, 1));
    }
    if (plays.back() == "DaL") {
      EXPECT_EQ(eq.payoffs, Eigen::Vector3d(3, 3, 2));
    }
  }
  EXPECT_THAT(plays, ::testing::UnorderedElementsAre("AaR", "DaL"));
}

TEST(SubgamePerfect, InnerSubgameWithInformationSetIsSolvedBeforeTheRoot) {
  // A prisoner's dilemma (defect dominates; payoffs of Osborne 2004, §2.2: 2,2 / 0,3 / 3,0 /
  // 1,1) played after player 1 declines an outside option worth 1.5: the subgame's only
  // equilibrium gives (1, 1), so player 1 takes the outside option.
  GameTree tree({"1", "2"}, "outside option");
  Node root = tree.AddDecision(0, "root", {"outside", "play"});
  tree.Connect(root, "outside", tree.AddTerminal("", {1.5, 0}));
  Node first = tree.AddDecision(0, "pd1", {"quiet", "fink"});
  tree.Connect(root, "play", first);
  int second = tree.AddInfoSet(1, {"quiet", "fink"}, "pd2");
  Node q = tree.AddNode(NodeKind::kDecision, "after_quiet", second);
  Node f = tree.AddNode(NodeKind::kDecision, "after_fink", second);
  tree.Connect(first, "quiet", q);
  tree.Connect(first, "fink", f);
  tree.Connect(q, "quiet", tree.AddTerminal("", {2, 2}));
  tree.Connect(q, "fink", tree.AddTerminal("", {0, 3}));
  tree.Connect(f, "quiet", tree.AddTerminal("", {3, 0}));
  tree.Connect(f, "fink", tree.AddTerminal("", {1, 1}));
  tree.Validate();
  SpeResult r = SolveSubgamePerfect(tree);
  EXPECT_EQ(r.num_subgames, 2);
  EXPECT_EQ(r.num_strategic_subgames, 1);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(Choice(tree, r.equilibria[0], "root"), "outside");
  EXPECT_EQ(Choice(tree, r.equilibria[0], "pd1"), "fink");
  EXPECT_EQ(Choice(tree, r.equilibria[0], "after_quiet"), "fink");
  EXPECT_EQ(r.equilibria[0].payoffs, Eigen::Vector2d(1.5, 0));
}

TEST(SubgamePerfect, TiesBeyondTheCapAreReportedAsPartial) {
  GameTree tree = Ultimatum(4);
  SpeOptions options;
  options.max_equilibria = 1;
  SpeResult r = SolveSubgamePerfect(tree, options);
  EXPECT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.summary.status, SolveStatus::kPartial);
  EXPECT_THAT(r.summary.message, ::testing::HasSubstr("stopped at 1"));
}

TEST(SubgamePerfect, SolveCsvStrategiesAreNodeColonAction) {
  GameTree tree = EntryDeterrence();
  std::vector<std::vector<std::string>> names = BehaviourStrategyNames(tree);
  EXPECT_THAT(names[0], ::testing::ElementsAre("entrant:out", "entrant:in"));
  EXPECT_THAT(names[1], ::testing::ElementsAre("incumbent:fight", "incumbent:accommodate"));
  SpeResult r = SolveSubgamePerfect(tree);
  const Equilibrium& eq = r.summary.equilibria.at(0);
  EXPECT_EQ(eq.profile.strategies[0], Eigen::Vector2d(0, 1));
  EXPECT_EQ(eq.profile.strategies[1], Eigen::Vector2d(0, 1));
  EXPECT_EQ(eq.payoffs, Eigen::Vector2d(1, 1));
}

TEST(SubgamePerfect, RegistryOffersSpeAsTheDefaultForTrees) {
  GameTree tree = Centipede();
  EXPECT_THAT(DefaultMethods(tree.traits()), ::testing::ElementsAre("spe"));
  const SolverInfo* spe = FindSolver("spe");
  ASSERT_NE(spe, nullptr);
  ASSERT_TRUE(spe->solve_tree);
  SolveResult r = spe->solve_tree(tree, SolveOptions{}, {});
  EXPECT_EQ(r.method, "spe");
  EXPECT_EQ(r.equilibria.size(), 1u);
}

TEST(SubgamePerfect, DeepTreesDoNotExhaustTheStack) {
  // A 30000-move centipede-like chain: backward induction is iterative, and the strategic
  // form (for the threat analysis) is refused as too large rather than recursed into.
  GameTree tree({"1", "2"});
  Node prev = tree.AddDecision(0, "m0", {"take", "pass"});
  tree.Connect(prev, "take", tree.AddTerminal("", {1, 0}));
  for (int k = 1; k < 30000; ++k) {
    Node n = tree.AddDecision(k % 2, "", {"take", "pass"});
    tree.Connect(prev, "pass", n);
    tree.Connect(n, "take", tree.AddTerminal("", {k % 2 ? 0.0 : 2.0 + k, k % 2 ? 2.0 + k : 0.0}));
    prev = n;
  }
  tree.Connect(prev, "pass", tree.AddTerminal("", {0, 0}));
  ASSERT_TRUE(tree.Check().empty());
  SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.equilibria[0].payoffs, Eigen::Vector2d(1, 0));
  EXPECT_THAT(r.threat_message, ::testing::HasSubstr("too large"));
}

TEST(StrategicForm, CentipedeReducesToOneStrategyPerStoppingNode) {
  // Reduced normal form: player 1 has take@1, pass-take@3, pass-pass: 3 strategies, not 4.
  ReducedStrategicForm form = ToStrategicForm(Centipede());
  EXPECT_EQ(form.game.num_strategies(0), 3);
  EXPECT_EQ(form.game.num_strategies(1), 3);
  EXPECT_THAT(form.game.strategy_names(0),
              ::testing::Contains("move1:pass move3:take"));
  EXPECT_THAT(form.game.strategy_names(0), ::testing::Contains("move1:take"));
}

}  // namespace
}  // namespace sim::solve
