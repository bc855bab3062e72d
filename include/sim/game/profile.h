// SPDX-License-Identifier: MIT
// Mixed strategy profiles over a NormalFormGame and the quantities every solver and
// checker needs from them: expected payoffs, the payoff of each pure deviation, regret.
// Pure profiles are mixed profiles with point masses, so one type serves all solvers.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "sim/core/tolerance.h"
#include "sim/game/normal_form.h"

namespace sim {

// One probability vector per player (sizes = the game's shape). Not normalised here;
// solvers produce distributions, IsDistribution() checks one.
struct MixedProfile {
  std::vector<Eigen::VectorXd> strategies;

  static MixedProfile Pure(const NormalFormGame& game, const PureProfile& profile);
  static MixedProfile Uniform(const NormalFormGame& game);
  // True when every vector is non-negative and sums to 1 within `tolerance`.
  bool IsDistribution(double tolerance = kProbabilityTolerance) const;
  // The pure profile when every player puts probability > 1 - tolerance on one strategy.
  bool IsPure(double tolerance = kProbabilityTieTolerance) const;
  PureProfile ArgMax() const;
};

// Expected payoff of every player. Cost: O(num_profiles * num_players), with a fast path
// for pure profiles and for 2-player games.
Eigen::VectorXd ExpectedPayoffs(const NormalFormGame& game, const MixedProfile& profile);

// Expected payoff to `player` of each of its pure strategies against the others' mix.
Eigen::VectorXd DeviationPayoffs(const NormalFormGame& game, const MixedProfile& profile,
                                 int player);

// Largest gain any player can get by a unilateral deviation: max over players of
// (best pure deviation payoff - expected payoff). 0 at an exact Nash equilibrium.
double Regret(const NormalFormGame& game, const MixedProfile& profile);

}  // namespace sim
