// SPDX-License-Identifier: MIT
// Expected result R5 of the domain brief (D3.8), derived in the repeated game of
// scenarios/small_steps_repeated.yaml: nothing is enforced, but the game repeats with noise.
// Grand-bargain cooperation (grim trigger on the grand offers) needs a higher discount
// factor than graduated small steps (the `steps` ladder stand_pat -> small step), and the
// gap widens as unpredictability grows; past some noise no discount keeps the grand bargain
// while small steps still hold.
#include <gtest/gtest.h>

#include <string>

#include "sim/repeated/build.h"
#include "sim/scenario/load.h"

namespace sim::repeated {
namespace {

const std::string kPath = std::string(SIM_SOURCE_DIR) + "/scenarios/small_steps_repeated.yaml";

// Critical discount of `strategy` against itself with both sides trembling with u (and
// whether it is an equilibrium at the scenario's discount, 0.9).
PairAnalysis SelfPlay(const std::string& strategy, double u) {
  LoadOptions load;
  load.overrides = {{"actors.usa.unpredictability", std::to_string(u)},
                    {"actors.russia.unpredictability", std::to_string(u)}};
  const RepeatedGame game = BuildRepeatedGame(LoadScenario(kPath, load), {strategy});
  AnalysisOptions options;
  options.discount = 0.9;
  return AnalysePair(game, std::vector<int>{0, 0}, options);
}

TEST(SmallStepsRepeated, R5GrandBargainNeedsMoreDiscountThanSmallStepsAndTheGapWidensWithNoise) {
  double previous_gap = 0;
  for (double u : {0.0, 0.05, 0.1, 0.15}) {
    const PairAnalysis grand = SelfPlay("grim", u);
    const PairAnalysis steps = SelfPlay("steps", u);
    ASSERT_TRUE(grand.critical_discount.has_value()) << "u=" << u;
    ASSERT_TRUE(steps.critical_discount.has_value()) << "u=" << u;
    const double gap = *grand.critical_discount - *steps.critical_discount;
    EXPECT_GT(gap, previous_gap) << "u=" << u;
    previous_gap = gap;
  }
}

TEST(SmallStepsRepeated, R5AtTheScenariosNoiseSmallStepsHoldAtEveryDiscountWhereTheBargainDoesNot) {
  const RepeatedGame game = BuildRepeatedGame(LoadScenario(kPath), {"grim", "steps"});
  AnalysisOptions options;
  options.discount = 0.7;  // a relationship worth less: below the grand bargain's threshold
  const PairAnalysis grand = AnalysePair(game, std::vector<int>{0, 0}, options);
  const PairAnalysis steps = AnalysePair(game, std::vector<int>{1, 1}, options);
  EXPECT_FALSE(grand.equilibrium);
  EXPECT_TRUE(steps.equilibrium);
  ASSERT_TRUE(grand.critical_discount.has_value());
  EXPECT_GT(*grand.critical_discount, 0.7);
}

}  // namespace
}  // namespace sim::repeated
