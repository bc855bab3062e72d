// SPDX-License-Identifier: MIT
// Reading and validating scenario files (YAML, format v1; reference: scenarios/README.md).
// Validation collects every problem it can find and throws one InputError holding them all,
// each as FILE:LINE:COL with a hint where one helps (allowed keys, the nearest name).
// yaml-cpp stays behind this interface: no YAML type appears in a public header.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace sim {

// A `--set PATH=VALUE` override: PATH is dot-separated map keys (list items by 0-based
// index, e.g. outcomes.0.when), VALUE is parsed as a YAML scalar.
struct Override {
  std::string path;
  std::string value;
};

// Parses "PATH=VALUE"; throws InputError located at "<command line>" on a malformed one.
Override ParseOverride(const std::string& argument);

struct LoadOptions {
  std::vector<Override> overrides;  // applied to the YAML tree before validation
  int64_t max_profiles = -1;        // > 0: overrides the scenario's limits.max_profiles
};

// Loads, overrides and validates a scenario file. Throws InputError for every kind of bad
// input: missing or unreadable file, a directory, YAML syntax errors, unknown or duplicate
// keys, wrong types, out-of-range or non-finite numbers, unknown references, a game larger
// than the profile limit.
Scenario LoadScenario(const std::string& path, const LoadOptions& options = {});

// The same from text already in memory; `name` is used as the file name in messages.
Scenario ParseScenario(const std::string& text, const std::string& name,
                       const LoadOptions& options = {});

}  // namespace sim
