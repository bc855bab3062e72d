// SPDX-License-Identifier: MIT
// Output of `simulate repeated`: the strategy pairs (values, equilibrium, critical
// discount), the round-robin tournament, and Monte Carlo cross-checks when asked for, as a
// table, CSV (pair,player,strategy,value,equilibrium,critical_discount) or JSON. A sweep
// (--vary) writes one report per grid point, the swept values first.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "sim/repeated/repeated.h"

namespace sim::io {

struct RepeatedReport {
  std::string source;
  std::string title;
  const repeated::RepeatedGame* game = nullptr;
  double discount = 0;
  std::vector<repeated::PairAnalysis> rows;
  std::vector<repeated::TournamentRow> tournament;
  std::vector<repeated::SimulatedValues> simulated;  // per row when Monte Carlo was asked for
  uint64_t seed = 0;
  // The grid point of a sweep: (path, value) pairs, empty for a single run.
  std::vector<std::pair<std::string, double>> point;
};

// "grim/tft": the strategies of a profile, player order.
std::string PairName(const repeated::RepeatedGame& game, const std::vector<int>& profile);

// CSV: `prefix` columns (the swept paths), then pair,player,strategy,value,equilibrium,
// critical_discount; one row per profile x player; critical_discount empty when none.
void WriteRepeatedCsvHeader(std::ostream& out, const std::vector<std::string>& prefix = {});
void WriteRepeatedCsvRows(std::ostream& out, const RepeatedReport& report);

void WriteRepeatedTable(std::ostream& out, const RepeatedReport& report);

// One JSON object (numbers round-trip; critical_discount null when none).
std::string RepeatedJson(const RepeatedReport& report, const std::string& indent = "");

}  // namespace sim::io
