// SPDX-License-Identifier: MIT
#include "sim/solve/bimatrix_enum.h"

#include <algorithm>
#include <bit>
#include <map>
#include <numeric>
#include <set>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "sim/core/error.h"
#include "sim/solve/bimatrix_common.h"
#include "sim/solve/exact_check.h"
#include "sim/solve/tableau.h"

namespace sim::solve {
namespace {

using detail::IntegerTableau;
using detail::Overflow;

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
class BitsSet {
 public:
  BitsSet() : slots_(1024) {}
  // True if `b` was not in the set (and is now).
  bool Insert(const Bits& b) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    if (!Place(slots_, b)) return false;
    ++size_;
    return true;
  }
  size_t size() const { return size_; }

 private:
  static bool Place(std::vector<Bits>& slots, const Bits& b) {
    const size_t mask = slots.size() - 1;
    for (size_t i = BitsHash()(b) & mask;; i = (i + 1) & mask) {
      if (slots[i].Empty()) {
        slots[i] = b;
        return true;
      }
      if (slots[i] == b) return false;
    }
  }
  void Grow() {
    std::vector<Bits> bigger(slots_.size() * 2);
    for (const Bits& b : slots_) {
      if (!b.Empty()) Place(bigger, b);
    }
    slots_.swap(bigger);
  }
  std::vector<Bits> slots_;
  size_t size_ = 0;
};

// The distinct vertices of {z >= 0 : M z <= 1} (M k x d), with their labels.
template <typename T>
struct VertexSet {
  int d = 0;
  std::vector<Bits> labels;
  std::vector<T> coords;  // d per vertex: det * z_j
  int64_t bases = 0;
  bool complete = true;
};

// Depth-first search over the lexicographic bases, undoing each pivot on the way back (exact
// integer pivoting restores the parent's tableau bit for bit). label_of_var maps the d
// structural and k slack variables to game labels.
template <typename T>
VertexSet<T> EnumerateVertices(int k, int d, const std::vector<T>& matrix,
                               const std::vector<int>& label_of_var, int64_t max_bases) {
  IntegerTableau<T> tab(k, d, matrix);
  const int n_vars = d + k;
  VertexSet<T> out;
  out.d = d;
  std::unordered_map<Bits, int, BitsHash> vertex_of;
  BitsSet visited;  // a basis is never empty: it has k >= 1 variables
  Bits basis;
  for (int i = 0; i < k; ++i) basis.Set(tab.basic(i));

  auto record = [&]() {
    Bits labels;
    for (int v = 0; v < n_vars; ++v) {
      const int row = tab.row_of(v);
      if (row < 0 || detail::Arith<T>::Sign(tab.rhs(row)) == 0) labels.Set(label_of_var[v]);
    }
    if (vertex_of.emplace(labels, static_cast<int>(out.labels.size())).second) {
      out.labels.push_back(labels);
      for (int j = 0; j < d; ++j) {
        const int row = tab.row_of(j);
        out.coords.push_back(row < 0 ? T(0) : tab.rhs(row));
      }
    }
  };

  struct Frame {
    int next;
    int entered;
    int left;
  };
  // Machine integers: save the parent's tableau before each descent and restore it on the
  // way back (a copy of k * (d + k + 1) words is cheaper than a pivot). GMP numbers: undo
  // the pivot instead (copies would allocate).
  constexpr bool kSnapshots = !std::is_same_v<T, mpz_class>;
  std::vector<typename IntegerTableau<T>::State> saved;
  std::vector<Frame> stack;
  visited.Insert(basis);
  record();
  stack.push_back({0, -1, -1});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == n_vars) {
      if (frame.entered >= 0) {
        if constexpr (kSnapshots) {
          tab.Restore(saved[stack.size() - 2]);
        } else {
          tab.Pivot(tab.row_of(frame.entered), frame.left);
        }
        basis.Flip(frame.entered);
        basis.Flip(frame.left);
      }
      stack.pop_back();
      continue;
    }
    const int entering = frame.next++;
    if (tab.is_basic(entering)) continue;
    const int row = tab.LexMinRatioRow(entering);
    if (row < 0) continue;
    const int leaving = tab.basic(row);
    Bits next = basis;
    next.Flip(entering);
    next.Flip(leaving);
    if (!visited.Insert(next)) continue;
    if (static_cast<int64_t>(visited.size()) > max_bases) {
      out.complete = false;
      break;
    }
    if constexpr (kSnapshots) {
      if (saved.size() < stack.size()) saved.resize(stack.size());
      tab.Save(&saved[stack.size() - 1]);
    }
    tab.Pivot(row, entering);
    basis = next;
    record();
    stack.push_back({0, entering, leaving});
  }
  out.bases = static_cast<int64_t>(visited.size());
  return out;
}

// Raw result of the search, before exact post-processing: pairs of vertex indices.
struct RawResult {
  std::string arithmetic;
  bool complete = true;
  bool degenerate = false;
  int64_t bases[2] = {0, 0};
  int64_t vertices[2] = {0, 0};
  std::vector<std::vector<Rational>> x_points, y_points;  // per used vertex, probabilities
  std::vector<std::pair<int, int>> pairs;                 // (x point, y point)
};

template <typename T>
std::vector<Rational> Probabilities(const VertexSet<T>& set, int vertex) {
  std::vector<Rational> p(set.d);
  for (int j = 0; j < set.d; ++j) {
    p[j] = Rational(detail::Arith<T>::ToMpz(set.coords[static_cast<size_t>(vertex) * set.d + j]));
  }
  return Normalise(std::move(p));
}

template <typename T>
RawResult Run(const detail::IntegerBimatrix& g, int64_t max_bases, const char* name) {
  const int m = g.m, n = g.n;
  std::vector<T> a, b;
  if (!detail::Narrow(g.a, &a) || !detail::Narrow(g.b, &b)) throw Overflow{};
  // P: B'x + s = 1 (n rows, x are labels 0..m-1, slack s_j label m+j).
  // Q: Ay + r = 1 (m rows, y_j label m+j, slack r_i label i).
  std::vector<int> labels_p(m + n), labels_q(m + n);
  for (int v = 0; v < m + n; ++v) labels_p[v] = v;
  for (int j = 0; j < n; ++j) labels_q[j] = m + j;
  for (int i = 0; i < m; ++i) labels_q[n + i] = i;
  VertexSet<T> p = EnumerateVertices<T>(n, m, detail::Transpose(b, m, n), labels_p, max_bases);
  VertexSet<T> q = EnumerateVertices<T>(m, n, a, labels_q, max_bases);

  RawResult raw;
  raw.arithmetic = name;
  raw.complete = p.complete && q.complete;
  raw.bases[0] = p.bases;
  raw.bases[1] = q.bases;
  raw.vertices[0] = static_cast<int64_t>(p.labels.size());
  raw.vertices[1] = static_cast<int64_t>(q.labels.size());
  bool q_simple = true;
  for (const Bits& l : p.labels) raw.degenerate |= l.Count() > m;
  for (const Bits& l : q.labels) q_simple &= l.Count() == n;
  raw.degenerate |= !q_simple;

  Bits all;
  for (int l = 0; l < m + n; ++l) all.Set(l);
  // Vertex 0 of each set is the origin (the search starts there): never an equilibrium.
  std::unordered_map<Bits, int, BitsHash> q_index;
  if (q_simple) {
    for (int v = 1; v < static_cast<int>(q.labels.size()); ++v) q_index.emplace(q.labels[v], v);
  }
  std::map<int, int> x_point, y_point;
  for (int u = 1; u < static_cast<int>(p.labels.size()); ++u) {
    const Bits needed = all & ~p.labels[u];
    auto add = [&](int v) {
      auto [xi, x_new] = x_point.emplace(u, static_cast<int>(raw.x_points.size()));
      if (x_new) raw.x_points.push_back(Probabilities(p, u));
      auto [yi, y_new] = y_point.emplace(v, static_cast<int>(raw.y_points.size()));
      if (y_new) raw.y_points.push_back(Probabilities(q, v));
      raw.pairs.emplace_back(xi->second, yi->second);
    };
    const int need = needed.Count();
    if (q_simple && need == n) {
      // A simple vertex of Q has exactly n labels: it must be `needed` itself.
      if (auto it = q_index.find(needed); it != q_index.end()) add(it->second);
    } else if (!(q_simple && need > n)) {
      for (int v = 1; v < static_cast<int>(q.labels.size()); ++v) {
        if ((needed & ~q.labels[v]).Empty()) add(v);
      }
    }
  }
  return raw;
}

RawResult RunWithFallback(const NormalFormGame& game, int64_t max_bases) {
  const detail::IntegerBimatrix g = detail::ToIntegerBimatrix(game);
  // Start with the narrowest integers that Hadamard's bound proves wide enough; if the bound
  // is too large for 128 bits, try them anyway (real subdeterminants are usually far
  // smaller) and fall back to GMP on overflow.
  const double bits = std::max(detail::HadamardBits(g.b, g.n, g.m), detail::HadamardBits(g.a, g.m, g.n));
  if (bits < 61) {
    try {
      return Run<int64_t>(g, max_bases, "int64");
    } catch (const Overflow&) {
    }
  }
  try {
    return Run<detail::Int128>(g, max_bases, "int128");
  } catch (const Overflow&) {
  }
  return Run<mpz_class>(g, max_bases, "gmp");
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

BimatrixEnumeration EnumerateExtremeEquilibria(const NormalFormGame& game, int64_t max_bases) {
  SIM_CHECK(game.num_players() == 2, "EnumerateExtremeEquilibria needs a 2-player game");
  const int m = game.num_strategies(0), n = game.num_strategies(1);
  SIM_CHECK(m + n <= 128, "EnumerateExtremeEquilibria supports at most 128 strategies in all");
  RawResult raw = RunWithFallback(game, max_bases);

  BimatrixEnumeration out;
  out.complete = raw.complete;
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
  const BimatrixEnumeration e = EnumerateExtremeEquilibria(game, options.max_iterations);
  std::vector<int> size(e.num_components, 0);
  for (const ExtremeEquilibrium& eq : e.equilibria) ++size[eq.component];
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
    if (on_equilibrium) on_equilibrium(out);
    result.equilibria.push_back(std::move(out));
  }
  if (!e.complete) result.status = SolveStatus::kPartial;

  std::string message = e.degenerate ? "degenerate game" : "nondegenerate game";
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
  if (!e.complete) message += "; stopped at max_iterations bases (incomplete)";
  if (result.status == SolveStatus::kPartial && e.complete) message += "; stopped at max_equilibria";
  if (not_exact > 0) message += "; " + std::to_string(not_exact) + " failed the exact re-check";
  result.message = message;
  return result;
}

}  // namespace sim::solve
