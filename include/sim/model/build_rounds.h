// SPDX-License-Identifier: MIT
// Finitely repeated play (`rounds:`) as a game tree: the simultaneous stage played T times.
// In each round the actors move in scenario order, each in one information set per history
// of the earlier rounds (it does not see this round's earlier movers: the moves of a round
// are simultaneous); every actor observes all earlier rounds, so recall is perfect. Round t
// (1-based) pays each actor delta^(t-1) times its stage utility at the positions after that
// round; with `carry: positions` a round's effects add to the positions left by the one
// before (relief granted in round 1 stays until someone moves it back), with `carry: reset`
// each round starts at the status quo. With a payoff table the table gives each round's
// stage payoffs. Private types in rounds are not supported (the loader refuses them).
#pragma once

#include "sim/model/build_tree.h"

namespace sim::model {

// The tree of a scenario with `rounds:` (SIM_CHECK). Terminal nodes carry the final
// positions, the last round's moves and its outcome class. The loader bounded the number of
// histories (profiles^T) by the profile limit. Cost O(nodes * (actors * issues + effects)).
DerivedTree BuildRoundsGame(const Scenario& scenario);

}  // namespace sim::model
