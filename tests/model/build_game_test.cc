// SPDX-License-Identifier: MIT
// Deriving the normal form from a scenario: positions, utilities and outcome classes of
// every profile equal the values computed by hand from the utility form stated in
// include/sim/model/build_game.h.
#include "sim/model/build_game.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/load.h"

namespace sim::model {
namespace {

constexpr double kTol = 1e-12;

Scenario SmallBargain() {
  return LoadScenario(std::string(SIM_SOURCE_DIR).append("/tests/data/good/small_bargain.yaml"));
}

// tests/data/good/small_bargain.yaml:
//   issues: sanctions (status quo 1.0), syria (status quo 0.5)
//   usa:    sanctions ideal 0.5 salience 1; syria ideal 0 salience 2
//           hold; relief (cost 0.1, sanctions -0.5, and syria -0.25 if russia.deescalate)
//   russia: sanctions ideal 0 salience 1; syria ideal 1 salience 0.5
//           stay; deescalate (cost 0.05, syria -0.5)
//           term -0.2 when russia.deescalate and sanctions > 0.75
// Profiles in game order (usa's move changes fastest):
//   0 = (hold, stay), 1 = (relief, stay), 2 = (hold, deescalate), 3 = (relief, deescalate)
TEST(BuildGame, SmallBargainPayoffsEqualHandComputedValues) {
  const DerivedGame d = BuildGame(SmallBargain());
  ASSERT_EQ(d.game.num_profiles(), 4);
  EXPECT_EQ(d.game.strategy_name(0, 1), "relief");
  EXPECT_EQ(d.game.strategy_name(1, 1), "deescalate");
  // Profile 0, x = (1, 0.5):
  //   usa    = -(1 (1 - 0.5)^2 + 2 (0.5 - 0)^2)   = -(0.25 + 0.5)  = -0.75
  //   russia = -(1 (1 - 0)^2 + 0.5 (0.5 - 1)^2)   = -(1 + 0.125)   = -1.125
  EXPECT_NEAR(d.game.payoff(0, 0), -0.75, kTol);
  EXPECT_NEAR(d.game.payoff(0, 1), -1.125, kTol);
  // Profile 1, x = (1 - 0.5, 0.5) = (0.5, 0.5); the conditional effect needs deescalate:
  //   usa    = -(0 + 2 (0.5)^2) - 0.1              = -0.6
  //   russia = -(1 (0.5)^2 + 0.5 (0.5)^2)          = -0.375
  EXPECT_NEAR(d.game.payoff(1, 0), -0.6, kTol);
  EXPECT_NEAR(d.game.payoff(1, 1), -0.375, kTol);
  // Profile 2, x = (1, 0.5 - 0.5) = (1, 0):
  //   usa    = -(1 (0.5)^2 + 0)                    = -0.25
  //   russia = -(1 (1)^2 + 0.5 (0 - 1)^2) - 0.05 - 0.2 (audience cost: sanctions 1 > 0.75)
  //          = -1.5 - 0.25                         = -1.75
  EXPECT_NEAR(d.game.payoff(2, 0), -0.25, kTol);
  EXPECT_NEAR(d.game.payoff(2, 1), -1.75, kTol);
  // Profile 3, x = (0.5, clamp(0.5 - 0.5 - 0.25)) = (0.5, 0): the conditional effect applies
  // and the sum -0.25 is clamped to 0.
  //   usa    = -(1 (0.5 - 0.5)^2 + 2 (0 - 0)^2) - 0.1 = -0.1
  //   russia = -(1 (0.5)^2 + 0.5 (0 - 1)^2) - 0.05 = -(0.25 + 0.5) - 0.05 = -0.8
  //          (no audience cost: sanctions 0.5 is not > 0.75)
  EXPECT_NEAR(d.game.payoff(3, 0), -0.1, kTol);
  EXPECT_NEAR(d.game.payoff(3, 1), -0.8, kTol);
}

TEST(BuildGame, PositionsApplyConditionalEffectsAndClamp) {
  const DerivedGame d = BuildGame(SmallBargain());
  ASSERT_EQ(d.positions.rows(), 4);
  ASSERT_EQ(d.positions.cols(), 2);
  EXPECT_NEAR(d.positions(0, 0), 1.0, kTol);
  EXPECT_NEAR(d.positions(0, 1), 0.5, kTol);
  EXPECT_NEAR(d.positions(1, 0), 0.5, kTol);
  EXPECT_NEAR(d.positions(1, 1), 0.5, kTol);  // relief alone: no conditional effect
  EXPECT_NEAR(d.positions(2, 1), 0.0, kTol);
  EXPECT_NEAR(d.positions(3, 1), 0.0, kTol);  // 0.5 - 0.5 - 0.25 = -0.25, clamped to 0
}

TEST(BuildGame, ClampingHappensAfterAllEffectsAreSummed) {
  // Status quo 0.8; a pushes +0.5, b pushes -0.5. Together: 0.8 + 0.5 - 0.5 = 0.8. Clamping
  // after each effect would give min(1.3, 1) - 0.5 = 0.5 instead.
  const Scenario s = ParseScenario(
      "issues: {i: {status_quo: 0.8}}\n"
      "actors:\n"
      "  a: {stakes: {i: {ideal: 1, salience: 1}}, moves: {idle: , up: {effects: {i: 0.5}}}}\n"
      "  b: {stakes: {i: {ideal: 0, salience: 1}}, moves: {idle: , down: {effects: {i: -0.5}}}}\n",
      "t.yaml");
  const DerivedGame d = BuildGame(s);
  EXPECT_NEAR(d.positions(1, 0), 1.0, kTol);  // (up, idle): 1.3 clamped to 1
  EXPECT_NEAR(d.positions(2, 0), 0.3, kTol);  // (idle, down)
  EXPECT_NEAR(d.positions(3, 0), 0.8, kTol);  // (up, down)
  // a at (up, down): -(1 (0.8 - 1)^2) = -0.04; b: -(1 (0.8 - 0)^2) = -0.64.
  EXPECT_NEAR(d.game.payoff(3, 0), -0.04, kTol);
  EXPECT_NEAR(d.game.payoff(3, 1), -0.64, kTol);
}

TEST(BuildGame, OutcomesAreTheFirstMatchingClassOrOther) {
  const DerivedGame d = BuildGame(SmallBargain());
  ASSERT_EQ(d.outcome_names, (std::vector<std::string>{"deal", "concession", "other"}));
  // 0 (hold, stay): x = (1, 0.5), neither class: other.
  // 1 (relief, stay): x = (0.5, 0.5), syria is not < 0.5, so not a deal; relief: concession.
  // 2 (hold, deescalate): sanctions 1 is not < 1; deescalate: concession.
  // 3 (relief, deescalate): x = (0.5, 0): deal (matched before concession).
  EXPECT_EQ(d.outcome_class, (std::vector<int>{2, 1, 1, 0}));
}

TEST(BuildGame, PayoffTableGivesUtilitiesDirectly) {
  // Osborne (2004), ch. 2, the Prisoner's Dilemma: (quiet, fink) gives (0, 3).
  const Scenario s =
      LoadScenario(std::string(SIM_SOURCE_DIR).append("/scenarios/classic/prisoners_dilemma.yaml"));
  const DerivedGame d = BuildGame(s);
  const PureProfile quiet_fink = {0, 1};
  const int64_t i = d.game.ProfileIndex(quiet_fink);
  EXPECT_EQ(d.game.payoff(i, 0), 0.0);
  EXPECT_EQ(d.game.payoff(i, 1), 3.0);
  EXPECT_EQ(d.game.payoff(d.game.ProfileIndex(PureProfile{1, 1}), 0), 1.0);
  EXPECT_EQ(d.outcome_names[d.outcome_class[i]], "exploitation");
  EXPECT_EQ(d.outcome_names[d.outcome_class[0]], "cooperation");
  EXPECT_EQ(d.outcome_names[d.outcome_class[3]], "defection");
}

}  // namespace
}  // namespace sim::model
