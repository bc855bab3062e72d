// SPDX-License-Identifier: MIT
// One set of actors (issue #15 item 1): every shipped scenario's actor that is a shared actor
// (scenarios/actors/, by `shared:` or by the same id) gives the shared numbers on every issue
// both define, unless the scenario overrides the number with a stated reason (`override:`
// with why:/claims:, which the loader requires). Two scenarios can then disagree about an
// actor only where each says why.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "sim/scenario/actor_library.h"
#include "sim/scenario/load.h"

namespace sim {
namespace {

namespace fs = std::filesystem;

std::map<std::string, SharedActorDefinition> Library() {
  std::map<std::string, SharedActorDefinition> library;
  for (const auto& entry : fs::directory_iterator(fs::path(SIM_SOURCE_DIR) / "scenarios/actors")) {
    if (entry.path().extension() != ".yaml") continue;
    for (SharedActorDefinition& d : LoadActorLibrary(entry.path().string())) {
      EXPECT_EQ(library.count(d.id), 0u) << d.id << " is defined twice in scenarios/actors/";
      library[d.id] = d;
    }
  }
  return library;
}

TEST(ActorConsistency, EveryScenarioGivesTheSharedNumbersOrSaysWhyNot) {
  const std::map<std::string, SharedActorDefinition> library = Library();
  ASSERT_GE(library.size(), 5u);  // usa, russia, china, kyiv, congress at least
  int compared = 0, scenarios = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++scenarios;
    const Scenario s = LoadScenario(entry.path().string());
    const std::string file = entry.path().filename().string();
    for (const Actor& actor : s.actors) {
      std::string key = actor.id;
      bool shared = false;
      for (const SharedActorUse& use : s.shared_actors) {
        if (use.actor == actor.id) key = use.shared, shared = true;
      }
      const auto found = library.find(key);
      if (found == library.end()) continue;
      auto overridden = [&](const std::string& path) {
        for (const ActorOverride& o : s.actor_overrides) {
          if (o.actor == actor.id && o.path == path) {
            EXPECT_FALSE(o.why.empty() && o.claims.empty()) << file << ": " << path;
            return true;
          }
        }
        return false;
      };
      for (const auto& [issue, stake] : found->second.stakes) {
        const int k = s.FindIssue(issue);
        if (k < 0) continue;
        ++compared;
        if (!overridden("stakes." + issue + ".ideal")) {
          EXPECT_EQ(actor.stakes[k].ideal, stake.ideal)
              << file << ": " << actor.id << "'s ideal on " << issue << " differs from "
              << found->second.file << " without a stated reason (use shared: and override:)";
        }
        if (!overridden("stakes." + issue + ".salience")) {
          EXPECT_EQ(actor.stakes[k].salience, stake.salience)
              << file << ": " << actor.id << "'s salience on " << issue << " differs from "
              << found->second.file << " without a stated reason (use shared: and override:)";
        }
      }
      if (shared && found->second.unpredictability && !overridden("unpredictability")) {
        EXPECT_EQ(actor.unpredictability, *found->second.unpredictability) << file << ": " << actor.id;
      }
    }
  }
  EXPECT_GE(scenarios, 12);
  EXPECT_GE(compared, 30);
}

}  // namespace
}  // namespace sim
