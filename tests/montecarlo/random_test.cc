// SPDX-License-Identifier: MIT
#include "sim/montecarlo/random.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/montecarlo/stats.h"

namespace sim::montecarlo {
namespace {

Distribution Make(Distribution::Kind kind, std::vector<double> params,
                  std::vector<double> weights = {}) {
  Distribution d;
  d.kind = kind;
  d.params = std::move(params);
  d.weights = std::move(weights);
  return d;
}

// Mean and variance of many draws, plus the mean of the rank scores (which must be 1/2 for
// any distribution: F(X) is uniform for continuous X, and mid-ranks average 1/2).
struct Moments {
  double mean = 0, variance = 0, rank_mean = 0, min = 1e300, max = -1e300;
};
Moments Sampled(const Distribution& d, int n = 200000) {
  RunningMean values, ranks;
  Moments m;
  for (int i = 0; i < n; ++i) {
    Stream stream(/*seed=*/7, /*draw=*/i, /*slot=*/0);
    const Sample s = Draw(d, stream);
    values.Add(s.value);
    ranks.Add(s.rank);
    m.min = std::min(m.min, s.value);
    m.max = std::max(m.max, s.value);
  }
  m.mean = values.mean();
  m.variance = values.variance();
  m.rank_mean = ranks.mean();
  return m;
}

TEST(Stream, DependsOnlyOnSeedDrawAndSlot) {
  Stream a(1, 5, 2), b(1, 5, 2), c(1, 6, 2), d(2, 5, 2), e(1, 5, 3);
  const uint64_t first = a.Next();
  EXPECT_EQ(first, b.Next());
  EXPECT_NE(first, c.Next());
  EXPECT_NE(first, d.Next());
  EXPECT_NE(first, e.Next());
}

TEST(Stream, UniformsLieInTheUnitInterval) {
  Stream s(3, 0, 0);
  for (int i = 0; i < 100000; ++i) {
    const double u = s.OpenUniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    const int k = s.Below(4);
    ASSERT_GE(k, 0);
    ASSERT_LT(k, 4);
  }
}

// Moments from the standard formulas (e.g. Johnson, Kotz & Balakrishnan, Continuous
// Univariate Distributions): uniform (a+b)/2, (b-a)^2/12; beta a/(a+b),
// ab/((a+b)^2(a+b+1)); triangular (a+b+c)/3, (a^2+b^2+c^2-ab-ac-bc)/18. Tolerances are about
// 4 standard errors of 200000 draws.
TEST(Draw, UniformHasItsMeanAndVariance) {
  const Moments m = Sampled(Make(Distribution::Kind::kUniform, {0.2, 0.4}));
  EXPECT_NEAR(m.mean, 0.3, 4 * std::sqrt(0.04 / 12 / 200000));
  EXPECT_NEAR(m.variance, 0.04 / 12, 2e-5);
  EXPECT_NEAR(m.rank_mean, 0.5, 3e-3);
  EXPECT_GE(m.min, 0.2);
  EXPECT_LE(m.max, 0.4);
}

TEST(Draw, NormalHasItsMeanAndVarianceAndClampBounds) {
  const Moments m = Sampled(Make(Distribution::Kind::kNormal, {0.5, 0.1}));
  EXPECT_NEAR(m.mean, 0.5, 1e-3);
  EXPECT_NEAR(m.variance, 0.01, 2e-4);
  EXPECT_NEAR(m.rank_mean, 0.5, 3e-3);
  Distribution clamped = Make(Distribution::Kind::kNormal, {0.5, 1.0});
  clamped.clamp = std::pair{0.0, 1.0};
  const Moments c = Sampled(clamped, 20000);
  EXPECT_GE(c.min, 0.0);
  EXPECT_LE(c.max, 1.0);
  EXPECT_EQ(c.min, 0.0);  // sd 1 around 0.5: the clamp is hit
}

TEST(Draw, BetaByGammaRatioHasItsMeanAndVariance) {
  for (auto [a, b] : {std::pair{2.0, 5.0}, std::pair{0.5, 0.5}, std::pair{30.0, 3.0}}) {
    const Moments m = Sampled(Make(Distribution::Kind::kBeta, {a, b}));
    const double mean = a / (a + b);
    const double variance = a * b / ((a + b) * (a + b) * (a + b + 1));
    EXPECT_NEAR(m.mean, mean, 4 * std::sqrt(variance / 200000)) << a << "," << b;
    EXPECT_NEAR(m.variance, variance, 0.03 * variance) << a << "," << b;
    EXPECT_NEAR(m.rank_mean, 0.5, 3e-3) << a << "," << b;
  }
}

// Issue #12 item 11: Beta(0.001, 0.001) puts half its mass near 0 and half near 1 (mean
// a/(a+b) = 1/2, variance ab/((a+b)^2(a+b+1)) = 1/(4 * 1.002)). Both gamma variates are then
// usually below 1e-308: U^(1/a) = U^1000 underflowed to 0, and 0/(0+0) gave NaN draws.
TEST(Draw, TinyBetaShapesKeepTheirMeanAndVariance) {
  for (double a : {0.005, 0.001}) {
    const Distribution d = Make(Distribution::Kind::kBeta, {a, a});
    const Moments m = Sampled(d);
    const double variance = a * a / (4 * a * a * (2 * a + 1));
    EXPECT_NEAR(m.mean, 0.5, 4 * std::sqrt(variance / 200000)) << a;
    EXPECT_NEAR(m.variance, variance, 0.01 * variance) << a;
    EXPECT_GE(m.min, 0.0);
    EXPECT_LE(m.max, 1.0);
  }
  // The log-space variate itself: for X ~ Gamma(a), E[ln X] = digamma(a) = -1/a - gamma_E
  // + O(a) (Abramowitz & Stegun 6.3.5, 6.3.16) and Var ln X = trigamma(a) = 1/a^2 + O(1):
  // at a = 0.001 the mean is -1000.58 and the standard error of 200000 draws is 1000/447.
  RunningMean logs;
  for (int i = 0; i < 200000; ++i) {
    Stream stream(5, i, 0);
    const double l = LogGamma(stream, 0.001);
    ASSERT_TRUE(std::isfinite(l));
    logs.Add(l);
  }
  EXPECT_NEAR(logs.mean(), -1000.0 - 0.5772156649, 4 * 1000.0 / std::sqrt(200000.0));
}

TEST(Draw, TriangularHasItsMeanAndVariance) {
  const Moments m = Sampled(Make(Distribution::Kind::kTriangular, {0.0, 0.3, 1.0}));
  const double variance = (0.09 + 1.0 - 0.3) / 18.0;
  EXPECT_NEAR(m.mean, 1.3 / 3.0, 4 * std::sqrt(variance / 200000));
  EXPECT_NEAR(m.variance, variance, 0.03 * variance);
  EXPECT_NEAR(m.rank_mean, 0.5, 3e-3);
}

TEST(Draw, ChoiceFollowsItsWeights) {
  const Distribution d = Make(Distribution::Kind::kChoice, {0.2, 0.5}, {1, 3});
  int high = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    Stream stream(11, i, 0);
    const Sample s = Draw(d, stream);
    ASSERT_TRUE(s.value == 0.2 || s.value == 0.5);
    // Mid-ranks: P(X < 0.2) + P(X = 0.2)/2 = 1/8; for 0.5: 1/4 + 3/8 = 5/8.
    EXPECT_DOUBLE_EQ(s.rank, s.value == 0.2 ? 0.125 : 0.625);
    high += s.value == 0.5;
  }
  EXPECT_NEAR(static_cast<double>(high) / n, 0.75, 4 * std::sqrt(0.75 * 0.25 / n));
}

// Closed forms of the regularized incomplete beta: I_x(a, 1) = x^a, I_x(1, b) =
// 1 - (1-x)^b, and I_{1/2}(a, a) = 1/2 by symmetry (Abramowitz & Stegun 26.5).
TEST(RegularizedBeta, MatchesClosedForms) {
  for (double x : {0.01, 0.3, 0.5, 0.77, 0.99}) {
    EXPECT_NEAR(RegularizedBeta(x, 3.5, 1.0), std::pow(x, 3.5), 1e-13);
    EXPECT_NEAR(RegularizedBeta(x, 1.0, 2.5), 1.0 - std::pow(1.0 - x, 2.5), 1e-13);
  }
  EXPECT_NEAR(RegularizedBeta(0.5, 7.3, 7.3), 0.5, 1e-13);
  EXPECT_EQ(RegularizedBeta(0.0, 2, 5), 0.0);
  EXPECT_EQ(RegularizedBeta(1.0, 2, 5), 1.0);
}

TEST(NormalCdf, MatchesTabulatedValues) {
  // Abramowitz & Stegun, Table 26.1: Phi(1) = 0.8413447461, Phi(1.96) = 0.9750021049.
  EXPECT_NEAR(NormalCdf(1.0), 0.8413447461, 1e-10);
  EXPECT_NEAR(NormalCdf(1.96), 0.9750021049, 1e-10);
  EXPECT_NEAR(NormalCdf(0.0), 0.5, 1e-15);
}

TEST(Distribution, ProblemsAreNamed) {
  EXPECT_EQ(Make(Distribution::Kind::kUniform, {0.4, 0.2}).Problem().value(),
            "uniform needs lo < hi, got [0.4, 0.2]");
  EXPECT_EQ(Make(Distribution::Kind::kNormal, {0.5}).Problem().value(),
            "normal takes 2 numbers [mean, sd], got 1");
  EXPECT_EQ(Make(Distribution::Kind::kBeta, {0, 5}).Problem().value(),
            "beta needs a > 0 and b > 0, got [0, 5]");
  EXPECT_EQ(Make(Distribution::Kind::kChoice, {0.2, 0.5}, {1}).Problem().value(),
            "choice has 2 values but 1 weights");
  EXPECT_FALSE(Make(Distribution::Kind::kTriangular, {0, 0.3, 1}).Problem().has_value());
}

}  // namespace
}  // namespace sim::montecarlo
