// SPDX-License-Identifier: MIT
// Numerical robustness of the pure solvers and reports: tolerances (core/tolerance.h) that
// absorb rounding but never real differences, payoffs spanning 1e-12 .. 1e12 and up to
// 1e308, exact and rounded ties, no "-0" in outputs, overflowing utilities refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/core/tolerance.h"
#include "sim/io/report.h"
#include "sim/model/build_game.h"
#include "sim/scenario/load.h"
#include "sim/solve/pure.h"

namespace sim {
namespace {

using ::testing::HasSubstr;

// A 2-player game from a row-major table of (row payoff, column payoff) pairs.
NormalFormGame Bimatrix(const std::vector<std::pair<double, double>>& row_major) {
  NormalFormGame g({"row", "col"}, {{"r0", "r1"}, {"c0", "c1"}});
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 2; ++c) {
      const int64_t i = g.ProfileIndex(std::vector<int>{r, c});
      g.set_payoff(i, 0, row_major[r * 2 + c].first);
      g.set_payoff(i, 1, row_major[r * 2 + c].second);
    }
  }
  return g;
}

std::vector<PureProfile> PureEquilibria(const NormalFormGame& game) {
  std::vector<PureProfile> out;
  for (const solve::Equilibrium& e : solve::SolvePureNash(game).equilibria) {
    EXPECT_TRUE(std::isfinite(e.regret));
    out.push_back(e.profile.ArgMax());
  }
  return out;
}

// The prisoner's dilemma of Osborne, An Introduction to Game Theory (2004), §2.2, with each
// player's payoffs multiplied by its own positive factor. Nash equilibria are unchanged by a
// positive affine transformation of a player's payoffs (Myerson, Game Theory: Analysis of
// Conflict, 1991, §2.3), so (fink, fink) must stay the only equilibrium.
NormalFormGame ScaledPrisonersDilemma(double row_scale, double col_scale) {
  return Bimatrix({{2 * row_scale, 2 * col_scale},
                   {0, 3 * col_scale},
                   {3 * row_scale, 0},
                   {1 * row_scale, 1 * col_scale}});
}

TEST(Tolerance, SlackIsRelativeAndZeroForZeroPayoffs) {
  EXPECT_EQ(PayoffSlack(0.0), 0.0);
  EXPECT_DOUBLE_EQ(PayoffSlack(1.0), kPayoffRelativeTolerance);
  EXPECT_DOUBLE_EQ(PayoffSlack(1e12), 1e12 * kPayoffRelativeTolerance);
  EXPECT_TRUE(std::isfinite(PayoffSlack(1.7976931348623157e308)));
}

TEST(NumericRobustness, EquilibriaAreTheSameAtEveryPayoffScaleFrom1eMinus12To1e12) {
  for (double scale = 1e-12; scale <= 1e12 * 1.001; scale *= 1e3) {
    SCOPED_TRACE(scale);
    EXPECT_EQ(PureEquilibria(ScaledPrisonersDilemma(scale, scale)),
              (std::vector<PureProfile>{{1, 1}}));
  }
}

TEST(NumericRobustness, OnePlayersHugePayoffsDoNotDrownAnotherPlayersTinyOnes) {
  EXPECT_EQ(PureEquilibria(ScaledPrisonersDilemma(1e12, 1e-12)),
            (std::vector<PureProfile>{{1, 1}}));
  EXPECT_EQ(PureEquilibria(ScaledPrisonersDilemma(1e-12, 1e12)),
            (std::vector<PureProfile>{{1, 1}}));
}

TEST(NumericRobustness, PayoffsSpanningManyOrdersOfMagnitudeInOneLineAreToldApart) {
  // Coordination game where matching on c1 pays only 1e-12: still strictly better than 0,
  // so (r0, c1) and (r1, c0) are not equilibria.
  EXPECT_EQ(PureEquilibria(Bimatrix({{1e12, 1e12}, {0, 0}, {0, 0}, {1e-12, 1e-12}})),
            (std::vector<PureProfile>{{0, 0}, {1, 1}}));
}

TEST(NumericRobustness, RoundingTiesCountAsTiesAndRealDifferencesDoNot) {
  const double rounded = 0.1 + 0.2;  // 0.30000000000000004
  // Row is indifferent up to rounding between r0 and r1 against c0: both are equilibria.
  EXPECT_EQ(PureEquilibria(Bimatrix({{rounded, 1}, {rounded, 0}, {0.3, 1}, {0.3, 0}})),
            (std::vector<PureProfile>{{0, 0}, {1, 0}}));
  // A difference of 1e-6 (relative) is real: only r1 is a best response.
  EXPECT_EQ(PureEquilibria(Bimatrix({{1.0, 1}, {1.0, 0}, {1.000001, 1}, {1.000001, 0}})),
            (std::vector<PureProfile>{{1, 0}}));
}

TEST(NumericRobustness, ExactlyTiedGameMakesEveryProfileAnEquilibrium) {
  EXPECT_EQ(PureEquilibria(Bimatrix({{0, 0}, {0, 0}, {0, 0}, {0, 0}})).size(), 4u);
}

TEST(NumericRobustness, RoundingNeverMakesAStrategyStrictlyDominated) {
  const double rounded = 0.1 + 0.2;
  const solve::DominanceResult d =
      solve::EliminateStrictlyDominated(Bimatrix({{rounded, 0}, {rounded, 0}, {0.3, 0}, {0.3, 0}}));
  EXPECT_TRUE(d.removed.empty());
  // ... while a real gap of 1e-12 between payoffs of 1e-12 scale does dominate.
  const solve::DominanceResult tiny =
      solve::EliminateStrictlyDominated(Bimatrix({{2e-12, 0}, {2e-12, 0}, {1e-12, 0}, {1e-12, 0}}));
  ASSERT_EQ(tiny.removed.size(), 1u);
  EXPECT_EQ(tiny.removed[0].strategy, 1);
}

TEST(NumericRobustness, ParetoIgnoresRoundingOfPayoffSums) {
  // 1e16 + 1 rounds to 1e16, so sorting by sums would tie these two; profile 1 dominates 0.
  NormalFormGame g({"a", "b"}, {{"x", "y"}, {"z"}});
  g.set_payoff(0, 0, 1e16);
  g.set_payoff(0, 1, 0);
  g.set_payoff(1, 0, 1e16);
  g.set_payoff(1, 1, 1);
  EXPECT_EQ(solve::ParetoEfficientProfiles(g).value_or(std::vector<int64_t>{}),
            (std::vector<int64_t>{1}));
}

TEST(NumericRobustness, ParetoHandlesPayoffsNearTheLargestDouble) {
  // Three players with +/-1e308: sums overflow to inf, -inf and even NaN.
  NormalFormGame g({"a", "b", "c"}, {{"x", "y"}, {"z"}, {"w"}});
  const double big = 1e308;
  for (int p = 0; p < 3; ++p) g.set_payoff(0, p, p == 2 ? -big : big);
  g.set_payoff(1, 0, big);
  g.set_payoff(1, 1, big);
  g.set_payoff(1, 2, -big / 2);
  EXPECT_EQ(solve::ParetoEfficientProfiles(g).value_or(std::vector<int64_t>{}),
            (std::vector<int64_t>{1}));
}

TEST(NumericRobustness, PayoffTableNearTheLargestDoubleSolvesExactly) {
  // Prisoner's dilemma ordering T > R > P > S with T and S at +/-1.7e308: deviation gains
  // overflow to inf, which must still read as "profitable", and (fink, fink) has regret 0.
  const double t = 1.7e308;
  const std::vector<solve::Equilibrium> eq =
      solve::SolvePureNash(Bimatrix({{1e308, 1e308}, {-t, t}, {t, -t}, {0, 0}})).equilibria;
  ASSERT_EQ(eq.size(), 1u);
  EXPECT_EQ(eq[0].profile.ArgMax(), (PureProfile{1, 1}));
  EXPECT_EQ(eq[0].regret, 0.0);
}

TEST(NumericRobustness, NegativeZeroPayoffsNeverPrintAsMinusZero) {
  NormalFormGame g = Bimatrix({{-0.0, -0.0}, {-0.0, -0.0}, {-0.0, -0.0}, {-0.0, -0.0}});
  io::GameReport report;
  report.source = "negzero";
  report.game = &g;
  report.equilibria = solve::SolvePureNash(g).equilibria;
  report.security = solve::PureSecurityLevels(g);
  for (auto write : {io::WriteSolveCsv, io::WriteReportJson, io::WriteReportTable}) {
    std::ostringstream out;
    write(out, report);
    EXPECT_THAT(out.str(), ::testing::Not(HasSubstr("-0"))) << out.str();
  }
}

constexpr const char* kOverflowingScenario = R"(issues:
  x: {status_quo: 1.0}
actors:
  big:
    stakes: {x: {ideal: 0, salience: 1.5e308}}
    moves:
      hold: {cost: 1e308}
      push: {cost: 0}
  other:
    moves: [wait]
)";

// Issue #12 item 10: each number is a finite double, but -1.5e308 * (1 - 0)^2 - 1e308 is
// not. Numbers beyond +-1e100 are now refused where written (core/magnitude.h), so no sum
// of them can overflow; BuildGame's own overflow check stays as a second line.
TEST(NumericRobustness, NumbersThatCouldOverflowAreRefusedWhereWritten) {
  try {
    ParseScenario(kOverflowingScenario, "big.yaml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("big.yaml:5:38: error: 'salience' is too large: 1.5e308 is "
                                    "beyond +-1e100"));
    EXPECT_THAT(e.what(), HasSubstr("big.yaml:7:20: error: 'cost' is too large: 1e308"));
  }
}

TEST(NumericRobustness, LargeButCombinableNumbersGiveFinitePayoffs) {
  // 1e100, the largest number taken in, is a legitimate (if odd) cost: the game is derived
  // and solved exactly.
  const Scenario scenario = ParseScenario(R"(issues:
  x: {status_quo: 0.5}
actors:
  big:
    stakes: {x: {ideal: 0, salience: 1e100}}
    moves:
      hold: {cost: 1e100}
      push: {cost: -1e100}
  other:
    moves: [wait]
)", "big.yaml");
  const model::DerivedGame derived = model::BuildGame(scenario);
  EXPECT_EQ(derived.game.payoff(0, 0), -0.25e100 - 1e100);
  EXPECT_EQ(derived.game.payoff(1, 0), -0.25e100 + 1e100);
  EXPECT_EQ(PureEquilibria(derived.game), (std::vector<PureProfile>{{1, 0}}));
}

}  // namespace
}  // namespace sim
