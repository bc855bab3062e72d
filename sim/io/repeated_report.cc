// SPDX-License-Identifier: MIT
#include "sim/io/repeated_report.h"

#include <sstream>

#include "sim/io/number.h"
#include "sim/io/report.h"
#include "sim/io/text_table.h"

namespace sim::io {
namespace {

constexpr double kZ999 = 3.2905267314919255;  // two-sided 99.9% normal quantile

std::string Critical(const repeated::PairAnalysis& row) {
  return row.critical_discount ? FormatRoundTrip(*row.critical_discount) : "";
}

}  // namespace

std::string PairName(const repeated::RepeatedGame& game, const std::vector<int>& profile) {
  std::string name;
  for (size_t i = 0; i < profile.size(); ++i)
    name += (i ? "/" : "") + game.strategy_names[profile[i]];
  return name;
}

void WriteRepeatedCsvHeader(std::ostream& out, const std::vector<std::string>& prefix) {
  for (const std::string& column : prefix) out << CsvField(column) << ',';
  out << "pair,player,strategy,value,equilibrium,critical_discount\n";
}

void WriteRepeatedCsvRows(std::ostream& out, const RepeatedReport& report) {
  const repeated::RepeatedGame& game = *report.game;
  std::string prefix;
  for (const auto& [path, value] : report.point) prefix += FormatRoundTrip(value) + ",";
  for (const repeated::PairAnalysis& row : report.rows) {
    const std::string pair = CsvField(PairName(game, row.profile));
    for (size_t i = 0; i < row.profile.size(); ++i) {
      out << prefix << pair << ',' << CsvField(game.stage.player_name(static_cast<int>(i))) << ','
          << CsvField(game.strategy_names[row.profile[i]]) << ',' << FormatRoundTrip(row.values[i])
          << ',' << (row.equilibrium ? "true" : "false") << ',' << Critical(row) << '\n';
    }
  }
}

void WriteRepeatedTable(std::ostream& out, const RepeatedReport& report) {
  const repeated::RepeatedGame& game = *report.game;
  out << "Repeated game: " << report.title << " (" << report.source << ")\n";
  for (const auto& [path, value] : report.point)
    out << "  sweep point: " << path << " = " << FormatForPeople(value, 6) << '\n';
  out << "  discount " << FormatForPeople(report.discount, 6) << "; unpredictability:";
  for (int i = 0; i < game.stage.num_players(); ++i)
    out << (i ? ", " : " ") << game.stage.player_name(i) << ' '
        << FormatForPeople(game.unpredictability[i], 6);
  out << "\n  values are (1 - discount) x the discounted sum of stage payoffs, exact (Markov "
         "chain over joint automaton states)\n\n";

  std::vector<std::string> header = {"pair", "player", "strategy", "value", "equilibrium",
                                     "critical discount"};
  const bool mc = !report.simulated.empty();
  if (mc) header.push_back("Monte Carlo (99.9%)");
  std::vector<TextTable::Align> align = {TextTable::Align::kLeft,  TextTable::Align::kLeft,
                                         TextTable::Align::kLeft,  TextTable::Align::kRight,
                                         TextTable::Align::kLeft,  TextTable::Align::kRight,
                                         TextTable::Align::kRight};
  TextTable pairs(header, align);
  for (size_t r = 0; r < report.rows.size(); ++r) {
    const repeated::PairAnalysis& row = report.rows[r];
    for (size_t i = 0; i < row.profile.size(); ++i) {
      std::vector<std::string> cells = {
          i == 0 ? PairName(game, row.profile) : "", game.stage.player_name(static_cast<int>(i)),
          game.strategy_names[row.profile[i]], FormatForPeople(row.values[i]),
          i == 0 ? (row.equilibrium ? "yes" : "no") : "",
          i == 0 ? (row.critical_discount ? FormatForPeople(*row.critical_discount, 6) : "none")
                 : ""};
      if (mc) {
        const repeated::SimulatedValues& s = report.simulated[r];
        cells.push_back(FormatForPeople(s.mean[i]) + " ± " +
                        FormatForPeople(kZ999 * s.std_error[i]));
      }
      pairs.AddRow(std::move(cells));
    }
  }
  out << "Strategy pairs (equilibrium: subgame perfect at this discount, by the one-shot "
         "deviation check; critical discount: the smallest at which it is)\n";
  pairs.Write(out);
  if (mc) {
    out << "  Monte Carlo: " << report.simulated.front().plays << " plays of "
        << report.simulated.front().rounds << " rounds per pair, seed " << report.seed << '\n';
  }
  out << "\nTournament (round robin under noise: mean value over every seat and opponent)\n";
  TextTable table({"rank", "strategy", "score"},
                  {TextTable::Align::kRight, TextTable::Align::kLeft, TextTable::Align::kRight});
  for (const repeated::TournamentRow& row : report.tournament)
    table.AddRow({std::to_string(row.rank), game.strategy_names[row.strategy],
                  FormatForPeople(row.score)});
  table.Write(out);
}

std::string RepeatedJson(const RepeatedReport& report, const std::string& indent) {
  const repeated::RepeatedGame& game = *report.game;
  const std::string in1 = indent + "  ", in2 = indent + "    ", in3 = indent + "      ";
  std::ostringstream out;
  out << "{\n" << in1 << "\"source\": " << JsonString(report.source) << ",\n";
  out << in1 << "\"title\": " << JsonString(report.title) << ",\n";
  if (!report.point.empty()) {
    out << in1 << "\"point\": {";
    for (size_t k = 0; k < report.point.size(); ++k)
      out << (k ? ", " : "") << JsonString(report.point[k].first) << ": "
          << FormatRoundTrip(report.point[k].second);
    out << "},\n";
  }
  out << in1 << "\"discount\": " << FormatRoundTrip(report.discount) << ",\n";
  out << in1 << "\"players\": [";
  for (int i = 0; i < game.stage.num_players(); ++i)
    out << (i ? ", " : "") << "{\"name\": " << JsonString(game.stage.player_name(i))
        << ", \"unpredictability\": " << FormatRoundTrip(game.unpredictability[i]) << "}";
  out << "],\n" << in1 << "\"strategies\": [";
  for (int s = 0; s < game.num_strategies(); ++s)
    out << (s ? ", " : "") << JsonString(game.strategy_names[s]);
  out << "],\n" << in1 << "\"pairs\": [";
  for (size_t r = 0; r < report.rows.size(); ++r) {
    const repeated::PairAnalysis& row = report.rows[r];
    out << (r ? "," : "") << "\n" << in2 << "{\"pair\": " << JsonString(PairName(game, row.profile))
        << ", \"strategies\": [";
    for (size_t i = 0; i < row.profile.size(); ++i)
      out << (i ? ", " : "") << JsonString(game.strategy_names[row.profile[i]]);
    out << "], \"values\": [";
    for (size_t i = 0; i < row.values.size(); ++i)
      out << (i ? ", " : "") << FormatRoundTrip(row.values[i]);
    out << "], \"equilibrium\": " << (row.equilibrium ? "true" : "false")
        << ", \"critical_discount\": "
        << (row.critical_discount ? FormatRoundTrip(*row.critical_discount) : "null")
        << ", \"max_deviation_gain\": " << FormatRoundTrip(row.max_gain)
        << ", \"joint_states\": " << row.joint_states;
    if (!report.simulated.empty()) {
      const repeated::SimulatedValues& s = report.simulated[r];
      out << ",\n" << in3 << "\"monte_carlo\": {\"mean\": [";
      for (size_t i = 0; i < s.mean.size(); ++i) out << (i ? ", " : "") << FormatRoundTrip(s.mean[i]);
      out << "], \"std_error\": [";
      for (size_t i = 0; i < s.std_error.size(); ++i)
        out << (i ? ", " : "") << FormatRoundTrip(s.std_error[i]);
      out << "], \"plays\": " << s.plays << ", \"rounds\": " << s.rounds << "}";
    }
    out << "}";
  }
  out << "\n" << in1 << "],\n";
  if (!report.simulated.empty()) out << in1 << "\"seed\": " << report.seed << ",\n";
  out << in1 << "\"tournament\": [";
  for (size_t k = 0; k < report.tournament.size(); ++k) {
    const repeated::TournamentRow& row = report.tournament[k];
    out << (k ? ", " : "") << "\n" << in2 << "{\"rank\": " << row.rank
        << ", \"strategy\": " << JsonString(game.strategy_names[row.strategy])
        << ", \"score\": " << FormatRoundTrip(row.score) << "}";
  }
  out << "\n" << in1 << "]\n" << indent << "}";
  return out.str();
}

}  // namespace sim::io
