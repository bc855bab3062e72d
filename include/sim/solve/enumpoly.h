// SPDX-License-Identifier: MIT
// All Nash equilibria of small n-player normal-form games by support enumeration, where each
// support profile's indifference equations (a square polynomial system, multilinear in the
// unknowns) are solved on the probability box by interval subdivision with a Krawczyk
// existence-and-uniqueness test, after Gambit's enumpoly. Not for large games (the number of
// support profiles grows as prod (2^k_i - 1)); degenerate games with continua of equilibria
// are reported as partial. Two-player games are better served by vertex enumeration.
#pragma once

#include <cstdint>

#include "sim/game/normal_form.h"
#include "sim/solve/solution.h"

namespace sim::solve {

// Size limits of SolveEnumPoly; beyond them it refuses (status kFailed, message says which).
struct EnumPolyLimits {
  int64_t max_support_profiles = 50000;  // prod over players of (2^k_i - 1)
  int max_unknowns = 12;                 // largest sum of (|support_i| - 1) to subdivide
  int64_t max_boxes_per_support = 200000;
};

// Registry "enumpoly". For every support profile (one non-empty strategy set per player,
// smallest first) that no strategy conditionally strictly dominates, finds every solution
// of the indifference system
//   u_i(a, p_{-i}) = u_i(b, p_{-i})  for a, b in support_i,  sum_{a in support_i} p_ia = 1,
// with p in the (slightly enlarged) product of simplices: boxes where the natural interval
// extension of some equation excludes 0, or where the Krawczyk operator misses the box, are
// discarded; a box whose Krawczyk image lies inside it holds exactly one root (Moore 1977),
// found by Newton's method; other boxes are split. Each root is kept when its regret is
// within options.tolerance * max(1, largest |payoff|), after removing duplicates (profiles
// within 1e-7). A support whose boxes shrink to 1e-9 without isolating its roots (a
// singular Jacobian: a continuum of equilibria, or a double root) makes the result kPartial
// and is named in the message; the isolated equilibria found are still returned.
// Interval arithmetic uses round-to-nearest doubles (not outward rounding): the final
// regret check, not the interval bounds, certifies each reported equilibrium.
// Cost: exponential in the number of strategies; see EnumPolyLimits.
SolveResult SolveEnumPoly(const NormalFormGame& game, const SolveOptions& options = {},
                          const OnEquilibrium& on_equilibrium = {},
                          const EnumPolyLimits& limits = {});

}  // namespace sim::solve
