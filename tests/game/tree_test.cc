// SPDX-License-Identifier: MIT
#include "sim/game/tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/game/strategic_form.h"
#include "tests/game/tree_examples.h"

namespace sim {
namespace {

using ::testing::HasSubstr;

TEST(Probability, DecimalsAndFractionsAreKeptExactly) {
  // 0.3 is not a binary fraction; the chance probability still means 3/10 exactly.
  EXPECT_EQ(Probability::FromDouble(0.3).exact, Rational(3, 10));
  EXPECT_EQ(Probability::Exact(Rational(19, 20)).ToString(), "19/20");
  EXPECT_DOUBLE_EQ(Probability::Exact(Rational(1, 3)).value, 1.0 / 3.0);
}

TEST(GameTree, TraitsOfTextbookTrees) {
  GameTraits t = testing::EntryDeterrence().traits();
  EXPECT_TRUE(t.sequential);
  EXPECT_TRUE(t.perfect_information);
  EXPECT_FALSE(t.has_chance);
  EXPECT_EQ(t.num_players, 2);
  EXPECT_FALSE(testing::SeltensHorse().traits().perfect_information);
}

TEST(GameTree, OutcomesAtInnerNodesAddUpAlongThePath) {
  GameTree tree({"a", "b"});
  GameTree::Node root = tree.AddDecision(0, "root", {"x"});
  tree.SetOutcome(root, tree.AddOutcome({1, 10}));
  GameTree::Node leaf = tree.AddTerminal("leaf", {2, 20});
  tree.Connect(root, "x", leaf);
  tree.Validate();
  EXPECT_EQ(tree.PathPayoffs(leaf), Eigen::Vector2d(3, 30));
}

// A spec located in "t.yaml": node i at line i + 1, its moves on the next lines.
// A move as the tests write it: {action, child, probability}; Spec() adds the location.
struct Move {
  std::string action, child, probability;
};

NodeSpec Spec(std::string name, std::string player, const std::vector<Move>& moves, int line,
              std::optional<std::vector<double>> payoffs = std::nullopt) {
  NodeSpec n;
  n.name = std::move(name);
  n.player = std::move(player);
  for (size_t i = 0; i < moves.size(); ++i) {
    n.moves.push_back(MoveSpec{moves[i].action, moves[i].child, moves[i].probability,
                               SourceLocation{"t.yaml", line, 10 + static_cast<int>(i)}});
  }
  n.payoffs = std::move(payoffs);
  n.location = {"t.yaml", line, 3};
  return n;
}

TreeSpec TwoPlayers() {
  TreeSpec spec;
  spec.players = {"us", "russia"};
  spec.location = {"t.yaml", 1, 1};
  return spec;
}

std::string BuildError(const TreeSpec& spec, const TreeLimits& limits = {}) {
  try {
    BuildTree(spec, limits);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(BuildTree, NamedNodesBuildTheTree) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("root", "us", {{"relief", "r", ""}, {"hold", "h", ""}}, 2),
                Spec("r", "russia", {{"concede", "rc", ""}, {"exploit", "re", ""}}, 3),
                Spec("h", "", {}, 4, std::vector<double>{0, 0}),
                Spec("rc", "", {}, 5, std::vector<double>{2, 1}),
                Spec("re", "", {}, 6, std::vector<double>{-1, 3})};
  GameTree tree = BuildTree(spec);
  EXPECT_EQ(tree.num_nodes(), 5);
  EXPECT_EQ(tree.name(tree.Children(tree.root())[0]), "r");
}

TEST(BuildTree, CycleIsRefusedWithItsLocation) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("root", "us", {{"go", "a", ""}}, 2),
                Spec("a", "russia", {{"back", "b", ""}}, 3),
                Spec("b", "us", {{"again", "a", ""}}, 4)};
  std::string error = BuildError(spec);
  EXPECT_THAT(error, HasSubstr("t.yaml:3:3: error: node 'a' has 2 parents"));
  EXPECT_THAT(error, HasSubstr("t.yaml:3:3: error: the moves form a cycle: 'a' -> 'b' -> 'a'"));
}

TEST(BuildTree, DanglingMoveIsRefusedWithTheNearestName) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("root", "us", {{"relief", "russia_move", ""}}, 2),
                Spec("russia_moves", "", {}, 3, std::vector<double>{0, 0})};
  std::string error = BuildError(spec);
  EXPECT_THAT(error, HasSubstr("t.yaml:2:10: error: move 'relief' of node 'root' leads to "
                               "unknown node 'russia_move'"));
  EXPECT_THAT(error, HasSubstr("did you mean 'russia_moves'?"));
}

TEST(BuildTree, NegativeProbabilityIsRefused) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("congress", "chance", {{"block", "b", "-1/4"}, {"pass", "p", "5/4"}}, 2),
                Spec("b", "", {}, 3, std::vector<double>{0, 0}),
                Spec("p", "", {}, 4, std::vector<double>{1, 1})};
  EXPECT_THAT(BuildError(spec), HasSubstr("t.yaml:2:3: error: probability of move 'block' at "
                                          "chance node 'congress' is negative"));
}

TEST(BuildTree, ProbabilitiesMustSumToExactlyOne) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("congress", "chance", {{"block", "b", "1/3"}, {"pass", "p", "0.5"}}, 2),
                Spec("b", "", {}, 3, std::vector<double>{0, 0}),
                Spec("p", "", {}, 4, std::vector<double>{1, 1})};
  EXPECT_THAT(BuildError(spec), HasSubstr("t.yaml:2:3: error: probabilities at chance node "
                                          "'congress' sum to 5/6, not exactly 1"));
}

TEST(BuildTree, UnknownPlayerIsRefusedWithAHint) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("root", "rusia", {{"x", "leaf", ""}}, 2),
                Spec("leaf", "", {}, 3, std::vector<double>{0, 0})};
  std::string error = BuildError(spec);
  EXPECT_THAT(error, HasSubstr("t.yaml:2:3: error: node 'root' is moved by unknown player "
                               "'rusia'"));
  EXPECT_THAT(error, HasSubstr("did you mean 'russia'?"));
}

TEST(BuildTree, TreesBeyondTheSizeLimitAreRefused) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("root", "us", {{"a", "x", ""}, {"b", "y", ""}}, 2),
                Spec("x", "", {}, 3, std::vector<double>{0, 0}),
                Spec("y", "", {}, 4, std::vector<double>{0, 0})};
  EXPECT_THAT(BuildError(spec, TreeLimits{2}),
              HasSubstr("t.yaml:1:1: error: the game tree has 3 nodes, more than the limit of 2"));
}

TEST(BuildTree, LeafWithoutPayoffsAndUnreachableNodesAreReported) {
  TreeSpec spec = TwoPlayers();
  spec.nodes = {Spec("root", "us", {{"a", "x", ""}}, 2), Spec("x", "", {}, 3),
                Spec("island", "", {}, 4, std::vector<double>{0, 0})};
  EXPECT_THAT(BuildError(spec), HasSubstr("t.yaml:3:3: error: leaf 'x' has no payoffs"));
  spec.nodes[1].payoffs = std::vector<double>{1, 1};
  EXPECT_THAT(BuildError(spec), HasSubstr("t.yaml:4:3: error: node 'island' cannot be reached"));
}

TEST(GameTree, CheckFindsAMissingChildInACodeBuiltTree) {
  GameTree tree({"a"});
  GameTree::Node root = tree.AddDecision(0, "root", {"l", "r"});
  tree.Connect(root, "l", tree.AddTerminal("leaf", {1}));
  std::vector<Diagnostic> problems = tree.Check();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, HasSubstr("move 'r' of node 'root' leads nowhere"));
}

// Kuhn (1953): perfect recall means a player's information set never joins nodes it reached
// by different moves of its own. The forgetful player below chooses L or R, then cannot tell
// which it chose; Selten's horse, with an information set of another player, is fine.
TEST(GameTree, InformationSetsThatForgetOwnMovesAreRefused) {
  GameTree tree({"driver"});
  const GameTree::Node root = tree.AddDecision(0, "start", {"L", "R"});
  const int forgot = tree.AddInfoSet(0, {"a", "b"}, "forgot");
  const GameTree::Node after_l = tree.AddNode(NodeKind::kDecision, "after L", forgot);
  const GameTree::Node after_r = tree.AddNode(NodeKind::kDecision, "after R", forgot);
  tree.Connect(root, "L", after_l);
  tree.Connect(root, "R", after_r);
  for (GameTree::Node n : {after_l, after_r}) {
    tree.Connect(n, "a", tree.AddTerminal(tree.name(n) + " a", {1}));
    tree.Connect(n, "b", tree.AddTerminal(tree.name(n) + " b", {0}));
  }
  const std::vector<Diagnostic> problems = tree.Check();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message,
              HasSubstr("nodes 'after L' and 'after R' are in one information set of player "
                        "'driver', who reached them by different moves of its own"));
  EXPECT_TRUE(testing::SeltensHorse().Check().empty());
}

TEST(StrategicForm, BehaviourAndMixedAgreeOnPayoffs) {
  // Kuhn's theorem on Selten's horse: a behaviour profile and its mixed image give the same
  // expected payoffs.
  GameTree tree = testing::SeltensHorse();
  ReducedStrategicForm form = ToStrategicForm(tree);
  BehaviourProfile b = BehaviourProfile::Uniform(tree);
  b.actions[0] = Eigen::Vector2d(0.3, 0.7);
  Eigen::VectorXd direct = ExpectedPayoffs(tree, b, tree.root());
  Eigen::VectorXd via = ExpectedPayoffs(form.game, ToMixed(form, b));
  EXPECT_TRUE(direct.isApprox(via, 1e-12)) << direct.transpose() << " vs " << via.transpose();
}

}  // namespace
}  // namespace sim
