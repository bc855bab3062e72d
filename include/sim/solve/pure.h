// SPDX-License-Identifier: MIT
// Facts about pure strategies of an n-player normal-form game: all pure Nash equilibria,
// iterated elimination of strictly dominated strategies, Pareto-efficient profiles and
// security (maxmin) levels. Mixed equilibria live in solve/mixed.h (issue: solvers).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/tolerance.h"
#include "sim/game/normal_form.h"
#include "sim/solve/solution.h"

namespace sim::solve {

// Every pure Nash equilibrium, in profile order (Gambit order: player 0 fastest).
// A profile is an equilibrium when no player gains more than options.tolerance * scale by
// deviating, where scale = the largest |payoff| of that player over its own strategies with
// the others fixed (relative tolerance, core/tolerance.h: scaling a game changes nothing);
// the reported regret is exact arithmetic on the stored doubles (0 for a strict or exactly
// tied equilibrium).
// Every equilibrium is counted, but at most options.max_equilibria (default
// kPureListedByDefault) are listed: beyond that the result is kPartial with `counted` set.
// Cost: O(num_profiles * sum of strategy counts) time, O(num_profiles) extra memory.
inline constexpr int64_t kPureListedByDefault = 1000;
SolveResult SolvePureNash(const NormalFormGame& game, const SolveOptions& options = {},
                          const OnEquilibrium& on_equilibrium = {});

// One removal in iterated elimination of strictly dominated strategies.
struct DominanceStep {
  int round = 0;          // 1-based round of elimination
  int player = 0;
  int strategy = 0;       // the removed strategy (index in the original game)
  int dominated_by = 0;   // a pure strategy that strictly dominates it (original index)
};

struct DominanceResult {
  std::vector<DominanceStep> removed;     // in order of removal
  std::vector<std::vector<int>> surviving;  // per player, original indices, ascending
};

// Iterated elimination of strategies strictly dominated by a pure strategy. Each round
// removes, for every player at once, all strategies strictly dominated (by more than
// `tolerance` x the larger |payoff| compared, so rounding never makes a tie strict) within
// the surviving game; rounds repeat until nothing changes. The order of
// removal does not affect the surviving set for strict dominance (Gilboa, Kalai & Zemel 1990).
// Domination by mixed strategies is not tested here.
DominanceResult EliminateStrictlyDominated(const NormalFormGame& game,
                                           double tolerance = kPayoffRelativeTolerance);

// Indices of the pure profiles that no other pure profile Pareto-dominates (weakly better
// for all players, strictly better for one), ascending.
// Cost: O(P log P) for 2 players (a sweep); for more players each profile is compared with
// the efficient ones found so far, O(P * E) for E efficient profiles — which is quadratic
// when most profiles are efficient (constant-sum games). With `max_comparisons` > 0 the
// n-player search gives up past that many profile comparisons and returns std::nullopt.
std::optional<std::vector<int64_t>> ParetoEfficientProfiles(const NormalFormGame& game,
                                                            int64_t max_comparisons = 0);

// A player's pure security level: the best payoff it can guarantee with a pure strategy
// whatever the others do, and a strategy that guarantees it (the lowest index on ties).
struct SecurityLevel {
  int player = 0;
  double value = 0.0;
  int strategy = 0;
};
std::vector<SecurityLevel> PureSecurityLevels(const NormalFormGame& game);

}  // namespace sim::solve
