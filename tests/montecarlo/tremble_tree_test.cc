// SPDX-License-Identifier: MIT
// The tremble transform of game trees (montecarlo/tremble_tree.h): the perturbed tree keeps
// perfect recall, and its subgame-perfect values are the closed form of issue #5's tremble
// model ("with probability u the move is uniformly random, and every player anticipates
// it") computed by hand or by an independent recursion on the original tree.
#include "sim/montecarlo/tremble_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/model/build_tree.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"

namespace sim::montecarlo {
namespace {

using Node = GameTree::Node;
using ::testing::HasSubstr;

// Entry deterrence (Selten 1978) with A = entrant, B = incumbent:
//   A: out -> (1, 3);  in -> B: fight -> (-1, -1), accommodate -> (2, 1).
GameTree Entry() {
  GameTree tree({"A", "B"}, "entry");
  const Node root = tree.AddDecision(0, "A", {"out", "in"});
  const Node b = tree.AddDecision(1, "B", {"fight", "accommodate"});
  tree.Connect(root, "out", tree.AddTerminal("out", {1, 3}));
  tree.Connect(root, "in", b);
  tree.Connect(b, "fight", tree.AddTerminal("fight", {-1, -1}));
  tree.Connect(b, "accommodate", tree.AddTerminal("accommodate", {2, 1}));
  return tree;
}

// Closed form, derived by hand. A player who trembles with probability w at a node with k
// moves plays its intended move with probability (1 - w) + w/k and each other move with w/k,
// so the node is worth (1 - w) V(intended) + w * mean_b V(b) to everyone, and the mover
// intends the move with the largest V to itself (its own tremble adds the same w * mean to
// every intention). Here B (tremble v) intends accommodate (1 > -1):
//   B's node: to A  (1 - v) 2 + v (2 - 1)/2 = 2 - 1.5 v;   to B  (1 - v) 1 + v (1 - 1)/2 = 1 - v.
// A (tremble u) compares out (1) with in (2 - 1.5 v): it intends in iff v < 2/3, and
//   value to A = (1 - u) max(1, 2 - 1.5 v) + u (1 + 2 - 1.5 v)/2,
//   value to B = (1 - u) V_B(intended) + u (3 + 1 - v)/2.
TEST(TrembleTree, EntryGameSpeValuesAreTheClosedForm) {
  const GameTree entry = Entry();
  for (double u : {0.0, 0.2, 0.5}) {
    for (double v : {0.0, 0.4, 0.8}) {
      const TrembledTree t = WithTrembles(entry, {u, v});
      ASSERT_NO_THROW(t.tree.Validate()) << u << " " << v;
      const solve::SpeResult r = solve::SolveSubgamePerfect(t.tree);
      ASSERT_EQ(r.equilibria.size(), 1u) << u << " " << v;
      const double in_a = 2 - 1.5 * v, in_b = 1 - v;
      const bool enters = v < 2.0 / 3.0;
      const double a = (1 - u) * std::max(1.0, in_a) + u * (1 + in_a) / 2;
      const double b = (1 - u) * (enters ? in_b : 3.0) + u * (3 + in_b) / 2;
      EXPECT_NEAR(r.equilibria[0].payoffs(0), a, 1e-12) << u << " " << v;
      EXPECT_NEAR(r.equilibria[0].payoffs(1), b, 1e-12) << u << " " << v;
    }
  }
}

// Node counts: a trembling node with k moves becomes itself, k chance nodes and k copies of
// each child. Entry with both trembling: B's node 1 + 2 + 2*2 = 7, A's 1 + 2 + 2*(1 + 7) = 19.
TEST(TrembleTree, SizeIsTheNodeCountOfTheCopies) {
  const GameTree entry = Entry();
  EXPECT_EQ(TrembledSize(entry, {0, 0}), 5);
  EXPECT_EQ(TrembledSize(entry, {0.1, 0}), 1 + 2 + 2 * (1 + 3));
  EXPECT_EQ(TrembledSize(entry, {0.1, 0.1}), 19);
  const TrembledTree t = WithTrembles(entry, {0.1, 0.1});
  EXPECT_EQ(t.tree.num_nodes(), 19);
  EXPECT_EQ(std::count(t.tremble.begin(), t.tremble.end(), 1), 2 + 2 * 2);
  // Every copy points back at its original; leaves at leaves.
  for (Node n = 0; n < static_cast<Node>(t.tree.num_nodes()); ++n) {
    EXPECT_EQ(t.tree.kind(n) == NodeKind::kTerminal, entry.kind(t.origin[n]) == NodeKind::kTerminal);
  }
}

// A random perfect-information tree (3 players, chance, 2-3 moves) with trembling movers:
// the SPE payoffs of the transformed tree equal an independent recursion on the original,
// V(chance) = sum p_b V(b); V(node of p) = (1 - u_p) V(argmax_b V_p(b)) + u_p mean_b V(b).
// Payoffs are random reals, so there are no ties and the SPE is unique.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  double Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) * 0x1.0p-53;
  }

 private:
  uint64_t state_;
};

Node Grow(GameTree& tree, Lcg& rng, int depth, int* counter) {
  const std::string name = "n" + std::to_string((*counter)++);
  if (depth == 0) return tree.AddTerminal(name, {rng.Next(), rng.Next(), rng.Next()});
  const int k = 2 + static_cast<int>(rng.Next() * 2);
  std::vector<std::string> actions;
  for (int a = 0; a < k; ++a) actions.push_back("m" + std::to_string(a));
  Node node;
  if (rng.Next() < 0.2) {
    std::vector<Probability> p(k, Probability::Exact(Rational(1, k)));
    node = tree.AddChance(name, actions, p);
  } else {
    node = tree.AddDecision(static_cast<int>(rng.Next() * 3), name, actions);
  }
  for (int a = 0; a < k; ++a) tree.Connect(node, actions[a], Grow(tree, rng, depth - 1, counter));
  return node;
}

Eigen::VectorXd TrembleValue(const GameTree& tree, Node n, const std::vector<double>& u) {
  if (tree.kind(n) == NodeKind::kTerminal) return tree.OutcomePayoffs(n);
  const std::vector<Node> children = tree.Children(n);
  std::vector<Eigen::VectorXd> v;
  for (Node c : children) v.push_back(TrembleValue(tree, c, u));
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(tree.num_players());
  for (const Eigen::VectorXd& x : v) mean += x / static_cast<double>(v.size());
  if (tree.kind(n) == NodeKind::kChance) {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(tree.num_players());
    for (size_t b = 0; b < v.size(); ++b)
      e += tree.infoset(tree.node(n).infoset).probabilities[b].value * v[b];
    return e;
  }
  const int p = tree.player(n);
  size_t best = 0;
  for (size_t b = 1; b < v.size(); ++b)
    if (v[b](p) > v[best](p)) best = b;
  return (1 - u[p]) * v[best] + u[p] * mean;
}

TEST(TrembleTree, RandomPerfectInformationTreesMatchTheRecursiveValue) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Lcg rng(seed);
    GameTree tree({"P0", "P1", "P2"});
    int counter = 0;
    Grow(tree, rng, 3, &counter);
    tree.Validate();
    const std::vector<double> u = {0.3, 0.0, 0.75};
    const TrembledTree t = WithTrembles(tree, u, {}, {}, CopySets::kSeparateSingletons);
    ASSERT_NO_THROW(t.tree.Validate()) << seed;
    const solve::SpeResult r = solve::SolveSubgamePerfect(t.tree);
    ASSERT_EQ(r.equilibria.size(), 1u) << seed << ": " << r.summary.message << " nodes "
                                       << t.tree.num_nodes();
    const Eigen::VectorXd expected = TrembleValue(tree, tree.root(), u);
    for (int p = 0; p < 3; ++p) EXPECT_NEAR(r.equilibria[0].payoffs(p), expected(p), 1e-12) << seed;
  }
}

// The model as stated (copies share their original's set) on smaller random trees, where
// the strategic forms the solver then needs stay small: the same values as the recursion,
// and as the tree with separated copies.
TEST(TrembleTree, SharedAndSeparateCopiesGiveTheSameValues) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Lcg rng(seed);
    GameTree tree({"P0", "P1", "P2"});
    int counter = 0;
    Grow(tree, rng, 2, &counter);
    const std::vector<double> u = {0.3, 0.5, 0.75};
    const TrembledTree shared = WithTrembles(tree, u);
    const TrembledTree separate = WithTrembles(tree, u, {}, {}, CopySets::kSeparateSingletons);
    ASSERT_NO_THROW(shared.tree.Validate()) << seed;
    ASSERT_NO_THROW(separate.tree.Validate()) << seed;
    EXPECT_EQ(shared.tree.num_nodes(), separate.tree.num_nodes());
    const solve::SpeResult a = solve::SolveSubgamePerfect(shared.tree);
    const solve::SpeResult b = solve::SolveSubgamePerfect(separate.tree);
    ASSERT_FALSE(a.equilibria.empty()) << seed << ": " << a.summary.message;
    ASSERT_EQ(b.equilibria.size(), 1u) << seed;
    const Eigen::VectorXd expected = TrembleValue(tree, tree.root(), u);
    for (const solve::TreeEquilibrium& eq : a.equilibria)
      for (int p = 0; p < 3; ++p) EXPECT_NEAR(eq.payoffs(p), expected(p), 1e-9) << seed;
    for (int p = 0; p < 3; ++p) EXPECT_NEAR(b.equilibria[0].payoffs(p), expected(p), 1e-12) << seed;
  }
}

// Imperfect information keeps perfect recall. The 2x2 tremble game of run_test.cc as a tree:
// row moves first (T, B), col does not see it (one information set over both nodes):
//            L       R
//     T    2, 1    2, 0
//     B    0, 0    0, 3
// Row intends T (dominant); trembling with u it plays B with probability u/2, so col's
// E[L] = 1 - u/2 and E[R] = 3u/2: col intends L iff u < 1/2 (closed form of run_test.cc).
// In the trembled tree col's set holds all four copies of its node (it sees neither the
// intention nor the tremble); when col trembles too, its own copies after its tremble would
// be below it, and none exist (it is last), so the tree stays valid.
TEST(TrembleTree, SimultaneousMoveKeepsColumnsSetAndItsClosedFormChoice) {
  for (double u : {0.3, 0.7}) {
    GameTree tree({"row", "col"});
    const Node root = tree.AddDecision(0, "row", {"T", "B"});
    const int set = tree.AddInfoSet(1, {"L", "R"}, "col");
    const Node after_t = tree.AddNode(NodeKind::kDecision, "col@T", set);
    const Node after_b = tree.AddNode(NodeKind::kDecision, "col@B", set);
    tree.Connect(root, "T", after_t);
    tree.Connect(root, "B", after_b);
    tree.Connect(after_t, "L", tree.AddTerminal("TL", {2, 1}));
    tree.Connect(after_t, "R", tree.AddTerminal("TR", {2, 0}));
    tree.Connect(after_b, "L", tree.AddTerminal("BL", {0, 0}));
    tree.Connect(after_b, "R", tree.AddTerminal("BR", {0, 3}));
    tree.Validate();
    const TrembledTree t = WithTrembles(tree, {u, 0.2});
    ASSERT_NO_THROW(t.tree.Validate());
    int col_sets = 0;
    for (int s : t.tree.PlayerInfoSets(1)) col_sets += !t.tree.infoset(s).nodes.empty();
    EXPECT_EQ(col_sets, 1);
    const solve::SpeResult r = solve::SolveSubgamePerfect(t.tree);
    ASSERT_EQ(r.equilibria.size(), 1u) << u;
    const int col_set = t.tree.PlayerInfoSets(1)[0];
    EXPECT_EQ(t.tree.infoset(col_set).nodes.size(), 4u);
    EXPECT_DOUBLE_EQ(r.equilibria[0].behaviour.actions[col_set](u < 0.5 ? 0 : 1), 1.0) << u;
  }
}

// The trembling player's own later node: after its own tremble it sits in a set of its own
// (it knows what it intended), which perfect recall requires. A moves twice (x then y);
// B, between them, sees A's first move.
TEST(TrembleTree, TremblersLaterNodesAfterATrembleGetTheirOwnSets) {
  GameTree tree({"A", "B"});
  const Node root = tree.AddDecision(0, "A1", {"x1", "x2"});
  for (const char* first : {"x1", "x2"}) {
    const Node b = tree.AddDecision(1, std::string("B@") + first, {"l", "r"});
    tree.Connect(root, first, b);
    for (const char* second : {"l", "r"}) {
      const Node a2 = tree.AddDecision(0, std::string("A2@") + first + second, {"y1", "y2"});
      tree.Connect(b, second, a2);
      tree.Connect(a2, "y1", tree.AddTerminal(std::string(first) + second + "y1", {1, 0}));
      tree.Connect(a2, "y2", tree.AddTerminal(std::string(first) + second + "y2", {0, 1}));
    }
  }
  tree.Validate();
  const TrembledTree t = WithTrembles(tree, {0.4, 0.0});
  ASSERT_NO_THROW(t.tree.Validate());
  // A's sets: A1, then per original A2 node (4) one set for "intended = played" and one for
  // "intended x1, played x2" or "intended x2, played x1": 1 + 4 * 2.
  EXPECT_EQ(t.tree.PlayerInfoSets(0).size(), 9u);
  // B's sets: the two originals, each now holding the node reached without a tremble and
  // the one reached by A's tremble into it.
  ASSERT_EQ(t.tree.PlayerInfoSets(1).size(), 2u);
  for (int s : t.tree.PlayerInfoSets(1)) EXPECT_EQ(t.tree.infoset(s).nodes.size(), 2u);
}

TEST(TrembleTree, TreesBeyondTheLimitAreRefusedWithALocation) {
  const GameTree entry = Entry();
  TreeLimits limits;
  limits.max_nodes = 10;
  try {
    WithTrembles(entry, {0.5, 0.5}, limits, SourceLocation{"s.yaml", 3, 5});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("s.yaml:3:5: error: the tree with trembles would have 19 "
                                    "nodes, more than the limit of 10"));
  }
}

// ---- The type model (WithErraticTypes) ----

// Entry with B of type model, prior v of being erratic (uniform over fight/accommodate),
// unknown to A. By hand: B's normal type accommodates after in (1 > -1); A's value of in is
// (1 - v) 2 + v (2 - 1)/2 = 2 - 1.5 v against 1 for out, so A enters iff v < 2/3 and
//   value to A = max(1, 2 - 1.5 v),
//   value to B (ex ante) = 1 - v + v (1 - 1)/2 = 1 - v when A enters, 3 otherwise.
// The tree: A's root, then after in the draw of B's type (B's first node) and B's normal
// and erratic copies (5 + 1 + 3 = 9 nodes), B's erratic node a chance node with 1/2, 1/2.
// The draw sits at B's first move, not at the root: nothing A sees depends on it.
TEST(ErraticTypesTree, EntryGameSpeValuesAreTheClosedForm) {
  const GameTree entry = Entry();
  for (double v : {0.0, 0.2, 0.5, 0.8, 1.0}) {
    const TrembledTree t = WithErraticTypes(entry, {0.0, v});
    ASSERT_NO_THROW(t.tree.Validate()) << v;
    if (v == 0) {
      EXPECT_EQ(t.tree.num_nodes(), 5);  // nobody is typed: a plain copy
      continue;
    }
    EXPECT_EQ(t.tree.num_nodes(), 9);
    EXPECT_EQ(ErraticTypesSize(entry, {0.0, v}), 9);
    EXPECT_EQ(std::count(t.erratic.begin(), t.erratic.end(), 1), 1);
    Node draw = GameTree::kNoNode;
    for (Node n = 0; n < static_cast<Node>(t.tree.num_nodes()); ++n)
      if (t.tree.name(n) == "type:B@B") draw = n;
    ASSERT_NE(draw, GameTree::kNoNode);
    EXPECT_EQ(t.tree.infoset(t.tree.node(draw).infoset).probabilities[1].exact,
              *Probability::FromDouble(v).exact);
    const solve::SpeResult r = solve::SolveSubgamePerfect(t.tree);
    ASSERT_EQ(r.equilibria.size(), 1u) << v;
    const bool enters = v < 2.0 / 3.0;
    EXPECT_NEAR(r.equilibria[0].payoffs(0), std::max(1.0, 2 - 1.5 * v), 1e-12) << v;
    EXPECT_NEAR(r.equilibria[0].payoffs(1), enters ? 1 - v : 3.0, 1e-12) << v;
  }
}

// Two typed players: A's type drawn at the root, B's at each copy of B's node (2 x 9 + 1
// nodes); B's normal-type node shares the original's set across A's two types (B does not
// know A's type), A's normal root is alone in its set.
TEST(ErraticTypesTree, TwoTypedPlayersShareTheNormalTypesSetsAcrossTheOthersTypes) {
  const GameTree entry = Entry();
  const TrembledTree t = WithErraticTypes(entry, {0.1, 0.3});
  ASSERT_NO_THROW(t.tree.Validate());
  EXPECT_EQ(t.tree.num_nodes(), 2 * 9 + 1);
  EXPECT_EQ(ErraticTypesSize(entry, {0.1, 0.3}), 19);
  EXPECT_EQ(t.tree.name(t.tree.root()), "type:A@A");
  for (Node n = 0; n < static_cast<Node>(t.tree.num_nodes()); ++n) {
    if (t.tree.kind(n) != NodeKind::kDecision) continue;
    EXPECT_EQ(t.tree.infoset(t.tree.node(n).infoset).nodes.size(), t.tree.player(n) == 1 ? 2u : 1u)
        << t.tree.name(n);
  }
}

// The transform keeps perfect recall (GameTree::Check) on the sequential scenarios with each
// actor, and all actors at once, of the type model.
TEST(ErraticTypesTree, SequentialScenariosPassTheTreeCheck) {
  for (const char* file : {"detente_sequential.yaml", "baltic_resolve.yaml"}) {
    const Scenario s = LoadScenario(std::string(SIM_SOURCE_DIR "/scenarios/") + file);
    const GameTree tree = model::BuildSequentialGame(s).tree;
    const int n = tree.num_players();
    for (int typed = -1; typed < n; ++typed) {
      std::vector<double> u(n, 0.0);
      for (int p = 0; p < n; ++p) u[p] = (typed < 0 || p == typed) ? 0.3 : 0.0;
      const TrembledTree t = WithErraticTypes(tree, u);
      const std::vector<Diagnostic> problems = t.tree.Check();
      EXPECT_TRUE(problems.empty()) << file << " typed " << typed << ": "
                                    << (problems.empty() ? "" : problems[0].ToString());
      EXPECT_FALSE(solve::SolveSubgamePerfect(t.tree).equilibria.empty()) << file << typed;
    }
  }
}

TEST(ErraticTypesTree, TreesBeyondTheLimitAreRefusedWithALocation) {
  TreeLimits limits;
  limits.max_nodes = 10;
  try {
    WithErraticTypes(Entry(), {0.2, 0.2}, limits, SourceLocation{"s.yaml", 3, 5});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("s.yaml:3:5: error: the tree with erratic types would have "
                                    "19 nodes, more than the limit of 10"));
  }
}

// Separate singletons: where a typed player never moves again below a node, its type does
// not change the continuation game, so the copies may have sets of their own (backward
// induction applies). Entry with A typed: B's two copies (A normal, A erratic) get separate
// sets of one class; the SPE values are those of the shared sets (by hand, A's normal type
// enters, B accommodates: A gets (1 - u) 2 + u (1 + 2)/2, B (1 - u) 1 + u (3 + 1)/2).
TEST(ErraticTypesTree, SeparateSingletonsKeepTheValuesAndSplitOnlyWhereTheTypeIsPast) {
  const GameTree entry = Entry();
  const double u = 0.4;
  const TrembledTree shared = WithErraticTypes(entry, {u, 0.0});
  const TrembledTree split = WithErraticTypes(entry, {u, 0.0}, {}, {}, CopySets::kSeparateSingletons);
  ASSERT_NO_THROW(split.tree.Validate());
  int b_sets = 0;
  for (int s = 0; s < split.tree.num_infosets(); ++s) {
    if (split.tree.infoset(s).player != 1) continue;
    ++b_sets;
    EXPECT_EQ(split.tree.infoset(s).nodes.size(), 1u);
    EXPECT_EQ(split.tree.infoset(split.set_class[s]).player, 1);
  }
  EXPECT_EQ(b_sets, 2);
  const solve::SpeResult a = solve::SolveSubgamePerfect(shared.tree);
  const solve::SpeResult b = solve::SolveSubgamePerfect(split.tree);
  ASSERT_EQ(a.equilibria.size(), 1u);
  ASSERT_EQ(b.equilibria.size(), 1u);
  for (int p = 0; p < 2; ++p)
    EXPECT_NEAR(a.equilibria[0].payoffs(p), b.equilibria[0].payoffs(p), 1e-12);
  EXPECT_NEAR(b.equilibria[0].payoffs(0), (1 - u) * 2 + u * 1.5, 1e-12);
  EXPECT_NEAR(b.equilibria[0].payoffs(1), (1 - u) * 1 + u * 2, 1e-12);
}

// peace_2025_types.yaml (Russia, then the US, then Kyiv) with Russia typed (drawn at the
// root, as Russia moves first): shared sets make the whole tree one strategic form beyond the
// limits (the US alone has 3^12 plans); split copies after Russia's move solve by backward
// induction. Kyiv typed (it moves last) needs no split: its draws sit at its own nodes.
TEST(ErraticTypesTree, SeparateSingletonsSolvePeaceWithATypedFirstMover) {
  const Scenario s = LoadScenario(SIM_SOURCE_DIR "/scenarios/peace_2025_types.yaml");
  const GameTree tree = model::BuildSequentialGame(s).tree;
  std::vector<double> u(tree.num_players(), 0.0);
  u[1] = 0.3;  // russia
  ASSERT_EQ(tree.player_name(1), "russia");
  solve::SpeOptions options;
  options.analyse_threats = false;
  EXPECT_TRUE(solve::SolveSubgamePerfect(WithErraticTypes(tree, u).tree, options).equilibria.empty());
  const TrembledTree split = WithErraticTypes(tree, u, {}, {}, CopySets::kSeparateSingletons);
  EXPECT_TRUE(split.tree.Check().empty());
  EXPECT_FALSE(solve::SolveSubgamePerfect(split.tree, options).equilibria.empty());
  u[1] = 0.0;
  u[2] = 0.3;
  ASSERT_EQ(tree.player_name(2), "kyiv");
  EXPECT_FALSE(solve::SolveSubgamePerfect(WithErraticTypes(tree, u).tree, options).equilibria.empty());
}

}  // namespace
}  // namespace sim::montecarlo
