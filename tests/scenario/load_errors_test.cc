// SPDX-License-Identifier: MIT
// One test per class of bad input: each loads a file from tests/data/bad/ (the CLI tests
// reuse them) and asserts the exact compiler-style diagnostics.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/load.h"

namespace sim {
namespace {

std::string Bad(const std::string& name) { return std::string(SIM_SOURCE_DIR "/tests/data/bad/") + name; }

// what() of the InputError that loading `path` throws ("" and a test failure if none).
std::string LoadError(const std::string& path, const LoadOptions& options = {}) {
  try {
    LoadScenario(path, options);
  } catch (const InputError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception: " << e.what();
    return "";
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

TEST(ScenarioErrors, SyntaxErrorReportsYamlMarkOneBased) {
  const std::string f = Bad("syntax_error.yaml");
  EXPECT_EQ(LoadError(f), f + ":4:3: error: YAML syntax error: end of map flow not found");
}

TEST(ScenarioErrors, UnknownKeyNamesNearestAndAllowedKeys) {
  const std::string f = Bad("unknown_key.yaml");
  EXPECT_EQ(LoadError(f), f + ":5:5: error: unknown key 'unpredictabilty' in actor 'usa'\n"
                              "  hint: did you mean 'unpredictability'? allowed keys: name, "
                              "description, stakes, unpredictability, moves, terms, types, "
                              "types_known_to, resolute");
}

TEST(ScenarioErrors, UnknownTopLevelKeyIsReportedAtItsOwnLine) {
  const std::string f = Bad("unknown_top_level_key.yaml");
  EXPECT_EQ(LoadError(f), f + ":5:1: error: unknown key 'outcome' in the scenario\n"
                              "  hint: did you mean 'outcomes'? allowed keys: scenario, title, "
                              "description, limits, issues, actors, outcomes, payoffs, montecarlo, "
                              "stages, tree");
}

TEST(ScenarioErrors, DuplicateKeyPointsAtBothOccurrences) {
  const std::string f = Bad("duplicate_key.yaml");
  EXPECT_EQ(LoadError(f), f + ":9:5: error: duplicate key 'stakes' (first at 6:5)");
}

TEST(ScenarioErrors, WrongTypeSaysWhatWasExpectedAndFound) {
  const std::string f = Bad("wrong_type.yaml");
  EXPECT_EQ(LoadError(f), f + ":7:41: error: expected a number for 'salience', got a sequence");
}

TEST(ScenarioErrors, OutOfRangeNumbersAreAllReported) {
  const std::string f = Bad("out_of_range.yaml");
  EXPECT_EQ(LoadError(f), f + ":3:27: error: 'status_quo' must be in [0, 1], got 1.5\n" +
                              f + ":7:41: error: 'salience' must be >= 0, got -1\n" +
                              f + ":8:23: error: 'unpredictability' must be in [0, 1], got 2");
}

TEST(ScenarioErrors, NanInfinityAndOverflowingNumbersAreRefused) {
  const std::string f = Bad("nan_inf.yaml");
  EXPECT_EQ(LoadError(f),
            f + ":3:27: error: 'status_quo' must be a finite number, got '.nan'\n" +
            f + ":7:41: error: 'salience' must be a finite number, got '.inf'\n" +
            f + ":9:20: error: 'cost' is out of range: 1e400 cannot be represented as a finite double");
}

TEST(ScenarioErrors, TextWhereANumberBelongsIsQuoted) {
  const std::string f = Bad("not_a_number.yaml");
  EXPECT_EQ(LoadError(f), f + ":4:23: error: expected a number for 'unpredictability', got 'high'");
}

TEST(ScenarioErrors, EmptyFileIsReportedAtItsStart) {
  const std::string f = Bad("empty.yaml");
  EXPECT_EQ(LoadError(f), f + ":1:1: error: the file is empty\n  hint: a scenario is a YAML map "
                              "with at least 'actors'; see scenarios/README.md");
}

TEST(ScenarioErrors, MissingFileNamesThePath) {
  const std::string f = Bad("no_such_file.yaml");
  EXPECT_EQ(LoadError(f), f + ": error: no such file\n  hint: check the path; scenarios are .yaml files");
}

TEST(ScenarioErrors, DirectoryIsNotAScenario) {
  const std::string f = std::string(SIM_SOURCE_DIR "/tests/data/bad");
  EXPECT_EQ(LoadError(f), f + ": error: is a directory, not a scenario file\n"
                              "  hint: give a .yaml file, e.g. scenarios/detente.yaml");
}

TEST(ScenarioErrors, OversizeGameNamesTheCountAndHowToRaiseTheLimit) {
  const std::string f = Bad("oversize_game.yaml");
  EXPECT_EQ(LoadError(f),
            f + ":2:1: error: the game has 27000000 move profiles (a 300 x b 300 x c 300 moves), "
                "more than the limit of 10000000\n  hint: a larger limit needs about profiles x "
                "(actors + issues) x 8 bytes of memory; raise it with 'limits: {max_profiles: N}' "
                "in the scenario, or give actors fewer moves");
}

TEST(ScenarioErrors, ProfileLimitCanBeRaisedByTheCaller) {
  LoadOptions options;
  options.max_profiles = 27'000'000;
  EXPECT_NO_THROW(LoadScenario(Bad("oversize_game.yaml"), options));
  options.max_profiles = 1000;
  EXPECT_THAT(LoadError(Bad("oversize_game.yaml"), options),
              testing::HasSubstr("more than the limit of 1000\n"));
}

TEST(ScenarioErrors, UnknownReferencesSuggestTheNearestName) {
  const std::string f = Bad("unknown_reference.yaml");
  EXPECT_EQ(LoadError(f),
            f + ":7:7: error: unknown issue 'sanction' in stakes of actor 'usa'\n"
                "  hint: did you mean 'sanctions'? issues: sanctions\n" +
            f + ":9:43: error: unknown issue 'syria' in effects of move 'relief' of actor 'usa'\n"
                "  hint: issues: sanctions\n" +
            f + ":11:25: error: unknown actor 'rusia'\n  hint: did you mean 'usa'? actors: usa");
}

TEST(ScenarioErrors, BadPredicatePointsAtTheColumnInsideTheScalar) {
  const std::string f = Bad("bad_predicate.yaml");
  // Line 8: the quoted scalar starts at column 23; "russia..." is 15 characters into it.
  EXPECT_EQ(LoadError(f),
            f + ":8:40: error: unknown move 'russia.deescalate'\n"
                "  hint: did you mean 'russia.deescalate_syria'? moves of russia: stay, deescalate_syria\n" +
            f + ":10:40: error: the predicate ends where a condition should follow");
}

TEST(ScenarioErrors, ConditionalEffectsMayTestMovesOnly) {
  const std::string f = Bad("conditional_on_position.yaml");
  EXPECT_EQ(LoadError(f),
            f + ":9:21: error: conditions of conditional effects may test moves only, not issue "
                "'syria'\n  hint: effects would otherwise depend on each other; test the moves "
                "that cause the change");
}

TEST(ScenarioErrors, SeveralErrorsAreReportedTogetherInFileOrder) {
  const std::string f = Bad("several_errors.yaml");
  EXPECT_EQ(LoadError(f),
            f + ":3:27: error: 'status_quo' must be in [0, 1], got 2\n" +
            f + ":7:5: error: unknown key 'colour' in actor 'usa'\n"
                "  hint: allowed keys: name, description, stakes, unpredictability, moves, terms, types,"
                              " types_known_to, resolute\n" +
            f + ":9:5: error: actor 'russia' has no moves\n"
                "  hint: every actor needs at least one move\n" +
            f + ":11:25: error: unknown move 'usa.fold'\n"
                "  hint: did you mean 'usa.hold'? moves of usa: hold");
}

TEST(ScenarioErrors, MissingKeysAreReportedAtTheKeyOfTheirMap) {
  const std::string f = Bad("missing_key.yaml");
  EXPECT_EQ(LoadError(f), f + ":3:3: error: issue 'sanctions' has no 'status_quo'\n" +
                              f + ":7:7: error: stake of actor 'usa' in 'sanctions' has no 'salience'");
}

TEST(ScenarioErrors, ScenarioWithoutActorsIsRefused) {
  const std::string f = Bad("no_actors.yaml");
  EXPECT_EQ(LoadError(f), f + ":1:1: error: the scenario has no 'actors'");
}

TEST(ScenarioErrors, ActorWithoutMovesIsRefused) {
  const std::string f = Bad("actor_without_moves.yaml");
  EXPECT_EQ(LoadError(f), f + ":5:5: error: actor 'usa' has no moves\n"
                              "  hint: every actor needs at least one move");
}

TEST(ScenarioErrors, PayoffTableUnknownMoveDuplicateAndWrongCount) {
  const std::string f = Bad("payoff_table.yaml");
  EXPECT_EQ(LoadError(f),
            f + ":8:7: error: unknown move 'rihgt' of actor 'column' in payoff profile 'up, rihgt'\n"
                "  hint: did you mean 'right'? moves of column: left, right\n" +
            f + ":9:3: error: duplicate profile 'up,left' (first at 7:3)\n" +
            f + ":10:15: error: expected a list of 2 payoffs for profile 'down, left', got a "
                "list of 3\n  hint: one payoff per actor, in actor order: row, column");
}

TEST(ScenarioErrors, PayoffTableMustListEveryProfile) {
  const std::string f = Bad("payoff_missing_profile.yaml");
  EXPECT_EQ(LoadError(f), f + ":5:1: error: the payoff table lacks 1 of 4 profiles: 'down, right'\n"
                              "  hint: every profile of moves must appear exactly once");
}

TEST(ScenarioErrors, AliasBombIsRefusedQuickly) {
  const std::string f = Bad("alias_bomb.yaml");
  EXPECT_THAT(LoadError(f), testing::MatchesRegex(
                                ".*alias_bomb.yaml:[0-9]+:[0-9]+: error: the scenario is too "
                                "large to check: it expands to more than [0-9]+ YAML nodes\n.*"));
}

TEST(ScenarioErrors, DeepNestingIsRefusedWithALocation) {
  const std::string f = Bad("deep_nesting.yaml");
  EXPECT_EQ(LoadError(f), f + ":2:1209: error: the YAML nests deeper than 499 levels\n"
                              "  hint: a scenario needs only a few levels of nesting");
}

TEST(ScenarioErrors, NonUtf8ByteIsLocated) {
  const std::string f = Bad("non_utf8.yaml");
  EXPECT_EQ(LoadError(f), f + ":4:15: error: the file is not valid UTF-8 (byte 0xE9)\n"
                              "  hint: save the file as UTF-8");
}

}  // namespace
}  // namespace sim
