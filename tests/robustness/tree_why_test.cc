// SPDX-License-Identifier: MIT
// Why each equilibrium of a game tree holds (issue 13, item 4): closed forms on entry
// deterrence (Selten 1978) and on an entry game whose incumbent cannot tell two entries
// apart, where the belief off the path decides the margin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/robustness/tree_why.h"
#include "sim/solve/spe.h"
#include "tests/game/tree_examples.h"

namespace sim::robustness {
namespace {

using ::testing::HasSubstr;

const SetIncentive& At(const GameTree& tree, const TreeEquilibriumWhy& why, const std::string& set) {
  for (const SetIncentive& s : why.sets)
    if (tree.InfoSetName(s.infoset) == set) return s;
  ADD_FAILURE() << "no set " << set;
  return why.sets.front();
}

// Entry deterrence: out (0, 2); in, then fight (-1, -1) or accommodate (1, 1). The one
// subgame-perfect equilibrium is (in, accommodate): the entrant enters because in gives it 1
// (the incumbent accommodates) and out 0; the incumbent accommodates because 1 > -1.
TEST(TreeWhy, EntryDeterrenceTheEntrantEntersAndTheIncumbentAccommodates) {
  const GameTree tree = sim::testing::EntryDeterrence();
  const solve::SpeResult spe = solve::SolveSubgamePerfect(tree);
  ASSERT_EQ(spe.equilibria.size(), 1u);
  const TreeWhyReport report = ExplainTreeEquilibria(tree, spe);
  ASSERT_EQ(report.equilibria.size(), 1u);
  const TreeEquilibriumWhy& why = report.equilibria[0];
  ASSERT_EQ(why.sets.size(), 2u);

  const SetIncentive& entrant = At(tree, why, "entrant");
  EXPECT_TRUE(entrant.on_path);
  EXPECT_EQ(entrant.support, std::vector<int>{1});  // in
  EXPECT_DOUBLE_EQ(entrant.value, 1.0);
  EXPECT_EQ(entrant.deviation, 0);  // out
  EXPECT_DOUBLE_EQ(entrant.deviation_value, 0.0);
  EXPECT_DOUBLE_EQ(entrant.margin, 1.0);

  const SetIncentive& incumbent = At(tree, why, "incumbent");
  EXPECT_TRUE(incumbent.on_path);
  EXPECT_EQ(incumbent.support, std::vector<int>{1});  // accommodate
  EXPECT_DOUBLE_EQ(incumbent.value, 1.0);
  EXPECT_EQ(incumbent.deviation, 0);  // fight
  EXPECT_DOUBLE_EQ(incumbent.deviation_value, -1.0);
  EXPECT_DOUBLE_EQ(incumbent.margin, 2.0);

  // The weakest margin is the entrant's (1 < 2), in words.
  EXPECT_EQ(&why.sets[why.weakest], &entrant);
  EXPECT_EQ(why.sentence, "entrant keeps in at entrant: moving to out would give it 0 instead of 1, a loss of 1");
  EXPECT_THAT(TreeWhyTable(tree, report),
              HasSubstr("incumbent at incumbent (on the path): plays accommodate, worth 1; best other move "
                        "fight gives -1 (margin 2)"));
  EXPECT_THAT(TreeWhyJson(tree, report),
              HasSubstr("{\"player\": \"incumbent\", \"infoset\": \"incumbent\", \"on_path\": true, \"belief\": "
                        "{\"incumbent\": 1}, \"plays\": {\"accommodate\": 1}, \"value\": 1, \"best_deviation\": "
                        "\"fight\", \"deviation_value\": -1, \"margin\": 2, \"checked\": true}"));
}

// The entrant stays out (1, 0) or enters one of two ways, a or b, which the incumbent cannot
// tell apart (one information set {after a, after b}). Payoffs (entrant, incumbent):
//   a, fight (-1, 2)   a, accommodate (0, 0)   b, fight (-1, -2)   b, accommodate (0.5, 1).
// Take the profile (out, accommodate). The incumbent's set is off the path; the tremble limit
// (solve/assessment.h) gives it belief 1/2 on each entry (each is one tremble of the entrant,
// with the same untrembled moves), so fight gives (2 - 2)/2 = 0 and accommodate
// (0 + 1)/2 = 1/2: margin 1/2. The entrant gets 1 from out and at most 1/2 from entering
// (b, accommodated): margin 1/2. Both margins tie; the one on the path is the weakest.
TEST(TreeWhy, OffThePathTheMarginUsesTheTrembleLimitBelief) {
  GameTree tree({"entrant", "incumbent"}, "entry two ways");
  const GameTree::Node root = tree.AddDecision(0, "entrant", {"out", "a", "b"});
  tree.Connect(root, "out", tree.AddTerminal("stay_out", {1, 0}));
  const int incumbent = tree.AddInfoSet(1, {"fight", "accommodate"}, "incumbent");
  const GameTree::Node after_a = tree.AddNode(NodeKind::kDecision, "after_a", incumbent);
  const GameTree::Node after_b = tree.AddNode(NodeKind::kDecision, "after_b", incumbent);
  tree.Connect(root, "a", after_a);
  tree.Connect(root, "b", after_b);
  tree.Connect(after_a, "fight", tree.AddTerminal("a_fight", {-1, 2}));
  tree.Connect(after_a, "accommodate", tree.AddTerminal("a_accommodate", {0, 0}));
  tree.Connect(after_b, "fight", tree.AddTerminal("b_fight", {-1, -2}));
  tree.Connect(after_b, "accommodate", tree.AddTerminal("b_accommodate", {0.5, 1}));
  tree.Validate();

  solve::SpeResult result;
  solve::TreeEquilibrium eq;
  eq.behaviour.actions.resize(tree.num_infosets());
  const int entrant = tree.node(root).infoset;
  eq.behaviour.actions[entrant] = Eigen::Vector3d(1, 0, 0);
  eq.behaviour.actions[incumbent] = Eigen::Vector2d(0, 1);
  result.equilibria.push_back(eq);  // no beliefs given: they are computed (the assessment)

  const TreeWhyReport report = ExplainTreeEquilibria(tree, result);
  const TreeEquilibriumWhy& why = report.equilibria.at(0);
  const SetIncentive& inc = At(tree, why, "incumbent");
  EXPECT_FALSE(inc.on_path);
  ASSERT_EQ(inc.belief.size(), 2);
  EXPECT_NEAR(inc.belief(0), 0.5, 1e-12);
  EXPECT_NEAR(inc.belief(1), 0.5, 1e-12);
  EXPECT_NEAR(inc.value, 0.5, 1e-12);
  EXPECT_EQ(inc.deviation, 0);
  EXPECT_NEAR(inc.deviation_value, 0.0, 1e-12);
  EXPECT_NEAR(inc.margin, 0.5, 1e-12);

  const SetIncentive& ent = At(tree, why, "entrant");
  EXPECT_TRUE(ent.on_path);
  EXPECT_EQ(ent.deviation, 2);  // b: 0.5, better than a: 0
  EXPECT_NEAR(ent.deviation_value, 0.5, 1e-12);
  EXPECT_NEAR(ent.margin, 0.5, 1e-12);
  EXPECT_EQ(&why.sets[why.weakest], &ent);
  EXPECT_THAT(TreeWhyTable(tree, report),
              HasSubstr("incumbent at incumbent (off the path; belief after_a 0.5, after_b 0.5): plays "
                        "accommodate, worth 0.5; best other move fight gives 0 (margin 0.5)"));
}

}  // namespace
}  // namespace sim::robustness
