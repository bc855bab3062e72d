// SPDX-License-Identifier: MIT
#include "sim/game/bayesian.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/game/strategic_form.h"
#include "sim/solve/spe.h"

namespace sim::solve {
namespace {

using Node = GameTree::Node;

// Beer-quiche (Cho & Kreps 1987, QJE 102, §II): the sender is surly (prior 9/10) or a wimp
// (1/10) and picks a breakfast; the receiver sees the breakfast, not the type, and duels or
// not. Sender: 2 for no duel, +1 for the breakfast its type prefers (surly: beer, wimp:
// quiche). Receiver: 1 for dueling a wimp or leaving a surly sender alone, else 0.
GameTree BeerQuicheForType(bool surly) {
  GameTree game({"sender", "receiver"}, "beer-quiche");
  Node sender = game.AddDecision(0, "sender", {"beer", "quiche"});
  for (const char* food : {"beer", "quiche"}) {
    Node r = game.AddDecision(1, std::string("after_") + food, {"duel", "dont"});
    game.Connect(sender, food, r);
    const double taste = (std::string(food) == "beer") == surly ? 1.0 : 0.0;
    game.Connect(r, "duel", game.AddTerminal("", {taste, surly ? 0.0 : 1.0}));
    game.Connect(r, "dont", game.AddTerminal("", {taste + 2.0, surly ? 1.0 : 0.0}));
  }
  return game;
}

GameTree BeerQuiche() {
  PlayerTypes types;
  types.player = 0;
  types.names = {"surly", "wimp"};
  types.prior = {Probability::Exact(Rational(9, 10)), Probability::Exact(Rational(1, 10))};
  return HarsanyiTransform(types, {BeerQuicheForType(true), BeerQuicheForType(false)});
}

int Infoset(const GameTree& tree, const std::string& name) {
  for (int i = 0; i < tree.num_infosets(); ++i) {
    if (tree.InfoSetName(i) == name) return i;
  }
  ADD_FAILURE() << "no set " << name;
  return 0;
}

TEST(HarsanyiTransform, UninformedPlayerCannotTellTheTypesApart) {
  GameTree tree = BeerQuiche();
  EXPECT_TRUE(tree.traits().has_chance);
  EXPECT_FALSE(tree.traits().perfect_information);
  EXPECT_EQ(tree.infoset(Infoset(tree, "after_beer")).nodes.size(), 2u);
  EXPECT_EQ(tree.infoset(Infoset(tree, "surly/sender")).nodes.size(), 1u);
  EXPECT_THAT(BehaviourStrategyNames(tree)[1],
              ::testing::ElementsAre("after_beer:duel", "after_beer:dont", "after_quiche:duel",
                                     "after_quiche:dont"));
}

TEST(BayesianNash, BeerQuicheHasTwoPoolingEquilibria) {
  // Cho & Kreps (1987): in pure strategies both types pool, on beer (the receiver duels
  // after quiche) or on quiche (it duels after beer); no separating equilibrium exists.
  // Ex-ante payoffs: beer pooling 9/10 * 3 + 1/10 * 2 = 2.9 for the sender, 0.9 for the
  // receiver; quiche pooling 9/10 * 2 + 1/10 * 3 = 2.1 and 0.9.
  GameTree tree = BeerQuiche();
  SpeOptions options;
  options.normal_form_methods = {"pure"};
  SpeResult r = SolveNashViaStrategicForm(tree, options);
  ASSERT_EQ(r.equilibria.size(), 2u);
  const int surly = Infoset(tree, "surly/sender"), wimp = Infoset(tree, "wimp/sender");
  const int after_beer = Infoset(tree, "after_beer"), after_quiche = Infoset(tree, "after_quiche");
  int pooling_on_beer = 0;
  for (const TreeEquilibrium& eq : r.equilibria) {
    const auto& b = eq.behaviour.actions;
    EXPECT_EQ(b[surly], b[wimp]) << "both types pool";
    const bool beer = b[surly](0) == 1.0;
    const int on_path = beer ? after_beer : after_quiche;
    const int off_path = beer ? after_quiche : after_beer;
    EXPECT_EQ(b[on_path], Eigen::Vector2d(0, 1)) << "no duel on the path";
    EXPECT_EQ(b[off_path], Eigen::Vector2d(1, 0)) << "duel off the path";
    EXPECT_NEAR(eq.payoffs(0), beer ? 2.9 : 2.1, 1e-12);
    EXPECT_NEAR(eq.payoffs(1), 0.9, 1e-12);
    // Beliefs: on the path Bayes' rule returns the prior; off the path it is silent.
    ASSERT_EQ(eq.beliefs[on_path].size(), 2);
    EXPECT_NEAR(eq.beliefs[on_path](0), 0.9, 1e-12);
    EXPECT_NEAR(eq.beliefs[on_path](1), 0.1, 1e-12);
    EXPECT_EQ(eq.beliefs[off_path].size(), 0);
    pooling_on_beer += beer;
  }
  EXPECT_EQ(pooling_on_beer, 1);
  // The whole game is its only subgame, so the SPE are the same two profiles.
  EXPECT_EQ(SolveSubgamePerfect(tree, options).equilibria.size(), 2u);
}

TEST(HarsanyiTransform, MismatchedMovesOfTheUninformedPlayerAreRefused) {
  GameTree other = BeerQuicheForType(false);
  GameTree changed({"sender", "receiver"});
  Node s = changed.AddDecision(0, "sender", {"beer", "quiche"});
  Node r1 = changed.AddDecision(1, "after_beer", {"duel", "flee"});
  changed.Connect(s, "beer", r1);
  changed.Connect(r1, "duel", changed.AddTerminal("", {0, 0}));
  changed.Connect(r1, "flee", changed.AddTerminal("", {0, 0}));
  changed.Connect(s, "quiche", changed.AddTerminal("", {0, 0}));
  PlayerTypes types;
  types.names = {"surly", "wimp"};
  types.prior = {Probability::Exact(Rational(1, 2)), Probability::Exact(Rational(1, 2))};
  EXPECT_THROW(HarsanyiTransform(types, {other, changed}), InputError);
}

}  // namespace
}  // namespace sim::solve
