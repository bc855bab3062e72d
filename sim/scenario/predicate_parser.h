// SPDX-License-Identifier: MIT
// Compiles the text of a predicate (grammar in sim/scenario/predicate.h) into a Predicate,
// resolving actor, move and issue names to indices. Knows nothing of YAML: errors carry a
// byte offset into the text, which the loader turns into a file column.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/predicate.h"

namespace sim::scenario_detail {

// The names a predicate may use. moves[a] are actor a's move ids.
struct PredicateNames {
  std::vector<std::string> issues;
  std::vector<std::string> actors;
  std::vector<std::vector<std::string>> moves;
  bool allow_positions = true;  // false: conditions of conditional effects (moves only)
  // false: the actor (or issue) list itself was broken; unknown names are then not
  // reported, since they would only echo the earlier error.
  bool actors_known = true;
  bool issues_known = true;
};

struct PredicateError {
  size_t offset = 0;  // byte offset into the text where the problem starts
  std::string message;
  std::string hint;
};

// The compiled predicate, or the first problem found in it.
struct ParsedPredicate {
  Predicate predicate;
  std::optional<PredicateError> error;
};

// Parses `text`. Refuses an empty text, unknown names (with the nearest name as a hint),
// position comparisons when !names.allow_positions, non-finite numbers, and expressions that
// nest deeper than kMaxPredicateDepth or need a deeper evaluation stack.
ParsedPredicate ParsePredicate(std::string_view text, const PredicateNames& names);

}  // namespace sim::scenario_detail
