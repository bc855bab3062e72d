// SPDX-License-Identifier: MIT
// Grid values of `--vary PATH=LO:HI:N` (montecarlo/sweep.h): evenly spaced, exactly LO and HI
// at the ends, and never outside [LO, HI], even for bounds near the largest double where
// the textbook LO + (HI - LO) * i / (N - 1) overflows (found by the vary fuzz target).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <string>

#include "sim/core/error.h"
#include "sim/montecarlo/sweep.h"

namespace sim::montecarlo {
namespace {

using ::testing::HasSubstr;

// Every value of every point is finite and within [min(LO, HI), max(LO, HI)].
void ExpectAllWithinBounds(const SweepAxis& axis) {
  const double lo = std::min(axis.low, axis.high), hi = std::max(axis.low, axis.high);
  for (int i = 0; i < axis.count; ++i) {
    const double v = axis.Value(i);
    ASSERT_TRUE(std::isfinite(v)) << axis.text << " point " << i;
    ASSERT_GE(v, lo) << axis.text << " point " << i;
    ASSERT_LE(v, hi) << axis.text << " point " << i;
  }
}

TEST(SweepAxis, ElevenPointsFromZeroToOneAreTenthsWithExactEnds) {
  const SweepAxis axis = ParseSweepAxis("actors.usa.unpredictability=0:1:11");
  EXPECT_EQ(axis.path, "actors.usa.unpredictability");
  EXPECT_EQ(axis.Value(0), 0.0);
  EXPECT_EQ(axis.Value(10), 1.0);
  EXPECT_DOUBLE_EQ(axis.Value(3), 0.3);
  ExpectAllWithinBounds(axis);
}

TEST(SweepAxis, ProductOfSpanAndIndexNearTheLargestDoubleDoesNotOverflow) {
  // Fuzz finding (tests/data/fuzz-regressions/vary/product_overflows_before_division):
  // (HI - LO) * i overflowed to inf before the division by N - 1 for 0:1e308:5, point 2.
  const SweepAxis axis = ParseSweepAxis("x=0:1e308:5");
  EXPECT_EQ(axis.Value(2), 5e307);
  ExpectAllWithinBounds(axis);
}

TEST(SweepAxis, OppositeBoundsNearTheLargestDoubleStayFinite) {
  // HI - LO itself overflows here; the convex combination LO (1 - t) + HI t cannot.
  const SweepAxis axis = ParseSweepAxis("x=-1.7976931348623157e308:1.7976931348623157e308:3");
  EXPECT_EQ(axis.Value(1), 0.0);
  ExpectAllWithinBounds(ParseSweepAxis("x=-1.7976931348623157e308:1.7976931348623157e308:1001"));
  ExpectAllWithinBounds(ParseSweepAxis("x=1.7976931348623157e308:-1e308:999"));
}

TEST(SweepAxis, EqualBoundsGiveTheSameValueAtEveryPoint) {
  const SweepAxis axis = ParseSweepAxis("x=0.1:0.1:7");
  for (int i = 0; i < 7; ++i) EXPECT_EQ(axis.Value(i), 0.1) << i;
}

TEST(SweepAxis, DescendingAndSubnormalBoundsStayWithinBounds) {
  ExpectAllWithinBounds(ParseSweepAxis("x=1:0:101"));
  // Built directly: whether a subnormal literal parses is up to the C library's from_chars.
  SweepAxis tiny;
  tiny.low = std::numeric_limits<double>::denorm_min();
  tiny.high = -tiny.low;
  tiny.count = 9;
  ExpectAllWithinBounds(tiny);
  tiny.low = -3 * std::numeric_limits<double>::denorm_min();
  tiny.high = 1e300;
  tiny.count = kMaxAxisPoints;
  ExpectAllWithinBounds(tiny);
}

TEST(SweepAxis, NonFiniteBoundIsRefusedAtItsColumn) {
  try {
    ParseSweepAxis("x=0:1e999:3");
    FAIL() << "1e999 accepted";
  } catch (const InputError& e) {
    // "x=0:" is 4 characters: HI starts at column 5.
    EXPECT_THAT(e.what(), HasSubstr("<--vary x=0:1e999:3>:1:5: error: expected a finite number for HI"));
  }
}

}  // namespace
}  // namespace sim::montecarlo
