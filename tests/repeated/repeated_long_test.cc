// SPDX-License-Identifier: MIT
// Long Monte Carlo cross-check of the exact values (label `long`): 40,000 plays per pair of
// a noisy prisoner's dilemma tournament at delta = 0.95, every value inside its 99.9%
// interval (z = 3.2905) around the Markov-chain value.
#include <gtest/gtest.h>

#include "sim/repeated/build.h"
#include "sim/repeated/repeated.h"
#include "sim/scenario/load.h"

namespace sim::repeated {
namespace {

TEST(RepeatedValuesLong, AgreeWithALongMonteCarloWithin999PercentInterval) {
  LoadOptions load;
  load.overrides = {{"actors.row.unpredictability", "0.1"},
                    {"actors.col.unpredictability", "0.03"}};
  const RepeatedGame game = BuildRepeatedGame(
      LoadScenario(SIM_SOURCE_DIR "/tests/data/repeated/prisoners_dilemma.yaml", load),
      {"grim", "tft", "gtft:0.2", "wsls", "steps:2", "tf2t", "punish2"});
  const double d = 0.95;
  uint64_t slot = 0;
  for (int a = 0; a < game.num_strategies(); ++a) {
    for (int b = 0; b < game.num_strategies(); ++b) {
      const std::vector<int> profile = {a, b};
      const std::vector<double> exact = PairValues(game, profile, d);
      const SimulatedValues mc = SimulatePair(game, profile, d, 40000, 2026, slot++);
      for (int i = 0; i < 2; ++i) {
        EXPECT_NEAR(mc.mean[i], exact[i], 3.2905 * mc.std_error[i] + 1e-9)
            << game.strategy_names[a] << "/" << game.strategy_names[b] << " player " << i;
      }
    }
  }
}

}  // namespace
}  // namespace sim::repeated
