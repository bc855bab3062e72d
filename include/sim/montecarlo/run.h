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

struct MonteCarloOptions {
  int64_t draws = 10'000;  // > 0
  uint64_t seed = 1;
  int threads = 1;         // >= 1; the result does not depend on it
  SelectRule select = SelectRule::kUniform;
  std::vector<std::string> methods;  // solver methods; empty = solve::DefaultMethods
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
// checked). Per-actor models come from scenario.montecarlo. Throws InputError (located at
// the montecarlo block or the command line) for options it cannot honour: a model not
// available yet (logit, type), an unknown or inapplicable method. Cost: draws x (derive +
// solve) when numbers vary; draws x (select + realize) plus one solve when nothing does.
MonteCarloResult RunMonteCarlo(const Scenario& scenario, const MonteCarloOptions& options);

}  // namespace sim::montecarlo
