// SPDX-License-Identifier: MIT
// `simulate robustness` and the findings section of `simulate SCENARIO` (issue 13). Kept out
// of commands.cc so the command's formats live in one place.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/scenario/scenario.h"
#include "sim/game/tree.h"
#include "sim/solve/solution.h"
#include "sim/solve/spe.h"

namespace sim::cli {

struct RobustnessCliOptions {
  int64_t samples = 1000;  // --samples N
  int64_t draws = 1000;    // --draws D: inner Monte Carlo draws (findings with p()/selected())
};

// `simulate robustness SCENARIO [--samples N] [--seed S] [--threads T] [--draws D]`.
void RunRobustness(const CommonOptions& options, const MonteCarloCliOptions& montecarlo,
                   const RobustnessCliOptions& robustness, const std::string& scenario_path);

// The findings at the base point (and why each equilibrium holds), appended to a report:
// a table section and JSON fields. `counts`: the run's Monte Carlo outcome counts, if any.
// `equilibria`: the report's equilibria of a simultaneous scenario (nullptr: solve again).
void AppendFindings(const Scenario& scenario, const std::vector<int64_t>* counts, int threads,
                    const std::vector<solve::Equilibrium>* equilibria, std::string* extra_table,
                    std::vector<std::pair<std::string, std::string>>* json_fields);

// Why each equilibrium of a tree scenario holds (robustness/tree_why.h), appended to its
// report: a table section and the JSON field "why".
void AppendTreeWhy(const Scenario& scenario, const GameTree& tree, const solve::SpeResult& result,
                   std::string* extra_table, std::vector<std::pair<std::string, std::string>>* json_fields);

}  // namespace sim::cli
