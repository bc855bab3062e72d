// SPDX-License-Identifier: MIT
// A fast floating-point equilibrium enumeration for the small 2-player games of Monte Carlo
// draws: support enumeration over equal-size support pairs, which finds every equilibrium of
// a nondegenerate game, with checks that detect degeneracy so that those draws go to the
// exact `enum` method instead. Private to the montecarlo module.
#pragma once

#include <optional>
#include <vector>

#include "sim/game/normal_form.h"
#include "sim/solve/solution.h"

namespace sim::montecarlo::detail {

// Largest game the fast path takes (support pairs grow like C(m, k) C(n, k)).
inline constexpr int kMaxFastStrategies = 8;

// Every Nash equilibrium of the 2-player `game`, or nothing when the game may have
// equilibria that equal-size support enumeration misses, or is outside the fast path's
// range. It answers only when
//  (a) every support system it solves has at most one solution, no candidate strategy has a
//      probability ~0 inside its support, and
//  (b) no equilibrium it finds uses a strategy with more pure best responses than its
//      support size.
// Why that suffices: an equilibrium (x*, y*) that equal-size enumeration misses has
// supports of different sizes, say |supp x*| = k < |supp y*| <= |BR(x*)|. The set of y on
// BR(x*) that keep supp x* indifferent and best is then a non-empty polytope; at one of its
// vertices y' either y' has support k (and (x*, y') is found, an equilibrium using x*, which
// has extra best responses: (b)), or y' has support < k (a ~0 probability: (a)), or y' makes
// further rows best responses, and solving those rows against supp y' meets x* with a ~0
// probability on them ((a)) or a system with many solutions ((a)). Continua of
// equilibria are degenerate in the same way. Degenerate strategies that are in no
// equilibrium (common in scenarios with additive effects) do not stop the fast path.
// Equilibria come from solve::MakeEquilibrium (payoffs, regret), in support-size order.
std::optional<std::vector<solve::Equilibrium>> SolveNondegenerateBimatrix(const NormalFormGame& game);

}  // namespace sim::montecarlo::detail
