// SPDX-License-Identifier: MIT
// Compiles the text of a finding predicate (grammar in sim/scenario/findings.h) into a
// FindingPredicate, resolving outcome, actor and move names. Errors carry a byte offset into
// the text, as predicate_parser.h does. Private to the loader.
#pragma once

#include <string_view>

#include "sim/scenario/findings.h"
#include "sim/scenario/predicate_parser.h"

namespace sim::scenario_detail {

struct ParsedFinding {
  FindingPredicate predicate;
  std::optional<PredicateError> error;
};

// `outcomes`: the scenario's outcome classes, then "other". `names` gives actors and moves.
ParsedFinding ParseFindingPredicate(std::string_view text, const std::vector<std::string>& outcomes,
                                    const PredicateNames& names);

}  // namespace sim::scenario_detail
