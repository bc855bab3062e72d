// SPDX-License-Identifier: MIT
// The Monte Carlo parts of the scenario format (scenarios/README.md, "Monte Carlo"): inline
// distributions in place of numbers, and the top-level `montecarlo:` block. Private to the
// loader. Inline distributions are taken out of the YAML tree before the sections are read,
// each replaced by a scalar holding its base value, so the sections keep reading plain
// numbers through Reader::Number (and check the base value's range) unchanged.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "sim/scenario/reader.h"
#include "sim/scenario/sections.h"
#include "sim/scenario/uncertainty.h"

namespace sim::scenario_detail {

// Returns `root` with every inline distribution (a map with one of the keys uniform, normal,
// beta, triangular, choice holding a list, plus optional clamp and weights) replaced by a
// scalar of its base value (Distribution::Mean), located where the distribution was. The
// distributions go to `out` with their scenario paths ("actors.usa.stakes.syria.ideal").
// The `montecarlo` and `ranges` keys are left alone (its `vary:` entries are distributions by design).
// Malformed distributions are reported to `sink`. Maps and sequences on the way are copied
// (copy on write), as ApplyOverrides does. At most `budget` nodes are visited; past that the
// tree is returned as it is (the sections then report the oversized tree).
YAML::Node ExtractInlineDistributions(const YAML::Node& root, Document& document,
                                      DiagnosticSink& sink, int64_t budget,
                                      std::vector<UncertainNumber>* out);

// Reads a distribution map written for the number at `path` (in `vary:`, `ranges:`), or
// reports why it is not one.
std::optional<Distribution> ReadDistribution(Reader& reader, const YAML::Node& node,
                                             const std::string& path, const SourceLocation& at);

// Reader of the top-level `montecarlo:` key (draws, seed, select, model, models, vary).
// Runs after `actors`, so actor ids in `models:` can be checked.
void ReadMonteCarlo(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);

// After all sections: checks every uncertain number against the number it replaces
// (CheckUncertainNumbers); skipped when earlier errors make the scenario unreliable.
void CheckMonteCarlo(LoadContext& context);

}  // namespace sim::scenario_detail
