// SPDX-License-Identifier: MIT
// Claim D4.3 of the domain brief on scenarios/inf_arms_race.yaml: the arms race is back and
// self-enforcing once Washington leaves, and Washington, leaving first, takes the blame.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// D4.3: the arms race is an equilibrium, and a US withdrawal makes building Moscow's only
// best reply.
TEST(InfArmsRace, D43ArmsRaceIsSelfEnforcingOnceWashingtonLeaves) {
  const Loaded g = Load("inf_arms_race.yaml");
  const PureProfile race = g.Profile({{"usa", "withdraw"}, {"russia", "build"}});
  EXPECT_TRUE(g.IsEquilibrium(race));
  EXPECT_EQ(g.Outcome(race), "arms_race");
  EXPECT_EQ(g.BestReplies(race, "russia"), std::vector<std::string>{"build"});
}

// D4.3: leaving first puts the blame on Washington, and Moscow counts that as a gain: in the
// arms race the blame lies with the United States, and Russia is better off there than if
// it had built under a treaty Washington kept.
TEST(InfArmsRace, D43WithdrawingFirstPutsTheBlameOnWashington) {
  const Loaded g = Load("inf_arms_race.yaml");
  const PureProfile race = g.Profile({{"usa", "withdraw"}, {"russia", "build"}});
  const PureProfile cheat = g.Profile({{"usa", "stay_in"}, {"russia", "build"}});
  EXPECT_GT(g.Position(race, "blame"), 0.5);
  EXPECT_LT(g.Position(cheat, "blame"), 0.5);
  EXPECT_GT(g.Payoff(race, "russia"), g.Payoff(cheat, "russia"));
}

// D4.3 is not knife-edge: the arms race stays an equilibrium with any one salience 25% lower
// or higher.
TEST(InfArmsRace, D43SurvivesAQuarterChangeInAnySalience) {
  ForEachSalienceScaling("inf_arms_race.yaml", [](const Loaded& g, const std::string& set) {
    EXPECT_TRUE(g.IsEquilibrium(g.Profile({{"usa", "withdraw"}, {"russia", "build"}}))) << set;
  });
}

}  // namespace
}  // namespace sim::scenario_testing
