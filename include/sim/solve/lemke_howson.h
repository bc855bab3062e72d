// SPDX-License-Identifier: MIT
// The Lemke-Howson method for 2-player games: one Nash equilibrium per starting label, found
// by complementary pivoting (Lemke & Howson 1964; von Stengel 2002, "Computing equilibria for
// two-person games", Handbook of Game Theory 3, §3). Fast on large games (200x200 and
// beyond), but it finds only the equilibria at the ends of its paths, not all of them: use
// `enum` (bimatrix_enum.h) for the complete set.
//
// Pivoting follows the lexicographic minimum-ratio rule, so degenerate games cannot make a
// path cycle. Paths run in floating point; the equilibrium at the end is then recomputed
// exactly from its basis (a small rational linear system on the support) and re-checked
// with CheckExactly. If that fails (rounding led the float path astray) the path is rerun in
// exact integer pivoting (64-bit, 128-bit, then GMP).
#pragma once

#include <cstdint>
#include <optional>

#include "sim/game/normal_form.h"
#include "sim/solve/exact_check.h"
#include "sim/solve/solution.h"

namespace sim::solve {

// What one Lemke-Howson path produced.
struct LemkeHowsonPath {
  int missing_label = 0;  // 0..m-1: player 0's strategies; m..m+n-1: player 1's
  bool found = false;     // false only if max_pivots was hit
  int64_t pivots = 0;     // complementary pivots, float and (if needed) exact runs together
  bool exact = false;     // `exact_profile` is set and passed CheckExactly
  bool exact_rerun = false;  // the float path failed the exact check and was rerun exactly
  ExactProfile exact_profile;
  MixedProfile profile;   // the equilibrium (rounded from exact_profile when exact)
};

// Follows the path that starts at the artificial equilibrium (0, 0) by dropping
// `missing_label`. Needs a 2-player game and 0 <= missing_label < m + n (SIM_CHECK). Cost:
// O(m n) per pivot in floating point; the number of pivots is usually small but
// exponential in the worst case (Savani & von Stengel 2006).
LemkeHowsonPath RunLemkeHowson(const NormalFormGame& game, int missing_label,
                               int64_t max_pivots = 1000000);

// The `lemke-howson` method. Runs the paths for labels 0, 1, ..., m+n-1 in turn and keeps the
// distinct equilibria at their ends, stopping as soon as it has options.max_equilibria of
// them; max_equilibria = 0 means one (the quick answer for large games) - ask for more to
// try more of the m+n labels. options.max_iterations caps the pivots of each path.
// Equilibria are exact (exact = true, regret 0) when the exact re-check passes, otherwise
// they carry their floating-point regret.
SolveResult SolveLemkeHowson(const NormalFormGame& game, const SolveOptions& options = {},
                             const OnEquilibrium& on_equilibrium = {});

}  // namespace sim::solve
