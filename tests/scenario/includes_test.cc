// SPDX-License-Identifier: MIT
// Shared actors (scenarios/README.md, "Shared actors"): a scenario takes an actor's numbers
// from an included library, changes one only with a reason, and every kind of bad include is
// a located error (the files are in tests/data/bad/, which the CLI test also runs: exit 2).
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/actor_library.h"
#include "sim/scenario/load.h"

namespace sim {
namespace {

std::string Data(const std::string& name) { return std::string(SIM_SOURCE_DIR "/tests/data/") + name; }

std::string LoadError(const std::string& path) {
  try {
    LoadScenario(path);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

const char* kReasonHint =
    "  hint: a shared number changes only with a reason: write it under 'override:' as PATH: "
    "{value: V, why: \"...\", claims: [Dx.y]}";

TEST(SharedActors, MissingLibraryIsLocatedAtItsIncludeEntry) {
  const std::string f = Data("bad/include_missing_file.yaml");
  EXPECT_EQ(LoadError(f), f + ":2:28: error: cannot include 'actors/nato.yaml': no such file\n"
                              "  hint: include paths are relative to the including file's folder "
                              "(looked for " + Data("bad/actors/nato.yaml") + ")");
}

TEST(SharedActors, IncludeCycleIsLocatedAtTheScenariosEntryAndNamesTheChain) {
  const std::string f = Data("bad/include_cycle.yaml");
  const std::string a = Data("bad/actors/cycle_a.yaml"), b = Data("bad/actors/cycle_b.yaml");
  EXPECT_EQ(LoadError(f), f + ":2:28: error: include cycle: " + a + " -> " + b + " -> " + a +
                              " (included at " + b + ":2:11)\n"
                              "  hint: an actor library may include others, but never one that "
                              "includes it");
}

TEST(SharedActors, UnknownSharedActorNamesTheNearest) {
  const std::string f = Data("bad/include_unknown_actor.yaml");
  EXPECT_EQ(LoadError(f), f + ":7:13: error: unknown shared actor 'usaa'\n"
                              "  hint: did you mean 'usa'? shared actors: usa");
}

TEST(SharedActors, OverrideWithoutAReasonIsRefused) {
  const std::string f = Data("bad/include_override_without_reason.yaml");
  EXPECT_EQ(LoadError(f), f + ":9:7: error: override 'stakes.sanctions.ideal' of actor 'usa' "
                              "gives no reason\n" + kReasonHint);
}

TEST(SharedActors, RedefiningASharedStakeWithoutAReasonIsRefused) {
  const std::string f = Data("bad/include_redefined_without_reason.yaml");
  EXPECT_EQ(LoadError(f), f + ":9:18: error: actor 'usa' redefines its stake on 'sanctions' of "
                              "shared actor 'usa' (" + Data("bad/actors/usa.yaml") +
                              ":7:7) without a reason\n" + kReasonHint);
}

// The library's numbers arrive in the scenario; an override with a reason replaces one and is
// recorded (actor, path, both values, reason); a number out of its domain in the override is
// located where the scenario writes it.
TEST(SharedActors, SharedNumbersAreTakenAndOverridesRecorded) {
  std::string text = R"(include: [actors/usa.yaml]
issues:
  sanctions: {status_quo: 1.0}
actors:
  usa:
    shared: usa
    override:
      stakes.sanctions.ideal: {value: 0.8, why: "hawkish appointees", claims: [D3.7]}
    moves: {hold: {}, relief: {effects: {sanctions: -0.4}}}
)";
  const std::string name = Data("bad/in_memory.yaml");  // resolves actors/ next to it
  const Scenario s = ParseScenario(text, name);
  ASSERT_EQ(s.actors.size(), 1u);
  EXPECT_EQ(s.actors[0].name, "United States");
  EXPECT_DOUBLE_EQ(s.actors[0].unpredictability, 0.3);
  EXPECT_DOUBLE_EQ(s.actors[0].stakes[0].ideal, 0.8);
  EXPECT_DOUBLE_EQ(s.actors[0].stakes[0].salience, 0.2);
  ASSERT_EQ(s.actor_overrides.size(), 1u);
  EXPECT_EQ(s.actor_overrides[0].path, "stakes.sanctions.ideal");
  EXPECT_EQ(s.actor_overrides[0].value, "0.8");
  EXPECT_EQ(s.actor_overrides[0].shared_value, "0.5");
  EXPECT_EQ(s.actor_overrides[0].why, "hawkish appointees");
  EXPECT_EQ(s.includes.size(), 1u);
  EXPECT_NE(s.included_text.find("salience: 0.2"), std::string::npos);

  text.replace(text.find("value: 0.8"), 10, "value: 1.8");
  try {
    ParseScenario(text, name);
    ADD_FAILURE() << "an ideal of 1.8 was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), name + ":8:39: error: 'ideal' must be in [0, 1], got 1.8");
  }
}

TEST(SharedActors, LibraryReadsOnItsOwn) {
  const std::vector<SharedActorDefinition> library = LoadActorLibrary(Data("bad/actors/usa.yaml"));
  ASSERT_EQ(library.size(), 1u);
  EXPECT_EQ(library[0].id, "usa");
  EXPECT_EQ(library[0].stakes.size(), 1u);
  EXPECT_DOUBLE_EQ(library[0].stakes[0].second.salience, 0.2);
  EXPECT_THROW(LoadActorLibrary(Data("bad/actors/cycle_a.yaml")), InputError);
}

}  // namespace
}  // namespace sim
