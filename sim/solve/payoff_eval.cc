// SPDX-License-Identifier: MIT
#include "sim/solve/payoff_eval.h"

#include <algorithm>
#include <cmath>

namespace sim::solve::detail {

PayoffEvaluator::PayoffEvaluator(const NormalFormGame& game) : game_(game) {
  for (int p = 0; p < game.num_players(); ++p) {
    offsets_.push_back(total_);
    total_ += game.num_strategies(p);
  }
}

void PayoffEvaluator::Evaluate(const Eigen::VectorXd& prob, Eigen::VectorXd* values,
                               Eigen::MatrixXd* jacobian) const {
  const int n = game_.num_players();
  values->setZero(total_);
  if (jacobian) jacobian->setZero(total_, total_);
  std::vector<int> digit(n, 0);
  std::vector<double> pv(n);
  const Eigen::MatrixXd& u = game_.payoffs();
  // One pass over all pure profiles in Gambit order (player 0's digit moves fastest).
  // A profile s contributes u_i(s) * prod_{m != i} p(m, s_m) to values(i, s_i), and
  // u_i(s) * prod_{m != i,k} p(m, s_m) to jacobian((i, s_i), (k, s_k)).
  for (int64_t r = 0; r < game_.num_profiles(); ++r) {
    for (int m = 0; m < n; ++m) pv[m] = prob(offsets_[m] + digit[m]);
    for (int i = 0; i < n; ++i) {
      const double ui = u(r, i);
      if (ui != 0.0) {
        double w = 1.0;
        for (int m = 0; m < n; ++m) {
          if (m != i) w *= pv[m];
        }
        (*values)(offsets_[i] + digit[i]) += w * ui;
        if (jacobian) {
          for (int k = 0; k < n; ++k) {
            if (k == i) continue;
            double wk = 1.0;
            for (int m = 0; m < n; ++m) {
              if (m != i && m != k) wk *= pv[m];
            }
            (*jacobian)(offsets_[i] + digit[i], offsets_[k] + digit[k]) += wk * ui;
          }
        }
      }
    }
    for (int m = 0; m < n; ++m) {
      if (++digit[m] < game_.num_strategies(m)) break;
      digit[m] = 0;
    }
  }
}

Eigen::VectorXd PayoffEvaluator::Flatten(const MixedProfile& profile) const {
  Eigen::VectorXd prob(total_);
  for (int p = 0; p < num_players(); ++p) {
    prob.segment(offsets_[p], game_.num_strategies(p)) = profile.strategies[p];
  }
  return prob;
}

MixedProfile PayoffEvaluator::Unflatten(const Eigen::VectorXd& prob) const {
  MixedProfile profile;
  for (int p = 0; p < num_players(); ++p) {
    profile.strategies.push_back(prob.segment(offsets_[p], game_.num_strategies(p)));
  }
  return profile;
}

double PayoffScale(const NormalFormGame& game) {
  if (game.num_profiles() == 0) return 1.0;
  return std::max(1.0, game.payoffs().cwiseAbs().maxCoeff());
}

}  // namespace sim::solve::detail
