// SPDX-License-Identifier: MIT
#include "sim/solve/support_newton.h"

#include <Eigen/Dense>
#include <cmath>

namespace sim::solve::detail {

std::optional<Eigen::VectorXd> SupportNewton(const PayoffEvaluator& eval,
                                             const SupportProfile& support,
                                             const Eigen::VectorXd& start, int max_iterations) {
  const int n = eval.num_players();
  // vars[v] = flat index of the v-th unknown; equations are numbered like the unknowns:
  // player i's first support slot holds its sum equation, the others its indifferences.
  std::vector<int> vars;
  std::vector<int> var_player;
  for (int i = 0; i < n; ++i) {
    for (int s : support[i]) {
      vars.push_back(eval.offset(i) + s);
      var_player.push_back(i);
    }
  }
  const int d = static_cast<int>(vars.size());
  const double scale = PayoffScale(eval.game());
  Eigen::VectorXd prob = Eigen::VectorXd::Zero(eval.total());
  for (int i = 0, v = 0; i < n; ++i) {
    double sum = 0.0;
    for (size_t a = 0; a < support[i].size(); ++a) sum += std::max(start(vars[v + a]), 0.0);
    for (size_t a = 0; a < support[i].size(); ++a, ++v) {
      prob(vars[v]) = sum > 0 ? std::max(start(vars[v]), 0.0) / sum : 1.0 / support[i].size();
    }
  }
  Eigen::VectorXd values;
  Eigen::MatrixXd jac;
  Eigen::VectorXd f(d);
  Eigen::MatrixXd a(d, d);
  bool converged = false;
  for (int it = 0; it <= max_iterations; ++it) {
    eval.Evaluate(prob, &values, &jac);
    a.setZero();
    for (int i = 0, v = 0; i < n; ++i) {
      const int base = v;
      const int ref = vars[base];
      double sum = 0.0;
      for (size_t k = 0; k < support[i].size(); ++k) sum += prob(vars[base + k]);
      f(base) = sum - 1.0;
      for (size_t k = 0; k < support[i].size(); ++k) a(base, base + k) = 1.0;
      for (size_t k = 1; k < support[i].size(); ++k) {
        const int row = base + static_cast<int>(k);
        const int me = vars[row];
        f(row) = values(me) - values(ref);
        for (int c = 0; c < d; ++c) {
          if (var_player[c] == i) continue;
          a(row, c) = jac(me, vars[c]) - jac(ref, vars[c]);
        }
      }
      v += static_cast<int>(support[i].size());
    }
    if (f.lpNorm<Eigen::Infinity>() <= 1e-13 * scale) {
      converged = true;
      break;
    }
    if (it == max_iterations) break;
    Eigen::VectorXd step = a.completeOrthogonalDecomposition().solve(-f);
    if (!step.allFinite()) break;
    for (int v = 0; v < d; ++v) prob(vars[v]) += step(v);
    if (step.lpNorm<Eigen::Infinity>() > 1e3) break;  // diverging: not near a root
  }
  if (!converged) return std::nullopt;
  for (int i = 0; i < n; ++i) {
    auto block = prob.segment(eval.offset(i), eval.game().num_strategies(i));
    if (block.minCoeff() < -1e-9) return std::nullopt;
    block = block.cwiseMax(0.0);
    block /= block.sum();
  }
  return prob;
}

SupportProfile SupportOf(const PayoffEvaluator& eval, const Eigen::VectorXd& prob, double ratio) {
  SupportProfile support(eval.num_players());
  for (int i = 0; i < eval.num_players(); ++i) {
    const int k = eval.game().num_strategies(i);
    const double top = prob.segment(eval.offset(i), k).maxCoeff();
    for (int s = 0; s < k; ++s) {
      if (prob(eval.offset(i) + s) >= ratio * top) support[i].push_back(s);
    }
  }
  return support;
}

}  // namespace sim::solve::detail
