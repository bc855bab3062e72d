// SPDX-License-Identifier: MIT
// From a scenario's `repeated:` block to a RepeatedGame: the stage is the scenario's
// derived strategic game (model/build_game.h), each actor trembles with its
// unpredictability, and every strategy named (or every built-in, then every user automaton)
// becomes an automaton for each seat. The built-ins (scenarios/README.md, "Repeated play")
// read a move of actor j as cooperative when it is j's `cooperate` move, and as a defection
// otherwise; they play only the `cooperate` and `defect` moves (steps: its ladder's rungs).
#pragma once

#include <string>
#include <vector>

#include "sim/repeated/repeated.h"
#include "sim/scenario/scenario.h"

namespace sim::repeated {

// The scenario must have been loaded (validated) and have a `repeated:` block. `only`, when
// not empty, replaces the block's `strategies:` list (same syntax: "gtft:0.2"; names are
// checked, an unknown one is an InputError located at "<--strategies>"). Throws InputError
// (located at the automaton's `play`) when a user automaton plays a move that the actor in
// some seat does not have.
RepeatedGame BuildRepeatedGame(const Scenario& scenario, const std::vector<std::string>& only = {});

}  // namespace sim::repeated
