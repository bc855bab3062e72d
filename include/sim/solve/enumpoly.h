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
  int max_unknowns = 9;                  // sum over players of (k_i - 1): 4x4x4 is the largest 3-player game
  int64_t max_boxes_per_support = 200000;
};

// Registry "enumpoly". For every support profile (one non-empty strategy set per player,
// smallest first) finds every solution of the indifference system
//   u_i(a, p_{-i}) = u_i(b, p_{-i})  for a, b in support_i,  sum_{a in support_i} p_ia = 1,
// with p in the (slightly enlarged) product of simplices. Supports are skipped when a
// strategy in them is strictly dominated against the others' supports, or when the
// system's Jacobian is structurally singular (no perfect matching between equations and
// the unknowns they depend on): a generic game has no equilibrium there, and a degenerate
// one only continua, which minimum-norm Newton probes from 8 seeded starts look for (a hit
// makes the answer partial). Otherwise the box is subdivided: each equation is affine in
// each player's block of unknowns, so its exact range over a box comes from the box's
// vertices; boxes where some range excludes 0, or the Krawczyk operator misses the box, are
// discarded; a box whose Krawczyk image lies inside it holds exactly one root (Moore 1977),
// found by Newton's method. Each root is kept when its regret is within
// options.tolerance * max(1, largest |payoff|), after removing duplicates (profiles within
// 1e-7). Boxes narrower than 0.03 around a root with a singular Jacobian (a continuum or a
// multiple root) are dropped and make the result kPartial, as does a support exceeding its
// box budget; the message names them, and the isolated equilibria found are still returned.
// Interval arithmetic uses round-to-nearest doubles (not outward rounding): the final
// regret check, not the interval bounds, certifies each reported equilibrium.
// Measured (one core, random real payoffs): 2x2x2 0.04 ms, 3x3x3 ~20 ms, 4x4x4 1-3 s,
// 2^6 players 0.5 s. Cost is exponential in the number of strategies; see EnumPolyLimits.
SolveResult SolveEnumPoly(const NormalFormGame& game, const SolveOptions& options = {},
                          const OnEquilibrium& on_equilibrium = {},
                          const EnumPolyLimits& limits = {});

}  // namespace sim::solve
