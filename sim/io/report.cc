// SPDX-License-Identifier: MIT
#include "sim/io/report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>

#include "sim/core/tolerance.h"
#include "sim/core/version.h"
#include "sim/io/number.h"
#include "sim/io/text_table.h"

namespace sim::io {
namespace {

using solve::Equilibrium;

std::string ProfileName(const NormalFormGame& game, int64_t index) {
  PureProfile s = game.ProfileAt(index);
  std::string out;
  for (int p = 0; p < game.num_players(); ++p) {
    if (p) out += ", ";
    out += game.player_name(p) + "=" + game.strategy_name(p, s[p]);
  }
  return out;
}

// "hold" for a pure strategy, "hold 0.5, relief 0.5" for a mixed one.
std::string StrategyText(const NormalFormGame& game, int player, const Eigen::VectorXd& mix) {
  std::string out;
  for (int s = 0; s < mix.size(); ++s) {
    if (mix(s) <= 0.0) continue;
    if (!out.empty()) out += ", ";
    out += game.strategy_name(player, s);
    if (mix(s) < 1.0) out += " " + FormatForPeople(mix(s));
  }
  return out;
}

std::string PayoffCell(const NormalFormGame& game, int64_t index) {
  std::string out;
  for (int p = 0; p < game.num_players(); ++p) {
    if (p) out += ", ";
    out += FormatForPeople(game.payoff(index, p));
  }
  return out;
}

std::string PlayerList(const NormalFormGame& game) {
  std::string out;
  for (int p = 0; p < game.num_players(); ++p) {
    if (p) out += ", ";
    out += game.player_name(p);
  }
  return out;
}

void WritePayoffs(std::ostream& out, const GameReport& r) {
  const NormalFormGame& g = *r.game;
  if (g.num_profiles() > kMaxProfilesShown) {
    out << "Payoffs: " << g.num_profiles() << " profiles, too many to print (use --format json,"
        << " or export the game).\n\n";
    return;
  }
  out << "Payoffs (" << PlayerList(g) << ")\n";
  if (g.num_players() == 2) {
    // Bimatrix: rows = player 0's moves, columns = player 1's.
    std::vector<std::string> header = {g.player_name(0) + " \\ " + g.player_name(1)};
    std::vector<TextTable::Align> align = {TextTable::Align::kLeft};
    for (int c = 0; c < g.num_strategies(1); ++c) {
      header.push_back(g.strategy_name(1, c));
      align.push_back(TextTable::Align::kRight);
    }
    TextTable table(header, align);
    for (int row = 0; row < g.num_strategies(0); ++row) {
      std::vector<std::string> cells = {g.strategy_name(0, row)};
      for (int c = 0; c < g.num_strategies(1); ++c) {
        cells.push_back(PayoffCell(g, g.ProfileIndex(std::vector<int>{row, c})));
      }
      table.AddRow(cells);
    }
    table.Write(out);
  } else {
    std::vector<std::string> header;
    std::vector<TextTable::Align> align;
    for (int p = 0; p < g.num_players(); ++p) {
      header.push_back(g.player_name(p));
      align.push_back(TextTable::Align::kLeft);
    }
    header.push_back("payoffs");
    align.push_back(TextTable::Align::kRight);
    TextTable table(header, align);
    for (int64_t i = 0; i < g.num_profiles(); ++i) {
      PureProfile s = g.ProfileAt(i);
      std::vector<std::string> cells;
      for (int p = 0; p < g.num_players(); ++p) cells.push_back(g.strategy_name(p, s[p]));
      cells.push_back(PayoffCell(g, i));
      table.AddRow(cells);
    }
    table.Write(out);
  }
  out << '\n';
}

void WriteOutcomes(std::ostream& out, const GameReport& r) {
  const NormalFormGame& g = *r.game;
  const model::DerivedGame& d = *r.derived;
  if (g.num_profiles() > kMaxProfilesShown) return;
  out << "Outcome of each profile (issue positions after the moves)\n";
  std::vector<std::string> header;
  std::vector<TextTable::Align> align;
  for (int p = 0; p < g.num_players(); ++p) {
    header.push_back(g.player_name(p));
    align.push_back(TextTable::Align::kLeft);
  }
  header.push_back("outcome");
  align.push_back(TextTable::Align::kLeft);
  for (const std::string& issue : d.issue_names) {
    header.push_back(issue);
    align.push_back(TextTable::Align::kRight);
  }
  TextTable table(header, align);
  for (int64_t i = 0; i < g.num_profiles(); ++i) {
    PureProfile s = g.ProfileAt(i);
    std::vector<std::string> cells;
    for (int p = 0; p < g.num_players(); ++p) cells.push_back(g.strategy_name(p, s[p]));
    cells.push_back(d.outcome_names[d.outcome_class[i]]);
    for (Eigen::Index k = 0; k < d.positions.cols(); ++k)
      cells.push_back(FormatForPeople(d.positions(i, k), 3));
    table.AddRow(cells);
  }
  table.Write(out);
  out << '\n';
}

std::string OutcomeText(const GameReport& r, size_t e) {
  const model::ProfileMeaning& m = r.meanings[e];
  const auto& names = r.derived->outcome_names;
  std::string out;
  for (size_t c = 0; c < names.size(); ++c) {
    const double prob = m.outcome_probability[c];
    if (prob <= 0.0) continue;
    if (!out.empty()) out += ", ";
    out += names[c];
    if (prob < 1.0 - kProbabilityTieTolerance) out += " " + FormatForPeople(prob);
  }
  return out;
}

// The connected components and maximal Nash subsets the reported equilibria carry (set by
// the `enum` method; see solve::Equilibrium), as lists of 0-based equilibrium indices.
struct ComponentView {
  int id = -1;
  std::vector<size_t> equilibria;
  std::vector<std::vector<size_t>> subsets;  // each maximal Nash subset of the component
};

std::vector<ComponentView> Components(const GameReport& r) {
  std::map<int, ComponentView> by_id;
  std::map<int, std::vector<size_t>> subset_members;
  std::map<int, int> subset_component;
  for (size_t e = 0; e < r.equilibria.size(); ++e) {
    const Equilibrium& eq = r.equilibria[e];
    if (eq.component < 0) continue;
    ComponentView& c = by_id[eq.component];
    c.id = eq.component;
    c.equilibria.push_back(e);
    for (int k : eq.nash_subsets) {
      subset_members[k].push_back(e);
      subset_component[k] = eq.component;
    }
  }
  for (const auto& [k, members] : subset_members) by_id[subset_component[k]].subsets.push_back(members);
  std::vector<ComponentView> out;
  for (auto& [id, c] : by_id) out.push_back(std::move(c));
  return out;
}

std::string NumberList(const std::vector<size_t>& indices) {
  std::string out;
  for (size_t i : indices) out += (out.empty() ? "" : ", ") + std::to_string(i + 1);
  return out;
}

// How many distinct strategies player `p` has among `members` (the X or Y of a subset).
size_t DistinctStrategies(const GameReport& r, const std::vector<size_t>& members, int p) {
  std::vector<std::vector<double>> seen;
  for (size_t e : members) {
    const Eigen::VectorXd& mix = r.equilibria[e].profile.strategies[p];
    std::vector<double> v(mix.data(), mix.data() + mix.size());
    if (std::find(seen.begin(), seen.end(), v) == seen.end()) seen.push_back(std::move(v));
  }
  return seen.size();
}

// The "Continua" block: every component with more than one extreme equilibrium, and which
// extreme equilibria belong together in each of its maximal Nash subsets.
void WriteContinua(std::ostream& out, const GameReport& r) {
  std::vector<ComponentView> continua;
  for (ComponentView& c : Components(r)) {
    if (c.equilibria.size() > 1) continua.push_back(std::move(c));
  }
  if (continua.empty() || r.game->num_players() != 2) return;
  const NormalFormGame& g = *r.game;
  out << "Continua (components of the equilibrium set with more than one extreme point; in\n"
         "a maximal Nash subset, every mix of one player's strategies in the listed equilibria\n"
         "against every mix of the other's is an equilibrium)\n";
  for (const ComponentView& c : continua) {
    out << "  component " << c.id << ": extreme equilibria " << NumberList(c.equilibria) << '\n';
    for (const std::vector<size_t>& members : c.subsets) {
      const size_t xs = DistinctStrategies(r, members, 0), ys = DistinctStrategies(r, members, 1);
      out << "    maximal Nash subset: " << NumberList(members) << "  (" << g.player_name(0)
          << ": " << xs << " strateg" << (xs == 1 ? "y" : "ies") << " x " << g.player_name(1)
          << ": " << ys << " strateg" << (ys == 1 ? "y" : "ies") << ")\n";
    }
  }
  out << '\n';
}

void WriteEquilibria(std::ostream& out, const GameReport& r) {
  const NormalFormGame& g = *r.game;
  for (const solve::SolveResult& result : r.results) out << "Solver " << result.BriefReport() << '\n';
  if (r.equilibria.empty()) {
    out << "No equilibrium found by these methods.\n\n";
    return;
  }
  out << "Equilibria\n";
  std::vector<std::string> header = {"#", "kind"};
  std::vector<TextTable::Align> align = {TextTable::Align::kRight, TextTable::Align::kLeft};
  for (int p = 0; p < g.num_players(); ++p) {
    header.push_back(g.player_name(p));
    align.push_back(TextTable::Align::kLeft);
  }
  header.push_back("payoffs");
  align.push_back(TextTable::Align::kRight);
  header.push_back("regret");
  align.push_back(TextTable::Align::kRight);
  const bool scenario = r.derived != nullptr && r.meanings.size() == r.equilibria.size();
  if (scenario) {
    header.push_back("outcome");
    align.push_back(TextTable::Align::kLeft);
  }
  bool any_labels = false;
  for (const Equilibrium& e : r.equilibria) any_labels |= !e.labels.empty();
  if (any_labels) {
    header.push_back("selection");
    align.push_back(TextTable::Align::kLeft);
  }
  TextTable table(header, align);
  const size_t shown = std::min(r.equilibria.size(), kMaxEquilibriaShown);
  for (size_t e = 0; e < shown; ++e) {
    const Equilibrium& eq = r.equilibria[e];
    std::vector<std::string> cells = {std::to_string(e + 1), solve::KindName(eq.kind)};
    for (int p = 0; p < g.num_players(); ++p)
      cells.push_back(StrategyText(g, p, eq.profile.strategies[p]));
    std::string payoffs;
    for (Eigen::Index p = 0; p < eq.payoffs.size(); ++p) {
      if (p) payoffs += ", ";
      payoffs += FormatForPeople(eq.payoffs(p));
    }
    cells.push_back(payoffs);
    char regret[32];
    std::snprintf(regret, sizeof regret, eq.regret == 0.0 ? "0" : "%.1e", eq.regret);
    cells.push_back(regret);
    if (scenario) cells.push_back(OutcomeText(r, e));
    if (any_labels) {
      std::string labels;
      for (const std::string& l : eq.labels) labels += (labels.empty() ? "" : ", ") + l;
      cells.push_back(labels);
    }
    table.AddRow(cells);
  }
  table.Write(out);
  if (shown < r.equilibria.size()) {
    out << "  ... " << r.equilibria.size() - shown
        << " more equilibria (--format csv or json lists them all)\n";
  }
  if (scenario && !r.derived->issue_names.empty()) {
    out << "  Expected issue positions in each equilibrium:\n";
    std::vector<std::string> pos_header = {"#"};
    std::vector<TextTable::Align> pos_align = {TextTable::Align::kRight};
    for (const std::string& issue : r.derived->issue_names) {
      pos_header.push_back(issue);
      pos_align.push_back(TextTable::Align::kRight);
    }
    TextTable positions(pos_header, pos_align);
    for (size_t e = 0; e < shown; ++e) {
      std::vector<std::string> cells = {std::to_string(e + 1)};
      const Eigen::VectorXd& x = r.meanings[e].expected_positions;
      for (Eigen::Index k = 0; k < x.size(); ++k) cells.push_back(FormatForPeople(x(k), 3));
      positions.AddRow(cells);
    }
    positions.Write(out, "    ");
  }
  out << '\n';
}

void WriteFacts(std::ostream& out, const GameReport& r) {
  const NormalFormGame& g = *r.game;
  if (r.dominance) {
    out << "Iterated elimination of strictly dominated strategies (pure dominators)\n";
    if (r.dominance->removed.empty()) out << "  nothing is strictly dominated\n";
    for (const solve::DominanceStep& step : r.dominance->removed) {
      out << "  round " << step.round << ": " << g.player_name(step.player) << " drops "
          << g.strategy_name(step.player, step.strategy) << " (dominated by "
          << g.strategy_name(step.player, step.dominated_by) << ")\n";
    }
    out << "  surviving:";
    for (int p = 0; p < g.num_players(); ++p) {
      out << (p ? "; " : " ") << g.player_name(p) << ":";
      for (int s : r.dominance->surviving[p]) out << ' ' << g.strategy_name(p, s);
    }
    out << "\n\n";
  }
  if (r.pareto) {
    const std::vector<int64_t>& pareto = *r.pareto;
    out << "Pareto-efficient profiles (" << pareto.size() << " of " << g.num_profiles() << ")\n";
    const size_t shown = std::min<size_t>(pareto.size(), 20);
    for (size_t i = 0; i < shown; ++i) {
      out << "  " << ProfileName(g, pareto[i]) << "  ->  " << PayoffCell(g, pareto[i]);
      if (r.derived) out << "  [" << r.derived->outcome_names[r.derived->outcome_class[pareto[i]]] << "]";
      out << '\n';
    }
    if (shown < pareto.size()) out << "  ... " << pareto.size() - shown << " more\n";
    out << '\n';
  } else {
    out << "Pareto-efficient profiles: not computed (too many profiles for the pairwise test)\n\n";
  }
  if (!r.security.empty()) {
    out << "Security levels (best payoff a player can guarantee with a pure strategy)\n";
    TextTable table({"player", "level", "by playing"},
                    {TextTable::Align::kLeft, TextTable::Align::kRight, TextTable::Align::kLeft});
    for (const solve::SecurityLevel& s : r.security) {
      table.AddRow({g.player_name(s.player), FormatForPeople(s.value),
                    g.strategy_name(s.player, s.strategy)});
    }
    table.Write(out);
    out << '\n';
  }
}

}  // namespace

void WriteReportTable(std::ostream& out, const GameReport& r) {
  const NormalFormGame& g = *r.game;
  out << (r.title.empty() ? r.source : r.title) << '\n';
  out << "  source: " << r.source << '\n';
  out << "  players: " << g.num_players() << " (" << PlayerList(g) << "); strategies:";
  for (int p = 0; p < g.num_players(); ++p) out << (p ? " x " : " ") << g.num_strategies(p);
  out << " = " << g.num_profiles() << " profiles\n";
  if (r.derived) {
    out << "  issues: ";
    for (size_t k = 0; k < r.derived->issue_names.size(); ++k)
      out << (k ? ", " : "") << r.derived->issue_names[k];
    if (r.derived->issue_names.empty()) out << "none (direct payoffs)";
    out << '\n';
  }
  out << '\n';
  WritePayoffs(out, r);
  if (r.derived && !r.derived->issue_names.empty()) WriteOutcomes(out, r);
  WriteEquilibria(out, r);
  WriteContinua(out, r);
  WriteFacts(out, r);
  out << r.extra_table;
  for (const std::string& note : r.notes) out << note << '\n';
  out << "-- simulate " << kVersion << '\n';
}

namespace {

// A plain decimal number: optional sign, digits with an optional fraction, optional
// exponent ("-0.5", "+3", "1e-07"). Such a cell is data to a spreadsheet, never a formula.
bool IsPlainNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == text.size();
}

}  // namespace

std::string CsvField(const std::string& raw) {
  // OWASP, "CSV Injection": a cell a spreadsheet would read as a formula (first character
  // =, +, -, @, tab or CR) gets a leading single quote. Numbers are left as they are.
  const bool formula = !raw.empty() && std::string_view("=+-@\t\r").find(raw[0]) !=
                                           std::string_view::npos && !IsPlainNumber(raw);
  const std::string text = formula ? "'" + raw : raw;
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteSolveCsv(std::ostream& out, const GameReport& r) {
  const NormalFormGame& g = *r.game;
  out << "equilibrium,kind,player,strategy,probability,payoff\n";
  for (size_t e = 0; e < r.equilibria.size(); ++e) {
    const Equilibrium& eq = r.equilibria[e];
    for (int p = 0; p < g.num_players(); ++p) {
      for (int s = 0; s < g.num_strategies(p); ++s) {
        out << e + 1 << ',' << solve::KindName(eq.kind) << ',' << CsvField(g.player_name(p)) << ','
            << CsvField(g.strategy_name(p, s)) << ',' << FormatRoundTrip(eq.profile.strategies[p](s))
            << ',' << FormatRoundTrip(eq.payoffs(p)) << '\n';
      }
    }
  }
  // Sibling block after a blank line (as the tree CSV's): what the reader must know.
  if (!r.csv_notes.empty()) {
    out << "\nnote\n";
    for (const std::string& note : r.csv_notes) out << CsvField(note) << '\n';
  }
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}


void WriteReportJson(std::ostream& out, const GameReport& r) {
  const NormalFormGame& g = *r.game;
  out << "{\n  \"version\": " << JsonString(kVersion) << ",\n  \"source\": " << JsonString(r.source)
      << ",\n  \"title\": " << JsonString(r.title) << ",\n  \"players\": [";
  for (int p = 0; p < g.num_players(); ++p) {
    out << (p ? ", " : "") << "{\"name\": " << JsonString(g.player_name(p)) << ", \"strategies\": [";
    for (int s = 0; s < g.num_strategies(p); ++s)
      out << (s ? ", " : "") << JsonString(g.strategy_name(p, s));
    out << "]}";
  }
  out << "],\n  \"profile_order\": \"first player's strategy changes fastest\",\n";
  out << "  \"payoffs\": [";
  for (int64_t i = 0; i < g.num_profiles(); ++i) {
    out << (i ? ", " : "") << '[';
    for (int p = 0; p < g.num_players(); ++p) out << (p ? ", " : "") << JsonNumber(g.payoff(i, p));
    out << ']';
  }
  out << "],\n";
  if (r.derived) {
    const model::DerivedGame& d = *r.derived;
    out << "  \"issues\": [";
    for (size_t k = 0; k < d.issue_names.size(); ++k) out << (k ? ", " : "") << JsonString(d.issue_names[k]);
    out << "],\n  \"outcome_classes\": [";
    for (size_t c = 0; c < d.outcome_names.size(); ++c) out << (c ? ", " : "") << JsonString(d.outcome_names[c]);
    out << "],\n  \"profile_outcomes\": [";
    for (int64_t i = 0; i < g.num_profiles(); ++i) out << (i ? ", " : "") << JsonString(d.outcome_names[d.outcome_class[i]]);
    out << "],\n";
  }
  out << "  \"solvers\": [";
  for (size_t k = 0; k < r.results.size(); ++k) {
    const solve::SolveResult& s = r.results[k];
    out << (k ? ", " : "") << "{\"method\": " << JsonString(s.method) << ", \"status\": "
        << JsonString(solve::StatusName(s.status)) << ", \"message\": " << JsonString(s.message)
        << ", \"equilibria\": " << s.equilibria.size();
    if (s.counted >= 0) out << ", \"counted\": " << s.counted;
    out << '}';
  }
  out << "],\n  \"equilibria\": [";
  for (size_t e = 0; e < r.equilibria.size(); ++e) {
    const Equilibrium& eq = r.equilibria[e];
    out << (e ? "," : "") << "\n    {\"index\": " << e + 1 << ", \"kind\": "
        << JsonString(solve::KindName(eq.kind)) << ", \"regret\": " << JsonNumber(eq.regret)
        << ", \"exact\": " << (eq.exact ? "true" : "false") << ", \"strategies\": {";
    for (int p = 0; p < g.num_players(); ++p) {
      out << (p ? ", " : "") << JsonString(g.player_name(p)) << ": {";
      for (int s = 0; s < g.num_strategies(p); ++s)
        out << (s ? ", " : "") << JsonString(g.strategy_name(p, s)) << ": "
            << JsonNumber(eq.profile.strategies[p](s));
      out << '}';
    }
    out << "}, \"payoffs\": {";
    for (int p = 0; p < g.num_players(); ++p)
      out << (p ? ", " : "") << JsonString(g.player_name(p)) << ": " << JsonNumber(eq.payoffs(p));
    out << "}, \"labels\": [";
    for (size_t l = 0; l < eq.labels.size(); ++l) out << (l ? ", " : "") << JsonString(eq.labels[l]);
    out << ']';
    if (eq.component >= 0) out << ", \"component\": " << eq.component;
    if (r.derived && e < r.meanings.size()) {
      const model::ProfileMeaning& m = r.meanings[e];
      out << ", \"outcome\": " << JsonString(r.derived->outcome_names[m.modal_outcome])
          << ", \"outcome_probabilities\": {";
      bool first = true;
      for (size_t c = 0; c < m.outcome_probability.size(); ++c) {
        if (m.outcome_probability[c] <= 0.0) continue;
        out << (first ? "" : ", ") << JsonString(r.derived->outcome_names[c]) << ": "
            << JsonNumber(m.outcome_probability[c]);
        first = false;
      }
      out << "}, \"positions\": {";
      for (Eigen::Index k = 0; k < m.expected_positions.size(); ++k)
        out << (k ? ", " : "") << JsonString(r.derived->issue_names[k]) << ": "
            << JsonNumber(m.expected_positions(k));
      out << '}';
    }
    out << '}';
  }
  out << (r.equilibria.empty() ? "]" : "\n  ]");
  // Components of the equilibrium set (empty when no method reported them), equilibria by
  // their 1-based "index"; "nash_subsets" lists which extreme equilibria belong together.
  out << ",\n  \"components\": [";
  const std::vector<ComponentView> components = Components(r);
  for (size_t k = 0; k < components.size(); ++k) {
    const ComponentView& c = components[k];
    out << (k ? "," : "") << "\n    {\"id\": " << c.id << ", \"equilibria\": [" << NumberList(c.equilibria)
        << "], \"continuum\": " << (c.equilibria.size() > 1 ? "true" : "false")
        << ", \"nash_subsets\": [";
    for (size_t j = 0; j < c.subsets.size(); ++j) out << (j ? ", " : "") << '[' << NumberList(c.subsets[j]) << ']';
    out << "]}";
  }
  out << (components.empty() ? "]" : "\n  ]");
  if (r.dominance) {
    out << ",\n  \"dominance\": {\"removed\": [";
    for (size_t k = 0; k < r.dominance->removed.size(); ++k) {
      const solve::DominanceStep& s = r.dominance->removed[k];
      out << (k ? ", " : "") << "{\"round\": " << s.round << ", \"player\": "
          << JsonString(g.player_name(s.player)) << ", \"strategy\": "
          << JsonString(g.strategy_name(s.player, s.strategy)) << ", \"dominated_by\": "
          << JsonString(g.strategy_name(s.player, s.dominated_by)) << '}';
    }
    out << "]}";
  }
  out << ",\n  \"pareto_efficient\": ";
  if (r.pareto) {
    out << '[';
    for (size_t k = 0; k < r.pareto->size(); ++k) {
      PureProfile s = g.ProfileAt((*r.pareto)[k]);
      out << (k ? ", " : "") << '{';
      for (int p = 0; p < g.num_players(); ++p)
        out << (p ? ", " : "") << JsonString(g.player_name(p)) << ": "
            << JsonString(g.strategy_name(p, s[p]));
      out << '}';
    }
    out << ']';
  } else {
    out << "null";  // not computed: too many profiles
  }
  out << ",\n  \"security_levels\": [";
  for (size_t k = 0; k < r.security.size(); ++k) {
    const solve::SecurityLevel& s = r.security[k];
    out << (k ? ", " : "") << "{\"player\": " << JsonString(g.player_name(s.player))
        << ", \"level\": " << JsonNumber(s.value) << ", \"strategy\": "
        << JsonString(g.strategy_name(s.player, s.strategy)) << '}';
  }
  out << "]";
  for (const auto& [name, value] : r.json_fields) out << ",\n  " << JsonString(name) << ": " << value;
  out << "\n}\n";
}

}  // namespace sim::io
