// SPDX-License-Identifier: MIT
#include "sim/core/rational.h"

#include <cmath>
#include <cstdlib>

namespace sim {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Splits "DIGITS[.DIGITS][e[+-]DIGITS]" into its digit string and power of ten. Returns false
// when the text is not of that form.
bool ParseDecimal(std::string_view text, std::string* digits, long* exponent) {
  size_t i = 0;
  size_t int_digits = 0, frac_digits = 0;
  while (i < text.size() && IsDigit(text[i])) digits->push_back(text[i++]), ++int_digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) digits->push_back(text[i++]), ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  long exp = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    size_t start = i;
    while (i < text.size() && IsDigit(text[i])) {
      if (exp < 100000) exp = exp * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) return false;
    if (negative) exp = -exp;
  }
  if (i != text.size()) return false;
  *exponent = exp - static_cast<long>(frac_digits);
  return exp >= -400 && exp <= 400;
}

}  // namespace

std::optional<Rational> ParseRational(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  std::string_view numerator = text, denominator;
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    numerator = text.substr(0, slash);
    denominator = text.substr(slash + 1);
    if (denominator.empty()) return std::nullopt;
    for (char c : denominator) {
      if (!IsDigit(c)) return std::nullopt;
    }
  }
  std::string digits;
  long exponent = 0;
  if (!ParseDecimal(numerator, &digits, &exponent)) return std::nullopt;
  Rational value;
  if (digits.size() <= 18) {
    value = Rational(std::strtol(digits.c_str(), nullptr, 10));
  } else {
    value.get_num().set_str(digits, 10);
  }
  if (exponent != 0) {
    mpz_class power;
    mpz_ui_pow_ui(power.get_mpz_t(), 10, static_cast<unsigned long>(std::labs(exponent)));
    if (exponent > 0) {
      value.get_num() *= power;
    } else {
      value.get_den() = power;
    }
  }
  if (!denominator.empty()) {
    mpz_class den(std::string(denominator), 10);
    if (den == 0) return std::nullopt;
    value.get_den() *= den;
  }
  value.canonicalize();
  if (negative) value = -value;
  return value;
}

Rational RationalFromDouble(double value) { return Rational(value); }

double RationalToDouble(const Rational& value) {
  // Both parts exact in a double: one correctly rounded division.
  static const mpz_class kLimit = mpz_class(1) << 53;
  if (abs(value.get_num()) <= kLimit && value.get_den() <= kLimit) {
    return value.get_num().get_d() / value.get_den().get_d();
  }
  return value.get_d();
}

std::string RationalToString(const Rational& value) { return value.get_str(); }

}  // namespace sim
