// SPDX-License-Identifier: MIT
// Reader of the top-level `rounds:` block (finitely repeated play as a game tree). Private
// to the loader; the value type is in include/sim/scenario/rounds.h.
#pragma once

#include "sim/scenario/sections.h"

namespace sim::scenario_detail {

// Reads `rounds: {count, discount, carry}` into context.scenario.rounds. Refuses a
// sequential stage and private types (not supported yet), and a game whose histories
// (profiles^count) exceed the profile limit, with the count in the message.
void ReadRounds(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);

}  // namespace sim::scenario_detail
