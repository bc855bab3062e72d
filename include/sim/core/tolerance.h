// SPDX-License-Identifier: MIT
// Every tolerance of the library's floating-point comparisons, stated once. A tolerance
// here absorbs rounding error only: it never turns a real payoff difference into a tie.
// Payoff tolerances are therefore RELATIVE to the magnitude of the payoffs compared, so a
// game keeps its equilibria when all its payoffs are scaled by any power of ten (1e-12 and
// 1e12 alike). This header states numbers and the rule; it decides nothing about games.
#pragma once

#include <algorithm>

namespace sim {

// Relative tolerance on payoffs: two payoffs of a player count as tied when they differ by
// at most kPayoffRelativeTolerance x the larger magnitude among the payoffs being compared
// (for a deviation: the player's payoffs over its own strategies, the others' fixed). About
// 10^7 double roundings; far below any difference an analyst writes on purpose.
inline constexpr double kPayoffRelativeTolerance = 1e-9;

// Absolute tolerance on issue positions (in [0, 1]) for ==, <=, >= in predicates, so that
// "sanctions == 0.5" survives the rounding of accumulated effects (0.1 + 0.2 + 0.2).
inline constexpr double kPositionTolerance = 1e-9;

// Absolute tolerance on probabilities: two mixed profiles are the same equilibrium when no
// probability differs by more than this; a distribution may miss 1 by this much.
inline constexpr double kProbabilityTolerance = 1e-9;

// Probabilities within this of each other are tied when choosing a most likely outcome
// (the lowest index wins the tie), and a probability this close to 1 prints as certain.
inline constexpr double kProbabilityTieTolerance = 1e-12;

// The largest gain that still counts as "no gain" (a tie) among payoffs whose largest
// magnitude is `scale`: relative_tolerance x scale. Zero when every payoff compared is zero,
// so exact ties stay exact and payoffs of 1e-300 are still told apart. Cannot overflow:
// scale <= DBL_MAX for finite payoffs and the tolerance is below 1.
inline double PayoffSlack(double scale, double relative_tolerance = kPayoffRelativeTolerance) {
  return relative_tolerance * std::max(0.0, scale);
}

}  // namespace sim
