// SPDX-License-Identifier: MIT
#include "sim/montecarlo/perturb.h"

#include <algorithm>

#include "sim/core/error.h"

namespace sim::montecarlo::detail {

void PerturbGame(const std::vector<Randomness>& randomness, NormalFormGame* game) {
  SIM_CHECK(static_cast<int>(randomness.size()) == game->num_players(),
            "one randomness per player");
  Eigen::MatrixXd& payoffs = game->mutable_payoffs();
  const int64_t profiles = game->num_profiles();
  const int n = game->num_players();
  for (int a = 0; a < n; ++a) {
    const double u = randomness[a].probability;
    if (u <= 0) continue;
    const int m = game->num_strategies(a);
    const int64_t stride = game->stride(a);
    // Fibres along a's axis: profiles base + s * stride, s = 0..m-1. Each entry becomes
    // (1 - u) * itself + u * (mean over the fibre), which is T_a applied to the fibre.
    for (int64_t outer = 0; outer < profiles; outer += stride * m) {
      for (int64_t inner = 0; inner < stride; ++inner) {
        const int64_t base = outer + inner;
        for (int p = 0; p < n; ++p) {
          if (p == a && !randomness[a].own_payoffs_too) continue;
          double mean = 0;
          for (int s = 0; s < m; ++s) mean += payoffs(base + s * stride, p);
          mean /= m;
          for (int s = 0; s < m; ++s) {
            double& v = payoffs(base + s * stride, p);
            v = (1.0 - u) * v + u * mean;
          }
        }
      }
    }
  }
}

double PayoffRange(const NormalFormGame& game) {
  const Eigen::MatrixXd& payoffs = game.payoffs();
  if (payoffs.size() == 0) return 0.0;
  return payoffs.maxCoeff() - payoffs.minCoeff();
}

void ScalePayoffs(const std::vector<double>& weights, NormalFormGame* game) {
  SIM_CHECK(static_cast<int>(weights.size()) == game->num_players(), "one weight per player");
  Eigen::MatrixXd& payoffs = game->mutable_payoffs();
  for (int p = 0; p < game->num_players(); ++p) payoffs.col(p) *= weights[p];
}

}  // namespace sim::montecarlo::detail
