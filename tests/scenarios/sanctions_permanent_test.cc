// SPDX-License-Identifier: MIT
// Expected result R8 of the domain brief on scenarios/sanctions_permanent.yaml: once
// Congress has written the sanctions into law, Moscow stops courting the president for
// relief. Congress codifies because it foresees relief otherwise (codifying has a net cost,
// so it is not a dominant move): without a president willing to ease there is no law, and
// without Congress's stake relief comes.
#include <gtest/gtest.h>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// R8 (D4.2, D4.6): in the subgame-perfect equilibrium Congress codifies, the president keeps
// the sanctions and Moscow weathers them instead of courting Trump.
TEST(SanctionsPermanent, R8MoscowStopsExpectingReliefFromTrump) {
  const SolvedTree solved = SolveTree("sanctions_permanent.yaml");
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("congress", "codify"), 1.0);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "weather"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("permanent_sanctions"), 1.0);
}

// The mechanism is anticipation, not a free law: facing a president with no wish to ease (no
// stake in sanctions or ties), Congress saves the cost and leaves policy to him.
TEST(SanctionsPermanent, R8CongressCodifiesOnlyBecauseItForeseesRelief) {
  const SolvedTree solved = SolveTree("sanctions_permanent.yaml",
                                      {"actors.president.stakes.sanctions.salience=0",
                                       "actors.president.stakes.ties.salience=0"});
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("congress", "leave_to_president"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("permanent_sanctions"), 1.0);
}

// R8: Congress is the mechanism. A Congress with no stake in sanctions and no reward for
// toughness leaves them to the president, and relief for courtship follows.
TEST(SanctionsPermanent, R8WithoutCongressReliefFollows) {
  const SolvedTree solved = SolveTree("sanctions_permanent.yaml",
                                      {"actors.congress.stakes.sanctions.salience=0",
                                       "actors.congress.stakes.ties.salience=0",
                                       "actors.congress.terms.0.value=0"});
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "court_president"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("relief"), 1.0);
}

}  // namespace
}  // namespace sim::scenario_testing
