// SPDX-License-Identifier: MIT
// Hostile or odd input given as text: every case ends in a located InputError (or a correct
// result), never a crash or a hang.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/scenario/load.h"
#include "sim/scenario/scenario.h"

namespace sim {
namespace {

using ::testing::HasSubstr;

std::string ParseError(const std::string& text, const LoadOptions& options = {}) {
  try {
    ParseScenario(text, "t.yaml", options);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return "";
}

TEST(ScenarioLimits, HugeTextIsRefusedBeforeParsing) {
  std::string text = "title: x\n";
  text += "description: \"" + std::string(17 << 20, 'a') + "\"\n";
  EXPECT_THAT(ParseError(text), HasSubstr("t.yaml: error: the file is too large ("));
}

TEST(ScenarioLimits, NulByteIsLocated) {
  std::string text = "actors:\n  usa: {moves: [a";
  text += '\0';
  text += "]}\n";
  EXPECT_THAT(ParseError(text), HasSubstr("t.yaml:2:18: error: the file contains a NUL byte"));
}

TEST(ScenarioLimits, OverlongUtf8IsRefused) {
  // 0xC0 0xAF is an overlong encoding of '/', which UTF-8 forbids.
  EXPECT_THAT(ParseError("title: \"\xC0\xAF\"\nactors: {u: {moves: [a]}}\n"),
              HasSubstr("t.yaml:1:9: error: the file is not valid UTF-8 (byte 0xC0)"));
}

TEST(ScenarioLimits, ValidUtf8TextIsAccepted) {
  Scenario s = ParseScenario("title: \"Détente — 緩和\"\nactors: {u: {moves: [a]}}\n", "t.yaml");
  EXPECT_EQ(s.title, "Détente — 緩和");
}

TEST(ScenarioLimits, SeveralDocumentsAreRefused) {
  EXPECT_THAT(ParseError("actors: {u: {moves: [a]}}\n---\nactors: {v: {moves: [b]}}\n"),
              HasSubstr("t.yaml:2:1: error: the file holds more than one YAML document; a "
                        "scenario is one"));
}

TEST(ScenarioLimits, StrayTopLevelTokenIsASyntaxErrorNotAnEmptyFileOrAHang) {
  // yaml-cpp 0.7 neither consumes nor reports a leading ',': LoadAll loops forever on it and
  // Load returns an empty document, dropping the rest of the file.
  EXPECT_EQ(ParseError(", and so\nactors: {u: {moves: [a]}}\n"),
            "t.yaml:1:1: error: YAML syntax error: unexpected ','");
  EXPECT_EQ(ParseError("actors: {u: {moves: [a]}}\n...\n,\n"),
            "t.yaml:3:1: error: YAML syntax error: unexpected ','");
}

TEST(ScenarioLimits, TopLevelMustBeAMap) {
  EXPECT_THAT(ParseError("- actors\n- issues\n"),
              HasSubstr("t.yaml:1:1: error: expected a map of scenario keys at the top level, "
                        "got a sequence"));
}

TEST(ScenarioLimits, AliasCycleDoesNotHang) {
  // yaml-cpp builds a sequence that contains itself; the schema walk visits it once.
  EXPECT_THAT(ParseError("actors:\n  u:\n    moves: &m [a, *m]\n"),
              HasSubstr("t.yaml:3:12: error: expected text for 'move name', got a sequence"));
}

TEST(ScenarioLimits, DeepFlowNestingInsideAKnownKeyIsRefused) {
  std::string text = "actors: {u: {moves: " + std::string(100000, '[') + std::string(100000, ']') + "}}\n";
  EXPECT_THAT(ParseError(text), HasSubstr("error: the YAML nests deeper than 499 levels"));
}

TEST(ScenarioLimits, DeepBlockNestingIsRefused) {
  std::string text = "actors:\n  ";
  for (int i = 0; i < 5000; ++i) text += "- ";
  text += "x\n";
  EXPECT_THAT(ParseError(text), HasSubstr("error: the YAML nests deeper than 499 levels"));
}

TEST(ScenarioLimits, OverflowingProfileCountIsReportedWithoutOverflow) {
  // 40 actors x 10 moves = 10^40 profiles: far past int64; the count must not wrap.
  std::string text = "actors:\n";
  for (int a = 0; a < 40; ++a) {
    text += "  a" + std::to_string(a) + ": {moves: [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9]}\n";
  }
  EXPECT_THAT(ParseError(text),
              HasSubstr("t.yaml:1:1: error: the game has about 1e+40 move profiles (a0 10 x a1 10 "
                        "x a2 10 x a3 10 x a4 10 x a5 10 x a6 10 x a7 10 x ... moves), more than "
                        "the limit of 10000000"));
}

TEST(ScenarioLimits, LimitsKeyRaisesTheProfileLimit) {
  const std::string text =
      "limits: {max_profiles: 4}\nactors:\n  a: {moves: [x, y]}\n  b: {moves: [x, y, z]}\n";
  EXPECT_THAT(ParseError(text), HasSubstr("the game has 6 move profiles (a 2 x b 3 moves), more "
                                          "than the limit of 4"));
  Scenario s = ParseScenario(
      "limits: {max_profiles: 6}\nactors:\n  a: {moves: [x, y]}\n  b: {moves: [x, y, z]}\n",
      "t.yaml");
  EXPECT_EQ(s.limits.max_profiles, 6);
}

TEST(ScenarioLimits, MaxProfilesMustBeAPositiveWholeNumber) {
  EXPECT_THAT(ParseError("limits: {max_profiles: 2.5}\nactors: {u: {moves: [a]}}\n"),
              HasSubstr("t.yaml:1:24: error: 'max_profiles' must be a whole number, got 2.5"));
  EXPECT_THAT(ParseError("limits: {max_profiles: 0}\nactors: {u: {moves: [a]}}\n"),
              HasSubstr("t.yaml:1:24: error: 'max_profiles' must be in [1, 9007199254740992], got 0"));
}

TEST(ScenarioLimits, PredicateNestedTooDeeplyIsRefusedAtTheFirstExcessLevel) {
  // 64 levels are allowed (scenarios/README.md); 65 are refused, located just inside the 65th.
  const std::string when = std::string(70, '(').append("true").append(70, ')');
  EXPECT_THAT(ParseError("actors: {u: {moves: [a]}}\noutcomes:\n  - {name: x, when: \"" + when +
                         "\"}\n"),
              HasSubstr("t.yaml:3:87: error: predicate nests too deeply (more than 64 levels)"));
}

TEST(ScenarioLimits, PredicateErrorsAreLocatedInsideMultiLineScalars) {
  const std::string head = "actors: {u: {moves: [m]}}\noutcomes:\n";
  // A literal block: the text starts on the line after '|'.
  EXPECT_THAT(ParseError(head + "  - name: a\n    when: |\n      u.m and\n      u.mm\n"),
              HasSubstr("t.yaml:6:7: error: unknown move 'u.mm'"));
  // A plain scalar folded over two lines.
  EXPECT_THAT(ParseError(head + "  - name: a\n    when: u.m and\n      not u.x\n"),
              HasSubstr("t.yaml:5:11: error: unknown move 'u.x'"));
  // After an escape sequence the offset cannot be mapped: the scalar's start is used.
  EXPECT_THAT(ParseError(head + "  - {name: a, when: \"\\x75.m and u.x\"}\n"),
              HasSubstr("t.yaml:3:21: error: unknown move 'u.x'"));
}

TEST(ScenarioLimits, InvalidNamesAreRefusedBecausePredicatesCouldNotUseThem) {
  EXPECT_EQ(ParseError("actors:\n  u:\n    moves: [ease-sanctions]\n"),
            "t.yaml:3:13: error: invalid move name 'ease-sanctions'\n  hint: names use letters, "
            "digits and '_', do not start with a digit, and are not one of and, or, not, true, "
            "false");
}

TEST(ScenarioLimits, ReservedOutcomeNameIsRefused) {
  EXPECT_THAT(ParseError("actors: {u: {moves: [a]}}\noutcomes:\n  - {name: other, when: \"true\"}\n"),
              HasSubstr("t.yaml:3:12: error: the outcome name 'other' is reserved"));
}

TEST(ScenarioLimits, PayoffTableForbidsDerivedUtilityKeys) {
  EXPECT_THAT(ParseError("actors:\n  u:\n    moves: {a: {cost: 1}}\npayoffs:\n  a: [1]\n"),
              HasSubstr("t.yaml:3:17: error: 'cost' of move 'a' of actor 'u' has no use: the "
                        "payoff table gives the utilities"));
}

}  // namespace
}  // namespace sim
