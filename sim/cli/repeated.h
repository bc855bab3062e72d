// SPDX-License-Identifier: MIT
// `simulate repeated SCENARIO`: the infinitely repeated stage game with noise (repeated/).
// Kept apart from commands.cc; main.cc parses the options and calls RunRepeated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/cli/commands.h"

namespace sim::cli {

struct RepeatedCliOptions {
  std::string scenario;
  double discount = -1;                // --discount D in [0, 1); < 0: the block's `discount`
  std::vector<std::string> strategies;  // --strategies a,b,...: replaces the block's list
  int64_t plays = 0;                   // --simulate-plays N: Monte Carlo plays per pair
  bool critical = true;                // --no-critical clears it (skip the scan)
  std::vector<std::string> vary;       // --vary PATH=LO:HI:N; PATH `discount` or a --set path
};

// Loads the scenario (its `repeated:` block is required), builds the automata, analyses
// every strategy profile and writes the pairs and the tournament (table, CSV or JSON) to
// stdout or --output. With --vary, one analysis per grid point (the last axis fastest);
// the CSV then starts with one column per varied path. Throws InputError for bad input.
void RunRepeated(const CommonOptions& options, const MonteCarloCliOptions& montecarlo,
                 const RepeatedCliOptions& repeated);

}  // namespace sim::cli
