// SPDX-License-Identifier: MIT
#include "sim/solve/sequence_lcp.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

#include "sim/core/error.h"
#include "sim/solve/sparse_lemke.h"

namespace sim::solve {
namespace {

using Node = GameTree::Node;

// Up to this dimension the path keeps a dense basis inverse (and an end basis that does
// not certify is re-solved in rationals); above it, a sparse LU of the basis.
constexpr int kDenseDimension = 300;
// When the sparse path fails (floating point), the dense one is tried up to this dimension
// (its basis inverse: 8 MB).
constexpr int kDenseFallback = 1024;
// The sparse solver's tracing paths: how many priors, and the pivots per dimension each gets
// (on the benchmarks' random trees the paths that end take 0.6 to 2 per dimension, the
// others wander far longer; 6 x 2 beat 2 x 4 and 12 x 1 on the 10,931-node trees).
constexpr int64_t kTracingPathPivots = 2;
constexpr int kTracingPaths = 6;

// The LCP  w = M z + q >= 0, z >= 0, w.z = 0  with z = (x, y, p, q) (Koller, Megiddo & von
// Stengel 1996, with payoffs shifted negative so that the sets' equalities relax to
// inequalities whose duals are non-negative):
//   w_x = -A y - E'p,  w_y = -B'x - F'q,  w_p = E x - e,  w_q = F y - f.
// Stored by column as the columns of -M (the system I w - M z - d z0 = q).
struct Lcp {
  int n1 = 0, n2 = 0, m1 = 0, m2 = 0, dim = 0;
  std::vector<std::vector<std::pair<int, double>>> neg_m;  // column j of -M
  std::vector<double> q;
  int X() const { return 0; }
  int Y() const { return n1; }
  int P() const { return n1 + n2; }
  int Q() const { return n1 + n2 + m1; }
};

// Scaled, shifted payoff entries: (u - c w) / s, all <= -w / s < 0 where leaves exist.
struct Shift {
  Rational c, s;
};

Shift PayoffShift(const SequenceForm& form) {
  Shift sh;
  sh.c = form.max_payoff + 1;
  sh.s = sh.c - form.min_payoff;
  if (sh.s < 1) sh.s = 1;
  return sh;
}

Lcp BuildLcp(const SequenceForm& form) {
  Lcp l;
  l.n1 = form.side[0].num_sequences();
  l.n2 = form.side[1].num_sequences();
  l.m1 = form.side[0].num_infosets() + 1;
  l.m2 = form.side[1].num_infosets() + 1;
  l.dim = l.n1 + l.n2 + l.m1 + l.m2;
  l.neg_m.assign(l.dim, {});
  l.q.assign(l.dim, 0.0);
  const Shift sh = PayoffShift(form);
  const double c = RationalToDouble(sh.c), s = RationalToDouble(sh.s);
  for (const SequenceForm::Entry& e : form.entries) {
    const double a = (e.d1 - c * e.dw) / s, b = (e.d2 - c * e.dw) / s;
    // M[x_s1][y_s2] = -a, so -M has +a in column y_s2, row x_s1.
    l.neg_m[l.Y() + e.s2].push_back({l.X() + e.s1, a});
    l.neg_m[l.X() + e.s1].push_back({l.Y() + e.s2, b});
  }
  auto constraints = [&](int side, int seq_base, int row_base) {
    const SequenceForm::Side& sd = form.side[side];
    // Row 0: the empty sequence is 1. M[p_r][x_s] = E[r][s]; M[x_s][p_r] = -E[r][s].
    auto put = [&](int r, int seq, double e) {
      l.neg_m[seq_base + seq].push_back({row_base + r, -e});
      l.neg_m[row_base + r].push_back({seq_base + seq, e});
    };
    put(0, 0, 1.0);
    for (int h = 0; h < sd.num_infosets(); ++h) {
      put(h + 1, sd.parent[h], -1.0);
      for (int a = 0; a < sd.num_actions(h); ++a) put(h + 1, sd.first[h] + a, 1.0);
    }
    l.q[row_base] = -1.0;
  };
  constraints(0, l.X(), l.P());
  constraints(1, l.Y(), l.Q());
  return l;
}

// Lemke's algorithm in revised form: a dense basis inverse, a lexicographic ratio test
// (Binv's rows as the perturbation) so that degenerate steps cannot cycle.
class Lemke {
 public:
  Lemke(const Lcp& lcp, std::vector<double> d) : l_(lcp), d_(std::move(d)) {
    const int n = l_.dim;
    binv_ = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>::Identity(n, n);
    beta_ = Eigen::Map<const Eigen::VectorXd>(l_.q.data(), n);
    basis_.resize(n);
    pos_.assign(2 * n + 1, -1);
    for (int i = 0; i < n; ++i) basis_[i] = i, pos_[i] = i;
  }

  // Runs the path; true when z0 left the basis (an equilibrium).
  bool Run(int64_t max_pivots, int64_t& pivots) {
    const int n = l_.dim;
    const int z0 = 2 * n;
    // First pivot: z0 enters, the row with the most negative q_i / d_i leaves (the largest
    // index among ties: the lexicographic rule for the perturbation q + (eps, eps^2, ...)).
    int r = -1;
    for (int i = 0; i < n; ++i) {
      if (l_.q[i] >= 0) continue;
      if (r < 0 || l_.q[i] / d_[i] <= l_.q[r] / d_[r] + 1e-15) r = i;
    }
    if (r < 0) return true;  // q >= 0: z = 0 solves it (cannot happen: q has -1 entries)
    Column(z0);
    Pivot(r);
    int leaving = r;  // w_r left
    for (; pivots < max_pivots; ++pivots) {
      const int entering = leaving < n ? leaving + n : leaving - n;
      Column(entering);
      r = RatioTest();
      if (r < 0) return false;  // secondary ray
      leaving = basis_[r];
      Pivot(r, entering);
      if (leaving == z0) return true;
    }
    return false;
  }

  // z_j's value (0 when non-basic).
  double Z(int j) const {
    const int r = pos_[l_.dim + j];
    return r < 0 ? 0.0 : beta_(r);
  }
  const std::vector<int>& basis() const { return basis_; }

 private:
  void Column(int var) {
    const int n = l_.dim;
    col_var_ = var;
    col_.setZero(n);
    if (var < n) {
      col_ = binv_.col(var);
    } else if (var < 2 * n) {
      for (const auto& [row, v] : l_.neg_m[var - n]) col_ += v * binv_.col(row);
    } else {
      for (int i = 0; i < n; ++i) col_ -= d_[i] * binv_.col(i);
    }
  }

  int RatioTest() const {
    const int n = l_.dim;
    const double scale = std::max(1.0, col_.cwiseAbs().maxCoeff());
    const double eps = 1e-11 * scale;
    int best = -1;
    for (int i = 0; i < n; ++i) {
      if (col_(i) <= eps) continue;
      if (best < 0 || LexLess(i, best)) best = i;
    }
    return best;
  }

  // (beta_i, Binv_i) / col_i  <lex  (beta_j, Binv_j) / col_j, with a tolerance.
  bool LexLess(int i, int j) const {
    const double ci = col_(i), cj = col_(j);
    const double a = beta_(i) / ci, b = beta_(j) / cj;
    const double tol = 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
    if (a < b - tol) return true;
    if (a > b + tol) return false;
    for (int k = 0; k < l_.dim; ++k) {
      const double x = binv_(i, k) / ci, y = binv_(j, k) / cj;
      const double t = 1e-9 * std::max({1.0, std::abs(x), std::abs(y)});
      if (x < y - t) return true;
      if (x > y + t) return false;
    }
    return i < j;
  }

  void Pivot(int r, int entering = -1) {
    const int n = l_.dim;
    if (entering < 0) entering = col_var_;
    const double piv = col_(r);
    binv_.row(r) /= piv;
    beta_(r) /= piv;
    // The pivot row is usually sparse: update only its non-zero columns.
    nz_.clear();
    for (int k = 0; k < n; ++k) {
      if (binv_(r, k) != 0.0) nz_.push_back(k);
    }
    const bool sparse = nz_.size() * 4 < static_cast<size_t>(n);
    for (int i = 0; i < n; ++i) {
      if (i == r) continue;
      const double f = col_(i);
      if (f == 0.0) continue;
      if (sparse) {
        for (int k : nz_) binv_(i, k) -= f * binv_(r, k);
      } else {
        binv_.row(i) -= f * binv_.row(r);
      }
      beta_(i) -= f * beta_(r);
      if (std::abs(beta_(i)) < 1e-13) beta_(i) = 0.0;
    }
    pos_[basis_[r]] = -1;
    basis_[r] = entering;
    pos_[entering] = r;
  }

  const Lcp& l_;
  std::vector<double> d_;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> binv_;
  Eigen::VectorXd beta_, col_;
  int col_var_ = -1;
  std::vector<int> basis_, pos_, nz_;
};

// The covering vector of the sparse path: d (1, or the start's jitter) on the sequence rows
// and the two root constraints, and a tiny one on the other constraint rows. Their
// perturbation asks every information set to carry a little mass (children above parent),
// which removes the structural degeneracy of sets the plans leave unreached; the tiny cover
// makes that perturbation feasible at z0 = 1 and lets the path keep the plans' equalities
// otherwise. (A cover of 1 on those rows let plans lose mass by z0 at every set, and paths
// stalled on degenerate vertices at a fixed z0.)
std::vector<double> SparseCover(const Lcp& l, const std::vector<double>& d) {
  std::vector<double> cover(d.begin(), d.end());
  for (int i = l.P(); i < l.dim; ++i) cover[i] = 1e-6;
  cover[l.P()] = cover[l.Q()] = 1.0;
  return cover;
}

// The covering vector of von Stengel, van den Elzen & Talman (2002, Econometrica 70): with a
// completely mixed prior (x0, y0), d = (L y0, L' x0, e, f) where L = -A, -B are the shifted
// losses. Lemke's path then follows the linear tracing procedure from the prior: at z0 the
// players best respond to their opponents' plan plus z0 times the prior, and the plans carry
// mass 1 - z0; z0 = 0 is an equilibrium. Prior: each set's actions with weights `w` (1 for
// the uniform prior; jittered for further starts), normalised per set.
std::vector<double> TracingCover(const SequenceForm& form, const Lcp& l, const std::vector<double>& w) {
  std::array<std::vector<double>, 2> prior;
  for (int p = 0; p < 2; ++p) {
    const SequenceForm::Side& sd = form.side[p];
    const int base = p == 0 ? l.X() : l.Y();
    prior[p].assign(sd.num_sequences(), 0.0);
    prior[p][0] = 1.0;
    for (int h = 0; h < sd.num_infosets(); ++h) {
      double total = 0;
      for (int a = 0; a < sd.num_actions(h); ++a) total += w[base + sd.first[h] + a];
      for (int a = 0; a < sd.num_actions(h); ++a) {
        prior[p][sd.first[h] + a] = prior[p][sd.parent[h]] * w[base + sd.first[h] + a] / total;
      }
    }
  }
  std::vector<double> cover(l.dim, 0.0);
  // Column y_j of -M holds a_ij (< 0) in the x rows; column x_i holds b_ij in the y rows.
  for (int j = 0; j < l.n2; ++j) {
    for (const auto& [row, v] : l.neg_m[l.Y() + j]) {
      if (row < l.Y()) cover[row] -= v * prior[1][j];
    }
  }
  for (int i = 0; i < l.n1; ++i) {
    for (const auto& [row, v] : l.neg_m[l.X() + i]) {
      if (row >= l.Y() && row < l.P()) cover[row] -= v * prior[0][i];
    }
  }
  cover[l.P()] = cover[l.Q()] = 1.0;
  return cover;
}

// The best rational approximation of v with denominator at most max_den (continued fractions).
Rational Approximate(double v, int64_t max_den) {
  if (v <= 0) return Rational(0);
  if (v >= 1) return Rational(1);
  int64_t p0 = 0, q0 = 1, p1 = 1, q1 = 0;
  double x = v;
  for (int it = 0; it < 64; ++it) {
    const double a = std::floor(x);
    const int64_t ai = static_cast<int64_t>(a);
    const int64_t p2 = ai * p1 + p0, q2 = ai * q1 + q0;
    if (q2 > max_den) break;
    p0 = p1, q0 = q1, p1 = p2, q1 = q2;
    const double frac = x - a;
    if (frac < 1e-15 || std::abs(v - static_cast<double>(p1) / static_cast<double>(q1)) < 1e-15) {
      break;
    }
    x = 1.0 / frac;
  }
  Rational r(static_cast<long>(p1), static_cast<unsigned long>(q1));
  r.canonicalize();
  return r;
}

// Behaviour per local set (exact, each set's vector sums to 1; empty where the player's own
// plan does not reach the set) from a plan given per sequence.
using LocalBehaviour = std::array<std::vector<std::vector<Rational>>, 2>;

ExactRealisationPlans PlansOf(const SequenceForm& form, const LocalBehaviour& b) {
  ExactRealisationPlans plans;
  for (int p = 0; p < 2; ++p) {
    const SequenceForm::Side& sd = form.side[p];
    plans[p].assign(sd.num_sequences(), Rational(0));
    plans[p][0] = 1;
    for (int h = 0; h < sd.num_infosets(); ++h) {
      const Rational& par = plans[p][sd.parent[h]];
      if (sgn(par) == 0 || b[p][h].empty()) continue;
      for (int a = 0; a < sd.num_actions(h); ++a) plans[p][sd.first[h] + a] = par * b[p][h][a];
    }
  }
  return plans;
}

// Completes the sets the plans leave unreached with a best response (argmax of the
// counterfactual action values; first on ties), deepest first, and returns the check.
SequenceCheck CompleteAndCheck(const SequenceForm& form, LocalBehaviour& b) {
  ExactRealisationPlans plans = PlansOf(form, b);
  SequenceCheck check = CheckSequenceForm(form, plans);
  for (int p = 0; p < 2; ++p) {
    const SequenceForm::Side& sd = form.side[p];
    for (int h = 0; h < sd.num_infosets(); ++h) {
      if (sgn(plans[p][sd.parent[h]]) != 0 && !b[p][h].empty()) continue;
      const int k = sd.num_actions(h);
      int best = 0;
      for (int a = 1; a < k; ++a) {
        if (check.action_values[p][sd.first[h] + a] > check.action_values[p][sd.first[h] + best]) {
          best = a;
        }
      }
      b[p][h].assign(k, Rational(0));
      b[p][h][best] = 1;
    }
  }
  return check;
}

// From a plan in doubles: each reached set's behaviour, rounded to fractions of denominator
// at most max_den (max_den = 0: the exact value of the doubles), normalised exactly.
LocalBehaviour RoundBehaviour(const SequenceForm& form, const std::array<std::vector<double>, 2>& x,
                              int64_t max_den) {
  LocalBehaviour b;
  for (int p = 0; p < 2; ++p) {
    const SequenceForm::Side& sd = form.side[p];
    b[p].resize(sd.num_infosets());
    for (int h = 0; h < sd.num_infosets(); ++h) {
      const int k = sd.num_actions(h);
      double total = 0;
      for (int a = 0; a < k; ++a) total += std::max(0.0, x[p][sd.first[h] + a]);
      if (total <= 1e-9) continue;
      std::vector<Rational> v(k);
      Rational sum = 0;
      for (int a = 0; a < k; ++a) {
        const double prob = std::max(0.0, x[p][sd.first[h] + a]) / total;
        v[a] = max_den > 0 ? Approximate(prob, max_den) : RationalFromDouble(prob);
        sum += v[a];
      }
      if (sgn(sum) == 0) continue;
      for (Rational& r : v) r /= sum;
      b[p][h] = std::move(v);
    }
  }
  return b;
}

// Whether the plans in z (the LCP's variables), rounded as below, are an exact equilibrium.
bool Certifies(const SequenceForm& form, const Lcp& l, const std::vector<double>& z) {
  std::array<std::vector<double>, 2> x;
  x[0].assign(z.begin() + l.X(), z.begin() + l.X() + l.n1);
  x[1].assign(z.begin() + l.Y(), z.begin() + l.Y() + l.n2);
  LocalBehaviour b = RoundBehaviour(form, x, 1'000'000);
  return sgn(CompleteAndCheck(form, b).regret) == 0;
}

// The end basis re-solved in rational arithmetic (small forms only): the plan exactly.
std::optional<std::array<std::vector<Rational>, 2>> ExactPlan(const SequenceForm& form,
                                                               const Lcp& l,
                                                               const std::vector<int>& basis,
                                                               const std::vector<double>& d) {
  const int n = l.dim;
  // Exact columns of the system I w - M z - d z0 = q.
  const Shift sh = PayoffShift(form);
  std::vector<std::vector<std::pair<int, Rational>>> cols(n);
  for (const SequenceForm::Entry& e : form.entries) {
    cols[l.Y() + e.s2].push_back({l.X() + e.s1, (e.u1 - sh.c * e.weight) / sh.s});
    cols[l.X() + e.s1].push_back({l.Y() + e.s2, (e.u2 - sh.c * e.weight) / sh.s});
  }
  for (int j = 0; j < n; ++j) {
    for (const auto& [row, v] : l.neg_m[j]) {
      // Constraint entries are +-1 exactly; payoff entries (sequence rows and columns)
      // were added above.
      const bool payoff = j < l.n1 + l.n2 && row < l.n1 + l.n2;
      if (!payoff) cols[j].push_back({row, Rational(static_cast<long>(v))});
    }
  }
  std::vector<std::vector<Rational>> a(n, std::vector<Rational>(n + 1, Rational(0)));
  for (int c = 0; c < n; ++c) {
    const int var = basis[c];
    if (var < n) {
      a[var][c] = 1;
    } else if (var < 2 * n) {
      for (const auto& [row, v] : cols[var - n]) a[row][c] += v;
    } else {
      for (int i = 0; i < n; ++i) a[i][c] = -RationalFromDouble(d[i]);
    }
  }
  for (int i = 0; i < n; ++i) a[i][n] = Rational(static_cast<long>(l.q[i]));
  // Gauss-Jordan with row pivoting on non-zeros.
  for (int c = 0; c < n; ++c) {
    int piv = -1;
    for (int r = c; r < n; ++r) {
      if (sgn(a[r][c]) != 0) {
        piv = r;
        break;
      }
    }
    if (piv < 0) return std::nullopt;
    std::swap(a[piv], a[c]);
    for (int r = 0; r < n; ++r) {
      if (r == c || sgn(a[r][c]) == 0) continue;
      const Rational f = a[r][c] / a[c][c];
      for (int k = c; k <= n; ++k) {
        if (sgn(a[c][k]) != 0) a[r][k] -= f * a[c][k];
      }
    }
  }
  std::array<std::vector<Rational>, 2> x;
  x[0].assign(l.n1, Rational(0));
  x[1].assign(l.n2, Rational(0));
  for (int c = 0; c < n; ++c) {
    const int var = basis[c];
    if (var < n || var >= 2 * n) continue;
    const int j = var - n;
    const Rational v = a[c][n] / a[c][c];
    if (sgn(v) < 0) return std::nullopt;
    if (j < l.n1) x[0][j] = v;
    else if (j < l.n1 + l.n2) x[1][j - l.n1] = v;
  }
  return x;
}

LocalBehaviour ExactBehaviour(const SequenceForm& form, const std::array<std::vector<Rational>, 2>& x) {
  LocalBehaviour b;
  for (int p = 0; p < 2; ++p) {
    const SequenceForm::Side& sd = form.side[p];
    b[p].resize(sd.num_infosets());
    for (int h = 0; h < sd.num_infosets(); ++h) {
      Rational total = 0;
      for (int a = 0; a < sd.num_actions(h); ++a) total += x[p][sd.first[h] + a];
      if (sgn(total) == 0) continue;
      for (int a = 0; a < sd.num_actions(h); ++a) b[p][h].push_back(x[p][sd.first[h] + a] / total);
    }
  }
  return b;
}

// The equilibrium the completed behaviour `b` gives, checked exactly on the sequence form.
SequenceEquilibrium FromBehaviour(const GameTree& tree, const SequenceForm& form,
                                  const LocalBehaviour& b) {
  // Completion may change unreached sets only; the check before it stays valid for the
  // reached part, and the completed profile's values are re-checked here.
  const SequenceCheck check = CheckSequenceForm(form, PlansOf(form, b));
  SequenceEquilibrium eq;
  eq.behaviour.actions.assign(tree.num_infosets(), Eigen::VectorXd());
  for (int p = 0; p < 2; ++p) {
    const SequenceForm::Side& sd = form.side[p];
    for (int h = 0; h < sd.num_infosets(); ++h) {
      Eigen::VectorXd v(sd.num_actions(h));
      for (int a = 0; a < sd.num_actions(h); ++a) v(a) = RationalToDouble(b[p][h][a]);
      eq.behaviour.actions[sd.infosets[h]] = std::move(v);
    }
  }
  eq.payoffs = Eigen::Vector2d(RationalToDouble(check.payoffs[0]),
                               RationalToDouble(check.payoffs[1]));
  eq.regret = RationalToDouble(check.regret);
  eq.exact_certified = sgn(check.regret) == 0;
  eq.exact.assign(tree.num_infosets(), {});
  for (int p = 0; p < 2; ++p) {
    for (int h = 0; h < form.side[p].num_infosets(); ++h) eq.exact[form.side[p].infosets[h]] = b[p][h];
  }
  return eq;
}

}  // namespace

SequenceLcpResult SolveSequenceLcp(const GameTree& tree, Node root,
                                   const std::map<Node, Eigen::VectorXd>& frontier,
                                   const SequenceLcpOptions& options) {
  if (root == GameTree::kNoNode) root = tree.root();
  const SequenceForm form = ToSequenceForm(tree, root, frontier, options.limits);
  const Lcp lcp = BuildLcp(form);
  SequenceLcpResult result;
  result.dimension = lcp.dim;
  const int64_t max_pivots =
      options.max_pivots > 0 ? options.max_pivots : 50 * static_cast<int64_t>(lcp.dim) + 1000;
  std::mt19937_64 rng(20260101);
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  int failures = 0;
  for (int start = 0; start < std::max(1, options.starts); ++start) {
    std::vector<double> d(lcp.dim, 1.0);
    if (start > 0) {
      for (double& v : d) v = jitter(rng);
    }
    std::array<std::vector<double>, 2> x;
    std::vector<int> end_basis;
    bool dense = lcp.dim <= kDenseDimension;
    if (!dense) {
      // The paths share the start's pivot budget: von Stengel, van den Elzen & Talman's
      // tracing cover from kTracingPaths jittered completely mixed priors, each within
      // kTracingPathPivots per dimension (a uniform prior ties best responses and wanders
      // longer), then the cover of earlier versions with what is left. On random trees a
      // path may wander for tens of thousands of pivots where one from another prior ends
      // in a few thousand: restarts cut the heavy tail.
      detail::SparseLemkeResult sparse;
      int64_t left = max_pivots;
      std::mt19937_64 prior_rng(0x7ac1a9ULL + static_cast<uint64_t>(start));
      for (int path = 0; path <= kTracingPaths && !sparse.solved && left > 0; ++path) {
        const bool tracing = path < kTracingPaths;
        std::vector<double> sign(lcp.dim, 1.0);
        std::vector<double> cover;
        int64_t budget = left;
        if (!tracing) {
          std::fill(sign.begin() + lcp.P(), sign.end(), -1.0);
          cover = SparseCover(lcp, d);
        } else {
          std::vector<double> w(lcp.dim);
          for (double& v : w) v = jitter(prior_rng);
          cover = TracingCover(form, lcp, w);
          budget = std::min(left, kTracingPathPivots * static_cast<int64_t>(lcp.dim) + 1000);
        }
        detail::SparseLcpInput in{lcp.dim, &lcp.neg_m, &lcp.q, &cover, &sign, {}};
        // The tracing paths may end early at a candidate the exact check certifies.
        if (tracing) in.accept = [&](const std::vector<double>& z) { return Certifies(form, lcp, z); };
        sparse = detail::RunSparseLemke(in, budget);
        result.pivots += sparse.pivots;
        left -= sparse.pivots;
        if (sparse.solved && tracing) ++result.tracing_paths;
      }
      if (sparse.solved) {
        ++result.sparse_paths;
        x[0].assign(sparse.z.begin() + lcp.X(), sparse.z.begin() + lcp.X() + lcp.n1);
        x[1].assign(sparse.z.begin() + lcp.Y(), sparse.z.begin() + lcp.Y() + lcp.n2);
        end_basis = sparse.basis;
      } else if (lcp.dim <= kDenseFallback) {
        dense = true;  // floating point lost the sparse path: the dense one may not
      } else {
        ++failures;
        continue;
      }
    }
    if (dense) {
      Lemke lemke(lcp, d);
      int64_t pivots = 0;
      const bool ok = lemke.Run(max_pivots, pivots);
      result.pivots += pivots;
      if (!ok) {
        ++failures;
        continue;
      }
      for (int j = 0; j < lcp.n1; ++j) x[0].push_back(lemke.Z(lcp.X() + j));
      for (int j = 0; j < lcp.n2; ++j) x[1].push_back(lemke.Z(lcp.Y() + j));
      end_basis = lemke.basis();
    }
    // Exact certificate: small-denominator fractions, then the exact basis, then the doubles.
    LocalBehaviour b = RoundBehaviour(form, x, 1'000'000);
    SequenceCheck check = CompleteAndCheck(form, b);
    if (sgn(check.regret) != 0 && lcp.dim <= kDenseDimension) {
      if (auto exact = ExactPlan(form, lcp, end_basis, d)) {
        LocalBehaviour eb = ExactBehaviour(form, *exact);
        SequenceCheck ec = CompleteAndCheck(form, eb);
        if (ec.regret < check.regret) b = std::move(eb), check = std::move(ec);
      }
    }
    if (sgn(check.regret) != 0) {
      LocalBehaviour db = RoundBehaviour(form, x, 0);
      SequenceCheck dc = CompleteAndCheck(form, db);
      if (dc.regret < check.regret) b = std::move(db), check = std::move(dc);
    }
    SequenceEquilibrium eq = FromBehaviour(tree, form, b);
    bool repeat = false;
    for (const SequenceEquilibrium& seen : result.equilibria) {
      bool same = true;
      for (size_t i = 0; i < seen.behaviour.actions.size() && same; ++i) {
        const Eigen::VectorXd& u = seen.behaviour.actions[i];
        const Eigen::VectorXd& v = eq.behaviour.actions[i];
        if (u.size() != v.size()) same = false;
        else if (u.size() > 0) same = (u - v).cwiseAbs().maxCoeff() <= 1e-9;
      }
      repeat = repeat || same;
    }
    if (!repeat) result.equilibria.push_back(std::move(eq));
  }
  int uncertified = 0;
  double worst = 0.0;
  for (const SequenceEquilibrium& eq : result.equilibria) {
    if (!eq.exact_certified) ++uncertified, worst = std::max(worst, eq.regret);
  }
  if (uncertified > 0) {
    // Floating point lost the game (e.g. payoffs of 1e19 beside payoffs of 1): what the path
    // ended at is reported with its exact regret, and the result is not called complete.
    result.status = SolveStatus::kPartial;
    result.message = std::to_string(uncertified) +
                     " end(s) of Lemke's path in floating point are not exact equilibria (regret up "
                     "to " + std::to_string(worst) + "): the payoffs' range may exceed double precision";
  }
  if (result.equilibria.empty()) {
    result.status = SolveStatus::kFailed;
    result.message = "Lemke's path on the sequence form ended without an equilibrium (" +
                     std::to_string(failures) + " path(s) stopped)";
  }
  return result;
}

SequenceEquilibrium EquilibriumFromPlans(const GameTree& tree, const SequenceForm& form,
                                         const ExactRealisationPlans& plans) {
  LocalBehaviour b = ExactBehaviour(form, {plans[0], plans[1]});
  CompleteAndCheck(form, b);
  return FromBehaviour(tree, form, b);
}

}  // namespace sim::solve
