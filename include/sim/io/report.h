// SPDX-License-Identifier: MIT
// Renders the result of solving one game — a scenario's derived game or an imported one —
// as a readable table, the solve CSV of product.md, or JSON. Formats only: everything shown
// is computed before (by model/ and solve/) and handed over in a GameReport.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/game/normal_form.h"
#include "sim/model/build_game.h"
#include "sim/solve/pure.h"
#include "sim/solve/solution.h"

namespace sim::io {

struct GameReport {
  std::string source;  // the file the game came from
  std::string title;
  const NormalFormGame* game = nullptr;          // required
  const model::DerivedGame* derived = nullptr;   // scenario games only: outcomes, positions
  std::vector<solve::SolveResult> results;       // one per method run (status lines)
  std::vector<solve::Equilibrium> equilibria;    // merged, numbered 1.. in this order
  std::vector<model::ProfileMeaning> meanings;   // per equilibrium, when `derived` is set
  std::optional<solve::DominanceResult> dominance;
  std::optional<std::vector<int64_t>> pareto;    // Pareto-efficient pure profiles (unset: skipped)
  std::vector<solve::SecurityLevel> security;
  std::vector<std::string> notes;                // extra lines for the table footer
  std::vector<std::string> csv_notes;            // the CSV's sibling block "note" (one per row)
  std::string extra_table;                       // sections printed before the notes (Monte Carlo)
  std::vector<std::pair<std::string, std::string>> json_fields;  // extra fields: name, raw JSON
};

// Largest game whose payoff table the text report prints in full.
inline constexpr int64_t kMaxProfilesShown = 400;
// Largest number of equilibria the text report lists one by one (CSV and JSON list all).
inline constexpr size_t kMaxEquilibriaShown = 200;

// Human-readable report: game summary, payoff table with move names, outcome of each profile,
// equilibria with their named outcomes, dominance, Pareto and security facts.
void WriteReportTable(std::ostream& out, const GameReport& report);

// The solve CSV (product.md): equilibrium,kind,player,strategy,probability,payoff — one row
// per equilibrium x player x strategy, zero-probability strategies included; numbers print
// shortest round-trip.
void WriteSolveCsv(std::ostream& out, const GameReport& report);

// Everything in the report as one JSON object (numbers round-trip).
void WriteReportJson(std::ostream& out, const GameReport& report);

// JSON string literal for `text` (quotes included), escaping as RFC 8259 requires.
std::string JsonString(const std::string& text);

// CSV field for text (names, labels): quoted (with doubled quotes) only when it contains a
// comma, quote or newline. Text that a spreadsheet would run as a formula (it starts with
// =, +, -, @, tab or CR and is not a plain number) gets a leading ' (OWASP's advice against
// CSV injection); README, "CSV".
std::string CsvField(const std::string& text);

}  // namespace sim::io
