// SPDX-License-Identifier: MIT
// The `resolute` unpredictability model (issue #15 item 3): with prior u the actor is,
// privately, a type with the preferences of its `resolute:` block, and that type plays its own
// best replies. Its two faces, each on a small game whose threshold is derived by hand in the
// file's header (tests/data/good/resolute_*.yaml):
//   leverage: Russia probes iff u < 1/1.6 = 0.625, so restraint rises with u;
//   liability: Russia de-escalates for promised relief iff u < 0.6, so the détente falls with u.
// Below the threshold the resolute type shows itself on the path with probability u (a clash,
// an unrequited de-escalation); above it Russia does not act and the type never matters.
#include "sim/montecarlo/run_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "sim/core/error.h"
#include "sim/core/rational.h"
#include "sim/model/build_tree.h"
#include "sim/montecarlo/stats.h"
#include "sim/scenario/load.h"

namespace sim::montecarlo {
namespace {

using ::testing::HasSubstr;

const std::string kData = std::string(SIM_SOURCE_DIR) + "/tests/data/good/";

Scenario Load(const std::string& file, const std::vector<Override>& overrides = {}) {
  LoadOptions options;
  options.overrides = overrides;
  return LoadScenario(kData + file, options);
}

Override Set(const std::string& path, const std::string& value) {
  Override o;
  o.path = path;
  o.value = value;
  return o;
}

// The Wilson interval at 99.9% of an outcome contains `expected`.
void ExpectShare(const MonteCarloResult& r, const std::string& outcome, double expected,
                 const std::string& where) {
  const auto it = std::find(r.outcome_names.begin(), r.outcome_names.end(), outcome);
  ASSERT_NE(it, r.outcome_names.end()) << outcome;
  const Interval ci = WilsonInterval(r.outcome_counts[it - r.outcome_names.begin()], r.draws, 3.2905);
  EXPECT_LE(ci.low, expected) << outcome << " " << where;
  EXPECT_GE(ci.high, expected) << outcome << " " << where;
}

MonteCarloResult Simulate(const Scenario& s, int64_t draws = 20'000) {
  MonteCarloOptions options;
  options.draws = draws;
  options.seed = 7;
  return RunTreeMonteCarlo(s, options);
}

TEST(ResoluteModel, LeverageRussiaProbesOnlyBelowTheClosedFormThreshold) {
  for (double u : {0.0, 0.2, 0.5, 0.6, 0.65, 0.9, 1.0}) {
    const std::string at = "u=" + std::to_string(u);
    const Scenario s = Load("resolute_leverage.yaml", {Set("actors.usa.unpredictability", std::to_string(u))});
    ASSERT_TRUE(NeedsTreeMonteCarlo(s));
    const MonteCarloResult r = Simulate(s);
    ASSERT_EQ(r.solved, r.draws) << at;
    const bool probes = u < 1 / 1.6;
    ExpectShare(r, "probe_accepted", probes ? 1 - u : 0, at);
    ExpectShare(r, "clash", probes ? u : 0, at);
    ExpectShare(r, "restraint", probes ? 0 : 1, at);
  }
}

TEST(ResoluteModel, LiabilityRussiaStopsBelievingPromisedReliefAboveTheClosedFormThreshold) {
  for (double u : {0.0, 0.2, 0.5, 0.55, 0.65, 0.9, 1.0}) {
    const std::string at = "u=" + std::to_string(u);
    const Scenario s = Load("resolute_liability.yaml", {Set("actors.usa.unpredictability", std::to_string(u))});
    const MonteCarloResult r = Simulate(s);
    ASSERT_EQ(r.solved, r.draws) << at;
    const bool deescalates = u < 0.6;
    ExpectShare(r, "detente", deescalates ? 1 - u : 0, at);
    ExpectShare(r, "unrequited", deescalates ? u : 0, at);
    ExpectShare(r, "standoff", deescalates ? 0 : 1, at);
  }
}

// With u drawn from uniform[0, 1] in every draw, the shares are the integrals of the pieces
// above: leverage P(probe accepted) = int_0^0.625 (1 - u) du = 0.4296875, P(clash) =
// 0.625^2 / 2 = 0.1953125, P(restraint) = 0.375; liability P(détente) = 0.6 - 0.18 = 0.42,
// P(unrequited) = 0.18, P(standoff) = 0.4. Each draw's prior is a new chance probability, so
// no draw may reuse the previous draw's tree.
TEST(ResoluteModel, SampledUnpredictabilityGivesTheIntegratedClosedForm) {
  auto sampled = [](const std::string& file) {
    std::ifstream in(kData + file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string base = "unpredictability: 0.5";
    text.replace(text.find(base), base.size(), "unpredictability: {uniform: [0, 1]}");
    return ParseScenario(text, file);
  };
  const MonteCarloResult leverage = Simulate(sampled("resolute_leverage.yaml"), 1'500);
  ExpectShare(leverage, "probe_accepted", 0.4296875, "leverage");
  ExpectShare(leverage, "clash", 0.1953125, "leverage");
  ExpectShare(leverage, "restraint", 0.375, "leverage");
  const MonteCarloResult liability = Simulate(sampled("resolute_liability.yaml"), 1'500);
  ExpectShare(liability, "detente", 0.42, "liability");
  ExpectShare(liability, "unrequited", 0.18, "liability");
  ExpectShare(liability, "standoff", 0.4, "liability");
}

// The transform itself: two types with exact priors summing to 1, the resolute type's stakes
// over the actor's own; u = 1 makes the resolute preferences common knowledge.
TEST(ResoluteModel, TransformGivesTwoTypesWithExactPriors) {
  const Scenario s = Load("resolute_leverage.yaml");
  const int usa = s.FindActor("usa");
  std::vector<double> u(s.actors.size(), 0.0);
  u[usa] = 0.3;
  const Scenario typed = model::WithResoluteTypes(s, u);
  ASSERT_EQ(typed.actors[usa].types.size(), 2u);
  EXPECT_EQ(typed.actors[usa].types[0].id, "normal");
  EXPECT_EQ(typed.actors[usa].types[1].id, "resolute");
  const Rational sum = *ParseRational(typed.actors[usa].types[0].prior) +
                       *ParseRational(typed.actors[usa].types[1].prior);
  EXPECT_EQ(sum, Rational(1));
  EXPECT_EQ(*ParseRational(typed.actors[usa].types[1].prior), RationalFromDouble(0.3));
  u[usa] = 1.0;
  const Scenario sure = model::WithResoluteTypes(s, u);
  EXPECT_TRUE(sure.actors[usa].types.empty());
  EXPECT_EQ(sure.actors[usa].stakes[s.FindIssue("border")].salience, 1.0);
}

// Each way of getting the model wrong is refused at load, located.
TEST(ResoluteModel, InconsistentDeclarationsAreRefusedWithLocatedErrors) {
  std::ifstream in(kData + std::string("resolute_leverage.yaml"));
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto error_of = [&](const std::string& from, const std::string& to) -> std::string {
    std::string text = good;
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    try {
      ParseScenario(text, "bad.yaml");
    } catch (const InputError& e) {
      EXPECT_GT(e.diagnostics().front().location.line, 0);
      return e.diagnostics().front().message;
    }
    return "(accepted)";
  };
  EXPECT_THAT(error_of("models: {usa: resolute}", "models: {usa: tremble}"),
              HasSubstr("'resolute' of actor 'usa' has no use"));
  EXPECT_THAT(error_of("models: {usa: resolute}", "models: {usa: resolute, russia: resolute}"),
              HasSubstr("needs its resolute preferences"));
  EXPECT_THAT(error_of("      claims: [D2.4]\n", ""), HasSubstr("'claims'"));
  EXPECT_THAT(error_of("      claims: [D2.4]", "      claims: []"), HasSubstr("non-empty list"));
  EXPECT_THAT(error_of("      stakes:\n        border: {salience: 1}\n", ""), HasSubstr("changes nothing"));
  EXPECT_THAT(error_of("    resolute:\n", "    types:\n      a: {prior: 1/2}\n      b: {prior: 1/2}\n    resolute:\n"),
              HasSubstr("has 'types' and the resolute model"));
}

}  // namespace
}  // namespace sim::montecarlo
