// SPDX-License-Identifier: MIT
// scenarios/resolute_trump.yaml: Trump's unpredictability under the `resolute` model (issue #15
// item 3; D2.3, D2.4; McManus 2019) shows both faces on one bargain, with thresholds derived
// from the file's numbers (quadratic loss, scenarios/README.md):
//   leverage: pressing the borderland gains Moscow 0.4 (0.8^2 - 0.2^2) = 0.24 if tolerated
//     (the normal president tolerates it: 0.2 * 0.64 = 0.128 < 0.2 * 0.04 + 0.5 + 0.01) and
//     costs it 0.6 (the clash) if resisted (the resolute one resists: 0.64 > 0.04 + 0.5 + 0.01),
//     so Moscow presses iff (1 - u) 0.24 > 0.6 u, i.e. u < 2/7;
//   liability: de-escalating costs Moscow 0.1 + 0.15 * 0.4^2 = 0.124 and buys relief worth
//     0.5 (1 - 0.6^2) = 0.32 from the normal president only (the resolute one holds), so Moscow
//     de-escalates iff (1 - u) 0.32 > 0.124, i.e. u < 0.6125.
// So restraint in the borderlands rises with u (D0.5, D1.3) while the détente (R1) fades.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "sim/montecarlo/run_tree.h"
#include "sim/scenario/load.h"

namespace sim::montecarlo {
namespace {

double MoveShare(const MonteCarloResult& r, const std::string& actor, const std::string& move) {
  const int a = static_cast<int>(std::find(r.actor_names.begin(), r.actor_names.end(), actor) -
                                 r.actor_names.begin());
  const auto& names = r.move_names[a];
  const int m = static_cast<int>(std::find(names.begin(), names.end(), move) - names.begin());
  return static_cast<double>(r.move_counts[a][m]) / static_cast<double>(r.draws);
}

TEST(ResoluteTrump, LeverageAndLiabilityAcrossThePrior) {
  for (double u : {0.0, 0.2, 0.27, 0.3, 0.5, 0.6, 0.62, 0.8, 1.0}) {
    LoadOptions load;
    load.overrides.push_back({"actors.usa.unpredictability", std::to_string(u)});
    const Scenario s = LoadScenario(std::string(SIM_SOURCE_DIR) + "/scenarios/resolute_trump.yaml", load);
    MonteCarloOptions options;
    options.draws = 2'000;
    const MonteCarloResult r = RunTreeMonteCarlo(s, options);
    ASSERT_EQ(r.solved, r.draws) << "u=" << u;
    const double presses = MoveShare(r, "russia", "press_borderland") +
                           MoveShare(r, "russia", "deescalate_and_press");
    const double deescalates = MoveShare(r, "russia", "deescalate_syria") +
                               MoveShare(r, "russia", "deescalate_and_press");
    // Moscow's choice is pure at every u off the thresholds: the shares are 0 or 1 exactly.
    EXPECT_EQ(presses, u < 2.0 / 7.0 ? 1.0 : 0.0) << "leverage at u=" << u;
    EXPECT_EQ(deescalates, u < 0.6125 ? 1.0 : 0.0) << "liability at u=" << u;
  }
}

}  // namespace
}  // namespace sim::montecarlo
