// SPDX-License-Identifier: MIT
// Renders Monte Carlo results (montecarlo/run.h) as the CSV of product.md
// (metric,name,value,ci_low,ci_high,draws), as a section of the readable table, and as JSON,
// each with the run's manifest (what produced the numbers). Formats only: intervals are
// computed here from the tallies with montecarlo/stats.h, nothing else is.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "sim/montecarlo/run.h"

namespace sim::io {

// What produced a Monte Carlo output, so that it can be reproduced. The thread count is not
// part of it: the numbers do not depend on it.
struct Manifest {
  std::string version;        // simulate's version
  std::string command;        // "run" or "sweep"
  std::string scenario;       // path as given
  std::string scenario_hash;  // "fnv1a64:<16 hex digits>" of the file's bytes
  uint64_t seed = 0;
  int64_t draws = 0;
  std::string select;
  std::string methods;
  std::vector<std::string> sets;   // --set PATH=VALUE, in order
  std::vector<std::string> vary;   // sweep axes PATH=LO:HI:N, in order
  std::vector<std::string> models; // per actor "id: model u=U"
};

// FNV-1a 64-bit hash of `bytes` as "fnv1a64:0123456789abcdef".
std::string HashText(const std::string& bytes);

// The manifest as one JSON object (no trailing newline), keys in a fixed order.
std::string ManifestJson(const Manifest& manifest, const std::string& indent = "  ");

// CSV header: the `prefix` column names (sweep: the varied paths), then
// metric,name,value,ci_low,ci_high,draws.
void WriteMonteCarloCsvHeader(std::ostream& out, const std::vector<std::string>& prefix = {});

// One row per metric, each starting with `prefix` (the grid point's values, round-trip
// text). Metrics, in this order:
//   outcome      NAME            share of draws ending in that class; Wilson 95%; n = draws
//   action       ACTOR:MOVE      share of solved draws where ACTOR played MOVE; Wilson 95%
//   issue        ISSUE           mean final position; normal 95% interval
//   payoff       ACTOR           mean realized utility; normal 95% interval
//   sensitivity  PATH:OUTCOME    Spearman rank correlation of the sampled number PATH with
//                                the outcome's indicator (estimated through F(X), see
//                                montecarlo/random.h); 95% interval by Fisher's z with the
//                                Fieller, Hartley & Pearson (1957) variance 1.06/(n-3)
// Every outcome class is listed, including "other" and "unsolved", so that every block of a
// sweep has the same rows.
void WriteMonteCarloCsvRows(std::ostream& out, const montecarlo::MonteCarloResult& result,
                            const std::vector<std::string>& prefix = {});

// The readable section: outcome probabilities, move frequencies, positions, payoffs, the
// strongest sensitivities, notes (fallbacks, unsolved draws), then the manifest.
void WriteMonteCarloTable(std::ostream& out, const montecarlo::MonteCarloResult& result,
                          const Manifest& manifest);

// The results and the manifest as one JSON object (no trailing newline), for the
// "montecarlo" field of the report JSON.
std::string MonteCarloJson(const montecarlo::MonteCarloResult& result, const Manifest& manifest);

}  // namespace sim::io
