// SPDX-License-Identifier: MIT
// Robustness of a scenario's findings (issue 13): evaluate each finding of the `findings:`
// block on the solved game, sample the `ranges:` jointly, and report per finding the share
// of plausible worlds in which it holds, which numbers it depends on, where it tips, and
// whether it holds only by construction or only under one selection rule.
//
// What a finding's words mean (scenarios/README.md, "Findings"):
//  - The equilibria are those `simulate SCENARIO` reports: all Nash equilibria of the
//    derived strategic game (subgame-perfect equilibria on trees), in the unperturbed game.
//  - An equilibrium "is" the outcome class it reaches with the greatest probability (the
//    lowest class index on ties): a pure equilibrium its one outcome, a mixed one its modal
//    outcome (model::DescribeProfile, model::DescribePlay).
//  - some(O): some equilibrium is O. every(O): there is an equilibrium and all are O.
//    none(O): no equilibrium is O.
//  - dominated(A.M): move M of actor A is removed by iterated elimination of moves strictly
//    dominated by a pure move (solve::EliminateStrictlyDominated); on a tree, removed by
//    iterated conditional dominance at every information set where A may make it
//    (robustness/tree_dominance.h).
//  - p(O): the Monte Carlo's probability of outcome O (the scenario's montecarlo settings);
//    selected(O): O is the Monte Carlo's most probable outcome (lowest index on ties).
// Formats live in the CLI; this module prints nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/montecarlo/stats.h"
#include "sim/scenario/scenario.h"
#include "sim/solve/solution.h"

namespace sim::robustness {

// What a finding predicate is evaluated over.
struct GameFacts {
  std::vector<int> equilibrium_outcomes;     // the outcome each equilibrium "is"
  std::vector<std::vector<char>> dominated;  // [actor][move]
  std::vector<double> probability;           // Monte Carlo, per outcome; empty if not run
  int selected = -1;                         // Monte Carlo's most probable outcome
};

bool Evaluate(const FindingPredicate& predicate, const GameFacts& facts);

// The finding's truth when only the dominance is known: for every set of equilibria made of
// profiles that play no dominated move (`region_has[o]`: some such profile is outcome o;
// `region_all[o]`: every one is). nullopt when it depends on more than that.
std::optional<bool> EvaluateForced(const FindingPredicate& predicate, const GameFacts& facts,
                                   const std::vector<char>& region_has, const std::vector<char>& region_all);

struct Options {
  int64_t samples = 1000;     // > 0
  uint64_t seed = 1;
  int threads = 1;            // the result does not depend on it
  int64_t draws = 1000;       // inner Monte Carlo draws, for findings with p()/selected()
  std::optional<SelectRule> select;  // the inner Monte Carlo's rule (default: the scenario's)
  bool tipping = true;        // locate tipping points
  std::function<void(int64_t, int64_t)> progress;  // (done, total) after each batch
};

// Samples per chunk: fixed, so the merge order (and every sum) is the same for any number of
// threads, and a chunk is the unit a distributed run would hand out.
inline constexpr int64_t kChunkSamples = 256;
// Grid points per side of a tipping-point scan, before bisection.
inline constexpr int kTippingScan = 64;
// Bisection stops when the bracket is narrower than this fraction of the parameter's range.
inline constexpr double kTippingTolerance = 1e-6;

struct Parameter {
  std::string path;
  std::string distribution;   // Distribution::ToString
  double base = 0, low = 0, high = 0;  // low/high: the range scanned for tipping points
  bool named = false;
};

struct Tipping {
  std::optional<double> value;      // where the finding flips; none inside the range
  std::string other_side;           // the equilibria just past it
};

struct FindingResult {
  std::string name, text;
  std::vector<std::string> claims;
  bool preference = false;
  bool base_holds = false;
  std::string base_equilibria;                  // at the base point
  int64_t holds = 0, samples = 0;
  montecarlo::Interval interval;                // 95% Wilson
  std::vector<double> sensitivity;              // per parameter: Spearman's rho
  std::vector<Tipping> tipping_low, tipping_high;  // per parameter
  bool by_construction = false;
  std::vector<std::string> dominated_moves;     // "ACTOR.MOVE" dominated in every sample
  bool depends_on_selection = false;
  std::string selection_detail;                 // "holds under ...; fails under ..."
};

struct Result {
  std::string scenario;
  int64_t samples = 0;
  uint64_t seed = 0;
  int64_t draws = 0;            // inner Monte Carlo draws (0: no finding needs one)
  std::string select;
  std::string sampling = "latin-hypercube";
  std::vector<Parameter> parameters;
  std::vector<FindingResult> findings;
  int64_t unsolved_samples = 0;  // samples whose game had no equilibrium found
};

// Runs the analysis. `scenario` must be valid (LoadScenario) and have findings. Throws
// InputError when it has no findings or nothing to range.
Result Analyse(const Scenario& scenario, const Options& options);

// The same analysis cut into jobs of fixed chunks whose results are bytes, so the chunks can
// run anywhere (threads, MPI ranks, --shard parts: sim/parallel) and be merged in order to
// the bits Analyse gives. Job 0: the samples, kChunkSamples per chunk (a mergeable tally);
// job 1 (when options.tipping): the tipping points, one chunk per ranged parameter.
class Analysis {
 public:
  // Solves the base point and builds the Latin hypercube; throws what Analyse throws.
  Analysis(const Scenario& scenario, const Options& options);
  ~Analysis();
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  std::vector<int64_t> chunks() const;  // per job, its number of chunks
  // The results of chunks [first, last) of `job`, on options.threads threads. One call at a
  // time; the bytes do not depend on where or on how many threads they were computed.
  std::vector<std::string> Compute(int64_t job, int64_t first, int64_t last);
  // The result from every job's chunk results in chunk order (results[job][chunk]). Throws
  // sim::Error when a result is not of this run's shape. Call once.
  Result Finish(const std::vector<std::vector<std::string>>& results);

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// The findings at the scenario's own numbers (for `simulate SCENARIO`): per finding, holds.
// `montecarlo` gives p()/selected() when the run already has a Monte Carlo (outcome counts in
// the montecarlo::MonteCarloResult order); otherwise one is run with the scenario's settings
// when some finding needs it.
struct BaseFinding {
  const Finding* finding = nullptr;
  bool holds = false;
};
// `equilibria`: the report's own equilibria of a simultaneous scenario (e.g. `solve
// --method`), used instead of solving again.
std::vector<BaseFinding> EvaluateAtBase(const Scenario& scenario,
                                        const std::vector<int64_t>* montecarlo_counts, int threads,
                                        const std::vector<solve::Equilibrium>* equilibria = nullptr);

}  // namespace sim::robustness
