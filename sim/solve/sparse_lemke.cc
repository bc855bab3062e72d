// SPDX-License-Identifier: MIT
#include "sim/solve/sparse_lemke.h"

#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include <algorithm>
#include <cmath>
#include <random>

namespace sim::solve::detail {
namespace {

// Size of the perturbation of q, and how many eta factors (or how many non-zeros in them, as
// a multiple of the dimension) before the basis is factorised again.
constexpr double kPerturbation = 3e-7;
constexpr int kMaxEtas = 100;
constexpr int kEtaFill = 20;
// The early end (TryEnd): below this z0, at most once per so many pivots.
constexpr double kEndZ0 = 1e-3;
constexpr int kEndCheckEvery = 20;

class SparseLemke {
 public:
  explicit SparseLemke(const SparseLcpInput& in) : in_(in), n_(in.dim) {
    basis_.resize(n_);
    pos_.assign(2 * n_ + 1, -1);
    for (int i = 0; i < n_; ++i) basis_[i] = i, pos_[i] = i;
    // A fixed perturbation (the same on every run): q_i + eps * r_i, r_i in [1, 2).
    std::mt19937_64 rng(0x5e9f0c1dULL);
    std::uniform_real_distribution<double> r(1.0, 2.0);
    qp_.resize(n_);
    for (int i = 0; i < n_; ++i) {
      const double sign = in_.perturb_sign ? (*in_.perturb_sign)[i] : 1.0;
      qp_(i) = (*in_.q)[i] + sign * kPerturbation * r(rng);
    }
    rhs_.resize(n_);
  }

  SparseLemkeResult Run(int64_t max_pivots) {
    SparseLemkeResult result;
    const int z0 = 2 * n_;
    if (!Factor()) return Fail(result, "the first basis is singular");
    // z0 enters; the row with the most negative q'_i / d_i leaves.
    int r = -1;
    for (int i = 0; i < n_; ++i) {
      if (qp_(i) >= 0) continue;
      if ((*in_.d)[i] <= 0) return Fail(result, "an uncovered infeasible row");
      if (r < 0 || qp_(i) / (*in_.d)[i] < qp_(r) / (*in_.d)[r]) r = i;
    }
    if (r < 0) return Fail(result, "q >= 0");
    Ftran(z0);
    int leaving = basis_[r];
    Pivot(r, z0);
    for (; result.pivots < max_pivots; ++result.pivots) {
      const int entering = leaving < n_ ? leaving + n_ : leaving - n_;
      Ftran(entering);
      if (TryEnd(entering, result)) return result;
      r = RatioTest();
      if (r < 0) return Fail(result, "a secondary ray");
      leaving = basis_[r];
      if (!Pivot(r, entering)) return Fail(result, "a singular basis");
      if (leaving == z0) {
        if (!Factor()) return Fail(result, "a singular end basis");
        Solve(Eigen::Map<const Eigen::VectorXd>(in_.q->data(), n_), rhs_);
        result.z.assign(n_, 0.0);
        for (int i = 0; i < n_; ++i) {
          const int var = basis_[i];
          if (var >= n_ && var < 2 * n_) result.z[var - n_] = std::max(0.0, rhs_(i));
        }
        result.basis = basis_;
        result.solved = true;
        ++result.pivots;
        return result;
      }
    }
    return Fail(result, "the pivot budget");
  }

 private:
  // Near the end of the path (z0 small), the perturbation's degenerate ties can keep z0 in the
  // basis for thousands of pivots. Here z0 is swapped for the entering variable at once: if
  // the basis that gives, solved with the unperturbed q, is feasible and the caller certifies
  // its z (exactly), the path ends there.
  bool TryEnd(int entering, SparseLemkeResult& result) {
    const int z0 = 2 * n_;
    const int r0 = pos_[z0];
    if (!in_.accept || r0 < 0 || result.pivots < next_end_check_) return false;
    if (beta_(r0) > kEndZ0 || col_(r0) <= 1e-9) return false;
    next_end_check_ = result.pivots + kEndCheckEvery;
    Solve(Eigen::Map<const Eigen::VectorXd>(in_.q->data(), n_), end_);
    const double theta = end_(r0) / col_(r0);
    double scale = 1.0;
    for (int i = 0; i < n_; ++i) scale = std::max(scale, std::abs(end_(i)));
    std::vector<double> z(n_, 0.0);
    for (int i = 0; i < n_; ++i) {
      const double v = i == r0 ? theta : end_(i) - col_(i) * theta;
      if (v < -1e-9 * scale) return false;
      const int var = i == r0 ? entering : basis_[i];
      if (var >= n_ && var < 2 * n_) z[var - n_] = std::max(0.0, v);
    }
    if (!in_.accept(z)) return false;
    result.z = std::move(z);
    result.basis = basis_;
    result.basis[r0] = entering;
    result.solved = true;
    ++result.pivots;
    return true;
  }

  SparseLemkeResult& Fail(SparseLemkeResult& r, const char* why) {
    r.why = why;
    return r;
  }

  // Writes variable var's column into rhs_ (dense).
  void ColumnInto(int var, Eigen::VectorXd& out) const {
    out.setZero(n_);
    if (var < n_) {
      out(var) = 1.0;
    } else if (var < 2 * n_) {
      for (const auto& [row, v] : (*in_.neg_m)[var - n_]) out(row) += v;
    } else {
      for (int i = 0; i < n_; ++i) out(i) = -(*in_.d)[i];
    }
  }

  // Factorises the basis's kernel: the structural columns (z and z0) restricted to the rows
  // whose slack w_i is not basic. Basic slacks are unit columns and need no factorisation.
  bool Factor() {
    triplets_.clear();
    kernel_row_.assign(n_, -1);
    kernel_pos_.clear();
    int rows = 0;
    for (int i = 0; i < n_; ++i) {
      if (pos_[i] < 0) kernel_row_[i] = rows++;
    }
    for (int c = 0; c < n_; ++c) {
      const int var = basis_[c];
      if (var < n_) continue;
      const int k = static_cast<int>(kernel_pos_.size());
      kernel_pos_.push_back(c);
      if (var < 2 * n_) {
        for (const auto& [row, v] : (*in_.neg_m)[var - n_]) {
          if (kernel_row_[row] >= 0) triplets_.emplace_back(kernel_row_[row], k, v);
        }
      } else {
        for (int i = 0; i < n_; ++i) {
          if (kernel_row_[i] >= 0) triplets_.emplace_back(kernel_row_[i], k, -(*in_.d)[i]);
        }
      }
    }
    eta_row_.clear();
    eta_pivot_.clear();
    eta_start_.assign(1, 0);
    eta_index_.clear();
    eta_value_.clear();
    basis_at_factor_ = basis_;
    slack_pos_.assign(n_, -1);
    for (int c = 0; c < n_; ++c) {
      if (basis_[c] < n_) slack_pos_[basis_[c]] = c;
    }
    if (static_cast<int>(kernel_pos_.size()) != rows) return false;
    const int m = rows;
    kernel_in_.resize(m);
    if (m > 0) {
      Eigen::SparseMatrix<double> b(m, m);
      b.setFromTriplets(triplets_.begin(), triplets_.end());
      b.makeCompressed();
      lu_.analyzePattern(b);
      lu_.factorize(b);
      if (lu_.info() != Eigen::Success) return false;
    }
    Solve(qp_, beta_);
    return true;
  }

  // out = B^-1 v through the factorisation and the etas since.
  void Solve(const Eigen::Ref<const Eigen::VectorXd>& v, Eigen::VectorXd& out) {
    out.resize(n_);
    const int m = static_cast<int>(kernel_pos_.size());
    if (m > 0) {
      for (int i = 0; i < n_; ++i) {
        if (kernel_row_[i] >= 0) kernel_in_(kernel_row_[i]) = v(i);
      }
      kernel_out_ = lu_.solve(kernel_in_);
    }
    // Positions of basic slacks: w_i = v_i less the structural columns' part of row i.
    for (int c = 0; c < n_; ++c) {
      if (basis_at_factor_[c] < n_) out(c) = v(basis_at_factor_[c]);
    }
    for (int k = 0; k < m; ++k) {
      const int c = kernel_pos_[k];
      const double t = kernel_out_(k);
      out(c) = t;
    }
    for (int k = 0; k < m; ++k) {
      const double t = kernel_out_(k);
      if (t == 0.0) continue;
      const int var = basis_at_factor_[kernel_pos_[k]];
      if (var < 2 * n_) {
        for (const auto& [row, val] : (*in_.neg_m)[var - n_]) {
          if (kernel_row_[row] < 0) out(slack_pos_[row]) -= val * t;
        }
      } else {
        for (int i = 0; i < n_; ++i) {
          if (kernel_row_[i] < 0) out(slack_pos_[i]) += (*in_.d)[i] * t;
        }
      }
    }
    for (size_t k = 0; k < eta_row_.size(); ++k) {
      const int r = eta_row_[k];
      const double t = out(r) / eta_pivot_[k];
      out(r) = t;
      if (t == 0.0) continue;
      for (int e = eta_start_[k]; e < eta_start_[k + 1]; ++e) out(eta_index_[e]) -= eta_value_[e] * t;
    }
  }

  void Ftran(int var) {
    ColumnInto(var, rhs_);
    Solve(rhs_, col_);
  }

  int RatioTest() const {
    double scale = 0.0;
    for (int i = 0; i < n_; ++i) scale = std::max(scale, std::abs(col_(i)));
    // A tolerance of 1e-9 here skipped small genuine pivots and let the path cycle.
    const double tol = 1e-11 * std::max(1.0, scale);
    int best = -1;
    double best_ratio = 0.0;
    for (int i = 0; i < n_; ++i) {
      const double c = col_(i);
      if (c <= tol) continue;
      const double ratio = std::max(0.0, beta_(i)) / c;
      if (best < 0 || ratio < best_ratio) {
        best = i, best_ratio = ratio;
        continue;
      }
      // Ties (rare under the perturbation): z0 leaves first, then the larger pivot.
      if (ratio <= best_ratio * (1 + 1e-12)) {
        const bool z0 = basis_[i] == 2 * n_, best_z0 = basis_[best] == 2 * n_;
        if (z0 || (!best_z0 && c > col_(best))) best = i, best_ratio = ratio;
      }
    }
    return best;
  }

  bool Pivot(int r, int entering) {
    const double piv = col_(r);
    const double theta = beta_(r) / piv;
    for (int i = 0; i < n_; ++i) {
      if (col_(i) != 0.0) beta_(i) -= col_(i) * theta;
    }
    beta_(r) = theta;
    pos_[basis_[r]] = -1;
    basis_[r] = entering;
    pos_[entering] = r;
    // The eta of this pivot: row r divided by piv, the others less col_i times it.
    eta_row_.push_back(r);
    eta_pivot_.push_back(piv);
    for (int i = 0; i < n_; ++i) {
      if (i != r && std::abs(col_(i)) > 1e-14) {
        eta_index_.push_back(i);
        eta_value_.push_back(col_(i));
      }
    }
    eta_start_.push_back(static_cast<int>(eta_index_.size()));
    if (static_cast<int>(eta_row_.size()) >= kMaxEtas ||
        eta_index_.size() > static_cast<size_t>(kEtaFill) * n_) {
      return Factor();
    }
    return true;
  }

  int64_t next_end_check_ = 0;
  Eigen::VectorXd end_;
  const SparseLcpInput& in_;
  const int n_;
  std::vector<int> basis_, pos_;
  Eigen::VectorXd qp_, beta_, col_, rhs_;
  std::vector<Eigen::Triplet<double>> triplets_;
  Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu_;
  std::vector<int> kernel_row_, kernel_pos_, basis_at_factor_, slack_pos_;
  Eigen::VectorXd kernel_in_, kernel_out_;
  std::vector<int> eta_row_, eta_start_, eta_index_;
  std::vector<double> eta_pivot_, eta_value_;
};

}  // namespace

SparseLemkeResult RunSparseLemke(const SparseLcpInput& lcp, int64_t max_pivots) {
  SparseLemke lemke(lcp);
  return lemke.Run(max_pivots);
}

}  // namespace sim::solve::detail
