// SPDX-License-Identifier: MIT
// Names in scenarios: which ids predicates can use, and which name a typo most likely meant.
// Private to the loader; no YAML here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sim::scenario_detail {

// The candidate a mistyped `word` most likely meant: the nearest by edit distance
// (NearestWord), else the one candidate that `word` abbreviates or extends (prefix), else "".
std::string NearestName(const std::string& word, const std::vector<std::string>& candidates);

// True for names usable in predicates: [A-Za-z_][A-Za-z0-9_]*, not a predicate keyword.
bool IsName(std::string_view text);
// "letters, digits and '_', not starting with a digit; not and/or/not/true/false"
inline constexpr const char* kNameRule =
    "names use letters, digits and '_', do not start with a digit, and are not one of "
    "and, or, not, true, false";

}  // namespace sim::scenario_detail
