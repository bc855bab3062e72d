// SPDX-License-Identifier: MIT
// Exact re-checking of equilibria: given a profile with rational probabilities, compute every
// player's expected payoff and best deviation in rational arithmetic on the game's exact
// payoffs (NormalFormGame::exact_payoff), so "is a Nash equilibrium" is decided without
// rounding. It finds nothing itself: solvers call it on what they computed.
#pragma once

#include <vector>

#include "sim/core/rational.h"
#include "sim/game/normal_form.h"
#include "sim/game/profile.h"

namespace sim::solve {

// One probability vector per player (sizes = the game's shape), exact.
using ExactProfile = std::vector<std::vector<Rational>>;

struct ExactCheck {
  bool is_distribution = false;  // every vector is >= 0 and sums to exactly 1
  bool is_equilibrium = false;   // distribution and regret == 0
  std::vector<Rational> payoffs;  // each player's expected payoff
  Rational regret;               // max over players of (best deviation - expected payoff)
};

// Checks `profile` exactly. Cost: for each player, (product of the other players' support
// sizes) x (own strategy count) rational multiply-adds; for 2 players that is
// m * |supp y| + n * |supp x|.
ExactCheck CheckExactly(const NormalFormGame& game, const ExactProfile& profile);

// The nearest doubles, for MixedProfile-based reports.
MixedProfile ToMixedProfile(const ExactProfile& profile);

// Normalises non-negative weights to probabilities (sum 1); all-zero weights stay zero.
std::vector<Rational> Normalise(std::vector<Rational> weights);

}  // namespace sim::solve
