// SPDX-License-Identifier: MIT
#include "sim/solve/bimatrix_enum.h"

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
#include "sim/solve/enum_search.h"
#include "sim/solve/exact_check.h"
#include "sim/solve/lemke_howson.h"
#include "sim/solve/snapshot_stack.h"
#include "sim/solve/tableau.h"

namespace sim::solve {
namespace {

using detail::Arith;
using detail::Budget;
using detail::Int128;
using detail::IntegerTableau;
using detail::Overflow;
using detail::RawResult;
using detail::ReverseSearchEquilibria;
using detail::SnapshotStack;
using detail::Widen;

// A set of up to 128 labels or variables.
struct Bits {
  uint64_t w[2] = {0, 0};
  void Set(int i) { w[i >> 6] |= uint64_t{1} << (i & 63); }
  void Flip(int i) { w[i >> 6] ^= uint64_t{1} << (i & 63); }
  int Count() const { return std::popcount(w[0]) + std::popcount(w[1]); }
  bool operator==(const Bits& o) const { return w[0] == o.w[0] && w[1] == o.w[1]; }
  Bits operator&(const Bits& o) const { return {{w[0] & o.w[0], w[1] & o.w[1]}}; }
  Bits operator~() const { return {{~w[0], ~w[1]}}; }
  bool Empty() const { return (w[0] | w[1]) == 0; }
};
struct BitsHash {
  size_t operator()(const Bits& b) const {
    uint64_t h = (b.w[0] ^ (b.w[1] * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(h ^ (h >> 31));
  }
};

// Open-addressing set of nonempty Bits (linear probing, load <= 1/2): the visited bases.
// std::unordered_set spent a fifth of the enumeration time allocating nodes.
// With a value per key (BitsMap) it maps vertex label sets to vertex numbers.
template <typename Value>
class BitsMap {
 public:
  BitsMap() : slots_(1024) {}
  // Inserts (b, value) unless b is present; returns the value stored for b and whether it
  // was inserted now.
  std::pair<Value, bool> Insert(const Bits& b, Value value) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    auto [slot, fresh] = Place(slots_, b, value);
    size_ += fresh;
    return {slot->second, fresh};
  }
  size_t size() const { return size_; }
  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  using Slot = std::pair<Bits, Value>;
  static std::pair<Slot*, bool> Place(std::vector<Slot>& slots, const Bits& b, Value value) {
    const size_t mask = slots.size() - 1;
    for (size_t i = BitsHash()(b) & mask;; i = (i + 1) & mask) {
      if (slots[i].first.Empty()) {
        slots[i] = {b, value};
        return {&slots[i], true};
      }
      if (slots[i].first == b) return {&slots[i], false};
    }
  }
  void Grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    for (const Slot& s : slots_) {
      if (!s.first.Empty()) Place(bigger, s.first, s.second);
    }
    slots_.swap(bigger);
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

class BitsSet {
 public:
  // True if `b` was not in the set (and is now).
  bool Insert(const Bits& b) { return map_.Insert(b, {}).second; }
  size_t size() const { return map_.size(); }
  size_t bytes() const { return map_.bytes(); }

 private:
  struct Nothing {};
  BitsMap<Nothing> map_;
};


// Depth-first search over the lexicographic bases of {z >= 0 : M z <= 1} (M k x d),
// collecting the distinct vertices with their labels. Before each descent the parent's
// tableau is saved; on the way back it is restored (a copy of k (d + k + 1) numbers is
// cheaper than undoing the pivot). label_of_var maps the d structural and k slack variables
// to game labels.
//
// Overflow: the machine-integer kinds throw Overflow only inside a pivot, after the parent
// was saved. Run() then restores the parent, keeps the pivot pending and returns false; a
// search of the next wider kind built from this one (the converting constructor) resumes
// exactly there. No work is repeated.
// A node of the depth-first search, and a pivot decided but not yet done.
struct SearchFrame {
  int next;     // next variable to try as entering
  int entered;  // the pivot that led here (-1 at the root)
  int left;
};
struct PendingPivot {
  int row = -1;
  int entering = -1;
  Bits next;
};

template <typename T>
class VertexSearch {
 public:
  VertexSearch(int k, int d, const std::vector<T>& matrix, const std::vector<int>& label_of_var,
               Budget* budget)
      : tab_(k, d, matrix), n_vars_(d + k), d_(d), label_of_var_(label_of_var),
        budget_(budget) {
    for (int i = 0; i < k; ++i) basis_.Set(tab_.basic(i));
    visited_.Insert(basis_);
    Record();
    stack_.push_back({0, -1, -1});
  }

  template <typename U>
  explicit VertexSearch(VertexSearch<U>&& o)
      : labels(std::move(o.labels)), coords(Widen<T>(o.coords)), complete(o.complete),
        tab_(o.tab_), n_vars_(o.n_vars_), d_(o.d_), label_of_var_(std::move(o.label_of_var_)),
        budget_(o.budget_), basis_(o.basis_), visited_(std::move(o.visited_)),
        vertex_of_(std::move(o.vertex_of_)), stack_(std::move(o.stack_)), saved_(o.saved_),
        pending_(o.pending_) {}

  // Runs to the end (true) or to an overflow (false, see above).
  bool Run() {
    try {
      if (pending_.row >= 0) Descend();
      while (!stack_.empty()) {
        Frame& frame = stack_.back();
        if (frame.next == n_vars_) {
          if (frame.entered >= 0) {
            saved_.Restore(tab_, stack_.size() - 2);
            basis_.Flip(frame.entered);
            basis_.Flip(frame.left);
          }
          stack_.pop_back();
          continue;
        }
        const int entering = frame.next++;
        // The parent is the neighbour along `left`: known, and visited.
        if (tab_.is_basic(entering) || entering == frame.left) continue;
        const int row = tab_.LexMinRatioRow(entering);
        if (row < 0) continue;
        Bits next = basis_;
        next.Flip(entering);
        next.Flip(tab_.basic(row));
        if (!visited_.Insert(next)) continue;
        if (static_cast<int64_t>(visited_.size()) > budget_->limits.max_bases) {
          budget_->Stop("max_bases");
          complete = false;
          break;
        }
        if (budget_->TimeUp()) {
          budget_->Stop("max_seconds");
          complete = false;
          break;
        }
        if ((visited_.size() & 255) == 0 &&
            budget_->memory_used + MemoryBytes() > budget_->limits.search_memory_bytes) {
          budget_->Stop("memory");
          complete = false;
          break;
        }
        pending_ = {row, entering, next};
        Descend();
      }
    } catch (const Overflow&) {
      saved_.Restore(tab_, stack_.size() - 1);
      return false;
    }
    return true;
  }

  int64_t bases() const { return static_cast<int64_t>(visited_.size()); }
  int d() const { return d_; }
  // What the search keeps, estimated from its tables' capacities.
  int64_t MemoryBytes() const {
    size_t coord_bytes = coords.capacity() * sizeof(T);
    if constexpr (std::is_same_v<T, mpz_class>) {
      if (!coords.empty()) coord_bytes += coords.size() * mpz_size(coords[0].get_mpz_t()) * 8;
    }
    return static_cast<int64_t>(visited_.bytes() + vertex_of_.bytes() +
                                labels.capacity() * sizeof(Bits) + coord_bytes +
                                stack_.capacity() * sizeof(Frame) + saved_.bytes());
  }

  std::vector<Bits> labels;  // per distinct vertex; vertex 0 is the origin
  std::vector<T> coords;     // d per vertex: det * z_j (only ratios matter)
  bool complete = true;

 private:
  template <typename U>
  friend class VertexSearch;

  using Frame = SearchFrame;
  using Pending = PendingPivot;

  void Descend() {
    saved_.Save(tab_, stack_.size() - 1);
    const int leaving = tab_.basic(pending_.row);
    tab_.Pivot(pending_.row, pending_.entering);  // may throw Overflow
    basis_ = pending_.next;
    stack_.push_back({0, pending_.entering, leaving});
    pending_.row = -1;
    Record();
  }

  void Record() {
    Bits vertex_labels;
    for (int v = 0; v < n_vars_; ++v) {
      const int row = tab_.row_of(v);
      if (row < 0 || Arith<T>::Sign(tab_.rhs(row)) == 0) vertex_labels.Set(label_of_var_[v]);
    }
    if (vertex_of_.Insert(vertex_labels, static_cast<int>(labels.size())).second) {
      labels.push_back(vertex_labels);
      for (int j = 0; j < d_; ++j) {
        const int row = tab_.row_of(j);
        coords.push_back(row < 0 ? T(0) : tab_.rhs(row));
      }
    }
  }

  IntegerTableau<T> tab_;
  int n_vars_, d_;
  std::vector<int> label_of_var_;
  Budget* budget_;
  Bits basis_;
  BitsSet visited_;  // a basis is never empty: it has k >= 1 variables
  BitsMap<int> vertex_of_;  // label sets are never empty: the origin has m labels
  std::vector<Frame> stack_;
  SnapshotStack<T> saved_;  // level i: the tableau at depth i
  Pending pending_;
};

// Runs a search to the end, widening int64 -> 128-bit -> GMP on overflow. Calls
// done(search) with the finished search and returns its arithmetic's name.
template <typename Done>
const char* Search(const std::vector<mpz_class>& matrix, int k, int d,
                   const std::vector<int>& label_of_var, Budget* budget, Done&& done) {
  // Start with 64-bit words unless Hadamard's bound says even 128 bits may not do.
  const double bits = detail::HadamardBits(matrix, k, d);
  std::vector<int64_t> m64;
  if (bits < 126 && detail::Narrow(matrix, &m64)) {
    VertexSearch<int64_t> s64(k, d, m64, label_of_var, budget);
    if (s64.Run()) return done(s64), "int64";
    VertexSearch<Int128> s128(std::move(s64));
    if (s128.Run()) return done(s128), "int128";
    VertexSearch<mpz_class> sz(std::move(s128));
    sz.Run();
    return done(sz), "gmp";
  }
  std::vector<Int128> m128;
  if (detail::Narrow(matrix, &m128)) {
    VertexSearch<Int128> s128(k, d, m128, label_of_var, budget);
    if (s128.Run()) return done(s128), "int128";
    VertexSearch<mpz_class> sz(std::move(s128));
    sz.Run();
    return done(sz), "gmp";
  }
  VertexSearch<mpz_class> sz(k, d, matrix, label_of_var, budget);
  sz.Run();
  return done(sz), "gmp";
}

// What the pairing step needs of one polytope's vertices, in exact form on demand.
struct Vertices {
  int d = 0;
  std::vector<Bits> labels;
  std::function<std::vector<Rational>(int)> probabilities;  // of vertex v
  int64_t bases = 0;
  bool complete = true;
};

template <typename T>
Vertices Collect(VertexSearch<T>& s) {
  Vertices v;
  v.d = s.d();
  v.labels = std::move(s.labels);
  v.bases = s.bases();
  v.complete = s.complete;
  auto coords = std::make_shared<std::vector<T>>(std::move(s.coords));
  const int d = v.d;
  v.probabilities = [coords, d](int vertex) {
    std::vector<Rational> p(d);
    for (int j = 0; j < d; ++j) {
      p[j] = Rational(Arith<T>::ToMpz((*coords)[static_cast<size_t>(vertex) * d + j]));
    }
    return Normalise(std::move(p));
  };
  return v;
}


RawResult RunWithFallback(const NormalFormGame& game, Budget* budget) {
  const detail::IntegerBimatrix g = detail::ToIntegerBimatrix(game);
  const int m = g.m, n = g.n;
  // P: B'x + s = 1 (n rows, x are labels 0..m-1, slack s_j label m+j).
  // Q: Ay + r = 1 (m rows, y_j label m+j, slack r_i label i).
  std::vector<int> labels_p(m + n), labels_q(m + n);
  for (int v = 0; v < m + n; ++v) labels_p[v] = v;
  for (int j = 0; j < n; ++j) labels_q[j] = m + j;
  for (int i = 0; i < m; ++i) labels_q[n + i] = i;
  Vertices p, q;
  const char* arith_p = Search(detail::Transpose(g.b, m, n), n, m, labels_p, budget,
                               [&](auto& s) {
                                 budget->memory_used = s.MemoryBytes();
                                 p = Collect(s);
                               });
  RawResult raw;
  if (budget->stopped_by == "memory") {  // the reverse search takes over
    raw.complete = false;
    return raw;
  }
  const char* arith_q = Search(g.a, m, n, labels_q, budget, [&](auto& s) { q = Collect(s); });

  raw.arithmetic = std::string(arith_p) == arith_q ? std::string(arith_p)
                                                   : std::string(arith_p) + "+" + arith_q;
  raw.complete = p.complete && q.complete;
  raw.bases[0] = p.bases;
  raw.bases[1] = q.bases;
  raw.vertices[0] = static_cast<int64_t>(p.labels.size());
  raw.vertices[1] = static_cast<int64_t>(q.labels.size());
  for (const Bits& l : p.labels) raw.degenerate |= l.Count() > m;
  for (const Bits& l : q.labels) raw.degenerate |= l.Count() > n;

  // Pairing: x (vertex u of P) and y (vertex v of Q) are an equilibrium when every label
  // missing from x is a label of y. A simple vertex of Q has exactly n labels, so when x
  // misses exactly n labels its simple partner can only be that set itself: a hash lookup.
  // The few non-simple vertices of Q (degenerate games) are checked one by one, as are all
  // of Q for the rare x that misses fewer than n labels (x itself not simple).
  Bits all;
  for (int l = 0; l < m + n; ++l) all.Set(l);
  // Vertex 0 of each set is the origin (the search starts there): never an equilibrium.
  std::unordered_map<Bits, int, BitsHash> simple_q;
  std::vector<int> other_q;
  for (int v = 1; v < static_cast<int>(q.labels.size()); ++v) {
    if (q.labels[v].Count() == n) {
      simple_q.emplace(q.labels[v], v);
    } else {
      other_q.push_back(v);
    }
  }
  std::map<int, int> x_point, y_point;
  std::vector<int> partners;
  for (int u = 1; u < static_cast<int>(p.labels.size()); ++u) {
    const Bits needed = all & ~p.labels[u];
    const int need = needed.Count();
    partners.clear();
    if (need < n) {
      for (int v = 1; v < static_cast<int>(q.labels.size()); ++v) {
        if ((needed & ~q.labels[v]).Empty()) partners.push_back(v);
      }
    } else {
      if (need == n) {
        if (auto it = simple_q.find(needed); it != simple_q.end()) partners.push_back(it->second);
      }
      for (int v : other_q) {
        if ((needed & ~q.labels[v]).Empty()) partners.push_back(v);
      }
    }
    for (int v : partners) {
      auto [xi, x_new] = x_point.emplace(u, static_cast<int>(raw.x_points.size()));
      if (x_new) raw.x_points.push_back(p.probabilities(u));
      auto [yi, y_new] = y_point.emplace(v, static_cast<int>(raw.y_points.size()));
      if (y_new) raw.y_points.push_back(q.probabilities(v));
      raw.pairs.emplace_back(xi->second, yi->second);
    }
  }
  return raw;
}

// Decreasing lexicographic order of probability vectors.
bool Before(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return a[i] > b[i];
  }
  return false;
}

int Find(std::vector<int>& parent, int i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// Maximal bicliques of one component's bipartite graph: the closed sets S of player-1 points
// (S = common neighbours of the player-0 points adjacent to all of S) are the intersections
// of neighbourhoods; each gives the subset (X(S), S). Capped at `limit` subsets.
std::vector<NashSubset> MaximalSubsets(const std::vector<std::set<int>>& neighbours,
                                       const std::vector<int>& xs, int component,
                                       size_t limit) {
  std::set<std::set<int>> closed;
  std::vector<std::set<int>> frontier;
  for (int x : xs) {
    if (closed.insert(neighbours[x]).second) frontier.push_back(neighbours[x]);
  }
  while (!frontier.empty() && closed.size() < limit) {
    std::vector<std::set<int>> next;
    for (const std::set<int>& s : frontier) {
      for (int x : xs) {
        std::set<int> meet;
        std::set_intersection(s.begin(), s.end(), neighbours[x].begin(), neighbours[x].end(),
                              std::inserter(meet, meet.begin()));
        if (!meet.empty() && closed.insert(meet).second) next.push_back(std::move(meet));
      }
    }
    frontier = std::move(next);
  }
  std::vector<NashSubset> subsets;
  for (const std::set<int>& s : closed) {
    NashSubset subset;
    subset.component = component;
    subset.y_points.assign(s.begin(), s.end());
    for (int x : xs) {
      if (std::includes(neighbours[x].begin(), neighbours[x].end(), s.begin(), s.end())) {
        subset.x_points.push_back(x);
      }
    }
    subsets.push_back(std::move(subset));
  }
  return subsets;
}

}  // namespace

BimatrixEnumeration EnumerateExtremeEquilibria(const NormalFormGame& game,
                                               const EnumLimits& limits) {
  SIM_CHECK(game.num_players() == 2, "EnumerateExtremeEquilibria needs a 2-player game");
  const int m = game.num_strategies(0), n = game.num_strategies(1);
  SIM_CHECK(m + n <= 128, "EnumerateExtremeEquilibria supports at most 128 strategies in all");
  Budget budget(limits);
  RawResult raw;
  if (limits.search_memory_bytes > 0) {
    raw = RunWithFallback(game, &budget);
  } else {
    budget.Stop("memory");  // no memory for the depth-first search at all
  }
  const bool reverse = budget.stopped_by == "memory";
  if (reverse) {
    // The depth-first search outgrew its memory: reverse search over the polytope of lower
    // dimension (fewer vertices), else the other one.
    budget.stopped_by.clear();
    const detail::IntegerBimatrix g = detail::ToIntegerBimatrix(game);
    const int first = m <= n ? 0 : 1;
    if (!ReverseSearchEquilibria(g, first, &budget, &raw) &&
        !ReverseSearchEquilibria(g, 1 - first, &budget, &raw)) {
      raw = RawResult{};
      raw.complete = false;
      raw.degenerate = true;
      budget.Stop("degenerate");
    }
  }

  BimatrixEnumeration out;
  out.complete = raw.complete && budget.stopped_by.empty();
  out.stopped_by = budget.stopped_by;
  out.search = reverse ? "reverse search" : "depth-first";
  out.degenerate = raw.degenerate;
  out.arithmetic = raw.arithmetic;
  for (int p = 0; p < 2; ++p) {
    out.bases[p] = raw.bases[p];
    out.vertices[p] = raw.vertices[p];
  }
  // Renumber points in the documented order.
  std::vector<int> x_order(raw.x_points.size()), y_order(raw.y_points.size());
  std::iota(x_order.begin(), x_order.end(), 0);
  std::iota(y_order.begin(), y_order.end(), 0);
  std::sort(x_order.begin(), x_order.end(),
            [&](int a, int b) { return Before(raw.x_points[a], raw.x_points[b]); });
  std::sort(y_order.begin(), y_order.end(),
            [&](int a, int b) { return Before(raw.y_points[a], raw.y_points[b]); });
  std::vector<int> x_rank(x_order.size()), y_rank(y_order.size());
  for (size_t r = 0; r < x_order.size(); ++r) {
    x_rank[x_order[r]] = static_cast<int>(r);
    out.points[0].push_back(raw.x_points[x_order[r]]);
  }
  for (size_t r = 0; r < y_order.size(); ++r) {
    y_rank[y_order[r]] = static_cast<int>(r);
    out.points[1].push_back(raw.y_points[y_order[r]]);
  }
  std::vector<std::pair<int, int>> pairs;
  for (auto [x, y] : raw.pairs) pairs.emplace_back(x_rank[x], y_rank[y]);
  std::sort(pairs.begin(), pairs.end());

  // Components: union-find over points (x points, then y points offset by their count).
  const int nx = static_cast<int>(out.points[0].size());
  std::vector<int> parent(nx + out.points[1].size());
  std::iota(parent.begin(), parent.end(), 0);
  for (auto [x, y] : pairs) parent[Find(parent, x)] = Find(parent, nx + y);
  std::map<int, int> component_of_root;
  for (auto [x, y] : pairs) {
    const int root = Find(parent, x);
    auto [it, fresh] = component_of_root.emplace(root, static_cast<int>(component_of_root.size()));
    ExtremeEquilibrium eq;
    eq.x = x;
    eq.y = y;
    eq.component = it->second;
    out.equilibria.push_back(eq);
  }
  out.num_components = static_cast<int>(component_of_root.size());

  // Exact payoffs: x'Ay and x'By on the supports.
  for (ExtremeEquilibrium& eq : out.equilibria) {
    const std::vector<Rational>& x = out.points[0][eq.x];
    const std::vector<Rational>& y = out.points[1][eq.y];
    eq.payoff0 = 0;
    eq.payoff1 = 0;
    for (int i = 0; i < m; ++i) {
      if (sgn(x[i]) == 0) continue;
      for (int j = 0; j < n; ++j) {
        if (sgn(y[j]) == 0) continue;
        const int64_t profile = i * game.stride(0) + j * game.stride(1);
        const Rational w = x[i] * y[j];
        eq.payoff0 += w * game.exact_payoff(profile, 0);
        eq.payoff1 += w * game.exact_payoff(profile, 1);
      }
    }
  }

  // Maximal Nash subsets, component by component.
  std::vector<std::set<int>> neighbours(nx);
  std::vector<std::vector<int>> xs_of(out.num_components);
  for (const ExtremeEquilibrium& eq : out.equilibria) {
    if (neighbours[eq.x].empty()) xs_of[eq.component].push_back(eq.x);
    neighbours[eq.x].insert(eq.y);
  }
  for (int c = 0; c < out.num_components; ++c) {
    for (NashSubset& s : MaximalSubsets(neighbours, xs_of[c], c, /*limit=*/10000)) {
      out.subsets.push_back(std::move(s));
    }
  }
  return out;
}

SolveResult SolveEnumMixed(const NormalFormGame& game, const SolveOptions& options,
                           const OnEquilibrium& on_equilibrium) {
  SolveResult result;
  result.method = "enum";
  if (game.num_players() != 2) {
    result.status = SolveStatus::kFailed;
    result.message = "enum needs a 2-player game; this one has " +
                     std::to_string(game.num_players()) + " players";
    return result;
  }
  if (game.num_strategies(0) + game.num_strategies(1) > 128) {
    result.status = SolveStatus::kFailed;
    result.message = "enum supports at most 128 strategies in all; use lemke-howson";
    return result;
  }
  EnumLimits limits;
  limits.max_bases = options.max_iterations;
  limits.max_seconds = options.max_seconds;
  limits.max_equilibria = options.max_equilibria;
  const BimatrixEnumeration e = EnumerateExtremeEquilibria(game, limits);
  std::vector<int> size(e.num_components, 0);
  for (const ExtremeEquilibrium& eq : e.equilibria) ++size[eq.component];
  // Which maximal Nash subsets each extreme equilibrium (x, y) lies in: every pair of
  // X x Y of a subset is one of the listed equilibria (ibid.).
  std::map<std::pair<int, int>, std::vector<int>> subsets_of;
  for (size_t k = 0; k < e.subsets.size(); ++k) {
    for (int x : e.subsets[k].x_points) {
      for (int y : e.subsets[k].y_points) subsets_of[{x, y}].push_back(static_cast<int>(k));
    }
  }
  int not_exact = 0;
  for (const ExtremeEquilibrium& eq : e.equilibria) {
    if (options.max_equilibria > 0 &&
        static_cast<int>(result.equilibria.size()) >= options.max_equilibria) {
      result.status = SolveStatus::kPartial;
      break;
    }
    ExactProfile exact = {e.points[0][eq.x], e.points[1][eq.y]};
    const ExactCheck check = CheckExactly(game, exact);
    Equilibrium out;
    out.profile = ToMixedProfile(exact);
    out.kind = out.profile.IsPure(0.0) ? EquilibriumKind::kPure : EquilibriumKind::kMixed;
    out.payoffs = Eigen::Vector2d(RationalToDouble(eq.payoff0), RationalToDouble(eq.payoff1));
    out.exact = check.is_equilibrium;
    // Exact pivoting cannot produce a non-equilibrium; if it ever did, say so by its regret.
    out.regret = check.is_equilibrium ? 0.0 : RationalToDouble(check.regret);
    if (!check.is_equilibrium) ++not_exact;
    out.component = eq.component;
    if (auto it = subsets_of.find({eq.x, eq.y}); it != subsets_of.end()) out.nash_subsets = it->second;
    if (on_equilibrium) on_equilibrium(out);
    result.equilibria.push_back(std::move(out));
  }
  if (!e.complete) result.status = SolveStatus::kPartial;

  std::string message = e.degenerate ? "degenerate game"
                        : e.search == "depth-first"
                            ? "nondegenerate game"
                            : "no degeneracy met (the reverse search reads one polytope)";
  message += "; " + std::to_string(e.equilibria.size()) + " extreme equilibri" +
             (e.equilibria.size() == 1 ? "um" : "a") + " in " +
             std::to_string(e.num_components) + " component" +
             (e.num_components == 1 ? "" : "s");
  std::vector<std::string> continua;
  for (int c = 0; c < e.num_components; ++c) {
    if (size[c] > 1) {
      continua.push_back(std::to_string(c) + " (" + std::to_string(size[c]) + " extreme points)");
    }
  }
  if (!continua.empty()) message += "; continua: component " + JoinWords(continua, ", ");
  if (e.search != "depth-first") message += "; " + e.search;
  if (e.stopped_by == "max_bases") {
    message += "; incomplete: stopped after " + std::to_string(options.max_iterations) +
               " bases (max_iterations)";
  } else if (e.stopped_by == "max_seconds") {
    message += "; incomplete: stopped at the time budget (--max-seconds)";
  } else if (e.stopped_by == "degenerate") {
    message += "; incomplete: both best-response polytopes are degenerate, and too large for "
               "the depth-first search";
  }
  if (result.status == SolveStatus::kPartial &&
      (e.complete || e.stopped_by == "max_equilibria")) {
    message += "; incomplete: stopped at max_equilibria (" +
               std::to_string(options.max_equilibria) + ")";
  }
  if (result.equilibria.empty()) {
    // Every finite game has an equilibrium (Nash 1951): an empty list is never complete.
    // Lemke-Howson always ends at one; give it.
    result.status = SolveStatus::kPartial;
    SolveResult lh = SolveLemkeHowson(game, SolveOptions{}, on_equilibrium);
    for (Equilibrium& eq : lh.equilibria) result.equilibria.push_back(std::move(eq));
    message += "; none enumerated, so Lemke-Howson's is given (" + lh.message + ")";
  }
  if (not_exact > 0) message += "; " + std::to_string(not_exact) + " failed the exact re-check";
  result.message = message;
  return result;
}

}  // namespace sim::solve
