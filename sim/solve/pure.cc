// SPDX-License-Identifier: MIT
#include "sim/solve/pure.h"

#include <algorithm>
#include <cmath>

#include "sim/core/tolerance.h"

namespace sim::solve {

SolveResult SolvePureNash(const NormalFormGame& game, const SolveOptions& options,
                          const OnEquilibrium& on_equilibrium) {
  SolveResult result;
  result.method = "pure";
  const int n = game.num_players();
  const int64_t profiles = game.num_profiles();
  const Eigen::MatrixXd& u = game.payoffs();

  // best[p][i] = player p's best payoff over its own strategies, with the others fixed as in
  // profile i. One pass per player over "lines" (profiles that differ only in p's strategy).
  // A profile is an equilibrium iff u_p(i) >= best_p(i) - slack for every p, where the slack
  // is relative to the largest |payoff| on that line (core/tolerance.h): a global scale
  // would let one player's 1e12 payoffs erase another's 1e-3 preferences (spurious
  // equilibria), and a floor of 1 would make every profile of a 1e-12 game an equilibrium.
  std::vector<char> candidate(profiles, 1);
  std::vector<double> regret(profiles, 0.0);
  for (int p = 0; p < n; ++p) {
    const int64_t stride = game.stride(p);
    const int k = game.num_strategies(p);
    const int64_t block = stride * k;
    for (int64_t base = 0; base < profiles; base += block) {
      for (int64_t offset = 0; offset < stride; ++offset) {
        const int64_t first = base + offset;
        double best = u(first, p);
        double scale = std::abs(best);
        for (int s = 1; s < k; ++s) {
          best = std::max(best, u(first + s * stride, p));
          scale = std::max(scale, std::abs(u(first + s * stride, p)));
        }
        const double slack = PayoffSlack(scale, options.tolerance);
        for (int s = 0; s < k; ++s) {
          const int64_t i = first + s * stride;
          const double gain = best - u(i, p);
          if (gain > slack) candidate[i] = 0;
          regret[i] = std::max(regret[i], gain);
        }
      }
    }
  }
  // Every equilibrium is counted; at most `cap` are stored (a game with 20 two-move
  // players and constant payoffs has 2^20 of them: 3.7 GB as profiles).
  const int64_t cap = options.max_equilibria > 0 ? options.max_equilibria : kPureListedByDefault;
  int64_t count = 0;
  for (int64_t i = 0; i < profiles; ++i) {
    if (!candidate[i]) continue;
    if (++count > cap) continue;
    Equilibrium eq;
    eq.kind = EquilibriumKind::kPure;
    eq.profile = MixedProfile::Pure(game, game.ProfileAt(i));
    eq.payoffs = u.row(i).transpose();
    eq.regret = regret[i];
    eq.exact = regret[i] == 0.0;
    if (on_equilibrium) on_equilibrium(eq);
    result.equilibria.push_back(std::move(eq));
  }
  if (count > cap) {
    result.status = SolveStatus::kPartial;
    result.counted = count;
    result.message = std::to_string(count) + " pure equilibria (all counted); the first " +
                     std::to_string(cap) + " in profile order are listed" +
                     (options.max_equilibria > 0 ? " (--max-equilibria)"
                                                 : " (--max-equilibria N lists more)");
  }
  if (result.equilibria.empty()) result.message = "no pure-strategy equilibrium";
  return result;
}

namespace {

// True when strategy a of player p strictly beats strategy b (by more than tolerance)
// against every combination of the others' surviving strategies.
bool StrictlyDominates(const NormalFormGame& game, const std::vector<std::vector<int>>& alive,
                       int p, int a, int b, double tolerance) {
  const int n = game.num_players();
  std::vector<size_t> cursor(n, 0);
  while (true) {
    int64_t base = 0;
    for (int q = 0; q < n; ++q) {
      if (q != p) base += alive[q][cursor[q]] * game.stride(q);
    }
    const double ua = game.payoff(base + a * game.stride(p), p);
    const double ub = game.payoff(base + b * game.stride(p), p);
    // ua - ub, not ub + slack: the difference of finite payoffs of opposite signs may round
    // to inf, which is still a correct "strictly better".
    if (!(ua - ub > PayoffSlack(std::max(std::abs(ua), std::abs(ub)), tolerance))) return false;
    // Advance the odometer over the other players' surviving strategies.
    int q = 0;
    for (; q < n; ++q) {
      if (q == p) continue;
      if (++cursor[q] < alive[q].size()) break;
      cursor[q] = 0;
    }
    if (q == n) return true;
  }
}

}  // namespace

DominanceResult EliminateStrictlyDominated(const NormalFormGame& game, double tolerance) {
  const int n = game.num_players();
  DominanceResult result;
  result.surviving.resize(n);
  for (int p = 0; p < n; ++p) {
    for (int s = 0; s < game.num_strategies(p); ++s) result.surviving[p].push_back(s);
  }
  for (int round = 1;; ++round) {
    std::vector<DominanceStep> removed_now;
    // Decide every removal of the round against the same surviving game.
    for (int p = 0; p < n; ++p) {
      const auto& mine = result.surviving[p];
      for (int b : mine) {
        for (int a : mine) {
          if (a != b && StrictlyDominates(game, result.surviving, p, a, b, tolerance)) {
            removed_now.push_back({round, p, b, a});
            break;
          }
        }
      }
    }
    if (removed_now.empty()) break;
    for (const DominanceStep& step : removed_now) {
      auto& list = result.surviving[step.player];
      list.erase(std::find(list.begin(), list.end(), step.strategy));
      result.removed.push_back(step);
    }
  }
  return result;
}

std::optional<std::vector<int64_t>> ParetoEfficientProfiles(const NormalFormGame& game,
                                                            int64_t max_comparisons) {
  const int64_t profiles = game.num_profiles();
  const Eigen::MatrixXd& u = game.payoffs();
  std::vector<int64_t> order(profiles);
  for (int64_t i = 0; i < profiles; ++i) order[i] = i;
  std::vector<int64_t> efficient;

  if (game.num_players() == 2) {
    // Sweep by player 0's payoff, descending. Within a group of equal u0 only the group's
    // best u1 can be efficient; it is, unless an earlier group (strictly larger u0) already
    // reached that u1.
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      return u(a, 0) > u(b, 0) || (u(a, 0) == u(b, 0) && u(a, 1) > u(b, 1));
    });
    double best_before = -INFINITY;
    for (size_t start = 0; start < order.size();) {
      size_t stop = start;
      while (stop < order.size() && u(order[stop], 0) == u(order[start], 0)) ++stop;
      const double group_best = u(order[start], 1);
      for (size_t k = start; k < stop && u(order[k], 1) == group_best; ++k) {
        if (group_best > best_before) efficient.push_back(order[k]);
      }
      best_before = std::max(best_before, group_best);
      start = stop;
    }
    std::sort(efficient.begin(), efficient.end());
    return efficient;
  }

  // n players: sort payoff vectors lexicographically, descending. A profile that Pareto-
  // dominates another is lexicographically larger, so it comes first, and whatever dominates
  // a profile is dominated by (or is) an efficient profile seen earlier, so comparing with
  // the efficient set suffices. Not by the sum of payoffs: rounding (1e16 + 1 == 1e16) or
  // overflow (inf, even NaN near 1e308) can tie or disorder a dominated and a dominating sum.
  const int n = game.num_players();
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    for (int p = 0; p < n; ++p) {
      if (u(a, p) != u(b, p)) return u(a, p) > u(b, p);
    }
    return false;
  });
  int64_t comparisons = 0;
  for (int64_t i : order) {
    bool dominated = false;
    for (int64_t j : efficient) {
      if ((u.row(j).array() >= u.row(i).array()).all() &&
          (u.row(j).array() > u.row(i).array()).any()) {
        dominated = true;
        break;
      }
    }
    comparisons += static_cast<int64_t>(efficient.size());
    if (max_comparisons > 0 && comparisons > max_comparisons) return std::nullopt;
    if (!dominated) efficient.push_back(i);
  }
  std::sort(efficient.begin(), efficient.end());
  return efficient;
}

std::vector<SecurityLevel> PureSecurityLevels(const NormalFormGame& game) {
  const int n = game.num_players();
  std::vector<SecurityLevel> levels;
  for (int p = 0; p < n; ++p) {
    const int k = game.num_strategies(p);
    std::vector<double> worst(k, INFINITY);
    for (int64_t i = 0; i < game.num_profiles(); ++i) {
      const int s = static_cast<int>((i / game.stride(p)) % k);
      worst[s] = std::min(worst[s], game.payoff(i, p));
    }
    SecurityLevel level{p, worst[0], 0};
    for (int s = 1; s < k; ++s) {
      if (worst[s] > level.value) level = {p, worst[s], s};
    }
    levels.push_back(level);
  }
  return levels;
}

}  // namespace sim::solve
