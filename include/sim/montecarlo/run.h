// SPDX-License-Identifier: MIT
// The Monte Carlo over a scenario. Each draw: sample the uncertain numbers and the actors'
// unpredictability (montecarlo/random.h) -> derive the game -> solve it -> select one
// equilibrium by a stated rule -> realize play (moves sampled from the equilibrium
// strategies, trembles included) -> classify the outcome. Tallies stream (memory flat in the
// number of draws); draws run in fixed chunks on any number of threads and the chunk tallies
// merge in chunk order, so the result is bit-identical for every thread count.
// Formulas of the unpredictability models: scenarios/README.md, "Unpredictability models".
// Formats live in io/montecarlo_report.h; this module prints nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/montecarlo/stats.h"
#include "sim/scenario/scenario.h"

namespace sim::montecarlo {

// Equilibrium selection rules (defined with the scenario's montecarlo block).
using ::sim::SelectFromKey;
using ::sim::SelectKey;
using ::sim::SelectKeys;
using ::sim::SelectRule;

// The logit model's precision scale. An actor with model `logit` and unpredictability u in
// (0, 1] plays a logit quantal response with precision
//   lambda = kLogitLambda0 * (1 - u) / (u * R),
// R = the draw's payoff range (largest minus smallest payoff of any player, solve-free), so
// lambda * R is unit-free: u = 0 is best response (Nash, no noise), u = 1 uniform play, and at
// u = 1/2 a payoff gap of one tenth of R makes the better move e times likelier (10 * 0.1 = 1).
// MonteCarloOptions::logit_lambda0 (CLI --logit-lambda0) overrides it.
inline constexpr double kLogitLambda0 = 10.0;

// When some actor plays logit, the draw's strategies are one heterogeneous logit QRE; actors
// that best-respond (any other model, or logit with u = 0) take part in it with precision
// kLogitBestResponse / R. That approximates best response: a strategy g worse than the
// best one is played with probability below exp(-kLogitBestResponse * g / R), so one worse by
// 1e-3 R or more with probability below e^-10 (4.5e-5).
inline constexpr double kLogitBestResponse = 1e4;

struct MonteCarloOptions {
  int64_t draws = 10'000;  // > 0
  uint64_t seed = 1;
  int threads = 1;         // >= 1; the result does not depend on it
  SelectRule select = SelectRule::kUniform;
  std::vector<std::string> methods;  // solver methods; empty = solve::DefaultMethods
  double logit_lambda0 = kLogitLambda0;  // > 0 and finite; see kLogitLambda0
  // Called on the calling thread after each batch of chunks with (draws done, draws total).
  std::function<void(int64_t, int64_t)> progress;
};

// Draws per chunk: fixed (never derived from the thread count) so chunk boundaries, and
// with them the merge order of the tallies, are the same for every --threads.
inline constexpr int64_t kChunkDraws = 512;

// What the draws produced. Proportions come as counts (intervals: WilsonInterval).
struct MonteCarloResult {
  int64_t draws = 0;
  uint64_t seed = 0;
  std::string select;                        // SelectKey of the rule used
  std::vector<std::string> outcome_names;    // the scenario's classes, "other", "unsolved"
  std::vector<int64_t> outcome_counts;       // per outcome_names; sums to draws
  std::vector<std::string> actor_names;
  std::vector<std::vector<std::string>> move_names;  // per actor
  std::vector<std::vector<int64_t>> move_counts;     // realized moves; each sums to solved
  std::vector<std::string> issue_names;
  std::vector<RunningMean> positions;        // realized final position, per issue
  std::vector<RunningMean> payoffs;          // realized utility, per actor
  std::vector<std::string> sampled;          // uncertain numbers' paths
  std::vector<std::string> sampled_distributions;  // Distribution::ToString, per sampled
  // sensitivity[j][c]: rank correlation of sampled number j with outcome c (Spearman's rho
  // estimated as Pearson's r of (F_j(X_j), 1{outcome = c}), see random.h).
  std::vector<std::vector<Correlation>> sensitivity;
  std::vector<std::string> models;           // per actor: model key and u, e.g. "tremble u=0.3"
  int64_t solved = 0;                        // draws whose game had an equilibrium
  int64_t selection_fallbacks = 0;           // draws where the --select label was absent
  // Draws whose strategies were a logit QRE (some actor with model logit and u > 0): one
  // profile, so --select had nothing to choose; not counted as fallbacks.
  int64_t qre_draws = 0;
  // Draws where the logit QRE trace failed; they count as outcome "unsolved".
  int64_t qre_failures = 0;
  int64_t games_solved = 0;                  // solver calls (1 when the game never changes)
  // With the default `enum` on a 2-player game of at most 8 x 8 moves, draws are solved by
  // floating-point support enumeration (fast_path), which finds the same equilibria on
  // nondegenerate games and detects degenerate ones; those (exact_solves) go to `enum`.
  bool fast_path = false;
  int64_t exact_solves = 0;
  std::string methods;                       // solver methods used, "pure+enum" style
};

// Index of "unsolved" in outcome_names: draws whose game had no equilibrium the methods
// could find. Such draws count in outcome_counts only.
inline constexpr const char* kUnsolvedOutcome = "unsolved";

// Runs the Monte Carlo on `scenario` (valid, as LoadScenario returns it: uncertain numbers
// checked). Per-actor models come from scenario.montecarlo. With a --select rule other than
// uniform, every draw's equilibria are labelled (solve::LabelEquilibria on the game the
// players face, perturbations included) before the pick. Throws InputError (located at the
// command line) for options it cannot honour: an unknown or inapplicable method, a bad
// logit_lambda0. Cost: draws x (derive + solve [+ label]) when numbers vary; draws x (select +
// realize) plus one solve when nothing does; a logit QRE trace replaces the solve in draws
// with a logit actor (u > 0).
MonteCarloResult RunMonteCarlo(const Scenario& scenario, const MonteCarloOptions& options);

}  // namespace sim::montecarlo
