// SPDX-License-Identifier: MIT
// Finitely repeated play (`rounds:`) as a game tree: the stage played T times. The stage is
// the scenario's own game without rounds and types — a simultaneous stage (each actor moves
// without seeing this round's other moves), `stages` or an explicit `tree` — and each round
// copies it after every history of the earlier rounds. Nature first draws the private types
// (actors' `types:`, or the resolute type of the actors listed under `resolute`, with prior
// u); they persist. A mover has one information set per round, public history (all earlier
// rounds' actions), stage information set and own type: it never sees the others' types, so
// later choices rest on beliefs updated by Bayes' rule from earlier moves (reputation);
// recall is perfect (the tree is validated, perfect recall included).
//
// Payoffs: round t (1-based) pays each actor delta^(t-1) times its stage utility (its type's
// preferences) at the positions after that round, minus the `costs:` whose condition holds
// at the positions the round started from; a short-run actor is one player per round who
// gets that round's payoff only. With `carry: positions` a round's effects add to the
// positions left by the one before (relief granted in round 1 stays until someone moves it
// back: snap-back), with `carry: reset` each round starts at the status quo. A payoff table,
// or payoffs written at an explicit tree's leaves, give the stage payoffs as written.
#pragma once

#include "sim/model/build_tree.h"

namespace sim::model {

// The tree of a scenario with `rounds:` (SIM_CHECK), with its RoundsLayout. Terminal nodes
// carry the final positions, the last round's moves and its outcome class. Throws InputError
// (at the `rounds` key, with the counts) when the histories (type profiles x stage
// leaves^T) exceed the profile limit or the nodes 4,000,000, before building anything.
// Cost O(nodes * (actors * issues + effects)).
DerivedTree BuildRoundsGame(const Scenario& scenario);

}  // namespace sim::model
