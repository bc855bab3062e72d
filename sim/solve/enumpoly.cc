// SPDX-License-Identifier: MIT
#include "sim/solve/enumpoly.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
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
// which makes exact ranges over boxes cheap (TensorRange).
struct Equation {
  std::vector<int> others;  // players k != i with their slot counts below
  std::vector<int> slots;   // |support_k|
  std::vector<double> coef;  // odometer order, others[0] fastest
};

// A multilinear tensor over some players' slots (slot 0 = 1, slot l = x_{k,l-1}), with the
// offset of each mode's first unknown in the unknown vector.
struct Tensor {
  std::vector<int> slots;
  std::vector<int> var_offset;
  std::vector<double> coef;  // first mode fastest
};

// Exact range of a tensor's function over a box. The function is affine in each player's
// block of unknowns (a player's slots never multiply each other), so its extremes over a
// box lie at vertices: enumerate the vertices of every block but the first, and take the
// first block's affine range in closed form. Cost: prod_j 2^(slots_j - 1) * size, small
// for the supports enumpoly accepts.
Interval TensorRange(const double* coef, const int* slots, const int* var_offset, int q,
                     const std::vector<Interval>& box) {
  if (q == 0) return Interval(coef[0]);
  if (q == 1) {
    Interval range(coef[0]);
    for (int l = 1; l < slots[0]; ++l) {
      const Interval& x = box[var_offset[0] + l - 1];
      const double a = coef[l] * x.lo, b = coef[l] * x.hi;
      range = range + Interval(std::min(a, b), std::max(a, b));
    }
    return range;
  }
  const int m = slots[q - 1];
  int64_t inner = 1;
  for (int j = 0; j + 1 < q; ++j) inner *= slots[j];
  std::vector<double> reduced(inner);
  std::vector<double> y(m, 1.0);
  Interval hull(INFINITY, -INFINITY);
  for (int mask = 0; mask < (1 << (m - 1)); ++mask) {
    for (int l = 1; l < m; ++l) {
      const Interval& x = box[var_offset[q - 1] + l - 1];
      y[l] = (mask >> (l - 1) & 1) ? x.hi : x.lo;
    }
    for (int64_t i = 0; i < inner; ++i) {
      double sum = 0.0;
      for (int t = 0; t < m; ++t) sum += coef[i + t * inner] * y[t];
      reduced[i] = sum;
    }
    const Interval r = TensorRange(reduced.data(), slots, var_offset, q - 1, box);
    hull = Interval(std::min(hull.lo, r.lo), std::max(hull.hi, r.hi));
  }
  return hull;
}

Interval TensorRange(const Tensor& t, const std::vector<Interval>& box) {
  return TensorRange(t.coef.data(), t.slots.data(), t.var_offset.data(),
                     static_cast<int>(t.slots.size()), box);
}

// t with mode j fixed at slot l (that mode removed): the partial derivative of t's function
// with respect to the unknown of slot l.
Tensor Slice(const Tensor& t, int j, int l) {
  Tensor out;
  int64_t stride = 1, size = 1;
  for (size_t k = 0; k < t.slots.size(); ++k) {
    size *= t.slots[k];
    if (static_cast<int>(k) < j) stride *= t.slots[k];
    if (static_cast<int>(k) == j) continue;
    out.slots.push_back(t.slots[k]);
    out.var_offset.push_back(t.var_offset[k]);
  }
  const int64_t block = stride * t.slots[j];
  for (int64_t outer = 0; outer < size; outer += block) {
    for (int64_t i = 0; i < stride; ++i) out.coef.push_back(t.coef[outer + l * stride + i]);
  }
  return out;
}

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
    // Tensor forms of every equation and of every nonzero Jacobian entry, for exact ranges.
    for (int e = 0; e < d_; ++e) {
      const Equation& eq = equations_[e];
      Tensor t;
      t.slots = eq.slots;
      t.coef = eq.coef;
      for (int k : eq.others) t.var_offset.push_back(var_offset_[k]);
      for (size_t j = 0; j < eq.others.size(); ++j) {
        for (int l = 1; l < eq.slots[j]; ++l) {
          partials_.push_back({e, var_offset_[eq.others[j]] + l - 1, Slice(t, static_cast<int>(j), l)});
        }
      }
      tensors_.push_back(std::move(t));
    }
  }

  // Exact ranges of every equation (f) and Jacobian entry (jac, row-major d x d) over box.
  void EvaluateRange(const std::vector<Interval>& box, std::vector<Interval>* f,
                     std::vector<Interval>* jac) const {
    f->resize(d_);
    for (int e = 0; e < d_; ++e) (*f)[e] = TensorRange(tensors_[e], box);
    jac->assign(static_cast<size_t>(d_) * d_, Interval(0.0));
    for (const Partial& p : partials_) (*jac)[p.row * d_ + p.col] = TensorRange(p.tensor, box);
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

  struct Partial {
    int row, col;
    Tensor tensor;
  };
  const NormalFormGame& game_;
  SupportProfile support_;
  std::vector<Tensor> tensors_;
  std::vector<Partial> partials_;
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

// True when the support's Jacobian can be nonsingular at all: player i's equations depend
// only on the other players' unknowns, so the equation-unknown incidence must admit a
// perfect matching (augmenting paths over unit nodes; d is small).
bool StructurallyRegular(const SupportProfile& support) {
  std::vector<int> eq_player, var_player;
  for (size_t k = 0; k < support.size(); ++k) {
    for (size_t a = 1; a < support[k].size(); ++a) {
      eq_player.push_back(static_cast<int>(k));
      var_player.push_back(static_cast<int>(k));
    }
  }
  const int d = static_cast<int>(eq_player.size());
  std::vector<int> match(d, -1);  // variable -> equation
  std::vector<char> seen;
  std::function<bool(int)> augment = [&](int e) {
    for (int v = 0; v < d; ++v) {
      if (var_player[v] == eq_player[e] || seen[v]) continue;
      seen[v] = 1;
      if (match[v] < 0 || augment(match[v])) {
        match[v] = e;
        return true;
      }
    }
    return false;
  };
  for (int e = 0; e < d; ++e) {
    seen.assign(d, 0);
    if (!augment(e)) return false;
  }
  return true;
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
      system.EvaluateRange(box, &fx, &jx);
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
  int total_unknowns = 0;
  for (int i = 0; i < n; ++i) total_unknowns += game.num_strategies(i) - 1;
  if (total_unknowns > limits.max_unknowns) {
    result.status = SolveStatus::kFailed;
    result.message = "game too large for enumpoly: " + std::to_string(total_unknowns) +
                     " unknowns (sum of strategies - 1 over players) exceed the limit of " +
                     std::to_string(limits.max_unknowns) + " (use logit for one equilibrium)";
    return result;
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
  std::vector<std::string> unresolved, over_budget;
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
    } else if (!StructurallyRegular(support)) {
      // The Jacobian is singular everywhere: in a generic game no equilibrium has this
      // support, and in a degenerate one any equilibrium it has lies in a continuum. Probe
      // with minimum-norm Newton from seeded starts; a feasible, verified root means a
      // continuum, reported as unresolved (not listed point by point).
      std::mt19937_64 rng(0x5eed + unknowns);
      std::exponential_distribution<double> weight(1.0);
      for (int start = 0; start < 8; ++start) {
        std::vector<double> x;
        for (int i = 0; i < n; ++i) {
          std::vector<double> w(support[i].size());
          double sum = 0.0;
          for (double& v : w) sum += (v = start == 0 ? 1.0 : weight(rng));
          for (size_t a = 0; a + 1 < w.size(); ++a) x.push_back(w[a] / sum);
        }
        if (!Newton(system, &x, 1e-13 * scale)) continue;
        Eigen::VectorXd prob = system.Probabilities(eval, x);
        if (prob.minCoeff() < -1e-9) continue;
        MixedProfile profile = eval.Unflatten(prob.cwiseMax(0.0));
        if (Regret(game, profile) <= options.tolerance * scale) {
          unresolved.push_back(SupportName(support));
          break;
        }
      }
    } else {
      BoxOutcome outcome = SolveBoxes(system, scale, limits.max_boxes_per_support, accept);
      if (outcome == BoxOutcome::kBudget) over_budget.push_back(SupportName(support));
      if (outcome == BoxOutcome::kUnresolved) unresolved.push_back(SupportName(support));

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
  } else if (!unresolved.empty() || !over_budget.empty()) {
    result.status = SolveStatus::kPartial;
    if (!unresolved.empty()) {
      result.message = "non-isolated or singular solutions on " +
                       std::to_string(unresolved.size()) + " support(s), e.g. " + unresolved[0] +
                       " (a continuum of equilibria?)";
    }
    if (!over_budget.empty()) {
      if (!result.message.empty()) result.message += "; ";
      result.message += "box budget exhausted on " + std::to_string(over_budget.size()) +
                        " support(s), e.g. " + over_budget[0];
    }
  }
  return result;
}

}  // namespace sim::solve
