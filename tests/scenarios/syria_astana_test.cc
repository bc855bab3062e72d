// SPDX-License-Identifier: MIT
// Expected result R4 (its Iran half) on scenarios/syria_astana.yaml: Moscow does not trade
// Tehran for Washington's counterterrorism partnership (D3.3, D3.4, D1.2), and the reason is
// the regional powers' answer (D4.8, D3.9), not a move that could never pay.
#include <gtest/gtest.h>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// R4: on the subgame-perfect path Moscow stands by Tehran and the Astana format holds; off it,
// a Moscow that distanced itself would see Tehran go it alone and Ankara act on its border.
TEST(SyriaAstana, R4RussiaStandsByIranBecauseTheRegionalPowersWouldAnswer) {
  const SolvedTree solved = SolveTree("syria_astana.yaml");
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "stand_by_iran"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("astana_holds"), 1.0);
  EXPECT_EQ(solved.outcomes.count("iran_abandoned"), 0u);
  // Forced to distance itself (standing by made prohibitively costly), Moscow is answered.
  const SolvedTree forced =
      SolveTree("syria_astana.yaml", {"actors.russia.moves.stand_by_iran.cost=1"});
  EXPECT_DOUBLE_EQ(forced.MoveProbability("iran", "go_it_alone"), 1.0);
  EXPECT_DOUBLE_EQ(forced.MoveProbability("turkey", "own_operation"), 1.0);
}

// The mechanism: with a Tehran that would stay in Astana whatever Moscow did (it does not mind
// being left without Moscow's cover), Washington's offer would buy Moscow's distance. So the
// offer is not worthless to Moscow; the regional answer is what stops it (D4.8).
TEST(SyriaAstana, R4WithoutIransAnswerMoscowWouldTakeTheOffer) {
  const SolvedTree solved = SolveTree("syria_astana.yaml", {"actors.iran.terms.0.value=0"});
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("usa", "ct_for_iran"), 1.0);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "distance_from_iran"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("iran_abandoned"), 1.0);
}

}  // namespace
}  // namespace sim::scenario_testing
