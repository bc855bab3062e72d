// SPDX-License-Identifier: MIT
// A small exact rational number for chance probabilities of game trees, so that "19/20" or
// "0.1" is kept exactly and "do the probabilities sum to 1" is decided the way Gambit decides
// it (in exact arithmetic). It is not a general big-number type: numerator and denominator are
// 64-bit, and every operation reports overflow instead of wrapping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

// num/den in lowest terms with den > 0. Default value 0.
class Rational {
 public:
  Rational() = default;
  // Normalises the sign and reduces the fraction. den must not be 0 (SIM_CHECK).
  Rational(int64_t num, int64_t den = 1);

  // Parses Gambit's number syntax: "3/2", "-2", "0.5", ".5", "-.5", "1e1", "1.5e-1".
  // A leading '+', hexadecimal, "1/0", empty text, trailing characters and values that do
  // not fit in 64-bit numerator and denominator give nullopt.
  static std::optional<Rational> Parse(std::string_view text);

  // The shortest decimal that reads back as `value` (as printf's %.{1..17}g gives), exactly:
  // FromDouble(0.3) is 3/10, not the binary fraction nearest 0.3. nullopt when that decimal
  // does not fit (e.g. 1e-30) or value is not finite.
  static std::optional<Rational> FromDouble(double value);

  int64_t num() const { return num_; }
  int64_t den() const { return den_; }
  double ToDouble() const { return static_cast<double>(num_) / static_cast<double>(den_); }
  // "3/2", or "2" when the denominator is 1.
  std::string ToString() const;

  friend bool operator==(const Rational&, const Rational&) = default;
  friend bool operator<(const Rational& a, const Rational& b);

  // a + b, or nullopt on overflow.
  static std::optional<Rational> Add(const Rational& a, const Rational& b);

 private:
  int64_t num_ = 0;
  int64_t den_ = 1;
};

// The shortest decimal text that reads back (strtod) as exactly `value`, e.g. "0.1", "-2",
// "1e-07" (std::to_chars); "-0" prints as "0". Non-finite values print as "nan"/"inf".
std::string ShortestDecimal(double value);

}  // namespace sim
