// SPDX-License-Identifier: MIT
#include "sim/core/rational.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "sim/core/error.h"

namespace sim {

namespace {

__extension__ typedef __int128 Wide;  // GCC/Clang extension; exact products of 64-bit values

// Reduces a wide fraction (den != 0) and returns it if it fits in 64 bits.
std::optional<Rational> Narrow(Wide num, Wide den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Wide a = num < 0 ? -num : num, b = den;
  while (b != 0) {
    Wide t = a % b;
    a = b;
    b = t;
  }
  if (a > 1) {
    num /= a;
    den /= a;
  }
  if (num > INT64_MAX || num < -INT64_MAX || den > INT64_MAX) return std::nullopt;
  // Already in lowest terms, so the constructor's reduction is a no-op.
  return Rational(static_cast<int64_t>(num), static_cast<int64_t>(den));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses an unsigned decimal with optional fraction and exponent ("12", "1.5", ".5",
// "1e3", "2.5E-2") into a fraction. Returns nullopt on bad syntax or overflow.
std::optional<Rational> ParseDecimal(std::string_view s) {
  size_t i = 0;
  Wide num = 0, den = 1;
  constexpr Wide kCap = static_cast<Wide>(1) << 100;  // keeps num * 10 far from overflow
  bool digits = false;
  while (i < s.size() && IsDigit(s[i])) {
    num = num * 10 + (s[i] - '0');
    if (num > kCap) return std::nullopt;
    digits = true;
    ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) {
      num = num * 10 + (s[i] - '0');
      den *= 10;
      if (num > kCap || den > kCap) return std::nullopt;
      digits = true;
      ++i;
    }
  }
  if (!digits) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    if (i >= s.size() || !IsDigit(s[i])) return std::nullopt;
    int exponent = 0;
    while (i < s.size() && IsDigit(s[i])) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > 40) return std::nullopt;
      ++i;
    }
    for (int k = 0; k < exponent; ++k) {
      if (negative) {
        den *= 10;
      } else {
        num *= 10;
      }
      if (num > kCap || den > kCap) return std::nullopt;
    }
  }
  if (i != s.size()) return std::nullopt;
  return Narrow(num, den);
}

}  // namespace

Rational::Rational(int64_t num, int64_t den) {
  SIM_CHECK(den != 0, "zero denominator");
  SIM_CHECK(num != INT64_MIN && den != INT64_MIN, "rational out of range");
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const int64_t g = std::gcd(num < 0 ? -num : num, den);
  num_ = num / g;
  den_ = den / g;
}

std::optional<Rational> Rational::Parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || !(IsDigit(text[0]) || text[0] == '.')) return std::nullopt;
  std::optional<Rational> value;
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    value = ParseDecimal(text);
  } else {
    std::optional<Rational> top = ParseDecimal(text.substr(0, slash));
    std::optional<Rational> bottom = ParseDecimal(text.substr(slash + 1));
    if (!top || !bottom || bottom->num_ == 0) return std::nullopt;
    value = Narrow(static_cast<Wide>(top->num_) * bottom->den_,
                   static_cast<Wide>(top->den_) * bottom->num_);
  }
  if (value && negative) value->num_ = -value->num_;
  return value;
}

std::optional<Rational> Rational::FromDouble(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  return Parse(ShortestDecimal(value));
}

std::string ShortestDecimal(double value) {
  if (value == 0.0) return "0";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return std::to_string(value);
  return std::string(buffer, end);
}

std::string Rational::ToString() const {
  if (den_ == 1) return std::to_string(num_);
  return std::to_string(num_) + "/" + std::to_string(den_);
}

bool operator<(const Rational& a, const Rational& b) {
  return static_cast<Wide>(a.num_) * b.den_ < static_cast<Wide>(b.num_) * a.den_;
}

std::optional<Rational> Rational::Add(const Rational& a, const Rational& b) {
  return Narrow(static_cast<Wide>(a.num_) * b.den_ + static_cast<Wide>(b.num_) * a.den_,
                static_cast<Wide>(a.den_) * b.den_);
}

}  // namespace sim
