// SPDX-License-Identifier: MIT
// What a valid scenario loads into: ids, numbers, defaults, effects, conditional effects,
// terms, outcome predicates and direct payoff tables.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <span>
#include <string>

#include "sim/scenario/load.h"

namespace sim {
namespace {

// Evaluates `p` at positions `x` after the simultaneous moves `moves`.
bool Eval(const Predicate& p, std::vector<double> x, std::vector<int> moves) {
  return p.Evaluate(std::span<const double>(x), std::span<const int>(moves));
}

std::string Good(const std::string& name) {
  // append() rather than operator+: GCC 12 reports a false -Warray-bounds on the latter.
  return std::string(SIM_SOURCE_DIR).append("/tests/data/good/").append(name);
}

TEST(ScenarioLoader, ReadsIssuesActorsAndMovesInFileOrder) {
  const Scenario s = LoadScenario(Good("small_bargain.yaml"));
  EXPECT_EQ(s.id, "small_bargain");
  EXPECT_EQ(s.title, "Small bargain");
  EXPECT_THAT(s.description, testing::StartsWith("Sanctions relief against de-escalation"));
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(s.issues[0].id, "sanctions");
  EXPECT_EQ(s.issues[0].low, "lifted");
  EXPECT_EQ(s.issues[0].status_quo, 1.0);
  EXPECT_EQ(s.issues[1].status_quo, 0.5);
  EXPECT_EQ(s.issues[1].location.line, 10);
  ASSERT_EQ(s.actors.size(), 2u);
  const Actor& usa = s.actors[0];
  EXPECT_EQ(usa.id, "usa");
  EXPECT_EQ(usa.name, "United States");
  EXPECT_EQ(s.actors[1].name, "russia");  // the name defaults to the id
  EXPECT_EQ(usa.unpredictability, 0.2);
  EXPECT_EQ(s.actors[1].unpredictability, 0.0);
  EXPECT_EQ(usa.stakes[1].ideal, 0.0);
  EXPECT_EQ(usa.stakes[1].salience, 2.0);
  ASSERT_EQ(usa.moves.size(), 2u);
  EXPECT_EQ(usa.moves[0].id, "hold");  // `hold:` with no spec: no cost, no effects
  EXPECT_EQ(usa.moves[0].cost, 0.0);
  EXPECT_TRUE(usa.moves[0].effects.empty());
  const Move& relief = usa.moves[1];
  EXPECT_EQ(relief.description, "ease sanctions");
  EXPECT_EQ(relief.cost, 0.1);
  ASSERT_EQ(relief.effects.size(), 1u);
  EXPECT_EQ(relief.effects[0].issue, 0);
  EXPECT_EQ(relief.effects[0].delta, -0.5);
  EXPECT_EQ(s.FindActor("russia"), 1);
  EXPECT_EQ(s.FindIssue("syria"), 1);
  EXPECT_FALSE(s.payoff_table.has_value());
}

TEST(ScenarioLoader, MissingStakeMeansSalienceZero) {
  const Scenario s = ParseScenario(
      "issues: {a: {status_quo: 0}, b: {status_quo: 1}}\n"
      "actors: {u: {stakes: {b: {ideal: 0.25, salience: 3}}, moves: [m]}}\n",
      "dir/stem.yaml");
  EXPECT_EQ(s.id, "stem");  // the id defaults to the file stem
  ASSERT_EQ(s.actors[0].stakes.size(), 2u);
  EXPECT_EQ(s.actors[0].stakes[0].salience, 0.0);
  EXPECT_EQ(s.actors[0].stakes[1].ideal, 0.25);
  EXPECT_EQ(s.actors[0].stakes[1].salience, 3.0);
}

TEST(ScenarioLoader, ConditionalEffectHoldsOnlyWithTheOtherMove) {
  const Scenario s = LoadScenario(Good("small_bargain.yaml"));
  const Move& relief = s.actors[0].moves[1];
  ASSERT_EQ(relief.conditional_effects.size(), 1u);
  const ConditionalEffect& c = relief.conditional_effects[0];
  EXPECT_EQ(c.condition.text(), "russia.deescalate");
  ASSERT_EQ(c.effects.size(), 1u);
  EXPECT_EQ(c.effects[0].issue, 1);
  EXPECT_EQ(c.effects[0].delta, -0.25);
  EXPECT_TRUE(Eval(c.condition, {1.0, 0.5}, {1, 1}));
  EXPECT_FALSE(Eval(c.condition, {1.0, 0.5}, {1, 0}));
}

TEST(ScenarioLoader, TermsAndOutcomePredicatesAreCompiled) {
  const Scenario s = LoadScenario(Good("small_bargain.yaml"));
  const Actor& russia = s.actors[1];
  ASSERT_EQ(russia.terms.size(), 1u);
  EXPECT_EQ(russia.terms[0].name, "audience_cost");
  EXPECT_EQ(russia.terms[0].value, -0.2);
  // "russia.deescalate and sanctions > 0.75"
  EXPECT_TRUE(Eval(russia.terms[0].when, {1.0, 0.0}, {0, 1}));
  EXPECT_FALSE(Eval(russia.terms[0].when, {0.5, 0.0}, {0, 1}));
  ASSERT_EQ(s.outcomes.size(), 2u);
  EXPECT_EQ(s.outcomes[0].name, "deal");
  EXPECT_EQ(s.outcomes[0].description, "relief for de-escalation");
  // "sanctions < 1 and syria < 0.5"
  EXPECT_TRUE(Eval(s.outcomes[0].when, {0.5, 0.25}, {1, 1}));
  EXPECT_FALSE(Eval(s.outcomes[0].when, {1.0, 0.25}, {1, 1}));
  // "usa.relief or russia.deescalate"
  EXPECT_TRUE(Eval(s.outcomes[1].when, {1.0, 0.5}, {0, 1}));
  EXPECT_FALSE(Eval(s.outcomes[1].when, {1.0, 0.5}, {0, 0}));
}

TEST(ScenarioLoader, PayoffTableIsStoredInGameProfileOrder) {
  // Keys may separate moves by commas or spaces; profiles are numbered with the first
  // actor's move changing fastest.
  const Scenario s = ParseScenario(
      "actors:\n  row: {moves: [up, down]}\n  col: {moves: [left, mid, right]}\n"
      "payoffs:\n"
      "  up left: [1, 2]\n  down, left: [3, 4]\n  up, mid: [5, 6]\n"
      "  down, mid: [7, 8]\n  up, right: [9, 10]\n  down,right: [11, 12]\n",
      "t.yaml");
  ASSERT_TRUE(s.payoff_table.has_value());
  const auto& p = s.payoff_table->payoffs;
  ASSERT_EQ(p.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(p[i], (std::vector<double>{2.0 * i + 1, 2.0 * i + 2})) << "profile " << i;
  }
}

TEST(ScenarioLoader, EveryClassicGameLoadsWithNamedOutcomes) {
  for (const char* game : {"prisoners_dilemma", "battle_of_the_sexes", "chicken",
                           "matching_pennies", "stag_hunt"}) {
    SCOPED_TRACE(game);
    const Scenario s =
        LoadScenario(std::string(SIM_SOURCE_DIR "/scenarios/classic/") + game + ".yaml");
    EXPECT_EQ(s.id, game);
    EXPECT_EQ(s.actors.size(), 2u);
    ASSERT_TRUE(s.payoff_table.has_value());
    EXPECT_EQ(s.payoff_table->payoffs.size(), 4u);
    EXPECT_FALSE(s.outcomes.empty());
  }
}

TEST(ScenarioLoader, QuotedNumbersAndSignsAreNumbers) {
  const Scenario s = ParseScenario(
      "issues: {a: {status_quo: '0.5'}}\n"
      "actors: {u: {moves: {m: {cost: +2.5e-1, effects: {a: -.25}}}}}\n",
      "t.yaml");
  EXPECT_EQ(s.issues[0].status_quo, 0.5);
  EXPECT_EQ(s.actors[0].moves[0].cost, 0.25);
  EXPECT_EQ(s.actors[0].moves[0].effects[0].delta, -0.25);
}

}  // namespace
}  // namespace sim
