// SPDX-License-Identifier: MIT
#include "sim/solve/logit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>

#include "sim/solve/payoff_eval.h"
#include "sim/solve/support_newton.h"

namespace sim::solve {
namespace {

using detail::PayoffEvaluator;

// The branch's equations H(x) = 0 and Jacobian, x = (v (K log-probabilities), lambda).
class LogitSystem {
 public:
  explicit LogitSystem(const PayoffEvaluator& eval) : eval_(eval), k_(eval.total()) {}

  int size() const { return k_; }

  // h: K values; a: K x (K+1) Jacobian (dH/dv, dH/dlambda).
  void Evaluate(const Eigen::VectorXd& x, Eigen::VectorXd* h, Eigen::MatrixXd* a) {
    const double lambda = x(k_);
    prob_ = x.head(k_).array().exp();
    eval_.Evaluate(prob_, &values_, &jac_);
    h->resize(k_);
    a->setZero(k_, k_ + 1);
    for (int i = 0; i < eval_.num_players(); ++i) {
      const int o = eval_.offset(i);
      const int m = eval_.game().num_strategies(i);
      // Row o: sum_j p_ij - 1, with d/dv_ij = p_ij.
      (*h)(o) = prob_.segment(o, m).sum() - 1.0;
      for (int j = 0; j < m; ++j) (*a)(o, o + j) = prob_(o + j);
      // Rows o + j: v_ij - v_i0 - lambda * (U_ij - U_i0). U depends on the others' p only,
      // and dp/dv = p, so d/dv_kl = -lambda * (J(ij,kl) - J(i0,kl)) * p_kl for k != i.
      for (int j = 1; j < m; ++j) {
        const int row = o + j;
        (*h)(row) = x(row) - x(o) - lambda * (values_(row) - values_(o));
        (*a)(row, row) += 1.0;
        (*a)(row, o) -= 1.0;
        for (int c = 0; c < k_; ++c) {
          if (c >= o && c < o + m) continue;
          (*a)(row, c) = -lambda * (jac_(row, c) - jac_(o, c)) * prob_(c);
        }
        (*a)(row, k_) = -(values_(row) - values_(o));
      }
    }
  }

 private:
  const PayoffEvaluator& eval_;
  int k_;
  Eigen::VectorXd prob_, values_;
  Eigen::MatrixXd jac_;
};

// Unit null vector of the K x (K+1) matrix a, oriented to have a positive dot product with
// `previous` (or a positive lambda component when previous is empty).
Eigen::VectorXd Tangent(const Eigen::MatrixXd& a, const Eigen::VectorXd& previous) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(a.transpose());
  Eigen::MatrixXd q = qr.householderQ();
  Eigen::VectorXd t = q.col(a.cols() - 1);
  const double sign = previous.size() ? t.dot(previous) : t(t.size() - 1);
  if (sign < 0) t = -t;
  return t;
}

MixedProfile ProfileFromLogs(const PayoffEvaluator& eval, const Eigen::VectorXd& x) {
  Eigen::VectorXd prob = x.head(eval.total()).array().exp();
  MixedProfile profile = eval.Unflatten(prob);
  for (Eigen::VectorXd& s : profile.strategies) s /= s.sum();
  return profile;
}

double MaxAbsDiff(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return (a - b).lpNorm<Eigen::Infinity>();
}

}  // namespace

LogitTrace TraceLogitBranch(const NormalFormGame& game, const LogitTraceOptions& options) {
  LogitTrace trace;
  PayoffEvaluator eval(game);
  LogitSystem system(eval);
  const int k = system.size();
  const double scale = detail::PayoffScale(game);

  Eigen::VectorXd x(k + 1);
  for (int i = 0; i < game.num_players(); ++i) {
    const int m = game.num_strategies(i);
    x.segment(eval.offset(i), m).setConstant(-std::log(static_cast<double>(m)));
  }
  x(k) = 0.0;
  auto record = [&](const Eigen::VectorXd& point) {
    if (options.record_path) trace.path.push_back({point(k), ProfileFromLogs(eval, point)});
  };
  record(x);
  trace.end = {0.0, ProfileFromLogs(eval, x)};
  if (options.target_lambda == 0.0) {
    trace.ok = true;
    trace.message = "the QRE at lambda = 0 is the centroid";
    return trace;
  }

  Eigen::VectorXd h;
  Eigen::MatrixXd a;
  system.Evaluate(x, &h, &a);
  Eigen::VectorXd t = Tangent(a, Eigen::VectorXd());

  // Step control constants (Allgower & Georg, section 6.1): largest first Newton correction,
  // largest contraction ratio, largest turn of the tangent (radians).
  const double kMaxCorrection = 0.5, kMaxContraction = 0.5, kMaxAngle = 0.35;
  const double kMinStep = 1e-12;
  double step = 0.05;
  double next_check = 4.0;  // next lambda * scale at which the limit is polished
  std::optional<Eigen::VectorXd> last_polish;

  Eigen::VectorXd y, d, t_new;
  Eigen::MatrixXd aug(k + 1, k + 1);
  Eigen::VectorXd rhs(k + 1);
  while (trace.steps < options.max_steps) {
    // Predictor along the tangent, then Newton on the hyperplane t . (y - predictor) = 0.
    y = x + step * t;
    bool accepted = false;
    double first = 0.0, previous_norm = 0.0, contraction = 0.0;
    for (int it = 0; it < 8; ++it) {
      system.Evaluate(y, &h, &a);
      aug.topRows(k) = a;
      aug.row(k) = t.transpose();
      rhs.head(k) = -h;
      rhs(k) = 0.0;
      d = aug.partialPivLu().solve(rhs);
      const double norm = d.norm();
      if (!std::isfinite(norm)) break;
      if (it == 0) {
        first = norm;
        if (first > kMaxCorrection) break;
      } else if (previous_norm > 0) {
        contraction = std::max(contraction, norm / previous_norm);
        if (norm / previous_norm > kMaxContraction) break;
      }
      y += d;
      previous_norm = norm;
      if (norm <= 1e-11 * (1.0 + y.norm())) {
        system.Evaluate(y, &h, &a);
        // lambda * u carries rounding of order lambda * scale * 1e-16.
        accepted = h.lpNorm<Eigen::Infinity>() <= 1e-9 * (1.0 + y(k) * scale);
        break;
      }
    }
    double angle = 0.0;
    if (accepted) {
      t_new = Tangent(a, t);
      angle = std::acos(std::clamp(t_new.dot(t), -1.0, 1.0));
      if (angle > kMaxAngle) accepted = false;
    }
    if (!accepted) {
      step *= 0.5;
      if (step < kMinStep) {
        trace.message = "the corrector failed at lambda = " + std::to_string(x(k)) +
                        " (step too small)";
        return trace;
      }
      continue;
    }
    // Landing on the target lambda: a Newton solve with lambda fixed, from the chord.
    if (options.target_lambda > 0 && y(k) >= options.target_lambda) {
      const double s = (options.target_lambda - x(k)) / (y(k) - x(k));
      Eigen::VectorXd z = x + s * (y - x);
      z(k) = options.target_lambda;
      bool ok = false;
      // Relative to lambda * scale, like the corrector's test above: the equations hold
      // lambda * u, whose rounding alone is ~1e-16 * lambda * scale (an absolute 1e-13 is
      // out of reach once lambda * scale passes ~1e3, e.g. for scaled heterogeneous QRE).
      const double landing_tolerance = 1e-13 * (1.0 + options.target_lambda * scale);
      for (int it = 0; it < 30; ++it) {
        system.Evaluate(z, &h, &a);
        if (h.lpNorm<Eigen::Infinity>() <= landing_tolerance) {
          ok = true;
          break;
        }
        Eigen::VectorXd dv = a.leftCols(k).partialPivLu().solve(-h);
        if (!dv.allFinite()) break;
        z.head(k) += dv;
      }
      trace.end = {options.target_lambda, ProfileFromLogs(eval, z)};
      record(z);
      trace.ok = ok;
      trace.message = ok ? "reached lambda = " + std::to_string(options.target_lambda)
                         : "Newton at the target lambda did not converge";
      return trace;
    }
    x = y;
    t = t_new;
    ++trace.steps;
    record(x);
    trace.end = {x(k), ProfileFromLogs(eval, x)};
    // Next step length: grow by up to 2, shrink by up to 2, by the worst of the three
    // ratios (first correction, contraction, angle) against their limits.
    const double factor = std::max({std::sqrt(first / kMaxCorrection),
                                    std::sqrt(contraction / kMaxContraction),
                                    angle / kMaxAngle, 0.5});
    step = step / std::clamp(factor, 0.5, 2.0);

    if (options.target_lambda < 0 && x(k) * scale >= next_check) {
      next_check = x(k) * scale * 2.0;
      Eigen::VectorXd prob = eval.Flatten(trace.end.profile);
      auto support = detail::SupportOf(eval, prob, 1e-7);
      auto polished = detail::SupportNewton(eval, support, prob);
      if (polished) {
        MixedProfile candidate = eval.Unflatten(*polished);
        const double regret = Regret(game, candidate);
        if (regret <= options.tolerance * scale && last_polish &&
            MaxAbsDiff(*last_polish, *polished) <= 1e-3 &&
            MaxAbsDiff(prob, *polished) <= 0.05) {
          trace.limit = std::move(candidate);
          trace.ok = true;
          trace.message = "limit polished at lambda = " + std::to_string(x(k));
          return trace;
        }
        last_polish = regret <= options.tolerance * scale ? polished : std::nullopt;
      } else {
        last_polish.reset();
      }
    }
    if (options.target_lambda < 0 && x(k) * scale > options.max_scaled_lambda) {
      trace.message = "lambda passed the cap without a polished limit";
      return trace;
    }
  }
  trace.message = "step cap reached at lambda = " + std::to_string(x(k));
  return trace;
}

SolveResult SolveLogitQre(const NormalFormGame& game, const SolveOptions& options,
                          const OnEquilibrium& on_equilibrium) {
  SolveResult result;
  result.method = "qre";
  LogitTraceOptions trace_options;
  trace_options.target_lambda = options.qre_lambda;
  trace_options.tolerance = options.tolerance;
  trace_options.max_steps = static_cast<int>(std::min<int64_t>(options.max_iterations, 1 << 20));
  LogitTrace trace = TraceLogitBranch(game, trace_options);
  result.message = trace.message;
  if (options.qre_lambda >= 0) {
    if (!trace.ok) {
      result.status = SolveStatus::kFailed;
      return result;
    }
    Equilibrium eq = MakeEquilibrium(game, trace.end.profile);
    eq.kind = EquilibriumKind::kMixed;
    eq.labels.push_back("qre");
    if (on_equilibrium) on_equilibrium(eq);
    result.equilibria.push_back(std::move(eq));
    return result;
  }
  Equilibrium eq = MakeEquilibrium(game, trace.limit ? *trace.limit : trace.end.profile);
  eq.labels.push_back("qre-limit");
  if (!trace.ok) {
    result.status = SolveStatus::kPartial;
    result.message += "; returning the last traced point (lambda = " +
                       std::to_string(trace.end.lambda) + ")";
  }
  if (on_equilibrium) on_equilibrium(eq);
  result.equilibria.push_back(std::move(eq));
  return result;
}

SolveResult SolveLogitNash(const NormalFormGame& game, const SolveOptions& options,
                           const OnEquilibrium& on_equilibrium) {
  SolveOptions limit_options = options;
  limit_options.qre_lambda = -1.0;
  SolveResult result = SolveLogitQre(game, limit_options, {});
  result.method = "logit";
  if (result.status == SolveStatus::kPartial) {
    // Degenerate game: trace a generic perturbation, then polish its limit's support on the
    // game itself.
    const double scale = detail::PayoffScale(game);
    NormalFormGame perturbed = game;
    std::mt19937_64 rng(0x5eed);
    std::uniform_real_distribution<double> noise(-1e-6 * scale, 1e-6 * scale);
    for (int64_t r = 0; r < game.num_profiles(); ++r) {
      for (int p = 0; p < game.num_players(); ++p) {
        perturbed.set_payoff(r, p, game.payoff(r, p) + noise(rng));
      }
    }
    LogitTraceOptions trace_options;
    trace_options.tolerance = options.tolerance;
    LogitTrace trace = TraceLogitBranch(perturbed, trace_options);
    if (trace.limit) {
      PayoffEvaluator eval(game);
      Eigen::VectorXd prob = eval.Flatten(*trace.limit);
      auto polished = detail::SupportNewton(eval, detail::SupportOf(eval, prob, 1e-12), prob);
      MixedProfile best = polished ? eval.Unflatten(*polished) : *trace.limit;
      if (Regret(game, best) < result.equilibria[0].regret) {
        result.equilibria[0] = MakeEquilibrium(game, best);
        result.equilibria[0].labels.push_back("qre-limit");
      }
    }
    if (result.equilibria[0].regret <= options.tolerance * scale) {
      result.status = SolveStatus::kComplete;
      result.message = "polished the limit of a perturbed game's branch";
    }
  }
  if (on_equilibrium && !result.equilibria.empty()) on_equilibrium(result.equilibria[0]);
  return result;
}

}  // namespace sim::solve
