// SPDX-License-Identifier: MIT
// Private: the simplex tableau both 2-player methods pivot on (vertex enumeration and
// Lemke-Howson), for the system  M z + s = 1,  z, s >= 0  (M is k x d with positive entries,
// so the polytope is bounded). Two kinds of number:
//  - exact integers (int64_t, Int128, mpz_class) with Edmonds' integer pivoting: every
//    entry is a subdeterminant, divisions are exact, and the tableau of a basis does not
//    depend on the path that reached it (so pivots can be undone exactly). The machine-word
//    kinds throw Overflow, and callers retry with the next wider kind (as lrs does);
//  - double, with the usual normalised pivots, for large games (Lemke-Howson only).
// Both use the lexicographic minimum-ratio rule over (rhs, B^-1), which makes every basis
// nondegenerate in the perturbed sense: no cycling, and each basis has exactly one
// neighbour per entering variable (Dantzig, Orden & Wolfe 1955; von Stengel 2002, §3.7).
#pragma once

#include <gmpxx.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace sim::solve::detail {

__extension__ typedef __int128 Int128;  // __extension__: g++ -Wpedantic accepts it

// Thrown by the machine-integer arithmetic when a result would not fit.
struct Overflow {};

template <typename T>
struct Arith;

// Checked machine integers: a*b - c*d and exact division, throwing Overflow.
template <typename T>
struct CheckedArith {
  static T MulSubDiv(const T& a, const T& b, const T& c, const T& d, const T& det) {
    T ab, cd, diff;
    if (__builtin_mul_overflow(a, b, &ab) || __builtin_mul_overflow(c, d, &cd) ||
        __builtin_sub_overflow(ab, cd, &diff)) {
      throw Overflow{};
    }
    return diff / det;
  }
  static T Mul(const T& a, const T& b) {
    T r;
    if (__builtin_mul_overflow(a, b, &r)) throw Overflow{};
    return r;
  }
  static T Neg(const T& a) {
    T r;
    if (__builtin_sub_overflow(T(0), a, &r)) throw Overflow{};
    return r;
  }
  static int Sign(const T& a) { return (a > 0) - (a < 0); }
  // sign(a*b - c*d)
  static int CompareProducts(const T& a, const T& b, const T& c, const T& d);
  static mpz_class ToMpz(const T& a);
};

template <>
inline int CheckedArith<int64_t>::CompareProducts(const int64_t& a, const int64_t& b,
                                                  const int64_t& c, const int64_t& d) {
  const Int128 l = static_cast<Int128>(a) * b, r = static_cast<Int128>(c) * d;
  return (l > r) - (l < r);
}
template <>
inline int CheckedArith<Int128>::CompareProducts(const Int128& a, const Int128& b,
                                                   const Int128& c, const Int128& d) {
  const Int128 l = Mul(a, b), r = Mul(c, d);
  return (l > r) - (l < r);
}
template <>
inline mpz_class CheckedArith<int64_t>::ToMpz(const int64_t& a) {
  mpz_class r;
  mpz_set_si(r.get_mpz_t(), static_cast<long>(a));
  return r;
}
template <>
inline mpz_class CheckedArith<Int128>::ToMpz(const Int128& a) {
  const bool negative = a < 0;
  __extension__ typedef unsigned __int128 UInt128;
  UInt128 u = negative ? -static_cast<UInt128>(a) : static_cast<UInt128>(a);
  mpz_class hi = static_cast<unsigned long>(u >> 64);
  mpz_class r = (hi << 64) + mpz_class(static_cast<unsigned long>(u));
  return negative ? mpz_class(-r) : r;
}

template <>
struct Arith<int64_t> : CheckedArith<int64_t> {};
template <>
struct Arith<Int128> : CheckedArith<Int128> {};

template <>
struct Arith<mpz_class> {
  static mpz_class MulSubDiv(const mpz_class& a, const mpz_class& b, const mpz_class& c,
                             const mpz_class& d, const mpz_class& det) {
    mpz_class r = a * b;
    mpz_submul(r.get_mpz_t(), c.get_mpz_t(), d.get_mpz_t());
    mpz_divexact(r.get_mpz_t(), r.get_mpz_t(), det.get_mpz_t());
    return r;
  }
  static mpz_class Mul(const mpz_class& a, const mpz_class& b) { return a * b; }
  static mpz_class Neg(const mpz_class& a) { return -a; }
  static int Sign(const mpz_class& a) { return sgn(a); }
  static int CompareProducts(const mpz_class& a, const mpz_class& b, const mpz_class& c,
                             const mpz_class& d) {
    return cmp(a * b, c * d);
  }
  static mpz_class ToMpz(const mpz_class& a) { return a; }
};

// Integer tableau of  M z + s = 1  with k rows and n_vars = d + k variables: structural
// z_0..z_{d-1} are variables 0..d-1, slacks s_0..s_{k-1} are variables d..d+k-1. Entry
// (i, v) of the scaled tableau is det * (B^-1 A)_{i,v}; column 0 of a row is det * the value
// of its basic variable. Columns of basic variables are implicit (det * unit vector) and
// not kept up to date.
template <typename T>
class IntegerTableau {
 public:
  using A = Arith<T>;

  // `matrix` is k x d, row-major, entries >= 1.
  IntegerTableau(int k, int d, const std::vector<T>& matrix)
      : k_(k), d_(d), width_(d + k + 1), t_(static_cast<size_t>(k) * width_, T(0)),
        basis_(k), row_of_(d + k, -1), det_(1) {
    for (int i = 0; i < k; ++i) {
      at(i, -1) = T(1);
      for (int j = 0; j < d; ++j) at(i, j) = matrix[static_cast<size_t>(i) * d + j];
      at(i, d + i) = T(1);
      basis_[i] = d + i;
      row_of_[d + i] = i;
    }
  }

  int rows() const { return k_; }
  int num_vars() const { return d_ + k_; }
  int basic(int row) const { return basis_[row]; }
  int row_of(int var) const { return row_of_[var]; }
  bool is_basic(int var) const { return row_of_[var] >= 0; }
  const T& det() const { return det_; }
  // det * value of the basic variable of `row`.
  const T& rhs(int row) const { return t_[static_cast<size_t>(row) * width_]; }

  // The row whose basic variable leaves when `entering` enters, by the lexicographic
  // minimum ratio over (rhs, B^-1 columns); -1 if no entry of the column is positive.
  int LexMinRatioRow(int entering) const {
    int best = -1;
    for (int i = 0; i < k_; ++i) {
      if (A::Sign(cell(i, entering)) <= 0) continue;
      if (best < 0 || LexLess(i, best, entering)) best = i;
    }
    return best;
  }

  // Pivots `entering` into the basis at `row` (the entry there must be positive).
  void Pivot(int row, int entering) {
    const int leaving = basis_[row];
    const T p = cell(row, entering);
    const T* pivot_row = &t_[static_cast<size_t>(row) * width_];
    for (int i = 0; i < k_; ++i) {
      if (i == row) continue;
      T* r = &t_[static_cast<size_t>(i) * width_];
      const T factor = r[1 + entering];
      // r' = (r * p - factor * pivot_row) / det over rhs and nonbasic columns.
      for (int v = -1; v < d_ + k_; ++v) {
        if (v >= 0 && row_of_[v] >= 0) continue;
        r[1 + v] = A::MulSubDiv(r[1 + v], p, factor, pivot_row[1 + v], det_);
      }
      // The leaving column, implicit until now (det * e_row), becomes -factor.
      r[1 + leaving] = A::Neg(factor);
    }
    t_[static_cast<size_t>(row) * width_ + 1 + leaving] = det_;
    det_ = p;
    basis_[row] = entering;
    row_of_[entering] = row;
    row_of_[leaving] = -1;
  }

  // Entry (row, var) of the scaled tableau, basic columns included.
  T cell(int row, int var) const {
    if (row_of_[var] >= 0) return row_of_[var] == row ? det_ : T(0);
    return t_[static_cast<size_t>(row) * width_ + 1 + var];
  }

 private:
  T& at(int row, int var) { return t_[static_cast<size_t>(row) * width_ + 1 + var]; }

  // Row a lexicographically smaller than row b in (rhs, B^-1) / column entry.
  bool LexLess(int a, int b, int entering) const {
    const T ea = cell(a, entering), eb = cell(b, entering);
    int c = A::CompareProducts(rhs(a), eb, rhs(b), ea);
    if (c != 0) return c < 0;
    for (int s = 0; s < k_; ++s) {
      c = A::CompareProducts(cell(a, d_ + s), eb, cell(b, d_ + s), ea);
      if (c != 0) return c < 0;
    }
    return false;  // equal rows: impossible, B^-1 is nonsingular
  }

  int k_, d_, width_;
  std::vector<T> t_;
  std::vector<int> basis_;
  std::vector<int> row_of_;
  T det_;
};

// Floating-point tableau for the same system, normalised (B^-1 A itself), all columns kept
// so the lexicographic rule can read B^-1 from the slack columns. Entries with magnitude
// below `eps` are treated as zero.
class DoubleTableau {
 public:
  DoubleTableau(int k, int d, const std::vector<double>& matrix, double eps = 1e-12)
      : k_(k), d_(d), width_(d + k + 1), eps_(eps), t_(static_cast<size_t>(k) * width_, 0.0),
        basis_(k), row_of_(d + k, -1) {
    for (int i = 0; i < k; ++i) {
      t_[static_cast<size_t>(i) * width_] = 1.0;
      for (int j = 0; j < d; ++j) t_[static_cast<size_t>(i) * width_ + 1 + j] = matrix[static_cast<size_t>(i) * d + j];
      t_[static_cast<size_t>(i) * width_ + 1 + d + i] = 1.0;
      basis_[i] = d + i;
      row_of_[d + i] = i;
    }
  }

  int rows() const { return k_; }
  int num_vars() const { return d_ + k_; }
  int basic(int row) const { return basis_[row]; }
  int row_of(int var) const { return row_of_[var]; }
  bool is_basic(int var) const { return row_of_[var] >= 0; }
  double det() const { return 1.0; }
  double rhs(int row) const { return t_[static_cast<size_t>(row) * width_]; }
  double cell(int row, int var) const { return t_[static_cast<size_t>(row) * width_ + 1 + var]; }

  int LexMinRatioRow(int entering) const {
    int best = -1;
    for (int i = 0; i < k_; ++i) {
      if (cell(i, entering) <= eps_) continue;
      if (best < 0 || LexLess(i, best, entering)) best = i;
    }
    return best;
  }

  void Pivot(int row, int entering) {
    const int leaving = basis_[row];
    double* pr = &t_[static_cast<size_t>(row) * width_];
    const double inv = 1.0 / pr[1 + entering];
    for (int v = 0; v < width_; ++v) pr[v] *= inv;
    for (int i = 0; i < k_; ++i) {
      if (i == row) continue;
      double* r = &t_[static_cast<size_t>(i) * width_];
      const double factor = r[1 + entering];
      if (factor == 0.0) continue;
      for (int v = 0; v < width_; ++v) r[v] -= factor * pr[v];
      r[1 + entering] = 0.0;
    }
    pr[1 + entering] = 1.0;
    basis_[row] = entering;
    row_of_[entering] = row;
    row_of_[leaving] = -1;
  }

 private:
  bool LexLess(int a, int b, int entering) const {
    const double ea = cell(a, entering), eb = cell(b, entering);
    const double ra = rhs(a) / ea, rb = rhs(b) / eb;
    if (std::abs(ra - rb) > eps_ * (1.0 + std::abs(ra) + std::abs(rb))) return ra < rb;
    for (int s = 0; s < k_; ++s) {
      const double qa = cell(a, d_ + s) / ea, qb = cell(b, d_ + s) / eb;
      if (std::abs(qa - qb) > eps_ * (1.0 + std::abs(qa) + std::abs(qb))) return qa < qb;
    }
    return false;
  }

  int k_, d_, width_;
  double eps_;
  std::vector<double> t_;
  std::vector<int> basis_;
  std::vector<int> row_of_;
};

}  // namespace sim::solve::detail
