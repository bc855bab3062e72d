// SPDX-License-Identifier: MIT
// Uncertain numbers in scenario files: inline distributions, the montecarlo block, and the
// located errors for bad ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/montecarlo/run.h"
#include "sim/scenario/load.h"

namespace sim {
namespace {

using ::testing::HasSubstr;

// A two-actor bargain; {STAKE} and {BLOCK} are replaced by the test.
std::string Bargain(const std::string& usa_salience, const std::string& block = "") {
  return R"(scenario: t
issues:
  sanctions: {status_quo: 1.0}
actors:
  usa:
    unpredictability: 0.2
    stakes:
      sanctions: {ideal: 0.5, salience: )" +
         usa_salience + R"(}
    moves:
      hold: {}
      relief:
        cost: 0.1
        effects: {sanctions: -0.5}
  russia:
    stakes:
      sanctions: {ideal: 0.0, salience: 1.0}
    moves:
      stay: {}
      deescalate: {cost: 0.05}
outcomes:
  - {name: relief, when: "sanctions < 1"}
)" + block;
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseScenario(text, "t.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(UncertainNumbers, InlineDistributionIsRecordedWithItsPathAndMeanAsBase) {
  const Scenario s = ParseScenario(Bargain("{uniform: [0.2, 0.4]}"), "t.yaml");
  ASSERT_EQ(s.uncertain.size(), 1u);
  EXPECT_EQ(s.uncertain[0].path, "actors.usa.stakes.sanctions.salience");
  EXPECT_EQ(s.uncertain[0].distribution.kind, Distribution::Kind::kUniform);
  EXPECT_EQ(s.uncertain[0].location.ToString(), "t.yaml:8:41");
  EXPECT_DOUBLE_EQ(s.actors[0].stakes[0].salience, 0.30000000000000004);  // (0.2 + 0.4) / 2
  EXPECT_FALSE(s.montecarlo.present);
}

TEST(UncertainNumbers, EveryKindIsAcceptedInline) {
  for (const char* d :
       {"{normal: [0.5, 0.1], clamp: [0, 1]}", "{beta: [2, 5]}", "{triangular: [0, 0.3, 1]}",
        "{choice: [0.2, 0.5], weights: [1, 3]}"}) {
    const Scenario s = ParseScenario(Bargain(d), "t.yaml");
    ASSERT_EQ(s.uncertain.size(), 1u) << d;
  }
}

TEST(UncertainNumbers, MonteCarloBlockSetsDrawsSeedSelectModelsAndVary) {
  const Scenario s = ParseScenario(Bargain("0.3", R"(montecarlo:
  draws: 500
  seed: 42
  select: payoff-dominant
  model: tremble
  models: {russia: preference_noise}
  vary:
    actors.usa.unpredictability: {beta: [2, 5]}
    actors.usa.moves.relief.effects.sanctions: {uniform: [-0.6, -0.4]}
)"),
                                  "t.yaml");
  EXPECT_TRUE(s.montecarlo.present);
  EXPECT_EQ(s.montecarlo.draws, 500);
  EXPECT_EQ(s.montecarlo.seed, 42u);
  EXPECT_EQ(s.montecarlo.select, SelectRule::kPayoffDominant);
  ASSERT_EQ(s.montecarlo.models.size(), 1u);
  EXPECT_EQ(s.montecarlo.models[0].second, UnpredictabilityModel::kPreferenceNoise);
  ASSERT_EQ(s.uncertain.size(), 2u);
  EXPECT_EQ(s.uncertain[1].path, "actors.usa.moves.relief.effects.sanctions");
  // The file's value stays the base for numbers varied by path.
  EXPECT_DOUBLE_EQ(s.actors[0].unpredictability, 0.2);
}

TEST(UncertainNumbers, BadParametersAreLocatedAtTheDistribution) {
  EXPECT_THAT(ErrorOf(Bargain("{uniform: [0.4, 0.2]}")),
              HasSubstr("t.yaml:8:41: error: bad distribution for "
                        "'actors.usa.stakes.sanctions.salience': uniform needs lo < hi, got "
                        "[0.4, 0.2]"));
  EXPECT_THAT(ErrorOf(Bargain("{beta: [2, x]}")), HasSubstr("t.yaml:8:52: error: expected a number"));
  EXPECT_THAT(ErrorOf(Bargain("{normal: [0.5, 0.1], clmap: [0, 1]}")),
              HasSubstr("unknown key 'clmap'"));
}

TEST(UncertainNumbers, SupportOutsideTheNumbersRangeIsRejected) {
  // A salience must stay >= 0; an unclamped normal can go negative.
  EXPECT_THAT(ErrorOf(Bargain("{normal: [0.5, 0.1]}")),
              HasSubstr("t.yaml:8:41: error: 'actors.usa.stakes.sanctions.salience' must stay "
                        ">= 0 but normal(0.5, 0.1) can draw values outside it"));
  EXPECT_THAT(ErrorOf(Bargain("0.3", "montecarlo:\n  vary:\n    actors.usa.unpredictability: "
                                     "{uniform: [0.5, 1.5]}\n")),
              HasSubstr("t.yaml:24:34: error: 'actors.usa.unpredictability' must stay in [0, 1]"));
}

TEST(UncertainNumbers, UnknownPathsAndModelsAreRejectedWithHints) {
  const std::string e = ErrorOf(Bargain("0.3", "montecarlo:\n  vary:\n    actors.usa.stakes.sanction.ideal: "
                                               "{uniform: [0, 1]}\n"));
  EXPECT_THAT(e, HasSubstr("t.yaml:24:39: error: cannot vary 'actors.usa.stakes.sanction.ideal': "
                           "unknown issue 'sanction'"));
  EXPECT_THAT(e, HasSubstr("did you mean 'sanctions'?"));
  EXPECT_THAT(ErrorOf(Bargain("0.3", "montecarlo:\n  model: trembel\n")),
              HasSubstr("t.yaml:23:10: error: unknown unpredictability model 'trembel'"));
  EXPECT_THAT(ErrorOf(Bargain("0.3", "montecarlo:\n  select: best\n")),
              HasSubstr("unknown selection rule 'best'"));
  EXPECT_THAT(ErrorOf(Bargain("0.3", "montecarlo:\n  draws: 0\n")),
              HasSubstr("t.yaml:23:10: error: 'draws' must be in [1, "));
}

TEST(UncertainNumbers, LoadedScenarioRunsAndVariesTheGame) {
  Scenario s = ParseScenario(Bargain("{uniform: [0.0, 2.0]}"), "t.yaml");
  montecarlo::MonteCarloOptions options;
  options.draws = 2000;
  const montecarlo::MonteCarloResult r = montecarlo::RunMonteCarlo(s, options);
  EXPECT_EQ(r.draws, 2000);
  EXPECT_EQ(r.games_solved, 2000);
  EXPECT_EQ(r.sampled[0], "actors.usa.stakes.sanctions.salience");
}

}  // namespace
}  // namespace sim
