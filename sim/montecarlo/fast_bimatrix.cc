// SPDX-License-Identifier: MIT
#include "sim/montecarlo/fast_bimatrix.h"

#include <algorithm>
#include <cmath>

namespace sim::montecarlo::detail {
namespace {

constexpr int kMax = kMaxFastStrategies;
constexpr int kDim = kMax + 1;

// How a support system came out.
enum class System { kUnique, kNone, kMany };

// Solves the (k+1) x (k+1) system M z = e_{k} (last unit vector) by Gaussian elimination
// with partial pivoting, treating pivots below `singular` as zero. kNone: inconsistent (no
// strategy on this support makes those strategies indifferent: not an equilibrium support,
// and no sign of degeneracy); kMany: a continuum of solutions (degeneracy).
System SolveSmall(double (&m)[kDim][kDim], int size, double singular, double (&z)[kDim]) {
  double rhs[kDim] = {};
  rhs[size - 1] = 1.0;
  int row = 0;
  bool deficient = false;
  for (int c = 0; c < size; ++c) {
    int pivot = row;
    for (int r = row + 1; r < size; ++r)
      if (std::fabs(m[r][c]) > std::fabs(m[pivot][c])) pivot = r;
    if (row >= size || std::fabs(m[pivot][c]) < singular) {
      deficient = true;  // no pivot in this column: rank < size
      continue;
    }
    if (pivot != row) {
      std::swap(m[pivot], m[row]);
      std::swap(rhs[pivot], rhs[row]);
    }
    for (int r = row + 1; r < size; ++r) {
      const double f = m[r][c] / m[row][c];
      if (f == 0.0) continue;
      for (int k = c; k < size; ++k) m[r][k] -= f * m[row][k];
      rhs[r] -= f * rhs[row];
    }
    ++row;
  }
  if (deficient) {
    // Rows without a pivot are (numerically) zero: consistent only if their rhs is too.
    for (int r = row; r < size; ++r)
      if (std::fabs(rhs[r]) > 1e-9) return System::kNone;
    return System::kMany;
  }
  for (int r = size - 1; r >= 0; --r) {
    double s = rhs[r];
    for (int k = r + 1; k < size; ++k) s -= m[r][k] * z[k];
    z[r] = s / m[r][r];
  }
  return System::kUnique;
}

// What solving one side of a support pair found. kExtraBestResponses: a valid strategy with
// more pure best responses than its support size (a degenerate strategy; harmless unless it
// is part of an equilibrium, see SolveNondegenerateBimatrix).
enum class Side { kInvalid, kValid, kExtraBestResponses, kDegenerate };

// The strategy of the player whose support is `own` (k indices) that makes the opponent
// indifferent over `other` (k indices), and whether it is a valid equilibrium strategy:
// non-negative and making every strategy in `other` a best response. payoff(o, s) is the
// OPPONENT's payoff when the owner plays o and the opponent s; `opponent_count` strategies.
template <typename Payoff>
Side SolveSide(const int* own, const int* other, int k, int opponent_count, Payoff payoff,
               double tolerance, double singular, double (&strategy)[kDim]) {
  // Unknowns: p_own[0..k-1], w. Rows: for each s in other: sum_o p_o payoff(o, s) - w = 0;
  // last row: sum_o p_o = 1.
  double m[kDim][kDim] = {};
  for (int r = 0; r < k; ++r) {
    for (int c = 0; c < k; ++c) m[r][c] = payoff(own[c], other[r]);
    m[r][k] = -1.0;
  }
  for (int c = 0; c < k; ++c) m[k][c] = 1.0;
  double z[kDim];
  const System system = SolveSmall(m, k + 1, singular, z);
  if (system == System::kNone) return Side::kInvalid;
  if (system == System::kMany) return Side::kDegenerate;
  bool near_zero = false;
  for (int c = 0; c < k; ++c) {
    if (z[c] < -1e-9) return Side::kInvalid;
    near_zero |= z[c] <= 1e-9;
  }
  const double value = z[k];
  int best = 0;
  for (int s = 0; s < opponent_count; ++s) {
    double v = 0;
    for (int c = 0; c < k; ++c) v += z[c] * payoff(own[c], s);
    if (v > value + tolerance) return Side::kInvalid;  // `other` is not a best-response set
    best += v >= value - tolerance;
  }
  // A support-k strategy with a probability ~0 (support < k) that still makes k strategies
  // best responses: degenerate.
  if (near_zero) return Side::kDegenerate;
  for (int c = 0; c < k; ++c) strategy[c] = std::max(0.0, z[c]);
  return best > k ? Side::kExtraBestResponses : Side::kValid;
}

// Calls visit(indices) for every k-subset of {0..n-1} in lexicographic order; stops early
// when visit returns false. Returns false if stopped.
template <typename Visit>
bool ForEachSubset(int n, int k, Visit visit) {
  int idx[kMax];
  for (int i = 0; i < k; ++i) idx[i] = i;
  while (true) {
    if (!visit(static_cast<const int*>(idx))) return false;
    int i = k - 1;
    while (i >= 0 && idx[i] == n - k + i) --i;
    if (i < 0) return true;
    ++idx[i];
    for (int j = i + 1; j < k; ++j) idx[j] = idx[j - 1] + 1;
  }
}

}  // namespace

std::optional<std::vector<solve::Equilibrium>> SolveNondegenerateBimatrix(const NormalFormGame& game) {
  if (game.num_players() != 2) return std::nullopt;
  const int m = game.num_strategies(0), n = game.num_strategies(1);
  if (m > kMax || n > kMax) return std::nullopt;
  double a[kMax][kMax], b[kMax][kMax];
  double scale = 1.0;
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      a[i][j] = game.payoff(i + static_cast<int64_t>(j) * m, 0);
      b[i][j] = game.payoff(i + static_cast<int64_t>(j) * m, 1);
      scale = std::max({scale, std::fabs(a[i][j]), std::fabs(b[i][j])});
    }
  }
  const double tolerance = 1e-9 * scale;
  const double singular = 1e-11 * scale;
  std::vector<solve::Equilibrium> found;
  bool degenerate = false;
  // Equilibria that use a strategy with extra best responses: such an equilibrium may lie on
  // a continuum (or have partners with larger supports) that equal-size supports miss.
  bool extra_in_equilibrium = false;
  for (int k = 1; k <= std::min(m, n) && !degenerate; ++k) {
    ForEachSubset(m, k, [&](const int* rows) {
      return ForEachSubset(n, k, [&](const int* cols) {
        double x[kDim], y[kDim];
        // Player 0's x makes player 1 indifferent over cols: payoffs b[row][col].
        const Side sx = SolveSide(rows, cols, k, n, [&](int o, int s) { return b[o][s]; },
                                  tolerance, singular, x);
        // Player 1's y makes player 0 indifferent over rows: payoffs a[row][col].
        const Side sy = SolveSide(cols, rows, k, m, [&](int o, int s) { return a[s][o]; },
                                  tolerance, singular, y);
        if (sx == Side::kDegenerate || sy == Side::kDegenerate) {
          degenerate = true;
          return false;
        }
        if (sx == Side::kInvalid || sy == Side::kInvalid) return true;
        if (sx == Side::kExtraBestResponses || sy == Side::kExtraBestResponses) {
          extra_in_equilibrium = true;
          return false;
        }
        MixedProfile profile;
        profile.strategies = {Eigen::VectorXd::Zero(m), Eigen::VectorXd::Zero(n)};
        for (int c = 0; c < k; ++c) {
          profile.strategies[0](rows[c]) = x[c];
          profile.strategies[1](cols[c]) = y[c];
        }
        found.push_back(solve::MakeEquilibrium(game, std::move(profile)));
        return true;
      });
    });
    if (extra_in_equilibrium) return std::nullopt;
  }
  if (degenerate) return std::nullopt;
  return found;
}

}  // namespace sim::montecarlo::detail
