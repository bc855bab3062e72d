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
// index, e.g. outcomes.0.when), VALUE is the text of one scalar (numbers are read from it
// like any number of the file). Applied to the YAML tree before validation; a missing last
// key is created, a missing intermediate key is an error. Problems are located in the
// argument: file "<--set PATH=VALUE>", line 1, column counted inside PATH=VALUE.
struct Override {
  std::string path;
  std::string value;
};

// Parses "PATH=VALUE" (split at the first '='); throws InputError located in the argument
// (see above) when there is no '=', PATH is empty or has an empty key ("a..b", "a.").
Override ParseOverride(const std::string& argument);

struct LoadOptions {
  std::vector<Override> overrides;  // applied in order (a later one wins) before validation
  int64_t max_profiles = -1;        // > 0: overrides the scenario's limits.max_profiles
};

// Loads, overrides and validates a scenario file. Throws InputError for every kind of bad
// input: missing or unreadable file, a directory, a file over 16 MiB, bytes that are not
// UTF-8, YAML syntax errors, nesting deeper than yaml-cpp's limit, more than one document,
// alias bombs, unknown or duplicate keys, wrong types, out-of-range or non-finite numbers,
// unknown references, bad predicates, a game larger than the profile limit. All problems of
// a file are reported together where possible (syntax and encoding errors stop at the
// first). Cost: linear in the file size; the walk is bounded by it even with aliases.
Scenario LoadScenario(const std::string& path, const LoadOptions& options = {});

// The bytes of the scenario file at `path`, with the file checks of LoadScenario (missing,
// a directory, unreadable, over 16 MiB). Reads once, so a pipe (/dev/stdin) works: a run
// reads its scenario with this once and parses the text (ParseScenario) as often as needed.
std::string ReadScenarioFile(const std::string& path);

// The same from text already in memory; `name` is used as the file name in messages.
Scenario ParseScenario(const std::string& text, const std::string& name,
                       const LoadOptions& options = {});

}  // namespace sim
