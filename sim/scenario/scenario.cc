// SPDX-License-Identifier: MIT
#include "sim/scenario/scenario.h"

namespace sim {

int Scenario::FindIssue(const std::string& wanted) const {
  for (size_t i = 0; i < issues.size(); ++i) {
    if (issues[i].id == wanted) return static_cast<int>(i);
  }
  return -1;
}

int Scenario::FindActor(const std::string& wanted) const {
  for (size_t i = 0; i < actors.size(); ++i) {
    if (actors[i].id == wanted) return static_cast<int>(i);
  }
  return -1;
}

bool Scenario::has_types() const {
  for (const Actor& actor : actors) {
    if (!actor.types.empty()) return true;
  }
  return false;
}

}  // namespace sim
