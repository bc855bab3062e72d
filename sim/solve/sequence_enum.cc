// SPDX-License-Identifier: MIT
#include "sim/solve/sequence_enum.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "sim/core/error.h"

namespace sim::solve {
namespace {

using Bits = std::vector<uint64_t>;

void SetBit(Bits& bits, int i) { bits[i / 64] |= uint64_t{1} << (i % 64); }

// One player's best-response polyhedron in equality form (see the header). Columns: the
// player's own sequences (>= 0), the other player's values (free), the slacks of the
// other's sequences (>= 0); the last column is the right-hand side.
struct Polyhedron {
  int n_own = 0, k_other = 0, n_other = 0;
  int own_label = 0, other_label = 0;  // label of own / other sequence 0
  std::vector<std::vector<Rational>> t;  // the tableau, rows x (cols + 1)
  std::vector<int> basis;                // per row: its basic variable
  std::vector<int> row_of;               // per variable: its row, or -1 when nonbasic
  std::vector<int> lex;                  // the start basis (the perturbation's columns)

  int cols() const { return n_own + k_other + n_other; }
  bool is_free(int var) const { return var >= n_own && var < n_own + k_other; }

  void Pivot(int r, int c) {
    std::vector<Rational>& pr = t[r];
    const Rational inv = 1 / pr[c];
    for (Rational& v : pr) {
      if (sgn(v) != 0) v *= inv;
    }
    for (size_t i = 0; i < t.size(); ++i) {
      if (static_cast<int>(i) == r || sgn(t[i][c]) == 0) continue;
      const Rational f = t[i][c];
      for (size_t k = 0; k < pr.size(); ++k) {
        if (sgn(pr[k]) != 0) t[i][k] -= f * pr[k];
      }
    }
    if (basis[r] >= 0) row_of[basis[r]] = -1;
    basis[r] = c;
    row_of[c] = r;
  }

  // The row leaving when `col` enters: lexicographic minimum ratio over the rows of
  // constrained basic variables with a positive entry; -1 when the edge is unbounded.
  int LexMinRatio(int col) const {
    const int rhs = cols();
    int best = -1;
    for (size_t r = 0; r < t.size(); ++r) {
      if (is_free(basis[r]) || sgn(t[r][col]) <= 0) continue;
      if (best < 0) {
        best = static_cast<int>(r);
        continue;
      }
      // Compare row r with best on (rhs, lex columns...) divided by their col entries.
      const Rational& dr = t[r][col];
      const Rational& db = t[best][col];
      int order = 0;
      for (int k = -1; k < static_cast<int>(lex.size()) && order == 0; ++k) {
        const int c = k < 0 ? rhs : lex[k];
        const Rational lhs = t[r][c] * db, rhs_value = t[best][c] * dr;
        order = cmp(lhs, rhs_value);
      }
      if (order < 0) best = static_cast<int>(r);
    }
    return best;
  }

  // The vertex of the current basis: own sequences' values and the label set.
  std::pair<Bits, std::vector<Rational>> Vertex(int labels) const {
    Bits bits((labels + 63) / 64, 0);
    std::vector<Rational> plan(n_own, Rational(0));
    auto value = [&](int var) { return row_of[var] < 0 ? Rational(0) : t[row_of[var]][cols()]; };
    for (int i = 0; i < n_own; ++i) {
      plan[i] = value(i);
      if (sgn(plan[i]) == 0) SetBit(bits, own_label + i);
    }
    for (int j = 0; j < n_other; ++j) {
      if (sgn(value(n_own + k_other + j)) == 0) SetBit(bits, other_label + j);
    }
    return {std::move(bits), std::move(plan)};
  }
};

// The polyhedron of player `me` in its start basis (header): own plan = first action
// everywhere, the other's values its best response to it.
Polyhedron Build(const SequenceForm& form, int me) {
  const SequenceForm::Side& own = form.side[me];
  const SequenceForm::Side& other = form.side[1 - me];
  Polyhedron poly;
  poly.n_own = own.num_sequences();
  poly.k_other = other.num_infosets() + 1;
  poly.n_other = other.num_sequences();
  poly.own_label = me == 0 ? 0 : form.side[0].num_sequences();
  poly.other_label = me == 0 ? form.side[0].num_sequences() : 0;
  const int k_own = own.num_infosets() + 1;
  const int rows = k_own + poly.n_other, cols = poly.cols();
  std::vector<std::vector<Rational>> a(rows, std::vector<Rational>(cols + 1, Rational(0)));
  // E x = e.
  a[0][0] = 1;
  a[0][cols] = 1;
  for (int h = 0; h < own.num_infosets(); ++h) {
    a[h + 1][own.parent[h]] -= 1;
    for (int s = 0; s < own.num_actions(h); ++s) a[h + 1][own.first[h] + s] = 1;
  }
  // F'v - (payoff of the other)'x - s = 0, one row per sequence j of the other.
  const int v0 = poly.n_own, s0 = poly.n_own + poly.k_other;
  for (int j = 0; j < poly.n_other; ++j) {
    std::vector<Rational>& row = a[k_own + j];
    row[v0 + (j == 0 ? 0 : other.seq_set[j] + 1)] += 1;
    row[s0 + j] = -1;
  }
  for (int h = 0; h < other.num_infosets(); ++h) a[k_own + other.parent[h]][v0 + h + 1] -= 1;
  // The start plan, and the other's payoff per own plan (w_j = sum_i pay(i, j) x_i).
  std::vector<Rational> x(poly.n_own, Rational(0));
  x[0] = 1;
  for (int h = 0; h < own.num_infosets(); ++h) x[own.first[h]] = x[own.parent[h]];
  std::vector<Rational> w(poly.n_other, Rational(0));
  for (const SequenceForm::Entry& e : form.entries) {
    const int i = me == 0 ? e.s1 : e.s2, j = me == 0 ? e.s2 : e.s1;
    const Rational& pay = me == 0 ? e.u2 : e.u1;
    a[k_own + j][i] -= pay;
    w[j] += pay * x[i];
  }
  // The other's best response to x, bottom-up (a set's actions lead only to later sets).
  std::vector<std::vector<int>> children(poly.n_other);
  for (int h = 0; h < other.num_infosets(); ++h) children[other.parent[h]].push_back(h);
  std::vector<Rational> value(other.num_infosets());
  std::vector<bool> tight(poly.n_other, false);
  tight[0] = true;
  auto sequence_value = [&](int j) {
    Rational v = w[j];
    for (int h : children[j]) v += value[h];
    return v;
  };
  for (int h = other.num_infosets() - 1; h >= 0; --h) {
    int best = 0;
    Rational top = sequence_value(other.first[h]);
    for (int s = 1; s < other.num_actions(h); ++s) {
      Rational v = sequence_value(other.first[h] + s);
      if (v > top) top = v, best = s;
    }
    value[h] = top;
    tight[other.first[h] + best] = true;
  }
  std::vector<int> start = {0};
  for (int h = 0; h < own.num_infosets(); ++h) start.push_back(own.first[h]);
  for (int r = 0; r < poly.k_other; ++r) start.push_back(v0 + r);
  for (int j = 0; j < poly.n_other; ++j) {
    if (!tight[j]) start.push_back(s0 + j);
  }
  SIM_CHECK(static_cast<int>(start.size()) == rows, "sequence-form start basis has the wrong size");
  poly.t = std::move(a);
  poly.basis.assign(rows, -1);
  poly.row_of.assign(cols, -1);
  for (int var : start) {
    int r = 0;
    while (r < rows && (poly.basis[r] >= 0 || sgn(poly.t[r][var]) == 0)) ++r;
    SIM_CHECK(r < rows, "sequence-form start basis is singular");
    poly.Pivot(r, var);
  }
  for (int r = 0; r < rows; ++r) {
    SIM_CHECK(poly.is_free(poly.basis[r]) || sgn(poly.t[r][cols]) >= 0,
              "sequence-form start basis is infeasible");
  }
  poly.lex = start;
  return poly;
}

struct Vertices {
  std::vector<Bits> labels;
  std::vector<std::vector<Rational>> plans;
  int64_t bases = 0;
  std::string stopped_by;
};

// Depth-first search over the lexicographically feasible bases, pivoting back on return
// (exact arithmetic makes that an exact undo), so one tableau serves the whole search.
Vertices Enumerate(Polyhedron& poly, int labels, const SequenceEnumLimits& limits,
                   std::chrono::steady_clock::time_point start) {
  Vertices out;
  std::set<Bits> seen_vertex;
  std::set<std::vector<int>> seen_basis;
  auto key = [&] {
    std::vector<int> k = poly.basis;
    std::sort(k.begin(), k.end());
    return k;
  };
  auto record = [&] {
    ++out.bases;
    auto [bits, plan] = poly.Vertex(labels);
    if (seen_vertex.insert(bits).second) {
      out.labels.push_back(std::move(bits));
      out.plans.push_back(std::move(plan));
    }
  };
  struct Frame {
    int next = 0;
    int row = -1, left = -1;  // how the search came here (undo: pivot row back to left)
  };
  seen_basis.insert(key());
  record();
  std::vector<Frame> stack = {{}};
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == poly.cols()) {
      const Frame done = top;
      stack.pop_back();
      if (done.row >= 0) poly.Pivot(done.row, done.left);
      continue;
    }
    const int col = top.next++;
    if (poly.row_of[col] >= 0 || poly.is_free(col)) continue;
    const int r = poly.LexMinRatio(col);
    if (r < 0) continue;
    const int left = poly.basis[r];
    poly.Pivot(r, col);
    if (!seen_basis.insert(key()).second) {
      poly.Pivot(r, left);
      continue;
    }
    record();
    if (out.bases >= limits.max_bases) {
      out.stopped_by = "max_bases";
      return out;
    }
    if (limits.max_seconds > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >
            limits.max_seconds) {
      out.stopped_by = "max_seconds";
      return out;
    }
    stack.push_back({0, r, left});
  }
  return out;
}

}  // namespace

SequenceEnumeration EnumerateSequenceForm(const SequenceForm& form,
                                          const SequenceEnumLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  const int labels = form.side[0].num_sequences() + form.side[1].num_sequences();
  SequenceEnumeration result;
  Vertices found[2];
  for (int me = 0; me < 2; ++me) {
    Polyhedron poly = Build(form, me);
    found[me] = Enumerate(poly, labels, limits, start);
    result.bases[me] = found[me].bases;
    result.vertices[me] = static_cast<int64_t>(found[me].labels.size());
    if (!found[me].stopped_by.empty()) {
      result.complete = false;
      result.stopped_by = found[me].stopped_by;
      break;  // the pairs of what was found are still equilibria
    }
  }
  // Each vertex's plan, numbered by distinct plan.
  std::vector<int> plan_id[2];
  for (int me = 0; me < 2; ++me) {
    std::map<std::vector<Rational>, int> ids;
    for (const std::vector<Rational>& plan : found[me].plans) {
      plan_id[me].push_back(ids.try_emplace(plan, static_cast<int>(ids.size())).first->second);
    }
  }
  std::set<std::pair<int, int>> pairs;
  const size_t words = (labels + 63) / 64;
  Bits all(words, ~uint64_t{0});
  if (labels % 64 != 0) all.back() = (uint64_t{1} << (labels % 64)) - 1;
  for (size_t p = 0; p < found[0].labels.size(); ++p) {
    for (size_t q = 0; q < found[1].labels.size(); ++q) {
      bool complete = true;
      for (size_t k = 0; k < words && complete; ++k) {
        complete = (found[0].labels[p][k] | found[1].labels[q][k]) == all[k];
      }
      if (!complete) continue;
      // Vertices of P with one plan x may differ in v (the other's values at sets its own
      // earlier moves tie down): one equilibrium per pair of plans.
      if (!pairs.insert({plan_id[0][p], plan_id[1][q]}).second) continue;
      result.equilibria.push_back({found[0].plans[p], found[1].plans[q]});
      if (limits.max_equilibria > 0 &&
          static_cast<int64_t>(result.equilibria.size()) >= limits.max_equilibria) {
        if (result.complete) result.complete = false, result.stopped_by = "max_equilibria";
        return result;
      }
    }
  }
  return result;
}

}  // namespace sim::solve
