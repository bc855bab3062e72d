// SPDX-License-Identifier: MIT
// Claims D4.6 and D4.2 on scenarios/detente_caatsa.yaml, the détente with Congress as a
// player reviewing relief (CAATSA): relief does not survive review, so Moscow does not pay for
// it in Syria; and the reason is Congress's weight on sanctions, not a move that could never
// pay.
#include <gtest/gtest.h>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// D4.6: on the subgame-perfect path nothing moves; off it, Congress blocks any relief the
// president grants, even after a Syria de-escalation, and Moscow, foreseeing it, keeps its
// positions. No Ukraine concession anywhere on the path (R1).
TEST(DetenteCaatsa, D46CongressBlocksReliefSoTheDetenteDoesNotHappen) {
  const SolvedTree solved = SolveTree("detente_caatsa.yaml");
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "status_quo"), 1.0);
  EXPECT_EQ(solved.outcomes.count("detente"), 0u);
  EXPECT_EQ(solved.outcomes.count("ukraine_concession"), 0u);
  // Forced to de-escalate, Moscow sees the president grant relief and Congress block it.
  const SolvedTree forced = SolveTree("detente_caatsa.yaml", {"actors.russia.moves.status_quo.cost=1",
                                                              "actors.russia.moves.concede_ukraine.cost=1"});
  EXPECT_DOUBLE_EQ(forced.MoveProbability("russia", "deescalate_syria"), 1.0);
  EXPECT_DOUBLE_EQ(forced.MoveProbability("usa", "relief"), 1.0);
  EXPECT_DOUBLE_EQ(forced.MoveProbability("congress", "block"), 1.0);
}

// The mechanism: a Congress that weighs sanctions as little as a pre-CAATSA one (salience 0.3,
// below the robustness run's tipping point 0.31) lets relief stand, and the détente of R1
// returns: Moscow de-escalates in Syria for relief that now survives.
TEST(DetenteCaatsa, D46WithACongressThatLeavesSanctionsToThePresidentTheDetenteReturns) {
  const SolvedTree solved =
      SolveTree("detente_caatsa.yaml", {"actors.congress.stakes.sanctions.salience=0.3"});
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("congress", "let_stand"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("detente"), 1.0);
}

}  // namespace
}  // namespace sim::scenario_testing
