// SPDX-License-Identifier: MIT
// Private to solve/: Newton's method on the indifference equations of a support profile
// ("every strategy in a player's support earns the same, probabilities sum to 1"). Used to
// polish approximate equilibria (the logit limit) and to refine enumpoly's roots to full
// double precision. It does not check best responses off the support: callers compute regret.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <vector>

#include "sim/solve/payoff_eval.h"

namespace sim::solve::detail {

// support[i] = player i's strategies in the support (non-empty, ascending).
using SupportProfile = std::vector<std::vector<int>>;

// Newton from `start` (flat probabilities, any values off the support are ignored) on
//   u_i(a, p_{-i}) - u_i(support[i][0], p_{-i}) = 0  for a in support[i] \ {support[i][0]},
//   sum_{a in support[i]} p(i, a) = 1,
// a square system in the support probabilities (minimum-norm steps when it is singular).
// Returns flat probabilities with exact zeros off the support when the residual falls
// below 1e-13 * scale within `max_iterations` and no probability is below -1e-9 (tiny
// negatives are clipped to 0 and the player's vector renormalised); nullopt otherwise.
std::optional<Eigen::VectorXd> SupportNewton(const PayoffEvaluator& eval,
                                             const SupportProfile& support,
                                             const Eigen::VectorXd& start,
                                             int max_iterations = 40);

// Strategies of each player whose probability is at least `ratio` times the player's
// largest probability.
SupportProfile SupportOf(const PayoffEvaluator& eval, const Eigen::VectorXd& prob, double ratio);

}  // namespace sim::solve::detail
