// SPDX-License-Identifier: MIT
// Private: reverse search (Avis & Fukuda 1992, "A pivoting algorithm for convex hulls and
// vertex enumeration", Discrete Comput. Geom. 8; the method of lrs) over the lexicographic
// bases of {z >= 0 : M z <= 1}, in memory O(k d): one tableau and one backup, whatever the
// number of bases. Each basis is visited exactly once.
//
// The tree it walks: minimise sum(z) by the simplex method with the lowest-index entering
// rule and the lexicographic ratio test. The origin (all slacks basic) is the unique optimum
// of the lexicographically perturbed problem (every other lex-feasible basis has a basic z
// with a lex-positive value), and every pivot decreases the perturbed objective, so from
// every basis the rule leads to the origin: the parent of a basis is where its pivot goes.
// The search descends from a basis B along every pivot whose target has B as parent, and
// climbs back by the parent pivot itself (lexicographic pivots are reversible), recovering
// where to go on from the variable that leaves. Whether B' = B - l + v has parent B is read
// off B's tableau without pivoting: reduced cost c'_l < 0 and c'_u >= 0 for every nonbasic
// u < l of B'.
//
// Arithmetic is the exact integer pivoting of tableau.h (det > 0 throughout: every pivot
// element is positive). Reduced costs are kept scaled by det, like the tableau. On overflow
// of a machine-word kind, Run() restores the tableau and returns false; a search of the next
// wider kind built from this one (the converting constructor) goes on from that very step.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/error.h"
#include "sim/solve/tableau.h"

namespace sim::solve::detail {

// Sums of tableau entries, checked against T's range: for the machine kinds, accumulated in
// a wider word and refused (Overflow) past the tableau's own entry limit.
template <typename T>
struct CheckedSum;

template <>
struct CheckedSum<int64_t> {
  Int128 sum = 0;
  void Add(int64_t v) { sum += v; }  // at most 129 terms below 2^62: no wrap in 128 bits
  void Sub(int64_t v) { sum -= v; }
  int64_t Get() const {
    if (sum >= Arith<int64_t>::kLimit || sum <= -Arith<int64_t>::kLimit) throw Overflow{};
    return static_cast<int64_t>(sum);
  }
};

template <>
struct CheckedSum<Int128> {
  Int128 sum = 0;
  void Add(Int128 v) {
    if (__builtin_add_overflow(sum, v, &sum)) throw Overflow{};
  }
  void Sub(Int128 v) {
    if (__builtin_sub_overflow(sum, v, &sum)) throw Overflow{};
  }
  Int128 Get() const {
    if (sum >= Arith<Int128>::kLimit || sum <= -Arith<Int128>::kLimit) throw Overflow{};
    return sum;
  }
};

template <>
struct CheckedSum<mpz_class> {
  mpz_class sum = 0;
  void Add(const mpz_class& v) { sum += v; }
  void Sub(const mpz_class& v) { sum -= v; }
  const mpz_class& Get() const { return sum; }
};

template <typename T>
class ReverseSearch {
 public:
  // The origin basis of  M z + s = 1  (M k x d, row-major, entries >= 1).
  ReverseSearch(int k, int d, const std::vector<T>& matrix)
      : tab_(k, d, matrix), backup_(tab_), d_(d), n_vars_(d + k), reduced_(d + k) {}

  // The same search, in a wider kind, at the step where `o` overflowed.
  template <typename U>
  explicit ReverseSearch(const ReverseSearch<U>& o)
      : tab_(o.tab_), backup_(tab_), d_(o.d_), n_vars_(o.n_vars_), reduced_(o.n_vars_),
        depth_(o.depth_), next_(o.next_), visited_(o.visited_), bases_(o.bases_) {}

  // Calls visit(tableau) once per basis until it returns false (stopped() is then true) or
  // every basis was visited (true either way), or a pivot overflowed T (false: see above).
  template <typename Visit>
  bool Run(Visit&& visit) {
    try {
      for (;;) {
        if (!visited_) {
          visited_ = true;
          ++bases_;
          if (!visit(static_cast<const IntegerTableau<T>&>(tab_))) {
            stopped_ = true;
            return true;
          }
        }
        ComputeReducedCosts();
        if (Descend()) continue;
        if (depth_ == 0) return true;
        Ascend();
      }
    } catch (const Overflow&) {
      if (pivoting_) tab_ = backup_;
      pivoting_ = false;
      return false;
    }
  }

  int64_t bases() const { return bases_; }
  bool stopped() const { return stopped_; }

 private:
  template <typename U>
  friend class ReverseSearch;
  using A = Arith<T>;

  // reduced_[u] = det * (c_u - c_B B^-1 A_u) for nonbasic u, c = 1 on z, 0 on slacks.
  void ComputeReducedCosts() {
    structural_rows_.clear();
    for (int i = 0; i < tab_.rows(); ++i) {
      if (tab_.basic(i) < d_) structural_rows_.push_back(i);
    }
    for (int u = 0; u < n_vars_; ++u) {
      if (tab_.is_basic(u)) continue;
      CheckedSum<T> sum;
      if (u < d_) sum.Add(tab_.det());
      for (int i : structural_rows_) sum.Sub(tab_.entry(i, u));
      reduced_[u] = sum.Get();
    }
  }

  // Pivots to the next child of the current basis (from variable next_ on); false if none.
  bool Descend() {
    for (; next_ < n_vars_; ++next_) {
      const int v = next_;
      if (tab_.is_basic(v) || A::Sign(reduced_[v]) <= 0) continue;
      const int row = tab_.LexMinRatioRow(v);
      if (row < 0) continue;
      const int leaving = tab_.basic(row);
      const T& pivot = tab_.entry(row, v);
      bool child = true;
      for (int u = 0; u < leaving && child; ++u) {
        if (u == v || tab_.is_basic(u)) continue;
        child = A::CompareProducts(reduced_[u], pivot, reduced_[v], tab_.entry(row, u)) >= 0;
      }
      if (!child) continue;
      PivotSafely(row, v);
      ++depth_;
      next_ = 0;
      visited_ = false;
      return true;
    }
    return false;
  }

  // Back to the parent, which resumes after the variable that entered to get here.
  void Ascend() {
    int entering = 0;
    while (entering < n_vars_ &&
           (tab_.is_basic(entering) || A::Sign(reduced_[entering]) >= 0)) {
      ++entering;
    }
    SIM_CHECK(entering < n_vars_, "reverse search: a basis other than the origin is optimal");
    const int row = tab_.LexMinRatioRow(entering);
    SIM_CHECK(row >= 0, "reverse search: the parent pivot has no ratio");
    const int came_by = tab_.basic(row);
    PivotSafely(row, entering);
    --depth_;
    next_ = came_by + 1;
  }

  void PivotSafely(int row, int entering) {
    if constexpr (!std::is_same_v<T, mpz_class>) backup_ = tab_;  // GMP cannot overflow
    pivoting_ = true;
    tab_.Pivot(row, entering);
    pivoting_ = false;
  }

  IntegerTableau<T> tab_, backup_;
  int d_, n_vars_;
  std::vector<T> reduced_;
  std::vector<int> structural_rows_;
  int64_t depth_ = 0;
  int next_ = 0;
  bool visited_ = false;
  bool pivoting_ = false;
  bool stopped_ = false;
  int64_t bases_ = 0;
};

}  // namespace sim::solve::detail
