// SPDX-License-Identifier: MIT
// Closed-form checks of the robustness analysis (issue 13): a tipping point at a known
// threshold, a holds share of a known probability, and both flags.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>

#include "sim/robustness/robustness.h"
#include "sim/robustness/why.h"
#include "sim/scenario/load.h"

namespace sim::robustness {
namespace {

// A 2x2 game: the column player's c strictly dominates d (1 against 0 whatever the row
// does). Against c, the row gets x from a and 0.3 from b, so the one equilibrium is (a, c)
// when x > 0.3 and (b, c) when x < 0.3: "some(row_a)" flips exactly at x = 0.3.
Scenario Threshold(const std::string& range) {
  return ParseScenario(R"Y(
actors:
  row: {moves: [a, b]}
  col: {moves: [c, d]}
payoffs:
  a, c: [0.5, 1]
  b, c: [0.3, 1]
  a, d: [1, 0]
  b, d: [0, 0]
outcomes:
  - {name: row_a, when: "row.a"}
  - {name: row_b, when: "row.b"}
findings:
  row_plays_a: {claims: [T1], holds: "some(row_a)"}
  col_never_d: {holds: "dominated(col.d)", preference: true}
  no_row_b:    {holds: "none(row_b)"}
ranges:
  payoffs.0.0: )Y" + range + "\n",
                       "threshold.yaml");
}

// A range must contain the value the file states, but a what-if (--set, a sweep's --vary)
// may move the number outside it: sweeping a ranged number across [0, 1] must not fail at
// the grid points beyond the plausible range (tools/update-charts did, on resolute_trump).
TEST(Ranges, AnOverrideMayLeaveThePlausibleRangeButTheFileMayNot) {
  EXPECT_THROW(Threshold("[0.6, 0.9]"), InputError);  // the file's 0.5 lies outside
  LoadOptions what_if;
  what_if.overrides.push_back({"actors.row.unpredictability", "0.9"});
  const std::string text = "actors:\n  row: {moves: [a, b], unpredictability: 0.2}\n"
                           "  col: {moves: [c, d]}\npayoffs:\n  a, c: [0.5, 1]\n  b, c: [0.3, 1]\n"
                           "  a, d: [1, 0]\n  b, d: [0, 0]\n"
                           "ranges:\n  actors.row.unpredictability: [0.1, 0.3]\n";
  EXPECT_NO_THROW(ParseScenario(text, "what_if.yaml", what_if));
  EXPECT_THROW(ParseScenario(text.substr(0, text.find("[0.1")) + "[0.5, 0.9]\n", "bad.yaml"), InputError);
}

TEST(Robustness, TippingPointOfA2x2GameIsWhereThePayoffCrossesTheOtherMove) {
  // Closed form: the equilibrium changes where x = 0.3 (the payoff of b against c).
  const Scenario s = Threshold("[0, 1]");
  Options o;
  o.samples = 64;
  const Result r = Analyse(s, o);
  ASSERT_EQ(r.parameters.size(), 1u);
  EXPECT_EQ(r.parameters[0].path, "payoffs.0.0");
  const FindingResult& f = r.findings[0];
  EXPECT_TRUE(f.base_holds);
  ASSERT_TRUE(f.tipping_low[0].value.has_value());
  EXPECT_NEAR(*f.tipping_low[0].value, 0.3, 1e-6);
  EXPECT_THAT(f.tipping_low[0].other_side, ::testing::HasSubstr("row.b + col.c -> row_b"));
  EXPECT_FALSE(f.tipping_high[0].value.has_value());  // a stays best up to x = 1
}

TEST(Robustness, HoldsShareOfAFindingTrueAboveThreeTenthsCoversSevenTenths) {
  // P(U > 0.3) = 0.7 for U uniform on [0, 1].
  const Scenario s = Threshold("{uniform: [0, 1]}");
  Options o;
  o.samples = 2000;
  o.tipping = false;
  const Result r = Analyse(s, o);
  const FindingResult& f = r.findings[0];
  EXPECT_EQ(f.samples, 2000);
  EXPECT_LE(f.interval.low, 0.7);
  EXPECT_GE(f.interval.high, 0.7);
  EXPECT_GT(f.sensitivity[0], 0.5);  // holds more often as x grows: positive rank correlation
}

TEST(Robustness, ByConstructionWhenADominatedMoveAloneDecidesTheFinding) {
  const Scenario s = Threshold("[0, 1]");
  Options o;
  o.samples = 200;
  o.tipping = false;
  const Result r = Analyse(s, o);
  // col.d is strictly dominated in every sample: "dominated(col.d)" holds by construction
  // (a preference statement, so expected); "some(row_a)" does not follow from dominance.
  EXPECT_TRUE(r.findings[1].by_construction);
  EXPECT_THAT(r.findings[1].dominated_moves, ::testing::ElementsAre("col.d"));
  EXPECT_FALSE(r.findings[0].by_construction);
  EXPECT_FALSE(r.findings[2].by_construction);  // none(row_b) fails in 30% of samples
}

TEST(Robustness, PrisonersDilemmaNoCooperationHoldsByConstruction) {
  // Cooperation is strictly dominated for both prisoners at every payoff in the ranges
  // (temptation 5 > reward 3, punishment 1 > sucker 0, each +-0.4), so "none(cooperation)"
  // holds in every sample only because of that.
  const Scenario s = ParseScenario(R"Y(
actors:
  p1: {moves: [cooperate, defect]}
  p2: {moves: [cooperate, defect]}
payoffs:
  cooperate, cooperate: [3, 3]
  defect, cooperate: [5, 0]
  cooperate, defect: [0, 5]
  defect, defect: [1, 1]
outcomes:
  - {name: cooperation, when: "p1.cooperate and p2.cooperate"}
findings:
  no_cooperation: {holds: "none(cooperation)"}
ranges:
  default: {payoff: 0.4}
)Y",
                                   "pd.yaml");
  Options o;
  o.samples = 300;
  o.tipping = false;
  const Result r = Analyse(s, o);
  EXPECT_EQ(r.findings[0].holds, 300);
  EXPECT_TRUE(r.findings[0].by_construction);
  EXPECT_THAT(r.findings[0].dominated_moves, ::testing::ElementsAre("p1.cooperate", "p2.cooperate"));
}

TEST(Robustness, StagHuntSelectionDependsOnTheRule) {
  // Stag 2 together, 0 alone; hare 1.5 always. Payoff dominance picks (stag, stag);
  // risk dominance (Harsanyi & Selten 1988) picks (hare, hare): deviation-loss products
  // (2 - 1.5)^2 = 0.25 < (1.5 - 0)^2 = 2.25. So "selected(stag_caught)" holds under one
  // rule and fails under the other.
  const Scenario s = ParseScenario(R"Y(
actors:
  h1: {moves: [stag, hare]}
  h2: {moves: [stag, hare]}
payoffs:
  stag, stag: [2, 2]
  stag, hare: [0, 1.5]
  hare, stag: [1.5, 0]
  hare, hare: [1.5, 1.5]
outcomes:
  - {name: stag_caught, when: "h1.stag and h2.stag"}
  - {name: hares, when: "h1.hare and h2.hare"}
findings:
  stag_selected: {holds: "selected(stag_caught)"}
  stag_possible: {holds: "some(stag_caught)"}
ranges:
  default: {payoff: 0.05}
)Y",
                                   "stag.yaml");
  Options o;
  o.samples = 20;
  o.draws = 400;
  o.tipping = false;
  o.select = SelectRule::kPayoffDominant;
  const Result r = Analyse(s, o);
  EXPECT_TRUE(r.findings[0].base_holds);
  EXPECT_TRUE(r.findings[0].depends_on_selection);
  EXPECT_THAT(r.findings[0].selection_detail, ::testing::HasSubstr("fails under risk-dominant"));
  EXPECT_FALSE(r.findings[1].depends_on_selection);  // over all equilibria: no rule involved
}

TEST(Robustness, SameSeedSameResultAtOneAndTwoThreads) {
  const Scenario s = Threshold("{triangular: [0, 0.5, 1]}");
  Options o;
  o.samples = 1500;  // several chunks, one partial
  o.threads = 1;
  const Result one = Analyse(s, o);
  o.threads = 2;
  const Result two = Analyse(s, o);
  for (size_t f = 0; f < one.findings.size(); ++f) {
    EXPECT_EQ(one.findings[f].holds, two.findings[f].holds);
    EXPECT_EQ(one.findings[f].sensitivity, two.findings[f].sensitivity);  // bit for bit
    EXPECT_EQ(one.findings[f].tipping_low[0].value, two.findings[f].tipping_low[0].value);
  }
}

TEST(Robustness, TippingPointOnATreeBracketsAChangeOfTheSubgamePerfectOutcome) {
  // detente_sequential (R3): the finding "none(exploited_relief)" holds over the tree's
  // subgame-perfect equilibria at the base; the analysis reports where it flips along the
  // US sanctions ideal. Solving the tree just inside and just past that point must give
  // different answers (the finding holds on the base side only).
  const std::string path = SIM_SOURCE_DIR "/scenarios/detente_sequential.yaml";
  const Scenario s = LoadScenario(path);
  Options o;
  o.samples = 16;
  const Result r = Analyse(s, o);
  size_t j = 0;
  while (j < r.parameters.size() && r.parameters[j].path != "actors.usa.stakes.sanctions.ideal") ++j;
  ASSERT_LT(j, r.parameters.size());
  const FindingResult& f = r.findings[0];
  ASSERT_EQ(f.name, "relief_is_not_given_first");
  ASSERT_TRUE(f.tipping_low[j].value.has_value());
  const double t = *f.tipping_low[j].value;
  const double step = 2e-6 * (r.parameters[j].high - r.parameters[j].low);
  auto holds_at = [&](double x) {
    LoadOptions load;
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, x).ptr;  // shortest round trip
    load.overrides.push_back(ParseOverride("actors.usa.stakes.sanctions.ideal=" + std::string(text, end)));
    const Scenario moved = LoadScenario(path, load);
    return EvaluateAtBase(moved, nullptr, 1)[0].holds;
  };
  EXPECT_TRUE(holds_at(t + step));
  EXPECT_FALSE(holds_at(t));
  EXPECT_THAT(f.tipping_low[j].other_side, ::testing::HasSubstr("exploited_relief"));
}

TEST(Why, MarginOfAStrictPureEquilibriumIsThePayoffGap) {
  // At x = 0.5 the row's margin at (a, c) is 0.5 - 0.3 = 0.2 and the column's 1 - 0 = 1;
  // the weakest is the row's, and the one number that moves it is x itself (slope 1,
  // zero at 0.3, inside [0, 1]).
  const WhyReport why = ExplainEquilibria(Threshold("[0, 1]"));
  ASSERT_EQ(why.equilibria.size(), 1u);
  const EquilibriumWhy& e = why.equilibria[0];
  EXPECT_EQ(e.profile, "row.a + col.c");
  EXPECT_NEAR(e.players[0].margin, 0.2, 1e-12);
  EXPECT_NEAR(e.players[1].margin, 1.0, 1e-12);
  EXPECT_EQ(e.weakest, 0);
  EXPECT_EQ(e.sentence, "row keeps a: moving to b would cost it 0.2");
  ASSERT_TRUE(e.lever.has_value());
  EXPECT_EQ(e.lever->path, "payoffs.0.0");
  EXPECT_NEAR(e.lever->derivative, 1.0, 1e-6);
  ASSERT_TRUE(e.lever->breaks_at.has_value());
  EXPECT_NEAR(*e.lever->breaks_at, 0.3, 1e-6);
}

}  // namespace
}  // namespace sim::robustness
