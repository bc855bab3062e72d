// SPDX-License-Identifier: MIT
#include "sim/scenario/names.h"

#include <cctype>

#include "sim/core/error.h"

namespace sim::scenario_detail {

std::string NearestName(const std::string& word, const std::vector<std::string>& candidates) {
  std::string nearest = NearestWord(word, candidates);
  if (!nearest.empty() || word.size() < 3) return nearest;
  std::string found;
  for (const std::string& c : candidates) {
    if (c.size() < 3) continue;
    if (c.compare(0, word.size(), word) == 0 || word.compare(0, c.size(), c) == 0) {
      if (!found.empty()) return "";  // ambiguous: suggest nothing
      found = c;
    }
  }
  return found;
}

bool IsName(std::string_view text) {
  if (text.empty()) return false;
  if (!(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) return false;
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  for (std::string_view keyword : {"and", "or", "not", "true", "false"}) {
    if (text == keyword) return false;
  }
  return true;
}

}  // namespace sim::scenario_detail
