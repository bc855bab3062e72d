// SPDX-License-Identifier: MIT
#include "sim/montecarlo/run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "sim/montecarlo/stats.h"
#include "tests/montecarlo/mc_testing.h"

namespace sim::montecarlo {
namespace {

using mc_testing::And;
using mc_testing::Chosen;
using mc_testing::MakeActor;

// The tremble test game, payoffs (row, col):
//            L       R
//     T    2, 1    2, 0
//     B    0, 0    0, 3
// T strictly dominates B for row whatever happens. Under the tremble model row plays its
// intended move with probability 1 - u and a uniform move with probability u, so intending T
// it plays B with probability u/2; col trembles likewise with v. Col anticipates row's
// trembles (its own do not change its ranking of L and R: they add the same term to both):
//   E[L] = (1 - u/2) * 1,   E[R] = (u/2) * 3,   so col intends L iff u < 1/2.
// The unique equilibrium of the perturbed game is (T, L) for u < 1/2 and (T, R) for u > 1/2.
// Realized play puts T with probability 1 - u/2 and L with probability 1 - v/2 (intending
// L) or v/2 (intending R), independently, hence
//   P(outcome "TL") = (1 - u/2)(1 - v/2)  for u < 1/2,
//                   = (1 - u/2)(v/2)      for u > 1/2.
Scenario TrembleGame(double u, double v) {
  Scenario s;
  s.id = s.title = "tremble";
  s.actors = {MakeActor("row", {"T", "B"}, u), MakeActor("col", {"L", "R"}, v)};
  PayoffTable table;
  // Gambit order, row fastest: (T,L), (B,L), (T,R), (B,R).
  table.payoffs = {{2, 1}, {0, 0}, {2, 0}, {0, 3}};
  s.payoff_table = table;
  OutcomeClass tl;
  tl.name = "TL";
  tl.when = And(Chosen(0, 0, "row.T"), Chosen(1, 0, "col.L"));
  s.outcomes = {tl};
  return s;
}

TEST(TrembleModel, OutcomeProbabilityMatchesClosedFormAtSeveralU) {
  const double v = 0.3;
  for (double u : {0.0, 0.2, 0.4, 0.6, 0.9}) {
    const Scenario s = TrembleGame(u, v);
    MonteCarloOptions options;
    options.draws = 20000;
    options.seed = 2024;
    const MonteCarloResult r = RunMonteCarlo(s, options);
    const double expected = u < 0.5 ? (1 - u / 2) * (1 - v / 2) : (1 - u / 2) * (v / 2);
    ASSERT_EQ(r.outcome_names[0], "TL");
    EXPECT_EQ(r.solved, options.draws);
    const Interval ci = WilsonInterval(r.outcome_counts[0], r.draws);
    EXPECT_LE(ci.low, expected) << "u=" << u;
    EXPECT_GE(ci.high, expected) << "u=" << u;
    // Row's realized B frequency is u/2 in every regime.
    const Interval b = WilsonInterval(r.move_counts[0][1], r.solved);
    EXPECT_LE(b.low, u / 2 + 1e-12) << "u=" << u;
    EXPECT_GE(b.high, u / 2 - 1e-12) << "u=" << u;
  }
}

TEST(TrembleModel, AnUncertainUnpredictabilityIsSampledPerDraw) {
  // u ~ uniform(0, 1): col intends L iff u < 1/2, so averaging the closed form over u,
  //   P(TL) = int_0^.5 (1-u/2)(1-v/2) du + int_.5^1 (1-u/2)(v/2) du
  //         = (1-v/2)(7/16) + (v/2)(5/16).
  Scenario s = TrembleGame(0.5, 0.3);
  UncertainNumber number;
  number.path = "actors.row.unpredictability";
  number.distribution.kind = Distribution::Kind::kUniform;
  number.distribution.params = {0.0, 1.0};
  s.uncertain = {number};
  MonteCarloOptions options;
  options.draws = 20000;
  options.seed = 99;
  const MonteCarloResult r = RunMonteCarlo(s, options);
  const double expected = (1 - 0.15) * 7.0 / 16 + 0.15 * 5.0 / 16;
  const Interval ci = WilsonInterval(r.outcome_counts[0], r.draws);
  EXPECT_LE(ci.low, expected);
  EXPECT_GE(ci.high, expected);
  // Higher u makes TL less likely: the rank correlation is negative.
  ASSERT_EQ(r.sampled, std::vector<std::string>{"actors.row.unpredictability"});
  EXPECT_LT(r.sensitivity[0][0].value(), -0.3);
  EXPECT_EQ(r.games_solved, options.draws);
}

// A one-decision scenario: actor "a" acts at cost c ~ uniform(-1, 1) (payoff -c) or waits
// (payoff 0), so it acts iff c < 0. With X = F(c) uniform on (0, 1) and Y = 1{X < 1/2},
// Pearson(X, Y) = (E[XY] - E[X]E[Y]) / (sd X sd Y) = (1/8 - 1/4) / (sqrt(1/12) / 2)
// = -sqrt(3)/2: the value the sensitivity table must show for "acted".
TEST(Sensitivity, RankCorrelationOfACostWithItsDecisionIsMinusRootThreeOverTwo) {
  Scenario s;
  s.id = "cost";
  s.actors = {MakeActor("a", {"act", "wait"}), MakeActor("b", {"idle"})};
  OutcomeClass acted;
  acted.name = "acted";
  acted.when = Chosen(0, 0, "a.act");
  s.outcomes = {acted};
  UncertainNumber cost;
  cost.path = "actors.a.moves.act.cost";
  cost.distribution.kind = Distribution::Kind::kUniform;
  cost.distribution.params = {-1.0, 1.0};
  s.uncertain = {cost};
  MonteCarloOptions options;
  options.draws = 20000;
  const MonteCarloResult r = RunMonteCarlo(s, options);
  EXPECT_NEAR(r.sensitivity[0][0].value(), -std::sqrt(3.0) / 2, 0.02);
  EXPECT_NEAR(static_cast<double>(r.outcome_counts[0]) / r.draws, 0.5, 0.02);
  // Payoff of a: E[-c | c < 0] P(c < 0) = 1/4.
  EXPECT_NEAR(r.payoffs[0].mean(), 0.25, 0.01);
}

TEST(RunMonteCarlo, ResultIsBitIdenticalForAnyThreadCount) {
  Scenario s = TrembleGame(0.5, 0.3);
  UncertainNumber number;
  number.path = "actors.col.unpredictability";
  number.distribution.kind = Distribution::Kind::kBeta;
  number.distribution.params = {2.0, 5.0};
  s.uncertain = {number};
  MonteCarloOptions options;
  options.draws = 5 * kChunkDraws + 17;  // a partial last chunk
  options.seed = 5;
  const MonteCarloResult one = RunMonteCarlo(s, options);
  for (int threads : {2, 3, 8}) {
    options.threads = threads;
    const MonteCarloResult many = RunMonteCarlo(s, options);
    EXPECT_EQ(many.outcome_counts, one.outcome_counts) << threads;
    EXPECT_EQ(many.move_counts, one.move_counts) << threads;
    // Bitwise equality, not closeness: the merge order is fixed.
    EXPECT_EQ(many.payoffs[1].mean(), one.payoffs[1].mean()) << threads;
    EXPECT_EQ(many.payoffs[1].variance(), one.payoffs[1].variance()) << threads;
    EXPECT_EQ(many.sensitivity[0][0].value(), one.sensitivity[0][0].value()) << threads;
  }
}

TEST(SelectRule, KeysRoundTrip) {
  for (const std::string& key : SelectKeys()) EXPECT_EQ(SelectKey(*SelectFromKey(key)), key);
  EXPECT_FALSE(SelectFromKey("best").has_value());
}

}  // namespace
}  // namespace sim::montecarlo
