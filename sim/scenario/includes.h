// SPDX-License-Identifier: MIT
// Shared actor definitions (scenarios/actors/): a scenario's top-level `include:` names actor
// libraries, an actor's `shared: ID` takes the library actor's name, unpredictability and
// stakes (on the scenario's issues), and `override:` changes one of those numbers, with a
// reason (`why:` or `claims:`). The pass runs on the YAML tree before --set and before the
// sections read it, so every later check applies to the merged actor; nodes taken from a
// library keep their location there. Private to the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

#include "sim/scenario/actor_library.h"
#include "sim/scenario/reader.h"
#include "sim/scenario/scenario.h"

namespace sim::scenario_detail {

// Parses one YAML file's text (with the loader's checks) into its root map; throws InputError.
using ParseFile = std::function<YAML::Node(const Document&)>;

struct IncludeResult {
  std::vector<std::string> files;  // the libraries read, in include order (as resolved)
  std::string texts;               // their bytes, each after a "#include PATH" line
  std::vector<SharedActorUse> shared;
  std::vector<ActorOverride> overrides;
};

// Resolves `include:`, `shared:` and `override:` in `root` (a copy is returned; `root` is
// not changed). Problems (missing file, include cycle, unknown shared actor, a shared number
// redefined or overridden without a reason, malformed blocks) go to `sink`, located.
YAML::Node ResolveIncludes(const YAML::Node& root, Document& document, DiagnosticSink& sink,
                           const ParseFile& parse, IncludeResult& result);

// The library at `path` and those it includes, for LoadActorLibrary (actor_library.h).
std::vector<SharedActorDefinition> ReadActorLibrary(const std::string& path,
                                                    const ParseFile& parse);

}  // namespace sim::scenario_detail
