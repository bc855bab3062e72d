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
#include <type_traits>
#include <vector>

namespace sim::solve::detail {

__extension__ typedef __int128 Int128;  // __extension__: g++ -Wpedantic accepts it

// Thrown by the machine-integer arithmetic when a result would not fit.
struct Overflow {};

__extension__ typedef unsigned __int128 UInt128;

// Arith<T> is what the integer tableau needs of its number type T:
//   Divider(det)                      precomputation for exact division by det
//   MulSubDiv(x, p, f, y, divider)    x = (x * p - f * y) / det, known to be exact
//   CompareProducts(a, b, c, d)       sign(a * b - c * d)
//   Sign, Neg, ToMpz.
// The machine kinds keep every entry below 2^62 (int64) or 2^126 (Int128) in magnitude and
// throw Overflow otherwise, so products never wrap.
template <typename T>
struct Arith;

inline int Clz128(UInt128 v) {
  const uint64_t hi = static_cast<uint64_t>(v >> 64);
  return hi != 0 ? __builtin_clzll(hi) : 64 + __builtin_clzll(static_cast<uint64_t>(v));
}

// Exact division by det = +-2^shift * odd: shift the dividend, then multiply by the inverse
// of odd modulo 2^W (Jebelean 1993, "An algorithm for exact division"). The quotient is right
// whenever it fits in W bits, which the callers guarantee by a bit-length test first.
template <typename U>
U InverseOfOdd(U odd) {
  U inverse = odd;  // correct to 3 bits: odd * odd = 1 mod 8
  for (int i = 0; i < 6; ++i) inverse *= 2 - odd * inverse;  // Newton: doubles the bits
  return inverse;
}

template <>
struct Arith<int64_t> {
  static constexpr int64_t kLimit = int64_t{1} << 62;
  struct Divider {
    explicit Divider(int64_t d) : det(d) {
      uint64_t m = d < 0 ? -static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
      det_bits = 64 - __builtin_clzll(m);
      shift = __builtin_ctzll(m);
      inverse = InverseOfOdd<uint64_t>(m >> shift);
    }
    int64_t det;
    int shift = 0;
    int det_bits = 0;
    uint64_t inverse = 0;
  };
  static void MulSubDiv(int64_t& x, int64_t p, int64_t f, int64_t y, const Divider& div) {
    // |x p|, |f y| < 2^124: the difference fits in 128 bits. |q| < 2^62 is guaranteed when
    // bits(|difference|) <= 61 + bits(det).
    const Int128 diff = static_cast<Int128>(x) * p - static_cast<Int128>(f) * y;
    const UInt128 magnitude = diff < 0 ? -static_cast<UInt128>(diff) : static_cast<UInt128>(diff);
    if (magnitude != 0 && 128 - Clz128(magnitude) > 61 + div.det_bits) throw Overflow{};
    const uint64_t low = static_cast<uint64_t>(static_cast<UInt128>(diff >> div.shift));
    const int64_t q = static_cast<int64_t>(low * div.inverse);
    x = div.det < 0 ? -q : q;
  }
  static int CompareProducts(int64_t a, int64_t b, int64_t c, int64_t d) {
    const Int128 l = static_cast<Int128>(a) * b, r = static_cast<Int128>(c) * d;
    return (l > r) - (l < r);
  }
  static int Sign(int64_t a) { return (a > 0) - (a < 0); }
  static double ToDouble(int64_t a) { return static_cast<double>(a); }
  static int64_t Neg(int64_t a) { return -a; }
  static mpz_class ToMpz(int64_t a) {
    mpz_class r;
    mpz_set_si(r.get_mpz_t(), static_cast<long>(a));
    return r;
  }
};

// 256-bit two's complement integers, just enough for products of two Int128 values.
struct Int256 {
  UInt128 hi = 0, lo = 0;
  bool operator==(const Int256& o) const { return hi == o.hi && lo == o.lo; }
};

inline Int256 MulWide(Int128 a, Int128 b) {
  const bool negative = (a < 0) != (b < 0);
  const UInt128 ua = a < 0 ? -static_cast<UInt128>(a) : static_cast<UInt128>(a);
  const UInt128 ub = b < 0 ? -static_cast<UInt128>(b) : static_cast<UInt128>(b);
  const uint64_t a0 = static_cast<uint64_t>(ua), a1 = static_cast<uint64_t>(ua >> 64);
  const uint64_t b0 = static_cast<uint64_t>(ub), b1 = static_cast<uint64_t>(ub >> 64);
  const UInt128 p00 = static_cast<UInt128>(a0) * b0, p01 = static_cast<UInt128>(a0) * b1;
  const UInt128 p10 = static_cast<UInt128>(a1) * b0, p11 = static_cast<UInt128>(a1) * b1;
  const UInt128 mid = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  Int256 r;
  r.lo = (mid << 64) | static_cast<uint64_t>(p00);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  if (negative) {
    r.lo = ~r.lo + 1;
    r.hi = ~r.hi + (r.lo == 0 ? 1 : 0);
  }
  return r;
}

inline Int256 Sub(const Int256& a, const Int256& b) {
  Int256 r;
  r.lo = a.lo - b.lo;
  r.hi = a.hi - b.hi - (a.lo < b.lo ? 1 : 0);
  return r;
}

inline int Compare(const Int256& a, const Int256& b) {
  const Int128 ah = static_cast<Int128>(a.hi), bh = static_cast<Int128>(b.hi);
  if (ah != bh) return ah < bh ? -1 : 1;
  return a.lo == b.lo ? 0 : (a.lo < b.lo ? -1 : 1);
}

template <>
struct Arith<Int128> {
  static constexpr Int128 kLimit = static_cast<Int128>(1) << 126;
  // Exact division as for int64_t, modulo 2^128.
  struct Divider {
    explicit Divider(Int128 d) : det(d) {
      UInt128 m = d < 0 ? -static_cast<UInt128>(d) : static_cast<UInt128>(d);
      det_bits = 128 - Clz128(m);
      while ((m & 1) == 0) {
        m >>= 1;
        ++shift;
      }
      inverse = InverseOfOdd<UInt128>(m);
    }
    Int128 det;
    int shift = 0;
    int det_bits = 0;
    UInt128 inverse = 0;
  };
  static void MulSubDiv(Int128& x, Int128 p, Int128 f, Int128 y, const Divider& div) {
    const Int256 product = Sub(MulWide(x, p), MulWide(f, y));
    // |q| = |product| / |det| < 2^126 is guaranteed when bits(|product|) <= 125 + bits(det).
    if (BitLength(product) > 125 + div.det_bits) throw Overflow{};
    UInt128 low = product.lo;
    if (div.shift > 0) low = (product.lo >> div.shift) | (product.hi << (128 - div.shift));
    Int128 q = static_cast<Int128>(low * div.inverse);
    x = div.det < 0 ? -q : q;
  }
  // Number of bits of |v|.
  static int BitLength(const Int256& v) {
    Int256 m = v;
    if (static_cast<Int128>(v.hi) < 0) {
      m.lo = ~v.lo + 1;
      m.hi = ~v.hi + (m.lo == 0 ? 1 : 0);
    }
    if (m.hi != 0) return 256 - Clz128(m.hi);
    return m.lo == 0 ? 0 : 128 - Clz128(m.lo);
  }
  static int CompareProducts(Int128 a, Int128 b, Int128 c, Int128 d) {
    return Compare(MulWide(a, b), MulWide(c, d));
  }
  static int Sign(Int128 a) { return (a > 0) - (a < 0); }
  static double ToDouble(Int128 a) {
    return static_cast<double>(static_cast<int64_t>(a >> 64)) * 18446744073709551616.0 +
           static_cast<double>(static_cast<uint64_t>(a));
  }
  static Int128 Neg(Int128 a) { return -a; }
  static mpz_class ToMpz(Int128 a) {
    const bool negative = a < 0;
    const UInt128 u = negative ? -static_cast<UInt128>(a) : static_cast<UInt128>(a);
    mpz_class hi = static_cast<unsigned long>(u >> 64);
    mpz_class r = (hi << 64) + mpz_class(static_cast<unsigned long>(u));
    return negative ? mpz_class(-r) : r;
  }
};

template <>
struct Arith<mpz_class> {
  struct Divider {
    explicit Divider(const mpz_class& d) : det(d) {}
    const mpz_class& det;
  };
  static void MulSubDiv(mpz_class& x, const mpz_class& p, const mpz_class& f,
                        const mpz_class& y, const Divider& div) {
    // In place with one scratch number: no allocation once the scratch has grown.
    thread_local mpz_class scratch;
    mpz_mul(scratch.get_mpz_t(), x.get_mpz_t(), p.get_mpz_t());
    mpz_submul(scratch.get_mpz_t(), f.get_mpz_t(), y.get_mpz_t());
    mpz_divexact(x.get_mpz_t(), scratch.get_mpz_t(), div.det.get_mpz_t());
  }
  static int CompareProducts(const mpz_class& a, const mpz_class& b, const mpz_class& c,
                             const mpz_class& d) {
    thread_local mpz_class l, r;
    mpz_mul(l.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
    mpz_mul(r.get_mpz_t(), c.get_mpz_t(), d.get_mpz_t());
    return cmp(l, r);
  }
  static int Sign(const mpz_class& a) { return sgn(a); }
  static double ToDouble(const mpz_class& a) { return a.get_d(); }
  static mpz_class Neg(const mpz_class& a) { return -a; }
  static mpz_class ToMpz(const mpz_class& a) { return a; }
};

// Conversion to a wider integer kind (exact).
template <typename T, typename U>
T Widen(const U& u) {
  if constexpr (std::is_same_v<T, U>) {
    return u;
  } else if constexpr (std::is_same_v<T, mpz_class>) {
    return Arith<U>::ToMpz(u);
  } else {
    return static_cast<T>(u);
  }
}

template <typename T, typename U>
std::vector<T> Widen(const std::vector<U>& in) {
  std::vector<T> out;
  out.reserve(in.size());
  for (const U& u : in) out.push_back(Widen<T>(u));
  return out;
}

// Integer tableau of  M z + s = 1  with k rows and n_vars = d + k variables: structural
// z_0..z_{d-1} are variables 0..d-1, slacks s_0..s_{k-1} are variables d..d+k-1. Kept in
// dictionary form (as lrs does): only the rhs and the d nonbasic columns are stored, each
// nonbasic variable in a slot; entry (i, v) is det * (B^-1 A)_{i,v}, and a basic
// variable's column is implicit (det * unit vector). Rows are k x (d + 1) contiguous words,
// so a pivot is a dense update and saving the state is a small copy.
template <typename T>
class IntegerTableau {
 public:
  using A = Arith<T>;

  // `matrix` is k x d, row-major, entries >= 1.
  IntegerTableau(int k, int d, const std::vector<T>& matrix)
      : k_(k), d_(d), width_(d + 1), t_(static_cast<size_t>(k) * width_, T(0)), basis_(k),
        row_of_(d + k, -1), slot_of_(d + k, -1), det_(1) {
    for (int i = 0; i < k; ++i) {
      t_[static_cast<size_t>(i) * width_] = T(1);
      for (int j = 0; j < d; ++j) {
        t_[static_cast<size_t>(i) * width_ + 1 + j] = matrix[static_cast<size_t>(i) * d + j];
      }
      basis_[i] = d + i;
      row_of_[d + i] = i;
    }
    for (int j = 0; j < d; ++j) slot_of_[j] = j;
  }

  // The same tableau in a wider integer kind.
  template <typename U>
  explicit IntegerTableau(const IntegerTableau<U>& o)
      : k_(o.k_), d_(o.d_), width_(o.width_), t_(Widen<T>(o.t_)), basis_(o.basis_),
        row_of_(o.row_of_), slot_of_(o.slot_of_), det_(Widen<T>(o.det_)) {}

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
  // Ratios are first compared in floating point (relative error below 1e-15); only rows
  // within 1e-9 of the smallest ratio are compared exactly.
  int LexMinRatioRow(int entering) const {
    double best_ratio = 0;
    int best = -1;
    for (int i = 0; i < k_; ++i) {
      const T& e = cell_ref(i, entering);
      if (A::Sign(e) <= 0) continue;
      ratio_[i] = A::ToDouble(rhs(i)) / A::ToDouble(e);
      if (best < 0 || ratio_[i] < best_ratio) {
        best_ratio = ratio_[i];
        best = i;
      }
    }
    if (best < 0) return -1;
    const double cutoff = best_ratio * (1 + 1e-9);
    int winner = best;
    for (int i = 0; i < k_; ++i) {
      if (i == best || A::Sign(cell_ref(i, entering)) <= 0 || ratio_[i] > cutoff) continue;
      if (LexLess(i, winner, entering)) winner = i;
    }
    return winner;
  }

  // Saves and restores the whole state (cheaper than undoing a pivot).
  struct State {
    std::vector<T> t;
    std::vector<int> basis, row_of, slot_of;
    T det;
  };
  template <typename U>
  static State WidenState(const typename IntegerTableau<U>::State& s) {
    return State{Widen<T>(s.t), s.basis, s.row_of, s.slot_of, Widen<T>(s.det)};
  }
  void Save(State* s) const {
    s->t = t_;
    s->basis = basis_;
    s->row_of = row_of_;
    s->slot_of = slot_of_;
    s->det = det_;
  }
  void Restore(const State& s) {
    t_ = s.t;
    basis_ = s.basis;
    row_of_ = s.row_of;
    slot_of_ = s.slot_of;
    det_ = s.det;
  }

  // Pivots `entering` into the basis at `row` (the entry there must be positive). The
  // leaving variable takes over the entering one's slot.
  void Pivot(int row, int entering) {
    const int leaving = basis_[row];
    const int slot = 1 + slot_of_[entering];
    T* pivot_row = &t_[static_cast<size_t>(row) * width_];
    const T p = pivot_row[slot];
    const typename A::Divider divider(det_);
    for (int i = 0; i < k_; ++i) {
      if (i == row) continue;
      T* r = &t_[static_cast<size_t>(i) * width_];
      const T factor = r[slot];
      // r' = (r * p - factor * pivot_row) / det over the rhs and the other slots.
      for (int c = 0; c < width_; ++c) {
        if (c != slot) A::MulSubDiv(r[c], p, factor, pivot_row[c], divider);
      }
      // The leaving column, implicit until now (det * e_row), becomes -factor.
      r[slot] = A::Neg(factor);
    }
    pivot_row[slot] = det_;
    det_ = p;
    basis_[row] = entering;
    row_of_[entering] = row;
    row_of_[leaving] = -1;
    slot_of_[leaving] = slot - 1;
    slot_of_[entering] = -1;
  }

  // Entry (row, var) of the scaled tableau, basic columns included.
  T cell(int row, int var) const { return cell_ref(row, var); }
  const T& entry(int row, int var) const { return cell_ref(row, var); }

 private:
  template <typename U>
  friend class IntegerTableau;

  const T& cell_ref(int row, int var) const {
    if (row_of_[var] >= 0) return row_of_[var] == row ? det_ : zero_;
    return t_[static_cast<size_t>(row) * width_ + 1 + slot_of_[var]];
  }

  // Row a lexicographically smaller than row b in (rhs, B^-1) / column entry.
  bool LexLess(int a, int b, int entering) const {
    const T& ea = cell_ref(a, entering);
    const T& eb = cell_ref(b, entering);
    int c = A::CompareProducts(rhs(a), eb, rhs(b), ea);
    if (c != 0) return c < 0;
    for (int s = 0; s < k_; ++s) {
      c = A::CompareProducts(cell_ref(a, d_ + s), eb, cell_ref(b, d_ + s), ea);
      if (c != 0) return c < 0;
    }
    return false;  // equal rows: impossible, B^-1 is nonsingular
  }

  int k_, d_, width_;
  std::vector<T> t_;  // k rows of (rhs, slot 0, ..., slot d-1)
  std::vector<int> basis_;
  std::vector<int> row_of_;   // row of a basic variable, -1 if nonbasic
  std::vector<int> slot_of_;  // slot of a nonbasic variable, -1 if basic
  T det_;
  T zero_ = T(0);
  mutable std::vector<double> ratio_ = std::vector<double>(k_);
};

// Floating-point tableau for the same system, normalised (B^-1 A itself). Stored by
// columns, and like the integer tableau only nonbasic columns are kept (a basic column is a
// unit vector), so a pivot is one contiguous axpy per nonbasic column with a nonzero entry
// in the pivot row. The lexicographic rule reads B^-1 from the slack columns. Entries with
// magnitude below `eps` count as zero.
class DoubleTableau {
 public:
  DoubleTableau(int k, int d, const std::vector<double>& matrix, double eps = 1e-12)
      : k_(k), d_(d), eps_(eps), t_(static_cast<size_t>(k) * (d + k + 1), 0.0), basis_(k),
        row_of_(d + k, -1), factor_(k) {
    for (int i = 0; i < k; ++i) {
      column(-1)[i] = 1.0;
      for (int j = 0; j < d; ++j) column(j)[i] = matrix[static_cast<size_t>(i) * d + j];
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
  double rhs(int row) const { return t_[row]; }
  double cell(int row, int var) const {
    if (row_of_[var] >= 0) return row_of_[var] == row ? 1.0 : 0.0;
    return t_[static_cast<size_t>(var + 1) * k_ + row];
  }

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
    const double* e = column(entering);
    const double p = e[row];
    for (int i = 0; i < k_; ++i) factor_[i] = e[i];
    factor_[row] = 0.0;
    // Every other nonbasic column v (and the rhs): v -= factor * v[row] / p; v[row] /= p.
    for (int v = -1; v < d_ + k_; ++v) {
      if (v == entering || (v >= 0 && row_of_[v] >= 0)) continue;
      double* c = column(v);
      const double a = c[row] / p;
      if (a == 0.0) continue;
      for (int i = 0; i < k_; ++i) c[i] -= factor_[i] * a;
      c[row] = a;
    }
    // The leaving column, a unit vector until now, becomes -factor / p with 1 / p at `row`.
    double* l = column(leaving);
    for (int i = 0; i < k_; ++i) l[i] = -factor_[i] / p;
    l[row] = 1.0 / p;
    basis_[row] = entering;
    row_of_[entering] = row;
    row_of_[leaving] = -1;
  }

 private:
  double* column(int var) { return &t_[static_cast<size_t>(var + 1) * k_]; }
  const double* column(int var) const { return &t_[static_cast<size_t>(var + 1) * k_]; }

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

  int k_, d_;
  double eps_;
  std::vector<double> t_;  // column-major: column 0 is the rhs, column v + 1 is variable v
  std::vector<int> basis_;
  std::vector<int> row_of_;
  std::vector<double> factor_;
};

}  // namespace sim::solve::detail
