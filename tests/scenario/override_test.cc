// SPDX-License-Identifier: MIT
// `--set PATH=VALUE`: parsing the argument, applying it before validation, and locating
// problems inside the argument ("<--set PATH=VALUE>:1:COL").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/load.h"

namespace sim {
namespace {

const char* kScenario = R"(issues:
  sanctions: {status_quo: 1.0}
actors:
  usa:
    stakes: &stake
      sanctions: {ideal: 0.5, salience: 1.0}
    moves:
      hold:
      relief: {cost: 0.1, effects: {sanctions: -0.5}}
  russia:
    stakes: *stake
    moves: [stay, deescalate]
outcomes:
  - {name: relief, when: "usa.relief"}
)";

Scenario WithSets(std::initializer_list<const char*> arguments) {
  LoadOptions options;
  for (const char* a : arguments) options.overrides.push_back(ParseOverride(a));
  return ParseScenario(kScenario, "s.yaml", options);
}

std::string SetError(std::initializer_list<const char*> arguments) {
  try {
    WithSets(arguments);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

std::string ParseError(const std::string& argument) {
  try {
    ParseOverride(argument);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for " << argument;
  return "";
}

TEST(Override, ParsesPathAndValueAtTheFirstEquals) {
  Override o = ParseOverride("outcomes.0.when=syria == 0.5");
  EXPECT_EQ(o.path, "outcomes.0.when");
  EXPECT_EQ(o.value, "syria == 0.5");
}

TEST(Override, MalformedArgumentsAreLocatedInsideTheArgument) {
  EXPECT_EQ(ParseError("actors.usa"), "<--set actors.usa>:1:11: error: expected PATH=VALUE, found "
                                      "no '='\n  hint: e.g. --set actors.usa.unpredictability=0.4");
  EXPECT_THAT(ParseError("=3"), testing::StartsWith("<--set =3>:1:1: error: empty PATH before '='"));
  EXPECT_EQ(ParseError("actors..usa=1"),
            "<--set actors..usa=1>:1:8: error: empty key in PATH (a dot at an end, or two dots "
            "in a row)");
  EXPECT_THAT(ParseError("a.=1"), testing::StartsWith("<--set a.=1>:1:3: error: empty key"));
}

TEST(Override, SetsANestedValue) {
  Scenario s = WithSets({"actors.usa.moves.relief.effects.sanctions=-0.25"});
  EXPECT_EQ(s.actors[0].moves[1].effects[0].delta, -0.25);
}

TEST(Override, CreatesAMissingFinalKey) {
  Scenario s = WithSets({"actors.usa.unpredictability=0.4", "actors.usa.moves.hold.cost=0.05"});
  EXPECT_EQ(s.actors[0].unpredictability, 0.4);
  EXPECT_EQ(s.actors[0].moves[0].cost, 0.05);  // `hold:` was empty
}

TEST(Override, NumericSegmentsIndexSequences) {
  Scenario s = WithSets({"outcomes.0.when=russia.concede", "actors.russia.moves.1=concede"});
  EXPECT_EQ(s.outcomes[0].when.text(), "russia.concede");
  EXPECT_EQ(s.actors[1].moves[1].id, "concede");
  // The outcome predicate was compiled against the overridden names: concede is move 1.
  EXPECT_EQ(s.outcomes[0].when.postfix()[0].move, 1);
}

TEST(Override, ChangesOnlyThePathNotOtherUsesOfAnAlias) {
  // usa and russia share their stakes through the alias *stake.
  Scenario s = WithSets({"actors.usa.stakes.sanctions.ideal=0.9"});
  EXPECT_EQ(s.actors[0].stakes[0].ideal, 0.9);
  EXPECT_EQ(s.actors[1].stakes[0].ideal, 0.5);
}

TEST(Override, LoadingTheSameTextAgainSeesNoEarlierOverride) {
  // A sweep parses its text once and loads it per point with other overrides (load.cc keeps
  // the parsed tree for 16 loads): no load may change what the next one reads, including
  // nodes reached through an alias, names, created keys and loads that fail.
  for (int i = 0; i < 40; ++i) {
    const std::string value = std::to_string(0.01 * i);
    const std::string ideal = "actors.usa.stakes.sanctions.ideal=" + value;
    const std::string move = "actors.russia.moves.1=move" + std::to_string(i);
    Scenario s = WithSets({ideal.c_str(), move.c_str(), "actors.usa.moves.hold.cost=0.05"});
    EXPECT_EQ(s.actors[0].stakes[0].ideal, std::stod(value));
    EXPECT_EQ(s.actors[1].moves[1].id, "move" + std::to_string(i));
    EXPECT_THAT(SetError({"actors.usa.unpredictability=2"}), ::testing::HasSubstr("must be in [0, 1]"));
    Scenario plain = WithSets({});
    EXPECT_EQ(plain.actors[0].stakes[0].ideal, 0.5);
    EXPECT_EQ(plain.actors[1].stakes[0].ideal, 0.5);
    EXPECT_EQ(plain.actors[1].moves[1].id, "deescalate");
    EXPECT_EQ(plain.actors[0].moves[0].cost, 0.0);
    EXPECT_EQ(plain.actors[0].unpredictability, 0.0);
  }
}

TEST(Override, LaterOverridesWin) {
  Scenario s = WithSets({"actors.usa.unpredictability=0.4", "actors.usa.unpredictability=0.6"});
  EXPECT_EQ(s.actors[0].unpredictability, 0.6);
}

TEST(Override, MissingIntermediateKeyListsTheKeysThere) {
  EXPECT_EQ(SetError({"actors.usa.move.hold.cost=1"}),
            "<--set actors.usa.move.hold.cost=1>:1:12: error: no key 'move' in 'actors.usa'\n"
            "  hint: did you mean 'moves'? keys there: stakes, moves");
}

TEST(Override, BadSequenceIndexAndWholeMapsAreRefused) {
  EXPECT_EQ(SetError({"outcomes.3.when=true"}),
            "<--set outcomes.3.when=true>:1:10: error: '3' is not an index of the list at "
            "'outcomes'\n  hint: indices run from 0 to 0");
  EXPECT_THAT(SetError({"actors.usa=1"}),
              testing::StartsWith("<--set actors.usa=1>:1:8: error: cannot set 'actors.usa': "
                                  "it is a map, and --set replaces single values only"));
  EXPECT_THAT(SetError({"actors.usa.moves.relief.cost.x=1"}),
              testing::StartsWith("<--set actors.usa.moves.relief.cost.x=1>:1:30: error: "
                                  "'actors.usa.moves.relief.cost' is '0.1', not a map"));
}

TEST(Override, BadValuesAreValidatedLikeFileValuesAndLocatedAtTheValue) {
  EXPECT_EQ(SetError({"actors.usa.unpredictability=2"}),
            "<--set actors.usa.unpredictability=2>:1:29: error: 'unpredictability' must be in "
            "[0, 1], got 2");
  EXPECT_EQ(SetError({"actors.usa.unpredictabilty=0.2"}),
            "<--set actors.usa.unpredictabilty=0.2>:1:12: error: unknown key 'unpredictabilty' "
            "in actor 'usa'\n  hint: did you mean 'unpredictability'? allowed keys: name, "
            "description, stakes, unpredictability, moves, terms, types, "
            "types_known_to, resolute");
  // Inside a predicate the column is exact: "usa.relif" starts at column 17 of the argument.
  EXPECT_EQ(SetError({"outcomes.0.when=usa.relif"}),
            "<--set outcomes.0.when=usa.relif>:1:17: error: unknown move 'usa.relif'\n"
            "  hint: did you mean 'usa.relief'? moves of usa: hold, relief");
}

TEST(Override, ErrorsOfFileAndOverridesAreReportedTogether) {
  LoadOptions options;
  options.overrides.push_back(ParseOverride("actors.usa.unpredictability=-1"));
  try {
    ParseScenario("actors:\n  usa: {moves: [a], colour: red}\n", "s.yaml", options);
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].location.ToString(), "<--set actors.usa.unpredictability=-1>:1:29");
    EXPECT_EQ(e.diagnostics()[1].location.ToString(), "s.yaml:2:21");
  }
}

}  // namespace
}  // namespace sim
