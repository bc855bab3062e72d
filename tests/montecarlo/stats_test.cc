// SPDX-License-Identifier: MIT
#include "sim/montecarlo/stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sim::montecarlo {
namespace {

// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score
// interval without continuity correction), to the 4 decimals printed there.
TEST(WilsonInterval, MatchesNewcombe1998WorkedExamples) {
  struct Case {
    int64_t r, n;
    double low, high;
  };
  for (const Case& c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605},
                        Case{0, 20, 0.0000, 0.1611}, Case{1, 29, 0.0061, 0.1718}}) {
    const Interval w = WilsonInterval(c.r, c.n);
    EXPECT_NEAR(w.low, c.low, 5e-5) << c.r << "/" << c.n;
    EXPECT_NEAR(w.high, c.high, 5e-5) << c.r << "/" << c.n;
  }
}

TEST(WilsonInterval, StaysInTheUnitIntervalAtTheExtremes) {
  const Interval all = WilsonInterval(50, 50);
  EXPECT_EQ(all.high, 1.0);
  EXPECT_GT(all.low, 0.9);
  const Interval none = WilsonInterval(0, 50);
  EXPECT_EQ(none.low, 0.0);
  const Interval empty = WilsonInterval(0, 0);
  EXPECT_EQ(empty.low, 0.0);
  EXPECT_EQ(empty.high, 1.0);
}

TEST(RunningMean, MergeOfSplitsEqualsOnePass) {
  RunningMean whole, left, right;
  for (int i = 0; i < 1000; ++i) {
    const double x = std::sin(i * 0.37) * 10 + i * 0.01;
    whole.Add(x);
    (i < 313 ? left : right).Add(x);
  }
  left.Merge(right);
  EXPECT_EQ(left.count(), whole.count());
  EXPECT_NEAR(left.mean(), whole.mean(), 1e-12);
  EXPECT_NEAR(left.variance(), whole.variance(), 1e-10);
}

TEST(RunningMean, IntervalIsMeanPlusMinusZTimesStandardError) {
  RunningMean m;
  for (double x : {1.0, 2.0, 3.0, 4.0}) m.Add(x);
  // Sample variance of 1..4 is 5/3; standard error sqrt(5/3 / 4).
  const Interval i = m.MeanInterval();
  EXPECT_NEAR(i.low, 2.5 - kZ95 * std::sqrt(5.0 / 12.0), 1e-12);
  EXPECT_NEAR(i.high, 2.5 + kZ95 * std::sqrt(5.0 / 12.0), 1e-12);
}

TEST(Correlation, IsPearsonAndMergesLikeOnePass) {
  Correlation whole, left, right;
  // y = 2x + 1 exactly: r = 1; then its negation: r = -1.
  for (int i = 0; i < 100; ++i) {
    whole.Add(i, 2.0 * i + 1);
    (i % 3 ? left : right).Add(i, 2.0 * i + 1);
  }
  left.Merge(right);
  EXPECT_NEAR(whole.value(), 1.0, 1e-12);
  EXPECT_NEAR(left.value(), 1.0, 1e-12);
  Correlation negative;
  for (int i = 0; i < 10; ++i) negative.Add(i, -i);
  EXPECT_NEAR(negative.value(), -1.0, 1e-12);
  Correlation constant;
  for (int i = 0; i < 10; ++i) constant.Add(i, 1.0);
  EXPECT_EQ(constant.value(), 0.0);
}

}  // namespace
}  // namespace sim::montecarlo
