// SPDX-License-Identifier: MIT
// Renders the solution of a game tree — a sequential scenario or an imported .efg — as a
// readable table, the solve CSV of product.md (strategies NODE:ACTION, kind spe) or JSON:
// each equilibrium's path, what each mover would do off the path, expected payoffs, and which
// Nash threats of the strategic form are not credible. Formats only; computes nothing.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "sim/game/tree.h"
#include "sim/model/build_tree.h"
#include "sim/solve/spe.h"

namespace sim::io {

struct TreeReport {
  std::string source;                            // the file the game came from
  std::string title;
  const GameTree* tree = nullptr;                // required
  const solve::SpeResult* result = nullptr;      // required
  const model::DerivedTree* derived = nullptr;   // scenario trees: outcome classes, positions
  std::string extra_table;                       // a section printed last (the Monte Carlo)
  std::string extra_csv;                         // a sibling CSV table (the round table)
  std::vector<std::pair<std::string, std::string>> json_fields;  // extra fields: name, raw JSON
};

// Human-readable report (see the header comment).
void WriteTreeReportTable(std::ostream& out, const TreeReport& report);

// equilibrium,kind,player,strategy,probability,payoff — one row per equilibrium x player x
// behaviour strategy NODE:ACTION (solve::BehaviourStrategyNames), zero probabilities
// included; payoff is the player's expected payoff from the root. A player who never moves
// gets one row with an empty strategy and probability 1, so every payoff is in the CSV.
void WriteTreeSolveCsv(std::ostream& out, const TreeReport& report);

// Everything in the report as one JSON object (numbers round-trip). Each equilibrium has
// "beliefs" (a list of {player, infoset, nodes: {node: belief}}) and, when certified,
// "regret" and "sequential_regret".
void WriteTreeReportJson(std::ostream& out, const TreeReport& report);

}  // namespace sim::io
