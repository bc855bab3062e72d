// SPDX-License-Identifier: MIT
// Exact number syntax of Gambit files (shared/design/gambit-formats.md, "Rules common to all
// formats") and conversions to and from double.
#include "sim/core/rational.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>

namespace sim {
namespace {

TEST(Rational, ParsesEveryGambitNumberForm) {
  EXPECT_EQ(*ParseRational("3/2"), Rational(3, 2));
  EXPECT_EQ(*ParseRational("0.5"), Rational(1, 2));
  EXPECT_EQ(*ParseRational(".5"), Rational(1, 2));
  EXPECT_EQ(*ParseRational("-.5"), Rational(-1, 2));
  EXPECT_EQ(*ParseRational("-2"), Rational(-2));
  EXPECT_EQ(*ParseRational("1e1"), Rational(10));
  EXPECT_EQ(*ParseRational("1.5e-1"), Rational(3, 20));
  EXPECT_EQ(*ParseRational("1.5E+2"), Rational(150));
  EXPECT_EQ(*ParseRational("-6/4"), Rational(-3, 2));
  EXPECT_EQ(*ParseRational("123456789012345678901234567890"),
            Rational(mpz_class("123456789012345678901234567890")));
}

TEST(Rational, RejectsWhatGambitRejects) {
  for (const char* bad : {"+1", "1/0", "0x10", "", "-", ".", "1e", "1/", "/2", "1/-2", "1/2.5",
                          "--1", "1e401", "abc", "1 2"}) {
    EXPECT_FALSE(ParseRational(bad).has_value()) << bad;
  }
}

TEST(Rational, DoublesConvertExactlyAndBack) {
  EXPECT_EQ(RationalFromDouble(0.5), Rational(1, 2));
  EXPECT_NE(RationalFromDouble(0.1), Rational(1, 10));  // 0.1 is not a dyadic rational
  EXPECT_EQ(RationalToDouble(Rational(1, 10)), 0.1);
  EXPECT_EQ(RationalToDouble(Rational(1, 3)), 1.0 / 3.0);
  EXPECT_EQ(RationalToDouble(RationalFromDouble(M_PI)), M_PI);
  EXPECT_EQ(RationalToString(Rational(-3, 2)), "-3/2");
  EXPECT_EQ(RationalToString(Rational(4)), "4");
}

TEST(Rational, LongDecimalsRoundToTheNearestDouble) {
  // Shortest round-trip decimals (17 significant digits, denominators beyond 2^53) must come
  // back as the same double: RationalToDouble rounds correctly, half to even.
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (int k = 0; k < 20000; ++k) {
    const double d = unit(rng) * std::pow(10.0, static_cast<int>(rng() % 40) - 20);
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    const std::string text(buffer, end);
    std::optional<Rational> r = ParseRational(text);
    ASSERT_TRUE(r.has_value()) << text;
    ASSERT_EQ(RationalToDouble(*r), d) << text;
  }
  // Exactly halfway between 1 and the next double: ties go to the even mantissa (1).
  EXPECT_EQ(RationalToDouble(Rational(1) + Rational(1, mpz_class(1) << 53)), 1.0);
}

}  // namespace
}  // namespace sim
