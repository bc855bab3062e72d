// SPDX-License-Identifier: MIT
#include "sim/solve/lemke_howson.h"

#include <algorithm>
#include <cmath>

#include "sim/core/error.h"
#include "sim/solve/bimatrix_common.h"
#include "sim/solve/tableau.h"

namespace sim::solve {
namespace {

using detail::Overflow;

// Two tableaux: P = {x : B'x + s = 1} (n rows; variable v is label v: x_i = i, s_j = m + j)
// and Q = {y : Ay + r = 1} (m rows; y_j is variable j with label m + j, r_i is variable
// n + i with label i).
struct Labels {
  int m, n;
  int QLabel(int var) const { return var < n ? m + var : var - n; }
  int QVar(int label) const { return label < m ? n + label : label - m; }
};

// Follows the complementary path that drops label k0 (von Stengel 2002, Algorithm 3.5):
// the variable with the missing label enters one tableau; the variable that leaves has a
// label that is now duplicate, so the variable with that label enters the other tableau;
// until the leaving label is k0 itself.
template <typename Tab>
bool FollowPath(Tab& p, Tab& q, const Labels& labels, int k0, int64_t max_pivots,
                int64_t* pivots) {
  bool in_p = k0 < labels.m;
  int entering = in_p ? k0 : labels.QVar(k0);
  while (true) {
    Tab& t = in_p ? p : q;
    const int row = t.LexMinRatioRow(entering);
    if (row < 0) return false;  // unbounded: impossible with positive payoffs
    const int leaving = t.basic(row);
    t.Pivot(row, entering);
    if (++*pivots > max_pivots) return false;
    const int label = in_p ? leaving : labels.QLabel(leaving);
    if (label == k0) return true;
    in_p = !in_p;
    entering = in_p ? label : labels.QVar(label);
  }
}

// Solves the square system M z = rhs exactly (Gaussian elimination over the rationals);
// nullopt if M is singular.
std::optional<std::vector<Rational>> SolveExactly(std::vector<std::vector<Rational>> a,
                                                  std::vector<Rational> rhs) {
  const size_t k = rhs.size();
  for (size_t c = 0; c < k; ++c) {
    size_t pivot = c;
    while (pivot < k && sgn(a[pivot][c]) == 0) ++pivot;
    if (pivot == k) return std::nullopt;
    std::swap(a[pivot], a[c]);
    std::swap(rhs[pivot], rhs[c]);
    for (size_t r = 0; r < k; ++r) {
      if (r == c || sgn(a[r][c]) == 0) continue;
      const Rational f = a[r][c] / a[c][c];
      for (size_t j = c; j < k; ++j) a[r][j] -= f * a[c][j];
      rhs[r] -= f * rhs[c];
    }
  }
  for (size_t c = 0; c < k; ++c) rhs[c] /= a[c][c];
  return rhs;
}

// Player `player`'s mixed strategy at the end of a path, recomputed exactly from its basis:
// the basic structural variables are the support S, the nonbasic slacks the opponent's
// strategies T made best responses. With the opponent's payoffs U (player 0's strategy
// makes player 1 indifferent over T, and vice versa):
//   sum_{i in S} U(i, j) z_i = v  for j in T,   sum_{i in S} z_i = 1,
// |T| = |S| equations plus one, |S| + 1 unknowns (z_S, v).
template <typename Tab>
std::optional<std::vector<Rational>> ExactStrategy(const NormalFormGame& game, const Tab& t,
                                                   int player) {
  const int own = game.num_strategies(player), other = game.num_strategies(1 - player);
  std::vector<int> support, tight;
  for (int v = 0; v < own; ++v) {
    if (t.is_basic(v)) support.push_back(v);
  }
  for (int j = 0; j < other; ++j) {
    if (!t.is_basic(own + j)) tight.push_back(j);
  }
  if (support.size() != tight.size() || support.empty()) return std::nullopt;
  const size_t k = support.size();
  std::vector<std::vector<Rational>> a(k + 1, std::vector<Rational>(k + 1));
  std::vector<Rational> rhs(k + 1, Rational(0));
  for (size_t r = 0; r < k; ++r) {
    for (size_t c = 0; c < k; ++c) {
      const int i = support[c], j = tight[r];
      const int64_t profile = player == 0 ? i * game.stride(0) + j * game.stride(1)
                                          : j * game.stride(0) + i * game.stride(1);
      a[r][c] = game.exact_payoff(profile, 1 - player);
    }
    a[r][k] = -1;
  }
  for (size_t c = 0; c < k; ++c) a[k][c] = 1;
  rhs[k] = 1;
  auto z = SolveExactly(std::move(a), std::move(rhs));
  if (!z) return std::nullopt;
  std::vector<Rational> strategy(own, Rational(0));
  for (size_t c = 0; c < k; ++c) strategy[support[c]] = (*z)[c];
  return strategy;
}

template <typename Tab>
std::vector<double> FloatStrategy(const Tab& t, int size) {
  std::vector<double> z(size, 0.0);
  double total = 0;
  for (int v = 0; v < size; ++v) {
    if (t.is_basic(v)) {
      z[v] = static_cast<double>(t.rhs(t.row_of(v))) / static_cast<double>(t.det());
      total += z[v];
    }
  }
  for (double& value : z) value = total > 0 ? value / total : value;
  return z;
}

// The float run: payoffs scaled into [1, 2] for a well-conditioned tableau.
std::vector<double> ScaledMatrix(const NormalFormGame& game, int player, bool transpose) {
  Eigen::MatrixXd u = game.PayoffMatrix(player);
  const double lo = u.minCoeff(), hi = u.maxCoeff();
  const double range = hi > lo ? hi - lo : 1.0;
  if (transpose) u.transposeInPlace();
  std::vector<double> out(static_cast<size_t>(u.rows()) * u.cols());
  for (Eigen::Index i = 0; i < u.rows(); ++i) {
    for (Eigen::Index j = 0; j < u.cols(); ++j) out[i * u.cols() + j] = (u(i, j) - lo) / range + 1.0;
  }
  return out;
}

template <typename T>
bool ExactPath(const detail::IntegerBimatrix& g, int k0,
               int64_t max_pivots, LemkeHowsonPath* path) {
  std::vector<T> a, b;
  if (!detail::Narrow(g.a, &a) || !detail::Narrow(g.b, &b)) throw Overflow{};
  detail::IntegerTableau<T> p(g.n, g.m, detail::Transpose(b, g.m, g.n));
  detail::IntegerTableau<T> q(g.m, g.n, a);
  if (!FollowPath(p, q, Labels{g.m, g.n}, k0, max_pivots, &path->pivots)) return false;
  // Exact values straight from the integer tableaux.
  ExactProfile exact(2);
  for (int player = 0; player < 2; ++player) {
    const auto& t = player == 0 ? p : q;
    const int size = player == 0 ? g.m : g.n;
    std::vector<Rational> z(size, Rational(0));
    for (int v = 0; v < size; ++v) {
      if (t.is_basic(v)) z[v] = Rational(detail::Arith<T>::ToMpz(t.rhs(t.row_of(v))));
    }
    exact[player] = Normalise(std::move(z));
  }
  path->exact_profile = exact;
  return true;
}

}  // namespace

LemkeHowsonPath RunLemkeHowson(const NormalFormGame& game, int missing_label,
                               int64_t max_pivots) {
  SIM_CHECK(game.num_players() == 2, "Lemke-Howson needs a 2-player game");
  const int m = game.num_strategies(0), n = game.num_strategies(1);
  SIM_CHECK(missing_label >= 0 && missing_label < m + n, "missing label out of range");
  LemkeHowsonPath path;
  path.missing_label = missing_label;

  detail::DoubleTableau p(n, m, ScaledMatrix(game, 1, /*transpose=*/true));
  detail::DoubleTableau q(m, n, ScaledMatrix(game, 0, /*transpose=*/false));
  if (FollowPath(p, q, Labels{m, n}, missing_label, max_pivots, &path.pivots)) {
    path.found = true;
    auto x = ExactStrategy(game, p, 0);
    auto y = ExactStrategy(game, q, 1);
    if (x && y) {
      path.exact_profile = {*x, *y};
      path.exact = CheckExactly(game, path.exact_profile).is_equilibrium;
    }
    if (!path.exact) {
      path.profile.strategies = {
          Eigen::Map<const Eigen::VectorXd>(FloatStrategy(p, m).data(), m),
          Eigen::Map<const Eigen::VectorXd>(FloatStrategy(q, n).data(), n)};
    }
  }
  if (!path.exact) {
    // Rerun the same path in exact integer pivoting.
    path.exact_rerun = true;
    const detail::IntegerBimatrix g = detail::ToIntegerBimatrix(game);
    bool done = false;
    const double bits =
        std::max(detail::HadamardBits(g.b, g.n, g.m), detail::HadamardBits(g.a, g.m, g.n));
    try {
      if (bits >= 61) throw Overflow{};
      done = ExactPath<int64_t>(g, missing_label, max_pivots, &path);
    } catch (const Overflow&) {
      try {
        done = ExactPath<detail::Int128>(g, missing_label, max_pivots, &path);
      } catch (const Overflow&) {
        done = ExactPath<mpz_class>(g, missing_label, max_pivots, &path);
      }
    }
    if (done) {
      path.found = true;
      path.exact = CheckExactly(game, path.exact_profile).is_equilibrium;
    }
  }
  if (path.exact) path.profile = ToMixedProfile(path.exact_profile);
  return path;
}

SolveResult SolveLemkeHowson(const NormalFormGame& game, const SolveOptions& options,
                             const OnEquilibrium& on_equilibrium) {
  SolveResult result;
  result.method = "lemke-howson";
  if (game.num_players() != 2) {
    result.status = SolveStatus::kFailed;
    result.message = "lemke-howson needs a 2-player game; this one has " +
                     std::to_string(game.num_players()) + " players";
    return result;
  }
  const int labels = game.num_strategies(0) + game.num_strategies(1);
  const size_t wanted = options.max_equilibria > 0 ? options.max_equilibria : 1;
  std::vector<ExactProfile> seen_exact;
  int tried = 0, failed = 0;
  for (int k = 0; k < labels && result.equilibria.size() < wanted; ++k) {
    ++tried;
    LemkeHowsonPath path = RunLemkeHowson(game, k, options.max_iterations);
    if (!path.found) {
      ++failed;
      continue;
    }
    bool duplicate = false;
    for (const Equilibrium& e : result.equilibria) {
      bool same = true;
      for (int p = 0; p < 2 && same; ++p) {
        same = (e.profile.strategies[p] - path.profile.strategies[p]).cwiseAbs().maxCoeff() <=
               (path.exact && e.exact ? 0.0 : 1e-9);
      }
      duplicate |= same;
    }
    if (duplicate) continue;
    Equilibrium eq = MakeEquilibrium(game, path.profile);
    if (path.exact) {
      const ExactCheck check = CheckExactly(game, path.exact_profile);
      eq.exact = true;
      eq.regret = 0.0;
      eq.payoffs = Eigen::Vector2d(RationalToDouble(check.payoffs[0]),
                                   RationalToDouble(check.payoffs[1]));
    }
    if (on_equilibrium) on_equilibrium(eq);
    result.equilibria.push_back(std::move(eq));
  }
  result.message = std::to_string(tried) + " of " + std::to_string(labels) +
                   " starting labels tried";
  if (failed > 0) {
    result.message += "; " + std::to_string(failed) + " paths hit max_iterations";
    if (result.equilibria.empty()) result.status = SolveStatus::kFailed;
  }
  if (!result.equilibria.empty() && result.equilibria.size() < wanted && tried == labels) {
    result.message += "; every label tried";
  }
  return result;
}

}  // namespace sim::solve
