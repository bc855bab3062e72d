// SPDX-License-Identifier: MIT
// The largest number the library takes in, stated once. Every payoff, cost, salience, term
// value and distribution parameter is read with |x| <= kMaxMagnitude, wherever it is read
// (scenario YAML, distributions and the values they can draw, .nfg, .efg), and refused
// there with its location otherwise. Nothing downstream then overflows, so no nan or inf
// can reach a report:
//   - a payoff is a sum of at most ~10^7 such numbers (a file is at most 256 MB; a tree
//     path at most 10^6 outcomes): below 1e107;
//   - the Monte Carlo sums squares of payoffs over at most 10^12 draws: below 1e226;
//   - solvers multiply at most three payoffs (determinants of 2x2 differences, payoff times
//     probability times a scale) and compare differences: below 1e300 < DBL_MAX (1.8e308);
//   - exact arithmetic (Rational) needs finite doubles only.
// Equilibria do not change under a positive affine rescaling of a player's payoffs, so a
// game in larger units loses nothing by being rewritten in smaller ones.
#pragma once

#include <cmath>

namespace sim {

inline constexpr double kMaxMagnitude = 1e100;

// |value| <= kMaxMagnitude (false for nan and +-inf).
inline bool WithinMagnitude(double value) { return std::fabs(value) <= kMaxMagnitude; }

// The hint printed with a number refused for its size.
inline constexpr const char* kMagnitudeHint =
    "numbers are limited to +-1e100 so that every sum and product the solvers and the Monte "
    "Carlo form stays finite; rescale the payoffs (equilibria do not change under a positive "
    "affine change of a player's payoffs)";

}  // namespace sim
