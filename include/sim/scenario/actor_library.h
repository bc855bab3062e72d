// SPDX-License-Identifier: MIT
// Shared actor definitions (scenarios/actors/*.yaml): each actor defined once with its name,
// unpredictability and stakes, each number cited; scenarios take them with `include:` and
// `shared:` and change a number only with a reason (`override:`; scenarios/README.md,
// "Shared actors"). This reads a library on its own, for checks across scenarios (the
// actor-consistency test) and tools.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/scenario.h"

namespace sim {

struct SharedActorDefinition {
  std::string id;
  std::string name;
  std::string file;  // the library that defines it
  std::optional<double> unpredictability;
  std::vector<std::pair<std::string, Stake>> stakes;  // issue id, stake (library order)
  SourceLocation location;
};

// The actors of the library at `path` and of every library it includes. Throws InputError
// (located) for a missing or malformed file, an include cycle, a number out of its domain.
std::vector<SharedActorDefinition> LoadActorLibrary(const std::string& path);

}  // namespace sim
