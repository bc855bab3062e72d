// SPDX-License-Identifier: MIT
// Applying `--set PATH=VALUE` overrides to a parsed YAML tree before it is validated, so an
// overridden value is checked exactly like one written in the file. Private to the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/scenario/load.h"
#include "sim/scenario/reader.h"

namespace sim::scenario_detail {

// The pseudo file name that locates an override in messages: "<--set PATH=VALUE>", line 1,
// columns counted inside the argument (so the value of "a.b=7" starts at column 5).
std::string OverrideFileName(const Override& override_);

// Returns `root` with every override applied, in order. Maps and sequences on the path are
// copied (copy on write): an alias elsewhere in the file keeps its original value. A missing
// final map key is created; a missing intermediate key, a bad sequence index, or a path that
// ends at a map or sequence is reported to `sink` (that override is then skipped). New nodes
// are registered with `document` so that later diagnostics point into the argument.
YAML::Node ApplyOverrides(const YAML::Node& root, const std::vector<Override>& overrides,
                          Document& document, DiagnosticSink& sink);

}  // namespace sim::scenario_detail
