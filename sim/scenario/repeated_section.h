// SPDX-License-Identifier: MIT
// Reader of the top-level `repeated:` block (simulate repeated): cooperate/defect moves per
// actor, the strategies, the built-ins' parameters and the user automata. Private to the
// loader; the value types are in include/sim/scenario/repeated.h.
#pragma once

#include "sim/scenario/sections.h"

namespace sim::scenario_detail {

// Reads `repeated:` into context.scenario.repeated, reporting every problem located.
// Needs the actors (read before it). A sequential scenario or one with private types is
// refused: the repeated game's stage is a simultaneous game of complete information.
void ReadRepeated(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);

}  // namespace sim::scenario_detail
