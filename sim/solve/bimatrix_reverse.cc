// SPDX-License-Identifier: MIT
// The reverse search of `enum` (enum_search.h), split from bimatrix_enum.cc.
#include "sim/solve/enum_search.h"

#include <Eigen/LU>

#include <algorithm>
#include <bit>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "sim/core/error.h"
#include "sim/solve/bimatrix_common.h"
#include "sim/solve/exact_check.h"
#include "sim/solve/lemke_howson.h"
#include "sim/solve/reverse_search.h"
#include "sim/solve/snapshot_stack.h"
#include "sim/solve/tableau.h"

namespace sim::solve::detail {
namespace {

// ---- Reverse search: memory O(m n) ------------------------------------------------------

// The partners of a vertex z of player e's polytope {z >= 0 : Y'z <= 1} (d own strategies,
// k of the other's; `own` = e's payoffs, d x k, as positive integers). z has label i (own
// strategy) when z_i = 0, label d + j when the other's strategy j is a best response to z.
// A partner w is a vertex of {w >= 0 : own w <= 1} whose labels include every label z lacks:
// w_j = 0 for the other's strategies that are not best responses, own[i, .] w = 1 on z's
// support S. When z is simple that is k equations in k unknowns: one candidate. When z has
// delta extra labels, the partners are the vertices of a face of dimension delta, each
// fixed by delta more of z's labels: every choice of delta labels is tried (a vertex has k
// independent tight constraints, and independent ones extend to k by exchange). Each
// candidate is solved in double precision first (most fail clearly), then exactly.
class PartnerFinder {
 public:
  enum Outcome { kOk, kUnsupported };

  PartnerFinder(int d, int k, const std::vector<mpz_class>& own)
      : d_(d), k_(k), own_(own), own_double_(d, k), in_rows_(d) {
    for (int i = 0; i < d; ++i) {
      for (int j = 0; j < k; ++j) own_double_(i, j) = own[static_cast<size_t>(i) * k + j].get_d();
    }
  }

  // Reads the vertex z of `tab` and appends its partners (probabilities) to `partners`;
  // z is set when there is one. kUnsupported: the labels z lacks are not independent
  // constraints (a continuum of candidates this method does not enumerate), or z is too
  // degenerate (more than kMaxChoices label choices).
  template <typename T>
  Outcome Visit(const detail::IntegerTableau<T>& tab, std::vector<Rational>* z,
                std::vector<std::vector<Rational>>* partners) {
    partners->clear();
    std::vector<int>& support = support_;
    support.clear();
    support_rows_.clear();
    std::fill(in_rows_.begin(), in_rows_.end(), 0);
    std::vector<char> positive_slack(k_, 0);
    for (int i = 0; i < tab.rows(); ++i) {
      if (detail::Arith<T>::Sign(tab.rhs(i)) == 0) continue;
      const int v = tab.basic(i);
      if (v < d_) {
        support.push_back(v);
        support_rows_.push_back(i);
      } else {
        positive_slack[v - d_] = 1;
      }
    }
    if (support.empty()) return kOk;  // the origin
    responses_.clear();
    for (int j = 0; j < k_; ++j) {
      if (!positive_slack[j]) responses_.push_back(j);
    }
    const int delta = static_cast<int>(responses_.size()) - static_cast<int>(support.size());
    SIM_CHECK(delta >= 0, "a vertex has at least as many labels as its dimension");
    // z's labels: own strategies off the support, then the other's best responses.
    labels_.clear();
    for (int i = 0; i < d_; ++i) {
      if (std::find(support.begin(), support.end(), i) == support.end()) labels_.push_back(i);
    }
    for (int j : responses_) labels_.push_back(d_ + j);
    if (delta > 0) {
      degenerate_ = true;
      if (Choices(static_cast<int>(labels_.size()), delta) > kMaxChoices) return kUnsupported;
      if (!IndependentOrInconsistent(support, responses_)) return kUnsupported;
    }
    // Every choice of delta labels (delta = 0: the one empty choice).
    std::vector<int> pick(delta);
    std::iota(pick.begin(), pick.end(), 0);
    for (;;) {
      rows_ = support;
      cols_.clear();
      std::vector<char> dropped(k_, 0);
      for (int p : pick) {
        const int label = labels_[p];
        if (label < d_) {
          rows_.push_back(label);
        } else {
          dropped[label - d_] = 1;
        }
      }
      for (int j : responses_) {
        if (!dropped[j]) cols_.push_back(j);
      }
      std::vector<Rational> w;
      const int got = Candidate(&w);
      if (got < 0) return kUnsupported;  // delta = 0 and a consistent singular system
      if (got > 0) partners->push_back(std::move(w));
      // Next choice in lexicographic order.
      int p = delta - 1;
      const int nl = static_cast<int>(labels_.size());
      while (p >= 0 && pick[p] == nl - delta + p) --p;
      if (p < 0) break;
      ++pick[p];
      for (int q = p + 1; q < delta; ++q) pick[q] = pick[q - 1] + 1;
    }
    if (!partners->empty()) {
      z->assign(d_, Rational(0));
      for (size_t a = 0; a < support.size(); ++a) {
        (*z)[support[a]] = Rational(detail::Arith<T>::ToMpz(tab.rhs(support_rows_[a])));
      }
      *z = Normalise(std::move(*z));
    }
    return kOk;
  }

  bool saw_degenerate() const { return degenerate_; }

 private:
  static constexpr double kMaxChoices = 100000;

  static double Choices(int n, int r) {
    double c = 1;
    for (int i = 0; i < r; ++i) c = c * (n - i) / (i + 1);
    return c;
  }

  // The candidate of rows_ x cols_: 1 (a partner, in *w), 0 (none), -1 (singular and
  // consistent, only possible when delta = 0 and z's missing labels are dependent).
  int Candidate(std::vector<Rational>* w) {
    if (!Plausible()) return 0;
    return SolveExactly(w);
  }

  // False when the floating-point solution clearly violates a constraint (by more than 1e-7
  // relative, far above the error of a system with reciprocal condition >= 1e-9).
  bool Plausible() {
    const int s = static_cast<int>(rows_.size());
    sub_.resize(s, s);
    for (int a = 0; a < s; ++a) {
      for (int b = 0; b < s; ++b) sub_(a, b) = own_double_(rows_[a], cols_[b]);
    }
    lu_.compute(sub_);
    // Ill-conditioned or singular (a zero pivot can leave rcond() meaningless): exactly.
    const auto pivots = lu_.matrixLU().diagonal().cwiseAbs();
    if (!(pivots.minCoeff() > 1e-12 * sub_.cwiseAbs().maxCoeff()) || !(lu_.rcond() > 1e-9)) {
      return true;
    }
    solution_ = lu_.solve(Eigen::VectorXd::Ones(s));
    if (!solution_.allFinite()) return true;
    const double scale = solution_.cwiseAbs().maxCoeff();
    if (solution_.minCoeff() < -1e-7 * scale) return false;
    std::fill(in_rows_.begin(), in_rows_.end(), 0);
    for (int i : rows_) in_rows_[i] = 1;
    for (int i = 0; i < d_; ++i) {
      if (in_rows_[i]) continue;
      double value = 0, magnitude = 0;
      for (int b = 0; b < s; ++b) {
        const double term = own_double_(i, cols_[b]) * solution_(b);
        value += term;
        magnitude += std::abs(term);
      }
      if (value > 1 + 1e-7 * std::max(1.0, magnitude)) return false;
    }
    return true;
  }

  // own[rows, cols] w = 1 with an augmented column, for elimination.
  std::vector<std::vector<Rational>> Augmented(const std::vector<int>& rows,
                                               const std::vector<int>& cols) const {
    std::vector<std::vector<Rational>> a(rows.size(), std::vector<Rational>(cols.size() + 1));
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < cols.size(); ++c) {
        a[r][c] = own_[static_cast<size_t>(rows[r]) * k_ + cols[c]];
      }
      a[r][cols.size()] = 1;
    }
    return a;
  }

  // Gauss-Jordan elimination of an augmented system; returns its rank (pivot columns
  // among the first cols) and whether it is consistent.
  static std::pair<int, bool> Eliminate(std::vector<std::vector<Rational>>& a, int cols) {
    const int rows = static_cast<int>(a.size());
    int row = 0;
    for (int c = 0; c < cols && row < rows; ++c) {
      int pivot = row;
      while (pivot < rows && sgn(a[pivot][c]) == 0) ++pivot;
      if (pivot == rows) continue;
      std::swap(a[row], a[pivot]);
      for (int r = 0; r < rows; ++r) {
        if (r == row || sgn(a[r][c]) == 0) continue;
        const Rational f = a[r][c] / a[row][c];
        for (int cc = c; cc <= cols; ++cc) a[r][cc] -= f * a[row][cc];
      }
      ++row;
    }
    for (int r = row; r < rows; ++r) {
      if (sgn(a[r][cols]) != 0) return {row, false};
    }
    return {row, true};
  }

  // True when the support's equations own[S, R] w = 1 are independent, or have no solution
  // (then z has no partner and no choice below finds one).
  bool IndependentOrInconsistent(const std::vector<int>& rows, const std::vector<int>& cols) const {
    auto a = Augmented(rows, cols);
    const auto [rank, consistent] = Eliminate(a, static_cast<int>(cols.size()));
    return rank == static_cast<int>(rows.size()) || !consistent;
  }

  int SolveExactly(std::vector<Rational>* w) {
    const int s = static_cast<int>(rows_.size());
    auto a = Augmented(rows_, cols_);
    const auto [rank, consistent] = Eliminate(a, s);
    if (rank < s) return consistent && labels_.size() == static_cast<size_t>(d_) ? -1 : 0;
    std::vector<Rational> value(s);
    for (int r = 0; r < s; ++r) {
      value[r] = a[r][s] / a[r][r];
      if (sgn(value[r]) < 0) return 0;
    }
    std::fill(in_rows_.begin(), in_rows_.end(), 0);
    for (int i : rows_) in_rows_[i] = 1;
    for (int i = 0; i < d_; ++i) {
      if (in_rows_[i]) continue;
      Rational payoff = 0;
      for (int b = 0; b < s; ++b) payoff += own_[static_cast<size_t>(i) * k_ + cols_[b]] * value[b];
      if (cmp(payoff, 1) > 0) return 0;
    }
    w->assign(k_, Rational(0));
    for (int b = 0; b < s; ++b) (*w)[cols_[b]] = value[b];
    *w = Normalise(std::move(*w));
    return 1;
  }

  int d_, k_;
  const std::vector<mpz_class>& own_;
  Eigen::MatrixXd own_double_, sub_;
  Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
  Eigen::VectorXd solution_;
  std::vector<int> support_, support_rows_, responses_, labels_, rows_, cols_;
  std::vector<char> in_rows_;
  bool degenerate_ = false;
};

// Runs a reverse search to the end, widening int64 -> 128-bit -> GMP on overflow (as
// Search above); returns the widest arithmetic used.
template <typename Visit>
const char* ReverseSearchAll(const std::vector<mpz_class>& matrix, int k, int d, Visit&& visit,
                             int64_t* bases) {
  const double bits = detail::HadamardBits(matrix, k, d);
  std::vector<int64_t> m64;
  std::vector<Int128> m128;
  std::unique_ptr<ReverseSearch<Int128>> s128;
  if (bits < 126 && detail::Narrow(matrix, &m64)) {
    ReverseSearch<int64_t> s64(k, d, m64);
    const bool done = s64.Run(visit);
    *bases = s64.bases();
    if (done) return "int64";
    s128 = std::make_unique<ReverseSearch<Int128>>(s64);
  } else if (detail::Narrow(matrix, &m128)) {
    s128 = std::make_unique<ReverseSearch<Int128>>(k, d, m128);
  }
  std::unique_ptr<ReverseSearch<mpz_class>> sz;
  if (s128) {
    const bool done = s128->Run(visit);
    *bases = s128->bases();
    if (done) return "int128";
    sz = std::make_unique<ReverseSearch<mpz_class>>(*s128);
  } else {
    sz = std::make_unique<ReverseSearch<mpz_class>>(k, d, matrix);
  }
  sz->Run(visit);
  *bases = sz->bases();
  return "gmp";
}


}  // namespace

// Enumerates player e's polytope by reverse search and pairs each vertex with its partner.
// Returns false (and nothing in `raw`) when PartnerFinder meets a vertex it cannot pair.
bool ReverseSearchEquilibria(const IntegerBimatrix& g, int e, Budget* budget, RawResult* raw) {
  const int m = g.m, n = g.n;
  const int d = e == 0 ? m : n, k = e == 0 ? n : m;
  // Player 0's polytope: B'x <= 1, partner from A. Player 1's: Ay <= 1, partner from B'.
  const std::vector<mpz_class> constraint = e == 0 ? detail::Transpose(g.b, m, n) : g.a;
  const std::vector<mpz_class> own = e == 0 ? g.a : detail::Transpose(g.b, m, n);
  PartnerFinder finder(d, k, own);
  RawResult out;
  std::map<std::vector<Rational>, int> z_index, w_index;
  std::vector<std::vector<Rational>> z_points, w_points, partners;
  std::set<std::pair<int, int>> seen;  // a degenerate z is met at several bases
  std::vector<Rational> z;
  bool unsupported = false;
  int64_t visits = 0;
  auto visit = [&](const auto& tab) {
    if (++visits > budget->limits.max_bases) {
      budget->Stop("max_bases");
      return false;
    }
    if (budget->TimeUp()) {
      budget->Stop("max_seconds");
      return false;
    }
    if (finder.Visit(tab, &z, &partners) == PartnerFinder::kUnsupported) {
      unsupported = true;
      return false;
    }
    for (const std::vector<Rational>& w : partners) {
      auto [zi, z_new] = z_index.emplace(z, static_cast<int>(z_points.size()));
      if (z_new) z_points.push_back(z);
      auto [wi, w_new] = w_index.emplace(w, static_cast<int>(w_points.size()));
      if (w_new) w_points.push_back(w);
      if (!seen.emplace(zi->second, wi->second).second) continue;
      out.pairs.emplace_back(zi->second, wi->second);
      if (budget->limits.max_equilibria > 0 &&
          static_cast<int64_t>(out.pairs.size()) >= budget->limits.max_equilibria) {
        budget->Stop("max_equilibria");
        return false;
      }
    }
    return true;
  };
  int64_t bases = 0;
  out.arithmetic = ReverseSearchAll(constraint, k, d, visit, &bases);
  if (unsupported) return false;
  out.complete = budget->stopped_by.empty();
  out.degenerate = finder.saw_degenerate();
  out.bases[e] = bases;
  out.vertices[e] = static_cast<int64_t>(z_points.size());  // those in equilibria only
  if (e == 0) {
    out.x_points = std::move(z_points);
    out.y_points = std::move(w_points);
  } else {
    out.x_points = std::move(w_points);
    out.y_points = std::move(z_points);
    for (auto& [a, b] : out.pairs) std::swap(a, b);
  }
  *raw = std::move(out);
  return true;
}

}  // namespace sim::solve::detail
