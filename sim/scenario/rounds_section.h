// SPDX-License-Identifier: MIT
// Reader of the top-level `rounds:` block (finitely repeated play as a game tree). Private
// to the loader; the value type is in include/sim/scenario/rounds.h.
#pragma once

#include "sim/scenario/sections.h"

namespace sim::scenario_detail {

// Reads `rounds: {count, discount, carry, costs, short_run, resolute}` into
// context.scenario.rounds (scenario/rounds.h). Refuses unknown actors and moves, a resolute
// actor without a `resolute` block (or with `types`), chance stages with carry: positions,
// and a simultaneous game whose histories (profiles^count) exceed the profile limit, with
// the count in the message.
void ReadRounds(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);

}  // namespace sim::scenario_detail
