// SPDX-License-Identifier: MIT
// The round table of a `rounds:` game's report (model/rounds_play.h): each mover's
// behaviour at each round and history reached, and the beliefs about each typed actor's
// type at the start of each round reached, as CSV (a sibling table), a text section and a
// JSON value. Formats only.
#pragma once

#include <string>

#include "sim/model/build_tree.h"
#include "sim/model/rounds_play.h"

namespace sim::io {

// round,history,player,action,probability,belief_of,type,belief — behaviour rows (one per
// action; `type` is the mover's own type, empty when it has none; belief_of and belief
// empty) then belief rows (player, action and probability empty). Ends with a newline.
std::string RoundsCsv(const model::DerivedTree& derived, const model::RoundsPlay& play);

// "Rounds (equilibrium #1):" then per round the history, what each mover does, the beliefs.
std::string RoundsTable(const model::DerivedTree& derived, const model::RoundsPlay& play);

// {"behaviour": [{round, history, player, type, actions: {a: p}}], "beliefs": [{round,
// history, of, type, belief}]}.
std::string RoundsJson(const model::DerivedTree& derived, const model::RoundsPlay& play);

}  // namespace sim::io
