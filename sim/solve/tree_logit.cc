// SPDX-License-Identifier: MIT
#include "sim/solve/tree_logit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/solve/beliefs.h"

namespace sim::solve {
namespace {

using Node = GameTree::Node;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// The agent QRE's quantities at a point v (log-probabilities of the players' actions) and
// their derivatives. Actions can be switched off (probability exactly 0: the polish's
// support); sets that no active path reaches then take fixed beliefs.
class AgentSystem {
 public:
  AgentSystem(const GameTree& tree, const std::vector<double>& weights) : tree_(tree) {
    order_ = tree.Preorder();
    const int count = tree.num_nodes();
    kids_.resize(count);
    outcome_ = Eigen::MatrixXd::Zero(tree.num_players(), count);
    for (Node n : order_) {
      outcome_.col(n) = tree.OutcomePayoffs(n);
      if (tree.kind(n) != NodeKind::kTerminal) kids_[n] = tree.Children(n);
    }
    offset_.assign(tree.num_infosets(), -1);
    for (int s = 0; s < tree.num_infosets(); ++s) {
      const InfoSet& set = tree.infoset(s);
      if (set.player == kChancePlayer || set.nodes.empty()) continue;
      sets_.push_back(s);
      offset_[s] = k_;
      k_ += static_cast<int>(set.actions.size());
    }
    weight_.assign(tree.num_players(), 1.0);
    for (size_t p = 0; p < weights.size() && p < weight_.size(); ++p) weight_[p] = weights[p];
    active_.assign(k_, 1);
    fixed_beliefs_.resize(tree.num_infosets());
    beliefs_.resize(tree.num_infosets());
    reached_.assign(tree.num_infosets(), 1);
  }

  int size() const { return k_; }
  const std::vector<int>& sets() const { return sets_; }
  int offset(int set) const { return offset_[set]; }
  int num_actions(int set) const { return static_cast<int>(tree_.infoset(set).actions.size()); }
  int player(int set) const { return tree_.infoset(set).player; }
  double weight(int set) const { return weight_[player(set)]; }
  std::vector<char>& active() { return active_; }
  std::vector<Eigen::VectorXd>& fixed_beliefs() { return fixed_beliefs_; }
  const std::vector<Eigen::VectorXd>& beliefs() const { return beliefs_; }
  bool reached(int set) const { return reached_[set]; }
  const Eigen::VectorXd& probabilities() const { return p_; }
  const Eigen::VectorXd& values() const { return u_; }     // U_I(a), flat
  const Eigen::MatrixXd& jacobian() const { return du_; }  // dU / dv (active columns)

  // Fills p, node values, beliefs and U at v; with `jacobian`, dU/dv too.
  void Compute(const Eigen::VectorXd& v, bool jacobian) {
    const int players = tree_.num_players();
    p_.resize(k_);
    for (int k = 0; k < k_; ++k) p_(k) = active_[k] ? std::exp(v(k)) : 0.0;
    // Node values, children first.
    value_.resize(players, tree_.num_nodes());
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      const Node n = *it;
      value_.col(n) = outcome_.col(n);
      for (size_t a = 0; a < kids_[n].size(); ++a) {
        const double q = Prob(n, static_cast<int>(a));
        if (q != 0.0) value_.col(n) += q * value_.col(kids_[n][a]);
      }
    }
    // Log reach probabilities, parents first.
    log_reach_.assign(tree_.num_nodes(), 0.0);
    for (Node n : order_) {
      for (size_t a = 0; a < kids_[n].size(); ++a) {
        log_reach_[kids_[n][a]] = log_reach_[n] + LogProb(n, static_cast<int>(a), v);
      }
    }
    // Beliefs (a softmax of log reach: defined where reach probabilities underflow) and U.
    u_.setZero(k_);
    for (int s : sets_) {
      const std::vector<size_t>& members = tree_.infoset(s).nodes;
      const Eigen::Index size = static_cast<Eigen::Index>(members.size());
      double top = kNegInf;
      for (size_t x : members) top = std::max(top, log_reach_[x]);
      Eigen::VectorXd mu(size);
      if (top == kNegInf) {
        reached_[s] = 0;
        mu = fixed_beliefs_[s].size() == size ? fixed_beliefs_[s]
                                              : Eigen::VectorXd::Constant(size, 1.0 / size);
      } else {
        reached_[s] = 1;
        for (Eigen::Index x = 0; x < size; ++x) mu(x) = std::exp(log_reach_[members[x]] - top);
        mu /= mu.sum();
      }
      const int i = player(s), o = offset_[s];
      for (Eigen::Index x = 0; x < size; ++x) {
        if (mu(x) == 0.0) continue;
        const std::vector<Node>& kids = kids_[members[x]];
        for (size_t a = 0; a < kids.size(); ++a)
          u_(o + static_cast<int>(a)) += mu(x) * value_(i, kids[a]);
      }
      beliefs_[s] = std::move(mu);
    }
    if (jacobian) ComputeJacobian();
  }

 private:
  double Prob(Node n, int a) const {
    const int s = tree_.node(n).infoset;
    return offset_[s] < 0 ? tree_.infoset(s).probabilities[a].value : p_(offset_[s] + a);
  }
  double LogProb(Node n, int a, const Eigen::VectorXd& v) const {
    const int s = tree_.node(n).infoset;
    if (offset_[s] < 0) {
      const double q = tree_.infoset(s).probabilities[a].value;
      return q > 0.0 ? std::log(q) : kNegInf;
    }
    return active_[offset_[s] + a] ? v(offset_[s] + a) : kNegInf;
  }

  // Column k = action b of set J, by forward differentiation through the tree:
  //   dV(n) = [n in J] p_b V(child(n, b)) + sum_a p_a dV(child(n, a))   (p = exp(v), raw),
  //   dlogreach(x) = D(x) = [the path to x takes b at J],
  //   dmu(x) = mu(x) (D(x) - sum_y mu(y) D(y))   (reached sets; fixed beliefs do not move),
  //   dU_I(a) = sum_x dmu(x) V_i(child(x, a)) + mu(x) dV_i(child(x, a)).
  void ComputeJacobian() {
    du_.setZero(k_, k_);
    dvalue_.resize(tree_.num_players(), tree_.num_nodes());
    d_.assign(tree_.num_nodes(), 0.0);
    for (int set_j : sets_) {
      const int oj = offset_[set_j];
      for (int b = 0; b < num_actions(set_j); ++b) {
        const int k = oj + b;
        if (!active_[k]) continue;
        for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
          const Node n = *it;
          dvalue_.col(n).setZero();
          if (kids_[n].empty()) continue;
          for (size_t a = 0; a < kids_[n].size(); ++a) {
            const double q = Prob(n, static_cast<int>(a));
            if (q != 0.0) dvalue_.col(n) += q * dvalue_.col(kids_[n][a]);
          }
          if (tree_.node(n).infoset == set_j) dvalue_.col(n) += p_(k) * value_.col(kids_[n][b]);
        }
        for (Node n : order_) {
          const bool here = tree_.node(n).infoset == set_j;
          for (size_t a = 0; a < kids_[n].size(); ++a) {
            d_[kids_[n][a]] = d_[n] + (here && static_cast<int>(a) == b ? 1.0 : 0.0);
          }
        }
        for (int s : sets_) {
          const std::vector<size_t>& members = tree_.infoset(s).nodes;
          const Eigen::VectorXd& mu = beliefs_[s];
          double mean = 0.0;
          if (reached_[s]) {
            for (size_t x = 0; x < members.size(); ++x)
              mean += mu(static_cast<Eigen::Index>(x)) * d_[members[x]];
          }
          const int i = player(s), o = offset_[s];
          for (size_t x = 0; x < members.size(); ++x) {
            const double m = mu(static_cast<Eigen::Index>(x));
            const double dm = reached_[s] ? m * (d_[members[x]] - mean) : 0.0;
            if (m == 0.0 && dm == 0.0) continue;
            const std::vector<Node>& kids = kids_[members[x]];
            for (size_t a = 0; a < kids.size(); ++a) {
              du_(o + static_cast<int>(a), k) += dm * value_(i, kids[a]) + m * dvalue_(i, kids[a]);
            }
          }
        }
      }
    }
  }

  const GameTree& tree_;
  std::vector<Node> order_;
  std::vector<std::vector<Node>> kids_;
  Eigen::MatrixXd outcome_;
  std::vector<int> offset_, sets_;
  std::vector<double> weight_;
  int k_ = 0;
  std::vector<char> active_, reached_;
  std::vector<Eigen::VectorXd> fixed_beliefs_, beliefs_;
  Eigen::VectorXd p_, u_;
  Eigen::MatrixXd value_, dvalue_, du_;
  std::vector<double> log_reach_, d_;
};

// The branch's equations H(v, lambda) (see the header) and their K x (K+1) Jacobian.
void Equations(AgentSystem& sys, const Eigen::VectorXd& x, Eigen::VectorXd* h, Eigen::MatrixXd* a) {
  const int k = sys.size();
  const double lambda = x(k);
  sys.Compute(x.head(k), a != nullptr);
  const Eigen::VectorXd& p = sys.probabilities();
  const Eigen::VectorXd& u = sys.values();
  h->resize(k);
  if (a) a->setZero(k, k + 1);
  for (int s : sys.sets()) {
    const int o = sys.offset(s), m = sys.num_actions(s);
    const double w = sys.weight(s);
    (*h)(o) = p.segment(o, m).sum() - 1.0;
    if (a) a->block(o, o, 1, m) = p.segment(o, m).transpose();
    for (int j = 1; j < m; ++j) {
      const int row = o + j;
      (*h)(row) = x(row) - x(o) - lambda * w * (u(row) - u(o));
      if (!a) continue;
      a->row(row).head(k) = -lambda * w * (sys.jacobian().row(row) - sys.jacobian().row(o));
      (*a)(row, row) += 1.0;
      (*a)(row, o) -= 1.0;
      (*a)(row, k) = -w * (u(row) - u(o));
    }
  }
}

// Unit null vector of a, oriented along `previous` (or towards growing lambda).
Eigen::VectorXd Tangent(const Eigen::MatrixXd& a, const Eigen::VectorXd& previous) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(a.transpose());
  Eigen::MatrixXd q = qr.householderQ();
  Eigen::VectorXd t = q.col(a.cols() - 1);
  const double sign = previous.size() ? t.dot(previous) : t(t.size() - 1);
  if (sign < 0) t = -t;
  return t;
}

double PayoffScale(const GameTree& tree, const std::vector<double>& weights) {
  double scale = 1.0;
  for (int o = 0; o < tree.num_outcomes(); ++o) {
    const std::vector<double>& v = tree.outcome(o).payoffs;
    for (size_t p = 0; p < v.size(); ++p) {
      const double w = p < weights.size() ? std::abs(weights[p]) : 1.0;
      scale = std::max(scale, w * std::abs(v[p]));
    }
  }
  return scale;
}

BehaviourProfile ProfileOf(const GameTree& tree, AgentSystem& sys) {
  BehaviourProfile b = BehaviourProfile::Uniform(tree);
  const Eigen::VectorXd& p = sys.probabilities();
  for (int s : sys.sets()) {
    Eigen::VectorXd v = p.segment(sys.offset(s), sys.num_actions(s));
    b.actions[s] = v / v.sum();
  }
  return b;
}

AgentLogitPoint PointOf(const GameTree& tree, AgentSystem& sys, double lambda) {
  AgentLogitPoint point;
  point.lambda = lambda;
  point.profile = ProfileOf(tree, sys);
  point.beliefs = sys.beliefs();
  return point;
}

// Largest difference of two profiles' probabilities; with `tree`, only at the sets that `b`
// reaches (off b's path the limit may mix where the polish, with the QRE's fixed beliefs,
// plays one best action).
double MaxAbsDiff(const BehaviourProfile& a, const BehaviourProfile& b,
                  const GameTree* tree = nullptr) {
  std::vector<char> on_path(a.actions.size(), 1);
  if (tree != nullptr) {
    const std::vector<double> reach = ReachProbabilities(*tree, b);
    for (size_t s = 0; s < on_path.size(); ++s) {
      on_path[s] = 0;
      for (size_t n : tree->infoset(static_cast<int>(s)).nodes) on_path[s] |= reach[n] > 0.0;
    }
  }
  double d = 0.0;
  for (size_t s = 0; s < a.actions.size(); ++s) {
    if (on_path[s] && a.actions[s].size() && a.actions[s].size() == b.actions[s].size()) {
      d = std::max(d, (a.actions[s] - b.actions[s]).lpNorm<Eigen::Infinity>());
    }
  }
  return d;
}

// Polishes the QRE point `v` (log-probabilities; sys holds its beliefs) to an equilibrium
// on its support: Newton with minimum-norm steps on, per set, the support's normalisation
// and indifferences U_I(a) = U_I(a0), with the QRE's beliefs at sets the support does not
// reach. Returns the polished point (sys left computed there) or nothing.
std::optional<AgentLogitPoint> Polish(const GameTree& tree, AgentSystem& sys,
                                      const Eigen::VectorXd& v, double scale) {
  const int k = sys.size();
  sys.Compute(v, false);
  sys.fixed_beliefs() = sys.beliefs();
  std::vector<char>& active = sys.active();
  std::vector<int> columns;
  for (int s : sys.sets()) {
    const int o = sys.offset(s), m = sys.num_actions(s);
    const double top = v.segment(o, m).maxCoeff();
    for (int a = 0; a < m; ++a) {
      active[o + a] = v(o + a) >= top + std::log(1e-7);
      if (active[o + a]) columns.push_back(o + a);
    }
  }
  Eigen::VectorXd z = v;
  bool converged = false;
  // A support action that the polish drives to ~0 is dropped and the rest polished again.
  for (int round = 0; round < 4; ++round) {
    const int n = static_cast<int>(columns.size());
    Eigen::VectorXd g(n);
    Eigen::MatrixXd jac(n, n);
    converged = false;
    for (int it = 0; it < 60 && !converged; ++it) {
      sys.Compute(z, true);
      const Eigen::VectorXd& p = sys.probabilities();
      const Eigen::VectorXd& u = sys.values();
      int row = 0;
      for (int s : sys.sets()) {
        const int o = sys.offset(s), m = sys.num_actions(s);
        int first = -1;
        double sum = 0.0;
        Eigen::RowVectorXd norm_row = Eigen::RowVectorXd::Zero(n);
        for (int c = 0; c < n; ++c) {
          if (columns[c] >= o && columns[c] < o + m) norm_row(c) = p(columns[c]);
        }
        for (int a = 0; a < m; ++a) {
          if (!active[o + a]) continue;
          sum += p(o + a);
          if (first < 0) {
            first = o + a;
            continue;
          }
          g(row) = u(o + a) - u(first);
          for (int c = 0; c < n; ++c) {
            jac(row, c) = sys.jacobian()(o + a, columns[c]) - sys.jacobian()(first, columns[c]);
          }
          ++row;
        }
        g(row) = sum - 1.0;
        jac.row(row) = norm_row;
        ++row;
      }
      if (g.lpNorm<Eigen::Infinity>() <= 1e-13 * scale) {
        converged = true;
        break;
      }
      Eigen::VectorXd step = jac.completeOrthogonalDecomposition().solve(-g);
      if (!step.allFinite()) break;
      // Damp steps that would move a log-probability by more than 2 (Newton from far away).
      const double big = step.lpNorm<Eigen::Infinity>();
      if (big > 2.0) step *= 2.0 / big;
      for (int c = 0; c < n; ++c) z(columns[c]) += step(c);
    }
    std::vector<int> kept;
    if (converged) {
      for (int c : columns) {
        if (z(c) < std::log(1e-10)) {
          active[c] = 0;
        } else {
          kept.push_back(c);
        }
      }
    } else {
      // At a set the support does not reach, the beliefs are the QRE's, fixed, and the
      // indifference may hold only in the limit of those beliefs: nothing in the support can
      // restore it. Keep only the actions that are best given the fixed beliefs there.
      sys.Compute(z, false);
      const Eigen::VectorXd& u = sys.values();
      for (int s : sys.sets()) {
        const int o = sys.offset(s), m = sys.num_actions(s);
        if (sys.reached(s)) continue;
        double best = -std::numeric_limits<double>::infinity();
        for (int a = 0; a < m; ++a) {
          if (active[o + a]) best = std::max(best, u(o + a));
        }
        for (int a = 0; a < m; ++a) {
          if (active[o + a] && u(o + a) < best - 1e-9 * scale) active[o + a] = 0;
        }
      }
      for (int c : columns) {
        if (active[c]) kept.push_back(c);
      }
    }
    if (kept.size() == columns.size()) break;
    columns = std::move(kept);
  }
  std::optional<AgentLogitPoint> out;
  if (converged) out = PointOf(tree, sys, std::numeric_limits<double>::infinity());
  std::fill(active.begin(), active.end(), 1);
  (void)k;
  return out;
}

struct Certificate {
  double regret = 0.0;
  double sequential = 0.0;
};

Certificate Certify(const GameTree& tree, const AgentLogitPoint& point) {
  return {BehaviourRegret(tree, point.profile),
          SequentialRegret(tree, point.profile, point.beliefs)};
}

}  // namespace

AgentLogitTrace TraceAgentLogit(const GameTree& tree, const AgentLogitOptions& options) {
  AgentLogitTrace trace;
  AgentSystem sys(tree, options.weights);
  const int k = sys.size();
  const double scale = PayoffScale(tree, options.weights);
  // One Jacobian costs about K x nodes x (players + 1) steps (forward differentiation per
  // column); refuse trees where that alone would take seconds per predictor step.
  const double work = static_cast<double>(k) * tree.num_nodes() * (tree.num_players() + 1);
  if (work > options.max_work) {
    trace.message = "the tree is too large for the agent QRE: " + std::to_string(k) +
                    " actions x " + std::to_string(tree.num_nodes()) +
                    " nodes per Jacobian (limit " + std::to_string(options.max_work) + ")";
    return trace;
  }
  if (k > options.max_actions) {
    trace.message = "the tree has " + std::to_string(k) + " actions at players' information " +
                    "sets, more than the agent QRE's limit of " +
                    std::to_string(options.max_actions);
    return trace;
  }
  Eigen::VectorXd x(k + 1);
  for (int s : sys.sets()) {
    const int m = sys.num_actions(s);
    x.segment(sys.offset(s), m).setConstant(-std::log(static_cast<double>(m)));
  }
  x(k) = 0.0;
  Eigen::VectorXd h;
  Eigen::MatrixXd a;
  Equations(sys, x, &h, &a);
  trace.end = PointOf(tree, sys, 0.0);
  auto certify_end = [&] {
    const Certificate c = Certify(tree, trace.end);
    trace.regret = c.regret;
    trace.sequential_regret = c.sequential;
  };
  if (options.target_lambda == 0.0 || k == 0) {
    certify_end();
    trace.ok = true;
    trace.message = k == 0 ? "no player moves: play is nature's alone"
                           : "the QRE at lambda = 0 is uniform play";
    if (k == 0 && options.target_lambda < 0) trace.limit = trace.end;
    return trace;
  }
  Eigen::VectorXd t = Tangent(a, Eigen::VectorXd());

  // Step control as in solve/logit.cc (Allgower & Georg, section 6.1).
  const double kMaxCorrection = 0.5, kMaxContraction = 0.5, kMaxAngle = 0.35;
  const double kMinStep = 1e-12;
  double step = 0.05;
  double next_check = 4.0;
  std::optional<AgentLogitPoint> last_polish;
  bool corrector_failed = false;

  Eigen::VectorXd y, d, t_new;
  Eigen::MatrixXd aug(k + 1, k + 1);
  Eigen::VectorXd rhs(k + 1);
  while (trace.steps < options.max_steps) {
    y = x + step * t;
    bool accepted = false;
    double first = 0.0, previous_norm = 0.0, contraction = 0.0;
    for (int it = 0; it < 8; ++it) {
      Equations(sys, y, &h, &a);
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
        Equations(sys, y, &h, &a);
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
        trace.message =
            "the corrector failed at lambda = " + std::to_string(x(k)) + " (step too small)";
        corrector_failed = true;
        break;
      }
      continue;
    }
    if (options.target_lambda > 0 && y(k) >= options.target_lambda) {
      // Land on the target: Newton in v with lambda fixed, from the chord.
      const double s = (options.target_lambda - x(k)) / (y(k) - x(k));
      Eigen::VectorXd z = x + s * (y - x);
      z(k) = options.target_lambda;
      bool ok = false;
      const double landing_tolerance = 1e-13 * (1.0 + options.target_lambda * scale);
      for (int it = 0; it < 30; ++it) {
        Equations(sys, z, &h, &a);
        if (h.lpNorm<Eigen::Infinity>() <= landing_tolerance) {
          ok = true;
          break;
        }
        Eigen::VectorXd dv = a.leftCols(k).partialPivLu().solve(-h);
        if (!dv.allFinite()) break;
        z.head(k) += dv;
      }
      Equations(sys, z, &h, nullptr);
      trace.end = PointOf(tree, sys, options.target_lambda);
      certify_end();
      trace.ok = ok;
      trace.message = ok ? "reached lambda = " + std::to_string(options.target_lambda)
                         : "Newton at the target lambda did not converge";
      return trace;
    }
    x = y;
    t = t_new;
    ++trace.steps;
    const double factor =
        std::max({std::sqrt(first / kMaxCorrection), std::sqrt(contraction / kMaxContraction),
                  angle / kMaxAngle, 0.5});
    step = step / std::clamp(factor, 0.5, 2.0);

    if (options.target_lambda < 0 && x(k) * scale >= next_check) {
      next_check = x(k) * scale * 2.0;
      Equations(sys, x, &h, nullptr);
      trace.end = PointOf(tree, sys, x(k));
      std::optional<AgentLogitPoint> polished = Polish(tree, sys, x.head(k), scale);
      if (polished) {
        const Certificate c = Certify(tree, *polished);
        const double limit = options.tolerance * scale;
        const bool certified = c.regret <= limit && c.sequential <= limit;
        if (certified && last_polish &&
            MaxAbsDiff(last_polish->profile, polished->profile) <= 1e-3 &&
            MaxAbsDiff(trace.end.profile, polished->profile, &tree) <= 0.05) {
          trace.regret = c.regret;
          trace.sequential_regret = c.sequential;
          trace.limit = std::move(polished);
          trace.ok = true;
          trace.message = "limit polished at lambda = " + std::to_string(x(k));
          return trace;
        }
        last_polish = certified ? std::move(polished) : std::nullopt;
      } else {
        last_polish.reset();
      }
    }
    if (options.target_lambda < 0 && x(k) * scale > options.max_scaled_lambda) break;
  }
  // No polish settled: the last traced QRE, if it is itself within tolerance.
  Equations(sys, x, &h, nullptr);
  trace.end = PointOf(tree, sys, x(k));
  certify_end();
  const double limit = options.tolerance * scale;
  if (options.target_lambda < 0 && trace.regret <= limit && trace.sequential_regret <= limit) {
    trace.limit = trace.end;
    trace.ok = true;
    trace.message = (corrector_failed ? trace.message + "; " : std::string()) +
                    "no polish settled; the QRE at lambda = " + std::to_string(x(k)) +
                    " is within tolerance";
    return trace;
  }
  if (!corrector_failed) {
    trace.message = trace.steps >= options.max_steps
                        ? "step cap reached at lambda = " + std::to_string(x(k))
                        : "lambda passed the cap without a certified limit";
  }
  return trace;
}

SpeResult SolveAgentLogit(const GameTree& tree, const SolveOptions& options,
                          const std::string& method) {
  SpeResult result;
  result.summary.method = method;
  result.strategy_names = BehaviourStrategyNames(tree);
  result.num_subgames = 1;
  AgentLogitOptions trace_options;
  const bool at_lambda = options.qre_lambda >= 0 && method == "qre";
  trace_options.target_lambda = at_lambda ? options.qre_lambda : -1.0;
  trace_options.tolerance = options.tolerance;
  trace_options.max_steps = static_cast<int>(std::min<int64_t>(options.max_iterations, 1 << 20));
  AgentLogitTrace trace = TraceAgentLogit(tree, trace_options);
  result.summary.message = "agent logit QRE (McKelvey & Palfrey 1998): " + trace.message;
  const AgentLogitPoint* point =
      at_lambda ? (trace.ok ? &trace.end : nullptr) : (trace.limit ? &*trace.limit : nullptr);
  if (point == nullptr) {
    result.summary.status = SolveStatus::kFailed;
    return result;
  }
  TreeEquilibrium eq;
  eq.behaviour = point->profile;
  eq.reach = ReachProbabilities(tree, eq.behaviour);
  for (Node n : tree.Preorder()) {
    if (eq.reach[n] > 0.0) eq.path.push_back(n);
  }
  eq.beliefs = point->beliefs;
  // The assessment the report shows (spe.h): the limit's beliefs at every set, Bayes' rule
  // where play reaches it and the QRE's limit beliefs elsewhere, and the certified regrets.
  eq.assessment_beliefs = point->beliefs;
  eq.payoffs = ExpectedPayoffs(tree, eq.behaviour, tree.root());
  eq.regret = trace.regret;
  eq.sequential_regret = trace.sequential_regret;
  Equilibrium flat;
  flat.kind = at_lambda ? EquilibriumKind::kMixed : EquilibriumKind::kSubgamePerfect;
  flat.profile = FlattenBehaviour(tree, eq.behaviour);
  flat.payoffs = eq.payoffs;
  flat.regret = trace.regret;
  flat.labels.push_back(at_lambda ? "qre" : "qre-limit");
  result.summary.equilibria.push_back(std::move(flat));
  result.equilibria.push_back(std::move(eq));
  return result;
}

SolveResult SolveTreeLogit(const GameTree& tree, const SolveOptions& options,
                           const OnEquilibrium& on_equilibrium) {
  SolveResult result = SolveAgentLogit(tree, options).summary;
  if (on_equilibrium) {
    for (const Equilibrium& eq : result.equilibria) on_equilibrium(eq);
  }
  return result;
}

}  // namespace sim::solve
