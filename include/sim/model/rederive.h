// SPDX-License-Identifier: MIT
// Re-deriving a game in place after some numbers of its scenario changed (a Monte Carlo
// draw): the same formulas as BuildGame (model/build_game.h) without allocating, because a
// draw may take only microseconds. Structure (actors, moves, issues, outcomes) must not
// change between BuildGame and RederiveGame; only numbers may.
#pragma once

#include <span>

#include "sim/model/build_game.h"

namespace sim::model {

// Recomputes derived->positions, derived->game's payoffs and derived->outcome_class for the
// current numbers of `scenario`. `derived` must come from BuildGame on a scenario of the
// same structure. Allocation-free after the first call on a thread. Cost as BuildGame.
void RederiveGame(const Scenario& scenario, DerivedGame* derived);

}  // namespace sim::model
