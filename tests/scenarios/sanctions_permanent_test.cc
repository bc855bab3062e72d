// SPDX-License-Identifier: MIT
// Expected result R8 of the domain brief on scenarios/sanctions_permanent.yaml: once
// Congress has written the sanctions into law, Moscow stops courting the president for
// relief; without Congress's resolve, relief would be an equilibrium.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// R8 (D4.2, D4.6): in every equilibrium Congress codifies, sanctions stay in force and
// Moscow weathers them instead of courting Trump.
TEST(SanctionsPermanent, R8MoscowStopsExpectingReliefFromTrump) {
  const Loaded g = Load("sanctions_permanent.yaml");
  const std::vector<PureProfile> equilibria = g.PureEquilibria();
  ASSERT_FALSE(equilibria.empty());
  for (const PureProfile& e : equilibria) {
    EXPECT_EQ(g.MoveName(g.Actor("congress"), e[g.Actor("congress")]), "codify");
    EXPECT_EQ(g.MoveName(g.Actor("russia"), e[g.Actor("russia")]), "weather");
    EXPECT_GE(g.Position(e, "sanctions"), 1.0);
    EXPECT_EQ(g.Outcome(e), "permanent_sanctions");
  }
}

// R8: Congress is the mechanism. A Congress that leaves sanctions to the president (no
// stake in them, no reward for toughness) makes relief-for-courtship an equilibrium.
TEST(SanctionsPermanent, R8WithoutCongressReliefWouldBeAnEquilibrium) {
  const Loaded g = Load("sanctions_permanent.yaml",
                        {"actors.congress.stakes.sanctions.salience=0",
                         "actors.congress.stakes.ties.salience=0", "actors.congress.terms.0.value=0"});
  const std::vector<std::string> outcomes = g.EquilibriumOutcomes();
  EXPECT_NE(std::find(outcomes.begin(), outcomes.end(), "relief"), outcomes.end());
  const PureProfile open = g.Profile({{"president", "ease"}, {"congress", "leave_to_president"},
                                      {"russia", "weather"}});
  EXPECT_EQ(g.BestReplies(open, "russia"), std::vector<std::string>{"court_president"});
}

// R8 is not knife-edge: with any one salience 25% lower or higher, every equilibrium still
// keeps the sanctions and has Moscow weathering them.
TEST(SanctionsPermanent, R8SurvivesAQuarterChangeInAnySalience) {
  ForEachSalienceScaling("sanctions_permanent.yaml", [](const Loaded& g, const std::string& set) {
    const std::vector<PureProfile> equilibria = g.PureEquilibria();
    EXPECT_FALSE(equilibria.empty()) << set;
    for (const PureProfile& e : equilibria) {
      EXPECT_EQ(g.Outcome(e), "permanent_sanctions") << set;
    }
  });
}

}  // namespace
}  // namespace sim::scenario_testing
