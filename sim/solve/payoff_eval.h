// SPDX-License-Identifier: MIT
// Private to solve/: expected payoffs of every pure strategy against a mixed profile, and
// their derivatives with respect to the other players' probabilities. The n-player methods
// (logit QRE tracing, support Newton, enumpoly) all need these on the same flat indexing.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "sim/game/normal_form.h"
#include "sim/game/profile.h"

namespace sim::solve::detail {

// Strategies of all players in one flat index: offset(p) + s. A mixed profile in this
// indexing is one vector of size total() (probabilities of player 0's strategies first).
class PayoffEvaluator {
 public:
  explicit PayoffEvaluator(const NormalFormGame& game);

  const NormalFormGame& game() const { return game_; }
  int total() const { return total_; }
  int offset(int player) const { return offsets_[player]; }
  int num_players() const { return game_.num_players(); }

  // values(offset(i) + j) = u_i(j, p_{-i}): player i's expected payoff of strategy j.
  // With `jacobian`, also jacobian((i,j),(k,l)) = d values(i,j) / d p(k,l), which is
  // u_i(j, l, p_{-i,-k}) for k != i and 0 for k == i. Cost O(num_profiles * n^2).
  void Evaluate(const Eigen::VectorXd& prob, Eigen::VectorXd* values,
                Eigen::MatrixXd* jacobian) const;

  Eigen::VectorXd Flatten(const MixedProfile& profile) const;
  MixedProfile Unflatten(const Eigen::VectorXd& prob) const;

 private:
  const NormalFormGame& game_;
  std::vector<int> offsets_;
  int total_ = 0;
};

// Largest |payoff| of the game, at least 1: the scale that tolerances are relative to.
double PayoffScale(const NormalFormGame& game);

}  // namespace sim::solve::detail
