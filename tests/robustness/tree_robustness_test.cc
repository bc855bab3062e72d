// SPDX-License-Identifier: MIT
// Closed-form checks of the robustness analysis on game trees (issue 13): strict dominance
// at a decision point and the "by construction" flag, and the lever of the weakest margin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/model/build_tree.h"
#include "sim/robustness/robustness.h"
#include "sim/robustness/tree_dominance.h"
#include "sim/robustness/tree_why.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"

namespace sim::robustness {
namespace {

using ::testing::ElementsAre;

// A leader waits or acts; the follower sees which and complies or defies. Payoffs
// (leader, follower), every one ranged +-0.2:
//   wait, comply (1, 1)   wait, defy (0, 0)   act, comply (0.5, 2)   act, defy (0.7, 0)
// The follower complies after either move in every sample (1 - 0.2 > 0 + 0.2 and
// 2 - 0.2 > 0.2): defy is strictly dominated at both of its decision points. So "no
// defiance" holds in every sample only because of that: by construction. The leader then
// waits (1 - 0.2 > 0.5 + 0.2), so "the leader waits" also holds in every sample, but not by
// dominance: acting may give the leader up to 0.7 (+0.2) and waiting as little as 0 (if it
// were defied), so neither of its moves is dominated; the finding rests on backward induction.
Scenario Follower(const std::string& payoffs) {
  return ParseScenario(R"Y(
actors:
  leader: {moves: [wait, act]}
  follower: {moves: [comply, defy]}
payoffs:
)Y" + payoffs + R"Y(
stages:
  - actor: leader
  - actor: follower
outcomes:
  - {name: defiance, when: "follower.defy"}
  - {name: calm, when: "leader.wait and follower.comply"}
findings:
  no_defiance:   {holds: "none(defiance)"}
  leader_waits:  {holds: "every(calm)"}
  defy_is_dominated: {holds: "dominated(follower.defy)", preference: true}
ranges:
  default: {payoff: 0.2}
)Y",
                       "follower.yaml");
}

TEST(TreeDominance, AMoveWorseAtEveryNodeOfItsSetIsRemovedThere) {
  const Scenario s = Follower("  wait, comply: [1, 1]\n  wait, defy: [0, 0]\n  act, comply: [0.5, 2]\n"
                              "  act, defy: [0.7, 0]\n");
  const model::DerivedTree derived = model::BuildSequentialGame(s);
  const std::vector<std::vector<char>> removed = detail::DominatedTreeActions(derived.tree);
  const std::vector<std::vector<char>> moves = detail::DominatedTreeMoves(derived, s, removed);
  EXPECT_THAT(moves[0], ElementsAre(0, 0));  // leader: neither wait nor act
  EXPECT_THAT(moves[1], ElementsAre(0, 1));  // follower: defy, at both of its sets
  // Play that makes no dominated move reaches the two complied leaves: calm or not.
  std::vector<char> has, all;
  detail::TreeRegion(derived, s, moves, derived.outcome_names.size(), &has, &all);
  EXPECT_THAT(has, ElementsAre(0, 1, 1));  // defiance, calm, other
  EXPECT_THAT(all, ElementsAre(0, 0, 0));
}

TEST(TreeDominance, AMoveBestAtOneNodeOfItsSetAndWorstAtAnotherIsNotDominated) {
  // The follower complies after wait (1 > 0) and defies after act (1 > 0): each move is
  // removed at one of its two decision points, so neither is a dominated MOVE.
  const Scenario s = Follower("  wait, comply: [1, 1]\n  wait, defy: [0.2, 0]\n  act, comply: [2, 0]\n"
                              "  act, defy: [0.5, 1]\n");
  const model::DerivedTree derived = model::BuildSequentialGame(s);
  const std::vector<std::vector<char>> removed = detail::DominatedTreeActions(derived.tree);
  int removed_actions = 0;
  for (const auto& set : removed)
    for (char r : set) removed_actions += r;
  EXPECT_EQ(removed_actions, 2);  // defy after wait, comply after act
  const std::vector<std::vector<char>> moves = detail::DominatedTreeMoves(derived, s, removed);
  EXPECT_THAT(moves[1], ElementsAre(0, 0));
}

TEST(TreeDominance, RemovalIteratesFromTheLastMoverBack) {
  // A leader plays safe or risky, then the follower grabs or shares: safe gives (1, 1) if
  // grabbed, (1, 0) if shared; risky (0, 2) if grabbed, (2, 1) if shared. Round 1: share
  // gives the follower less after either move (0 < 1, 1 < 2), removed. Round 2: at most
  // risky now gives the leader 0 (grabbed) < 1, the least safe gives: removed. Round 1 alone
  // would keep it (shared, risky gives 2 > 1).
  const Scenario s = ParseScenario(R"Y(
actors:
  leader: {moves: [safe, risky]}
  follower: {moves: [grab, share]}
payoffs:
  safe, grab: [1, 1]
  safe, share: [1, 0]
  risky, grab: [0, 2]
  risky, share: [2, 1]
stages:
  - actor: leader
  - actor: follower
)Y",
                                   "trust.yaml");
  const model::DerivedTree derived = model::BuildSequentialGame(s);
  const std::vector<std::vector<char>> moves =
      detail::DominatedTreeMoves(derived, s, detail::DominatedTreeActions(derived.tree));
  EXPECT_THAT(moves[0], ElementsAre(0, 1));  // leader.risky, in round 2
  EXPECT_THAT(moves[1], ElementsAre(0, 1));  // follower.share, in round 1
}

TEST(TreeRobustness, AFollowerMoveDominatedInEverySampleMakesItsFindingHoldByConstruction) {
  const Scenario s = Follower("  wait, comply: [1, 1]\n  wait, defy: [0, 0]\n  act, comply: [0.5, 2]\n"
                              "  act, defy: [0.7, 0]\n");
  Options o;
  o.samples = 200;
  o.tipping = false;
  const Result r = Analyse(s, o);
  ASSERT_EQ(r.findings.size(), 3u);
  for (const FindingResult& f : r.findings) EXPECT_EQ(f.holds, 200) << f.name;
  EXPECT_TRUE(r.findings[0].by_construction);
  EXPECT_THAT(r.findings[0].dominated_moves, ElementsAre("follower.defy"));
  EXPECT_FALSE(r.findings[1].by_construction);  // the leader's choice is backward induction
  EXPECT_TRUE(r.findings[2].by_construction);   // dominated() itself, a preference
}

TEST(TreeRobustness, AFindingThatHoldsWithNoMoveDominatedIsNotByConstruction) {
  // Every sample: comply after wait, defy after act (each +-0.2 apart by at least 0.6), so
  // the leader waits (1 - 0.2 > 0.5 + 0.2) and calm is the one outcome; no move is
  // dominated at every point where it may be made, so no flag.
  const Scenario s = Follower("  wait, comply: [1, 1]\n  wait, defy: [0.2, 0]\n  act, comply: [2, 0]\n"
                              "  act, defy: [0.5, 1]\n");
  Options o;
  o.samples = 200;
  o.tipping = false;
  const Result r = Analyse(s, o);
  EXPECT_EQ(r.findings[1].holds, 200);
  EXPECT_FALSE(r.findings[1].by_construction);
  EXPECT_EQ(r.findings[2].holds, 0);  // defy is not a dominated move here
  EXPECT_FALSE(r.findings[2].by_construction);
}

TEST(TreeWhy, TheLeverOfTheEntrantsMarginIsWhatStayingOutPays) {
  // Entry (Selten 1978), payoffs (entrant, incumbent): out, fight (1, 3); out, accommodate
  // (1, 2); in, fight (-1, -1); in, accommodate (2, 1). The entrant enters, with margin
  // 2 - 1 = 1 against staying out (the incumbent fights after out). That margin falls one
  // for one with what staying out pays (payoffs.0.0, slope -1) and rises one for one with
  // what accommodated entry pays; ranged over [0.5, 2.5] against +-0.5 for the rest, the
  // outside option moves it most (1 x 2 > 1 x 1), and it breaks where out pays 2.
  const Scenario s = ParseScenario(R"Y(
actors:
  entrant: {moves: [out, in]}
  incumbent: {moves: [fight, accommodate]}
payoffs:
  out, fight: [1, 3]
  out, accommodate: [1, 2]
  in, fight: [-1, -1]
  in, accommodate: [2, 1]
stages:
  - actor: entrant
  - actor: incumbent
ranges:
  payoffs.0.0: [0.5, 2.5]
  default: {payoff: 0.5}
)Y",
                                   "entry.yaml");
  const model::DerivedTree derived = model::BuildSequentialGame(s);
  const solve::SpeResult spe = solve::SolveSubgamePerfect(derived.tree);
  const TreeWhyReport report = ExplainTreeEquilibria(derived.tree, spe, &s);
  ASSERT_EQ(report.equilibria.size(), 1u);
  const TreeEquilibriumWhy& why = report.equilibria[0];
  ASSERT_GE(why.weakest, 0);
  EXPECT_NEAR(why.sets[why.weakest].margin, 1.0, 1e-12);
  ASSERT_TRUE(why.lever.has_value());
  EXPECT_EQ(why.lever->path, "payoffs.0.0");
  EXPECT_NEAR(why.lever->derivative, -1.0, 1e-6);
  ASSERT_TRUE(why.lever->breaks_at.has_value());
  EXPECT_NEAR(*why.lever->breaks_at, 2.0, 1e-6);
  EXPECT_THAT(TreeWhyTable(derived.tree, report),
              ::testing::HasSubstr("moved most by payoffs.0.0 (margin changes -1 per unit; at that rate it breaks "
                                   "near 2, inside [0.5, 2.5])"));
  EXPECT_THAT(TreeWhyJson(derived.tree, report),
              ::testing::HasSubstr("\"lever\": {\"path\": \"payoffs.0.0\", \"derivative\": -"));
  // Without the scenario (an .efg tree) there is nothing to range.
  EXPECT_FALSE(ExplainTreeEquilibria(derived.tree, spe).equilibria[0].lever.has_value());
}

}  // namespace
}  // namespace sim::robustness
