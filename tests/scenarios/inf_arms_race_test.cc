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
// arms race the blame lies with the United States (a Russian deployment under a treaty
// Washington keeps leaves it disputed), and Russia would be worse off in the race if leaving
// first brought Washington no blame.
TEST(InfArmsRace, D43WithdrawingFirstPutsTheBlameOnWashington) {
  const Loaded g = Load("inf_arms_race.yaml");
  const PureProfile race = g.Profile({{"usa", "withdraw"}, {"russia", "build"}});
  const PureProfile cheat = g.Profile({{"usa", "stay_in"}, {"russia", "build"}});
  EXPECT_GT(g.Position(race, "blame"), 0.5);
  EXPECT_LT(g.Position(cheat, "blame"), 0.5);
  const Loaded no_blame = Load("inf_arms_race.yaml", {"actors.usa.moves.withdraw.effects.blame=0"});
  EXPECT_GT(g.Payoff(race, "russia"), no_blame.Payoff(race, "russia"));
}

// D4.3: the treaty is probably already dead, and why is derived: with the violation dispute
// unsettled, a deployment under the treaty costs Moscow little blame, so Moscow builds while
// Washington stays in, and "both keep the treaty" is no equilibrium. The mechanism: pin the
// blame on Moscow (the first edition's -0.3) and the treaty holds again as an equilibrium.
TEST(InfArmsRace, D43TreatyDiesBecauseAViolationIsNotPinnedOnMoscow) {
  const Loaded g = Load("inf_arms_race.yaml");
  const PureProfile treaty = g.Profile({{"usa", "stay_in"}, {"russia", "restrain"}});
  EXPECT_FALSE(g.IsEquilibrium(treaty));
  EXPECT_EQ(g.BestReplies(treaty, "russia"), std::vector<std::string>{"build"});
  const Loaded pinned =
      Load("inf_arms_race.yaml", {"actors.russia.moves.build.conditional.0.effects.blame=-0.3"});
  EXPECT_TRUE(pinned.IsEquilibrium(pinned.Profile({{"usa", "stay_in"}, {"russia", "restrain"}})));
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
