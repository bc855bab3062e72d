// SPDX-License-Identifier: MIT
// The Monte Carlo of game trees (montecarlo/run_tree.h) on small sequential scenarios written
// here, against outcome frequencies derived by hand (issue #5's tremble model: "with
// probability u the move is uniformly random, and every player anticipates it").
#include "sim/montecarlo/run_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/montecarlo/stats.h"
#include "sim/scenario/load.h"

namespace sim::montecarlo {
namespace {

using ::testing::HasSubstr;

// Entry deterrence in two stages (Selten 1978), payoffs (entrant, incumbent); the incumbent
// moves after either entry decision (stages always reach it) and sees it:
//   out, fight: (1, 3)   out, accommodate: (1, 2)   in, fight: (-1, -1)   in, accommodate: (2, 1)
// The incumbent (tremble v) intends fight after out (3 > 2) and accommodate after in
// (1 > -1). The entrant (tremble u) anticipates the incumbent's trembles:
//   V(out) = (1 - v) 1 + v (1 + 1)/2 = 1,   V(in) = (1 - v) 2 + v (2 - 1)/2 = 2 - 1.5 v,
// so it intends in iff v < 2/3. It plays in with probability 1 - u/2 (intending in) or u/2
// (intending out); the incumbent plays accommodate after in with probability 1 - v/2. So
//   P(entry = in and accommodate) = (1 - u/2)(1 - v/2)   for v < 2/3,
//                                 = (u/2)(1 - v/2)       for v > 2/3.
constexpr const char* kEntry = R"(scenario: entry
actors:
  entrant: {moves: [out, in], unpredictability: %U}
  incumbent: {moves: [fight, accommodate], unpredictability: %V}
payoffs:
  out, fight: [1, 3]
  out, accommodate: [1, 2]
  in, fight: [-1, -1]
  in, accommodate: [2, 1]
stages:
  - actor: entrant
  - actor: incumbent
outcomes:
  - {name: entry, when: "entrant.in and incumbent.accommodate"}
  - {name: war, when: "entrant.in and incumbent.fight"}
%MC)";

Scenario EntryScenario(double u, double v, const std::string& montecarlo = "") {
  std::string text = kEntry;
  auto put = [&](const std::string& key, const std::string& value) {
    text.replace(text.find(key), key.size(), value);
  };
  put("%U", std::to_string(u));
  put("%V", std::to_string(v));
  put("%MC", montecarlo);
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("sim_run_tree_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << text;
  Scenario s = LoadScenario(path.string());
  std::filesystem::remove(path);
  return s;
}

int Index(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
}

TEST(RunTreeMonteCarlo, TwoStageEntryUnderTrembleMatchesTheClosedForm) {
  for (const auto& [u, v] : std::vector<std::pair<double, double>>{
           {0.0, 0.0}, {0.3, 0.4}, {0.6, 0.2}, {0.3, 0.8}, {0.9, 0.9}}) {
    const Scenario s = EntryScenario(u, v);
    MonteCarloOptions options;
    options.draws = 20'000;
    options.seed = 11;
    const MonteCarloResult r = RunTreeMonteCarlo(s, options);
    ASSERT_EQ(r.solved, r.draws);
    const double expected = (v < 2.0 / 3.0 ? 1 - u / 2 : u / 2) * (1 - v / 2);
    const Interval ci = WilsonInterval(r.outcome_counts[Index(r.outcome_names, "entry")], r.draws);
    EXPECT_LE(ci.low, expected) << "u=" << u << " v=" << v;
    EXPECT_GE(ci.high, expected) << "u=" << u << " v=" << v;
    // The incumbent moves in every draw (its stage follows both entry decisions).
    EXPECT_EQ(r.move_counts[1][0] + r.move_counts[1][1], r.draws);
    EXPECT_EQ(r.games_solved, 1);  // nothing varies: one solve serves every draw
  }
}

// The same entry game with issue #5's type model for the incumbent (prior v of being an
// erratic type that moves uniformly at random; drawn once per play, unknown to the entrant)
// and the tremble model for the entrant (u). The incumbent's normal type moves as it would
// without the model (accommodate after in, fight after out); the entrant, knowing the prior:
//   V(out) = 1,   V(in) = (1 - v) 2 + v (2 - 1)/2 = 2 - 1.5 v,
// so it intends in iff v < 2/3 (its own tremble adds the same to both). In plays in with
// probability 1 - u/2 (intending in) or u/2 (intending out), and the incumbent accommodates
// after in with probability (1 - v) + v/2 = 1 - v/2. So
//   P(entry) = (1 - u/2)(1 - v/2),  P(war) = (1 - u/2) v/2       for v < 2/3,
//   P(entry) = (u/2)(1 - v/2),      P(war) = (u/2) v/2           for v > 2/3,
// the tremble's frequencies (in play, a one-stage erratic type is a tremble). The erratic
// incumbent's moves are nature's draws and still count as its moves: it moves every draw.
TEST(RunTreeMonteCarlo, TwoStageEntryWithAnErraticIncumbentTypeMatchesTheClosedForm) {
  for (const auto& [u, v] : std::vector<std::pair<double, double>>{
           {0.0, 0.2}, {0.0, 0.5}, {0.0, 0.8}, {0.3, 0.4}, {0.3, 0.9}}) {
    const Scenario s = EntryScenario(u, v, "montecarlo: {models: {incumbent: type}}");
    MonteCarloOptions options;
    options.draws = 20'000;
    options.seed = 5;
    const MonteCarloResult r = RunTreeMonteCarlo(s, options);
    ASSERT_EQ(r.solved, r.draws);
    const double in = v < 2.0 / 3.0 ? 1 - u / 2 : u / 2;
    const Interval entry =
        WilsonInterval(r.outcome_counts[Index(r.outcome_names, "entry")], r.draws);
    EXPECT_LE(entry.low, in * (1 - v / 2)) << "u=" << u << " v=" << v;
    EXPECT_GE(entry.high, in * (1 - v / 2)) << "u=" << u << " v=" << v;
    const Interval war = WilsonInterval(r.outcome_counts[Index(r.outcome_names, "war")], r.draws);
    EXPECT_LE(war.low, in * v / 2) << "u=" << u << " v=" << v;
    EXPECT_GE(war.high, in * v / 2) << "u=" << u << " v=" << v;
    EXPECT_EQ(r.move_counts[1][0] + r.move_counts[1][1], r.draws);
    EXPECT_EQ(r.games_solved, 1);
  }
}

// The explicit `tree` form of the same game, where the incumbent moves only after entry:
// the closed form above is unchanged (the node after "out" had no effect), and the
// incumbent's moves are counted only in the draws that reach it, i.e. where the entrant
// played in: probability 1 - u/2 (it intends in, v < 2/3).
constexpr const char* kExplicitEntry = R"(scenario: entry_tree
actors:
  entrant: {moves: [out, in], unpredictability: 0.4}
  incumbent: {moves: [fight, accommodate], unpredictability: 0.2}
tree:
  - node: start
    actor: entrant
    moves: {out: stay_out, in: respond}
  - node: respond
    actor: incumbent
    moves: {fight: war, accommodate: peace}
  - {node: stay_out, payoffs: {entrant: 1, incumbent: 3}}
  - {node: war, payoffs: {entrant: -1, incumbent: -1}}
  - {node: peace, payoffs: {entrant: 2, incumbent: 1}}
outcomes:
  - {name: entry, when: "entrant.in and incumbent.accommodate"}
)";

TEST(RunTreeMonteCarlo, ExplicitTreeCountsMovesOnlyWhereTheActorMoves) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("sim_run_tree_explicit_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << kExplicitEntry;
  const Scenario s = LoadScenario(path.string());
  std::filesystem::remove(path);
  MonteCarloOptions options;
  options.draws = 50'000;
  const MonteCarloResult r = RunTreeMonteCarlo(s, options);
  const double u = 0.4, v = 0.2;
  const Interval entry = WilsonInterval(r.outcome_counts[Index(r.outcome_names, "entry")], r.draws);
  EXPECT_LE(entry.low, (1 - u / 2) * (1 - v / 2));
  EXPECT_GE(entry.high, (1 - u / 2) * (1 - v / 2));
  const int64_t reached = r.move_counts[1][0] + r.move_counts[1][1];
  EXPECT_EQ(reached, r.move_counts[0][1]);  // the incumbent moves exactly when "in" was played
  const Interval in = WilsonInterval(reached, r.draws);
  EXPECT_LE(in.low, 1 - u / 2);
  EXPECT_GE(in.high, 1 - u / 2);
}

// Same counts at 1 and 2 threads (fixed chunks merged in chunk order), with a draw that
// rebuilds and solves the tree (preference noise varies the game).
TEST(RunTreeMonteCarlo, ResultDoesNotDependOnTheThreadCount) {
  const Scenario s = EntryScenario(0.3, 0.4, "montecarlo: {models: {incumbent: preference_noise}}");
  MonteCarloOptions options;
  options.draws = 3'000;
  options.threads = 1;
  const MonteCarloResult one = RunTreeMonteCarlo(s, options);
  options.threads = 2;
  const MonteCarloResult two = RunTreeMonteCarlo(s, options);
  EXPECT_EQ(one.outcome_counts, two.outcome_counts);
  EXPECT_EQ(one.move_counts, two.move_counts);
  EXPECT_EQ(one.payoffs[0].mean(), two.payoffs[0].mean());
  // Preference noise on a payoff table changes nothing, but the game is rebuilt every draw.
  EXPECT_EQ(one.games_solved, options.draws);
}

// Risk dominance and the QRE limit are normal-form labels: every solved draw falls back to
// uniform and says so. Payoff dominance applies to the SPEs' payoffs (a lone SPE has it).
TEST(RunTreeMonteCarlo, SelectionLabelsOnTreesFallBackOrApply) {
  const Scenario s = EntryScenario(0.3, 0.4);
  MonteCarloOptions options;
  options.draws = 1'000;
  options.select = SelectRule::kRiskDominant;
  EXPECT_EQ(RunTreeMonteCarlo(s, options).selection_fallbacks, 1'000);
  options.select = SelectRule::kPayoffDominant;
  EXPECT_EQ(RunTreeMonteCarlo(s, options).selection_fallbacks, 0);
}

// The logit model on a tree (scenarios/README.md, "logit"): the entrant plays a logit
// response with lambda = 10 (1 - u) / (u R), R = 3 - (-1) = 4 (the range of all payoffs), the incumbent
// (u = 0) at kLogitBestResponse / R = 2500, which leaves its mistakes below exp(-2500): it
// fights after out and accommodates after in, so V(out) = 1, V(in) = 2 to the entrant, who
// enters with probability 1 / (1 + exp(-lambda (2 - 1))) (McKelvey & Palfrey 1998: the
// agent QRE's logit choice at the entrant's node). Every draw plays the agent QRE.
TEST(RunTreeMonteCarlo, LogitEntrantEntersWithTheLogitProbability) {
  for (double u : {0.3, 0.9}) {
    const Scenario s = EntryScenario(u, 0.0, "montecarlo: {model: logit}");
    MonteCarloOptions options;
    options.draws = 20'000;
    options.seed = 5;
    const MonteCarloResult r = RunTreeMonteCarlo(s, options);
    ASSERT_EQ(r.solved, r.draws);
    EXPECT_EQ(r.qre_draws, r.draws);
    EXPECT_EQ(r.qre_failures, 0);
    const double lambda = 10 * (1 - u) / (u * 4);
    const double expected = 1 / (1 + std::exp(-lambda));
    const Interval ci = WilsonInterval(r.outcome_counts[Index(r.outcome_names, "entry")], r.draws);
    EXPECT_LE(ci.low, expected) << "u=" << u;
    EXPECT_GE(ci.high, expected) << "u=" << u;
  }
  // The type model is available on trees too (WithErraticTypes), and with u = 0 everywhere
  // the logit model is idle: the draws play the subgame-perfect equilibrium.
  EXPECT_NO_THROW(RunTreeMonteCarlo(EntryScenario(0.3, 0.0, "montecarlo: {model: type}"),
                                    MonteCarloOptions{}));
  const MonteCarloResult idle =
      RunTreeMonteCarlo(EntryScenario(0.0, 0.0, "montecarlo: {model: logit}"), MonteCarloOptions{});
  EXPECT_EQ(idle.qre_draws, 0);
}

}  // namespace
}  // namespace sim::montecarlo
