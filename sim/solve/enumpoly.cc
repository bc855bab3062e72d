// SPDX-License-Identifier: MIT
#include "sim/solve/enumpoly.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/solve/payoff_eval.h"
#include "sim/solve/support_newton.h"

namespace sim::solve {
namespace {

using detail::PayoffEvaluator;
using detail::SupportProfile;

struct Interval {
  double lo = 0.0, hi = 0.0;
  Interval() = default;
  Interval(double v) : lo(v), hi(v) {}  // NOLINT: implicit, so templates can write T(1)
  Interval(double l, double h) : lo(l), hi(h) {}
  double mid() const { return 0.5 * (lo + hi); }
  double width() const { return hi - lo; }
  bool contains(double v) const { return lo <= v && v <= hi; }
};
Interval operator+(Interval a, Interval b) { return {a.lo + b.lo, a.hi + b.hi}; }
Interval operator-(Interval a, Interval b) { return {a.lo - b.hi, a.hi - b.lo}; }
Interval operator*(Interval a, Interval b) {
  const double p[4] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
  return {*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}
Interval& operator+=(Interval& a, Interval b) { return a = a + b; }

// One indifference equation of a support profile, f(x) = u_i(a, .) - u_i(last, .), as a
// dense multilinear tensor over the other players' "slots": slot 0 of player k is the
// constant 1, slot l >= 1 the unknown x_{k,l-1}. Writing the last support strategy's
// probability as 1 - sum_l x_{k,l} before expanding makes f exactly affine in each unknown,
// which keeps the natural interval extension tight.
struct Equation {
  std::vector<int> others;  // players k != i with their slot counts below
  std::vector<int> slots;   // |support_k|
  std::vector<double> coef;  // odometer order, others[0] fastest
};

// value (and gradient, when grad != nullptr, accumulated into grad[0..d)) of `e` at x.
template <typename T>
void EvalEquation(const Equation& e, const std::vector<int>& var_offset, const std::vector<T>& x,
                  T* value, T* grad) {
  const int q = static_cast<int>(e.others.size());
  std::vector<int> t(q, 0);
  std::vector<T> y(q, T(1.0));
  *value = T(0.0);
  for (size_t idx = 0; idx < e.coef.size(); ++idx) {
    const double c = e.coef[idx];
    if (c != 0.0) {
      for (int j = 0; j < q; ++j) {
        y[j] = t[j] == 0 ? T(1.0) : x[var_offset[e.others[j]] + t[j] - 1];
      }
      T prod = T(c);
      for (int j = 0; j < q; ++j) prod = prod * y[j];
      *value += prod;
      if (grad) {
        for (int j = 0; j < q; ++j) {
          if (t[j] == 0) continue;
          T g = T(c);
          for (int jj = 0; jj < q; ++jj) {
            if (jj != j) g = g * y[jj];
          }
          grad[var_offset[e.others[j]] + t[j] - 1] += g;
        }
      }
    }
    for (int j = 0; j < q; ++j) {
      if (++t[j] < e.slots[j]) break;
      t[j] = 0;
    }
  }
}

class SupportSystem {
 public:
  SupportSystem(const NormalFormGame& game, const SupportProfile& support)
      : game_(game), support_(support) {
    const int n = game.num_players();
    var_offset_.resize(n);
    for (int k = 0; k < n; ++k) {
      var_offset_[k] = d_;
      d_ += static_cast<int>(support[k].size()) - 1;
    }
    for (int i = 0; i < n; ++i) {
      const int m = static_cast<int>(support[i].size());
      for (int a = 0; a + 1 < m; ++a) equations_.push_back(Build(i, support[i][a], support[i][m - 1]));
    }
  }

  int size() const { return d_; }

  template <typename T>
  void Evaluate(const std::vector<T>& x, std::vector<T>* f, std::vector<T>* jac) const {
    f->assign(d_, T(0.0));
    if (jac) jac->assign(static_cast<size_t>(d_) * d_, T(0.0));
    for (int e = 0; e < d_; ++e) {
      EvalEquation(equations_[e], var_offset_, x, &(*f)[e], jac ? jac->data() + e * d_ : nullptr);
    }
  }

  // Box feasibility: every player's last support probability 1 - sum_l x_{k,l} must be able
  // to reach [-slack, 1 + slack]; tightens the upper bounds accordingly.
  bool Tighten(std::vector<Interval>* box, double slack) const {
    for (size_t k = 0; k < support_.size(); ++k) {
      const int m = static_cast<int>(support_[k].size()) - 1;
      double sum_lo = 0.0;
      for (int l = 0; l < m; ++l) sum_lo += (*box)[var_offset_[k] + l].lo;
      if (sum_lo > 1.0 + slack) return false;
      for (int l = 0; l < m; ++l) {
        Interval& xi = (*box)[var_offset_[k] + l];
        xi.hi = std::min(xi.hi, 1.0 + slack - (sum_lo - xi.lo));
        if (xi.hi < xi.lo) return false;
      }
    }
    return true;
  }

  // Flat probabilities of the whole game for unknowns x (zeros off the support).
  Eigen::VectorXd Probabilities(const PayoffEvaluator& eval, const std::vector<double>& x) const {
    Eigen::VectorXd prob = Eigen::VectorXd::Zero(eval.total());
    for (size_t k = 0; k < support_.size(); ++k) {
      const int m = static_cast<int>(support_[k].size());
      double rest = 1.0;
      for (int l = 0; l + 1 < m; ++l) {
        prob(eval.offset(k) + support_[k][l]) = x[var_offset_[k] + l];
        rest -= x[var_offset_[k] + l];
      }
      prob(eval.offset(k) + support_[k][m - 1]) = rest;
    }
    return prob;
  }

 private:
  Equation Build(int i, int a, int last) const {
    Equation e;
    const int n = game_.num_players();
    for (int k = 0; k < n; ++k) {
      if (k == i) continue;
      e.others.push_back(k);
      e.slots.push_back(static_cast<int>(support_[k].size()));
    }
    const int q = static_cast<int>(e.others.size());
    int64_t size = 1;
    for (int s : e.slots) size *= s;
    e.coef.assign(size, 0.0);
    // r: the others' pure strategies (index into their supports); t: tensor slot.
    std::vector<int> r(q, 0), t(q, 0);
    for (int64_t ri = 0; ri < size; ++ri) {
      int64_t base = 0;
      for (int j = 0; j < q; ++j) base += support_[e.others[j]][r[j]] * game_.stride(e.others[j]);
      const double diff = game_.payoff(base + a * game_.stride(i), i) -
                          game_.payoff(base + last * game_.stride(i), i);
      if (diff != 0.0) {
        // p_{k, r_k} is x_{k, r_k} (slot r_k + 1) unless r_k is k's last support strategy,
        // where it is 1 - sum_l x_{k,l}: +1 on slot 0 and -1 on every other slot.
        std::fill(t.begin(), t.end(), 0);
        for (int64_t ti = 0; ti < size; ++ti) {
          double w = diff;
          for (int j = 0; j < q && w != 0.0; ++j) {
            const bool is_last = r[j] == e.slots[j] - 1;
            if (is_last) {
              w *= t[j] == 0 ? 1.0 : -1.0;
            } else if (t[j] != r[j] + 1) {
              w = 0.0;
            }
          }
          e.coef[ti] += w;
          for (int j = 0; j < q; ++j) {
            if (++t[j] < e.slots[j]) break;
            t[j] = 0;
          }
        }
      }
      for (int j = 0; j < q; ++j) {
        if (++r[j] < e.slots[j]) break;
        r[j] = 0;
      }
    }
    return e;
  }

  const NormalFormGame& game_;
  SupportProfile support_;
  std::vector<int> var_offset_;
  int d_ = 0;
  std::vector<Equation> equations_;
};

// True when some strategy of some player in `support` is strictly dominated (by any of
// the player's strategies) against every pure profile of the others' supports: then no
// equilibrium has this support.
bool ConditionallyDominated(const NormalFormGame& game, const SupportProfile& support) {
  const int n = game.num_players();
  for (int i = 0; i < n; ++i) {
    for (int a : support[i]) {
      for (int b = 0; b < game.num_strategies(i); ++b) {
        if (b == a) continue;
        bool dominated = true;
        std::vector<size_t> r(n, 0);
        while (dominated) {
          int64_t base = 0;
          for (int k = 0; k < n; ++k) {
            if (k != i) base += support[k][r[k]] * game.stride(k);
          }
          if (!(game.payoff(base + b * game.stride(i), i) > game.payoff(base + a * game.stride(i), i))) {
            dominated = false;
          }
          int k = 0;
          for (; k < n; ++k) {
            if (k == i) continue;
            if (++r[k] < support[k].size()) break;
            r[k] = 0;
          }
          if (k == n) break;
        }
        if (dominated) return true;
      }
    }
  }
  return false;
}

std::string SupportName(const SupportProfile& support) {
  std::string out = "{";
  for (size_t k = 0; k < support.size(); ++k) {
    if (k) out += " | ";
    for (size_t a = 0; a < support[k].size(); ++a) {
      if (a) out += ",";
      out += std::to_string(support[k][a] + 1);
    }
  }
  return out + "}";
}

// True when the smallest singular value of m is below 1e-10 of the largest (or m is 0).
bool Singular(const Eigen::MatrixXd& m) {
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(m);
  const auto& sv = svd.singularValues();
  return sv.size() == 0 || !(sv(sv.size() - 1) > 1e-10 * sv(0));
}

enum class BoxOutcome { kResolved, kUnresolved, kBudget };

// Newton's method from x on the support system; true when it converges (|f| <= tol).
// Steps are minimum-norm least-squares solutions, so near a continuum of roots Newton moves
// straight towards it instead of sliding along it.
bool Newton(const SupportSystem& system, std::vector<double>* x, double tol) {
  const int d = system.size();
  std::vector<double> f, jac;
  for (int it = 0; it < 40; ++it) {
    system.Evaluate(*x, &f, &jac);
    double norm = 0.0;
    for (double v : f) norm = std::max(norm, std::abs(v));
    if (norm <= tol) return true;
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> a(jac.data(), d, d);
    Eigen::Map<Eigen::VectorXd> fv(f.data(), d);
    Eigen::VectorXd step = Eigen::MatrixXd(a).completeOrthogonalDecomposition().solve(-fv);
    if (!step.allFinite()) return false;
    for (int v = 0; v < d; ++v) (*x)[v] += step(v);
  }
  return false;
}

// Finds the roots of `system` in the enlarged box [-slack, 1 + slack]^d by subdivision.
// Calls found(x) for each isolated root. Returns kUnresolved when some box reached the
// minimum width without being isolated or excluded, kBudget when the box budget ran out.
template <typename Found>
BoxOutcome SolveBoxes(const SupportSystem& system, double scale, int64_t max_boxes, Found found) {
  const int d = system.size();
  const double slack = 1e-7, min_width = 1e-9, newton_tol = 1e-13 * scale;
  std::vector<std::vector<Interval>> stack;
  stack.push_back(std::vector<Interval>(d, Interval(-slack, 1.0 + slack)));
  BoxOutcome outcome = BoxOutcome::kResolved;
  std::vector<Interval> fx, jx;
  std::vector<double> fc, jc;
  int64_t boxes = 0;
  while (!stack.empty()) {
    if (++boxes > max_boxes) return BoxOutcome::kBudget;
    std::vector<Interval> box = std::move(stack.back());
    stack.pop_back();
    bool keep = true;
    for (int round = 0; round < 4 && keep; ++round) {
      if (!system.Tighten(&box, slack)) {
        keep = false;
        break;
      }
      system.Evaluate(box, &fx, &jx);
      for (const Interval& v : fx) {
        if (!v.contains(0.0)) keep = false;
      }
      if (!keep) break;
      // Krawczyk: K(X) = c - Y f(c) + (I - Y J(X)) (X - c) with Y = J(c)^-1. Every root in
      // X lies in K(X); K(X) inside the interior of X proves exactly one root there.
      std::vector<double> c(d);
      for (int v = 0; v < d; ++v) c[v] = box[v].mid();
      system.Evaluate(c, &fc, &jc);
      Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> jcm(jc.data(), d, d);
      Eigen::FullPivLU<Eigen::MatrixXd> lu(jcm);
      if (!lu.isInvertible()) break;
      Eigen::MatrixXd y = lu.inverse();
      Eigen::VectorXd yf = y * Eigen::Map<Eigen::VectorXd>(fc.data(), d);
      bool inside = true, shrunk = false;
      std::vector<Interval> next(box);
      for (int r = 0; r < d; ++r) {
        Interval k(c[r] - yf(r));
        for (int col = 0; col < d; ++col) {
          Interval m(r == col ? 1.0 : 0.0);
          for (int l = 0; l < d; ++l) m = m - y(r, l) * jx[l * d + col];
          k += m * (box[col] - Interval(c[col]));
        }
        if (k.hi < box[r].lo || k.lo > box[r].hi) {
          keep = false;
          break;
        }
        if (!(k.lo > box[r].lo && k.hi < box[r].hi)) inside = false;
        next[r] = Interval(std::max(k.lo, box[r].lo), std::min(k.hi, box[r].hi));
        if (next[r].width() < 0.7 * box[r].width()) shrunk = true;
      }
      if (!keep) break;
      if (inside) {
        std::vector<double> x = c;
        if (Newton(system, &x, newton_tol)) found(x);
        keep = false;
        break;
      }
      box = next;
      if (!shrunk) break;
    }
    if (!keep) continue;
    int widest = 0;
    for (int v = 1; v < d; ++v) {
      if (box[v].width() > box[widest].width()) widest = v;
    }
    if (box[widest].width() < 0.03) {
      // A small box that the tests cannot settle: if Newton from its centre lands inside it
      // on a root with a singular Jacobian, the roots there are not isolated (a continuum
      // or a multiple root). Subdividing further would only trace the continuum box by box.
      std::vector<double> x(d);
      for (int v = 0; v < d; ++v) x[v] = box[v].mid();
      if (Newton(system, &x, newton_tol)) {
        bool inside = true;
        for (int v = 0; v < d; ++v) {
          const double margin = box[v].width();
          if (x[v] < box[v].lo - margin || x[v] > box[v].hi + margin) inside = false;
        }
        system.Evaluate(x, &fc, &jc);
        Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> jm(jc.data(), d, d);
        if (inside && Singular(jm)) {
          outcome = BoxOutcome::kUnresolved;
          continue;
        }
      }
    }
    if (box[widest].width() < min_width) {
      // Not isolated at this resolution: a singular root. Keep it if Newton converges to a
      // point with an invertible Jacobian (then rounding, not singularity, stopped the
      // test); otherwise the support has a non-isolated solution set.
      std::vector<double> x(d);
      for (int v = 0; v < d; ++v) x[v] = box[v].mid();
      if (Newton(system, &x, newton_tol)) {
        system.Evaluate(x, &fc, &jc);
        Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> jm(jc.data(), d, d);
        if (!Singular(jm)) {
          found(x);
          continue;
        }
      }
      outcome = BoxOutcome::kUnresolved;
      continue;
    }
    // Split off-centre so that simple rational roots (1/2, 1/3) do not sit on a cut.
    const double cut = box[widest].lo + 0.5371 * box[widest].width();
    std::vector<Interval> upper = box;
    box[widest].hi = cut;
    upper[widest].lo = cut;
    stack.push_back(std::move(upper));
    stack.push_back(std::move(box));
  }
  return outcome;
}

}  // namespace

SolveResult SolveEnumPoly(const NormalFormGame& game, const SolveOptions& options,
                          const OnEquilibrium& on_equilibrium, const EnumPolyLimits& limits) {
  SolveResult result;
  result.method = "enumpoly";
  const int n = game.num_players();
  int64_t count = 1;
  for (int i = 0; i < n; ++i) {
    const int k = game.num_strategies(i);
    if (k > 30 || ((int64_t{1} << k) - 1) > limits.max_support_profiles / count) {
      result.status = SolveStatus::kFailed;
      result.message = "game too large for enumpoly: more than " +
                       std::to_string(limits.max_support_profiles) +
                       " support profiles (use logit for one equilibrium)";
      return result;
    }
    count *= (int64_t{1} << game.num_strategies(i)) - 1;
  }
  PayoffEvaluator eval(game);
  const double scale = detail::PayoffScale(game);

  // All support profiles (one non-empty subset per player), smallest total size first.
  std::vector<std::vector<int>> masks;
  {
    std::vector<int> mask(n, 1);
    while (true) {
      masks.push_back(mask);
      int i = 0;
      for (; i < n; ++i) {
        if (++mask[i] < (1 << game.num_strategies(i))) break;
        mask[i] = 1;
      }
      if (i == n) break;
    }
    auto size = [](const std::vector<int>& m) {
      int s = 0;
      for (int v : m) s += __builtin_popcount(v);
      return s;
    };
    std::stable_sort(masks.begin(), masks.end(),
                     [&](const auto& a, const auto& b) { return size(a) < size(b); });
  }

  std::vector<Eigen::VectorXd> found;
  std::vector<std::string> unresolved, skipped;
  bool capped = false;
  for (const std::vector<int>& mask : masks) {
    SupportProfile support(n);
    int unknowns = 0;
    for (int i = 0; i < n; ++i) {
      for (int s = 0; s < game.num_strategies(i); ++s) {
        if (mask[i] >> s & 1) support[i].push_back(s);
      }
      unknowns += static_cast<int>(support[i].size()) - 1;
    }
    if (ConditionallyDominated(game, support)) continue;
    if (unknowns > limits.max_unknowns) {
      skipped.push_back(SupportName(support));
      continue;
    }
    SupportSystem system(game, support);
    auto accept = [&](const std::vector<double>& x) {
      Eigen::VectorXd prob = system.Probabilities(eval, x);
      for (int i = 0; i < n; ++i) {
        auto block = prob.segment(eval.offset(i), game.num_strategies(i));
        if (block.minCoeff() < -1e-9) return;
        block = block.cwiseMax(0.0);
        block /= block.sum();
      }
      for (const Eigen::VectorXd& other : found) {
        if ((other - prob).lpNorm<Eigen::Infinity>() <= 1e-7) return;
      }
      MixedProfile profile = eval.Unflatten(prob);
      Equilibrium eq = MakeEquilibrium(game, profile);
      if (eq.regret > options.tolerance * scale) return;
      found.push_back(prob);
      if (on_equilibrium) on_equilibrium(eq);
      result.equilibria.push_back(std::move(eq));
    };
    if (unknowns == 0) {
      accept({});
    } else {
      BoxOutcome outcome = SolveBoxes(system, scale, limits.max_boxes_per_support, accept);
      if (outcome != BoxOutcome::kResolved) unresolved.push_back(SupportName(support));

    }
    if (options.max_equilibria > 0 &&
        static_cast<int>(result.equilibria.size()) >= options.max_equilibria) {
      capped = true;
      break;
    }
  }
  if (capped) {
    result.status = SolveStatus::kPartial;
    result.message = "stopped at max_equilibria";
  } else if (!unresolved.empty() || !skipped.empty()) {
    result.status = SolveStatus::kPartial;
    if (!unresolved.empty()) {
      result.message = "non-isolated or singular solutions on " +
                       std::to_string(unresolved.size()) + " support(s), e.g. " + unresolved[0] +
                       " (a continuum of equilibria?)";
    }
    if (!skipped.empty()) {
      if (!result.message.empty()) result.message += "; ";
      result.message += std::to_string(skipped.size()) + " support(s) with more than " +
                        std::to_string(limits.max_unknowns) + " unknowns skipped, e.g. " +
                        skipped[0];
    }
  }
  return result;
}

}  // namespace sim::solve
