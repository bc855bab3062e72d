// SPDX-License-Identifier: MIT
#include "sim/core/rational.h"

#include <cmath>
#include <cstdlib>

#include "sim/core/error.h"

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
  // Fast path: a plain integer of at most 18 digits (most payoffs).
  {
    size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
    if (text.size() > i && text.size() - i <= 18) {
      long value = 0;
      for (; i < text.size() && IsDigit(text[i]); ++i) value = value * 10 + (text[i] - '0');
      if (i == text.size()) return Rational(text[0] == '-' ? -value : value);
    }
  }
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

Rational RationalFromDouble(double value) {
  // GMP's mpq_set_d raises SIGFPE on inf and NaN: a caller's bug must be an exception.
  SIM_CHECK(std::isfinite(value), "RationalFromDouble needs a finite double");
  return Rational(value);
}

double RationalToDouble(const Rational& value) {
  // Both parts exact in a double: one correctly rounded division.
  static const mpz_class kLimit = mpz_class(1) << 53;
  const mpz_class& p = value.get_num();
  const mpz_class& q = value.get_den();
  if (q == 1 && mpz_fits_slong_p(p.get_mpz_t())) return static_cast<double>(p.get_si());
  if (mpz_cmpabs(p.get_mpz_t(), kLimit.get_mpz_t()) <= 0 && q <= kLimit) {
    return p.get_d() / q.get_d();
  }
  // Otherwise: an integer quotient t = floor(|p| 2^s / q) of 55 or 56 bits, then round it
  // to 53 bits, half to even, with the remainder as a sticky bit.
  const long shift = 55 + static_cast<long>(mpz_sizeinbase(q.get_mpz_t(), 2)) -
                     static_cast<long>(mpz_sizeinbase(p.get_mpz_t(), 2));
  mpz_class num = abs(p), den = q, t, r;
  if (shift > 0) {
    num <<= shift;
  } else {
    den <<= -shift;
  }
  mpz_tdiv_qr(t.get_mpz_t(), r.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
  const long extra = static_cast<long>(mpz_sizeinbase(t.get_mpz_t(), 2)) - 53;
  mpz_class kept = t >> extra;
  const mpz_class dropped = t - (kept << extra);
  const mpz_class half = mpz_class(1) << (extra - 1);
  if (dropped > half || (dropped == half && (r != 0 || mpz_odd_p(kept.get_mpz_t())))) ++kept;
  const double magnitude = std::ldexp(kept.get_d(), static_cast<int>(extra - shift));
  return sgn(p) < 0 ? -magnitude : magnitude;
}

std::string RationalToString(const Rational& value) { return value.get_str(); }

}  // namespace sim
