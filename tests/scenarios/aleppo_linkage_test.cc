// SPDX-License-Identifier: MIT
// Claims D0.2 and D0.1 on scenarios/aleppo_linkage.yaml, where the EU is a sanctions actor of
// its own: linking Syria to Ukraine backfires (Aleppo brings more European sanctions, pushed by
// Washington), so spoiling earns Moscow no relief; and the reason is Europe's answer, not a
// move that could never pay.
#include <gtest/gtest.h>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// D0.2, D0.1: on the subgame-perfect path Moscow keeps Syria and Ukraine apart and no relief
// comes; off it, a Moscow that linked would see Washington push Europe and the EU layer on
// sanctions (the backfire), not Washington buy the chip back.
TEST(AleppoLinkage, D02LinkingBackfiresSoMoscowDoesNotLink) {
  const SolvedTree solved = SolveTree("aleppo_linkage.yaml");
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "hold"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("no_linkage"), 1.0);
  EXPECT_EQ(solved.outcomes.count("relief"), 0u);
  // Forced to link (holding made prohibitively costly), Moscow is answered.
  const SolvedTree forced = SolveTree("aleppo_linkage.yaml", {"actors.russia.moves.hold.cost=1"});
  EXPECT_DOUBLE_EQ(forced.MoveProbability("washington", "push_europe"), 1.0);
  EXPECT_DOUBLE_EQ(forced.MoveProbability("eu", "layer"), 1.0);
  EXPECT_DOUBLE_EQ(forced.outcomes.at("backfire"), 1.0);
}

// The mechanism: were the EU's new sanctions empty (layering adds nothing), the chip would be
// played, since Aleppo is worth a little to Moscow on its own (D0.4). Europe's answer (D0.2)
// is what stops the linkage.
TEST(AleppoLinkage, D02WithoutEuropesAnswerMoscowWouldLink) {
  const SolvedTree solved =
      SolveTree("aleppo_linkage.yaml", {"actors.eu.moves.layer.effects.sanctions=0"});
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "link"), 1.0);
  EXPECT_EQ(solved.outcomes.count("no_linkage"), 0u);
}

// The EU's divisions (D2.5) matter: unpushed (Washington made to stay out), it would not
// answer Aleppo, which is why Washington's push (D0.2) is on the off-path line above.
TEST(AleppoLinkage, D25DividedEuropeAnswersOnlyWhenPushed) {
  const SolvedTree forced = SolveTree("aleppo_linkage.yaml",
                                      {"actors.russia.moves.hold.cost=1",
                                       "actors.washington.moves.push_europe.cost=1",
                                       "actors.washington.moves.trade.cost=1"});
  EXPECT_DOUBLE_EQ(forced.MoveProbability("washington", "stay_out"), 1.0);
  EXPECT_DOUBLE_EQ(forced.MoveProbability("eu", "layer"), 0.0);
}

}  // namespace
}  // namespace sim::scenario_testing
