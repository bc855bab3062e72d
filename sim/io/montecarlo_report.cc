// SPDX-License-Identifier: MIT
#include "sim/io/montecarlo_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/io/number.h"
#include "sim/io/report.h"
#include "sim/io/text_table.h"

namespace sim::io {
namespace {

using montecarlo::Interval;
using montecarlo::MonteCarloResult;

// One output row before formatting.
struct Row {
  const char* metric;
  std::string name;
  double value;
  Interval ci;
  int64_t n;
};

// 95% interval of a rank correlation r over n pairs: tanh(atanh(r) -+ z sqrt(1.06/(n-3)))
// (Fisher's z with Fieller, Hartley & Pearson's 1957 variance for Spearman's rho).
Interval RankCorrelationInterval(double r, int64_t n) {
  if (n <= 3) return {-1.0, 1.0};
  const double clamped = std::clamp(r, -0.999999999999, 0.999999999999);
  const double z = std::atanh(clamped);
  const double half = montecarlo::kZ95 * std::sqrt(1.06 / static_cast<double>(n - 3));
  return {std::tanh(z - half), std::tanh(z + half)};
}

std::vector<Row> Rows(const MonteCarloResult& r) {
  std::vector<Row> rows;
  auto proportion = [](int64_t k, int64_t n) { return n > 0 ? static_cast<double>(k) / n : 0.0; };
  for (size_t c = 0; c < r.outcome_names.size(); ++c) {
    rows.push_back({"outcome", r.outcome_names[c], proportion(r.outcome_counts[c], r.draws),
                    montecarlo::WilsonInterval(r.outcome_counts[c], r.draws), r.draws});
  }
  for (size_t a = 0; a < r.actor_names.size(); ++a) {
    for (size_t m = 0; m < r.move_names[a].size(); ++m) {
      const int64_t k = r.move_counts[a][m];
      rows.push_back({"action", r.actor_names[a] + ":" + r.move_names[a][m],
                      proportion(k, r.solved), montecarlo::WilsonInterval(k, r.solved), r.solved});
    }
  }
  for (size_t k = 0; k < r.issue_names.size(); ++k) {
    rows.push_back({"issue", r.issue_names[k], r.positions[k].mean(),
                    r.positions[k].MeanInterval(), r.positions[k].count()});
  }
  for (size_t a = 0; a < r.actor_names.size(); ++a) {
    rows.push_back({"payoff", r.actor_names[a], r.payoffs[a].mean(), r.payoffs[a].MeanInterval(),
                    r.payoffs[a].count()});
  }
  for (size_t j = 0; j < r.sampled.size(); ++j) {
    for (size_t c = 0; c < r.outcome_names.size(); ++c) {
      const montecarlo::Correlation& corr = r.sensitivity[j][c];
      rows.push_back({"sensitivity", r.sampled[j] + ":" + r.outcome_names[c], corr.value(),
                      RankCorrelationInterval(corr.value(), corr.count()), corr.count()});
    }
  }
  return rows;
}

std::string JsonStrings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + JsonString(items[i]);
  return out + "]";
}

std::string Percent(double p) { return FormatForPeople(100.0 * p, 1) + "%"; }

}  // namespace

std::string HashText(const std::string& bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a offset basis and prime (64-bit)
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char text[32];
  std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::string ManifestJson(const Manifest& m, const std::string& indent) {
  const std::string in = indent + "  ";
  std::string out = "{\n";
  out += in + "\"version\": " + JsonString(m.version) + ",\n";
  out += in + "\"command\": " + JsonString(m.command) + ",\n";
  out += in + "\"scenario\": " + JsonString(m.scenario) + ",\n";
  out += in + "\"scenario_hash\": " + JsonString(m.scenario_hash) + ",\n";
  out += in + "\"seed\": " + std::to_string(m.seed) + ",\n";
  out += in + "\"draws\": " + std::to_string(m.draws) + ",\n";
  out += in + "\"select\": " + JsonString(m.select) + ",\n";
  out += in + "\"methods\": " + JsonString(m.methods) + ",\n";
  out += in + "\"models\": " + JsonStrings(m.models) + ",\n";
  out += in + "\"sets\": " + JsonStrings(m.sets) + ",\n";
  out += in + "\"vary\": " + JsonStrings(m.vary) + "\n";
  return out + indent + "}";
}

void WriteMonteCarloCsvHeader(std::ostream& out, const std::vector<std::string>& prefix) {
  for (const std::string& column : prefix) out << CsvField(column) << ',';
  out << "metric,name,value,ci_low,ci_high,draws\n";
}

void WriteMonteCarloCsvRows(std::ostream& out, const MonteCarloResult& result,
                            const std::vector<std::string>& prefix) {
  std::string lead;
  for (const std::string& value : prefix) lead += CsvField(value) + ",";
  for (const Row& row : Rows(result)) {
    out << lead << row.metric << ',' << CsvField(row.name) << ',' << FormatRoundTrip(row.value)
        << ',' << FormatRoundTrip(row.ci.low) << ',' << FormatRoundTrip(row.ci.high) << ','
        << row.n << '\n';
  }
}

void WriteMonteCarloTable(std::ostream& out, const MonteCarloResult& r, const Manifest& manifest) {
  out << "Monte Carlo: " << r.draws << " draws, seed " << r.seed << ", select " << r.select
      << ", methods " << r.methods << "\n";
  out << "  unpredictability: ";
  for (size_t a = 0; a < r.actor_names.size(); ++a)
    out << (a ? "; " : "") << r.actor_names[a] << " " << r.models[a];
  out << "\n";
  for (size_t j = 0; j < r.sampled.size(); ++j)
    out << "  varies: " << r.sampled[j] << " ~ " << r.sampled_distributions[j] << "\n";
  out << '\n';
  const std::vector<Row> rows = Rows(r);
  using Align = TextTable::Align;
  TextTable outcomes({"outcome", "probability", "95% interval"}, {Align::kLeft, Align::kRight, Align::kLeft});
  TextTable actions({"move", "frequency", "95% interval"}, {Align::kLeft, Align::kRight, Align::kLeft});
  TextTable means({"mean of", "value", "95% interval"}, {Align::kLeft, Align::kRight, Align::kLeft});
  std::vector<const Row*> sensitivities;
  for (const Row& row : rows) {
    const std::string metric = row.metric;
    if (metric == "outcome") {
      if (row.name == montecarlo::kUnsolvedOutcome && row.value == 0) continue;
      outcomes.AddRow({row.name, Percent(row.value),
                       "[" + Percent(row.ci.low) + ", " + Percent(row.ci.high) + "]"});
    } else if (metric == "action") {
      actions.AddRow({row.name, Percent(row.value),
                      "[" + Percent(row.ci.low) + ", " + Percent(row.ci.high) + "]"});
    } else if (metric == "issue" || metric == "payoff") {
      means.AddRow({(metric == "issue" ? "position of " : "payoff of ") + row.name,
                    FormatForPeople(row.value),
                    "[" + FormatForPeople(row.ci.low) + ", " + FormatForPeople(row.ci.high) + "]"});
    } else if (row.n > 0 && row.value != 0) {
      sensitivities.push_back(&row);
    }
  }
  out << "Outcome probabilities\n";
  outcomes.Write(out);
  out << "\nMoves played\n";
  actions.Write(out);
  out << "\nPositions and payoffs\n";
  means.Write(out);
  if (!sensitivities.empty()) {
    // Strongest first; ties keep CSV order (stable), so the table is deterministic.
    std::stable_sort(sensitivities.begin(), sensitivities.end(), [](const Row* a, const Row* b) {
      return std::fabs(a->value) > std::fabs(b->value);
    });
    constexpr size_t kShown = 12;
    TextTable table({"number : outcome", "rank corr.", "95% interval"},
                    {Align::kLeft, Align::kRight, Align::kLeft});
    for (size_t i = 0; i < sensitivities.size() && i < kShown; ++i) {
      const Row& row = *sensitivities[i];
      table.AddRow({row.name, FormatForPeople(row.value, 3),
                    "[" + FormatForPeople(row.ci.low, 3) + ", " + FormatForPeople(row.ci.high, 3) + "]"});
    }
    out << "\nSensitivity (Spearman rank correlation of each sampled number with each outcome)\n";
    table.Write(out);
  }
  out << '\n';
  if (r.selection_fallbacks > 0)
    out << "Note: " << r.selection_fallbacks << " of " << r.draws << " draws had no equilibrium "
        << "labelled '" << r.select << "'; they chose uniformly among all equilibria.\n";
  if (r.qre_draws > 0)
    out << "Note: " << r.qre_draws << " of " << r.draws << " draws played the logit quantal "
        << "response equilibrium (an actor with model logit and u > 0): one profile, no selection.\n";
  if (r.qre_failures > 0)
    out << "Note: the logit QRE trace failed in " << r.qre_failures << " draws (outcome "
        << "'unsolved').\n";
  if (r.fast_path)
    out << "Note: " << (r.games_solved - r.exact_solves) << " of " << r.games_solved
        << " draw games were solved by floating-point support enumeration (nondegenerate), "
        << r.exact_solves << " by exact enum (degenerate).\n";
  if (r.solved < r.draws)
    out << "Note: " << (r.draws - r.solved) << " draws had no equilibrium the methods could find "
        << "(outcome 'unsolved').\n";
  out << "Manifest: simulate " << manifest.version << ", " << manifest.command << " of "
      << manifest.scenario << " (" << manifest.scenario_hash << "), seed " << manifest.seed
      << ", draws " << manifest.draws << ", select " << manifest.select << ", methods "
      << manifest.methods;
  for (const std::string& set : manifest.sets) out << ", --set " << set;
  for (const std::string& vary : manifest.vary) out << ", --vary " << vary;
  out << '\n';
}

std::string MonteCarloJson(const MonteCarloResult& r, const Manifest& manifest) {
  std::string out = "{\n    \"manifest\": " + ManifestJson(manifest, "    ");
  out += ",\n    \"solved\": " + std::to_string(r.solved);
  out += ",\n    \"selection_fallbacks\": " + std::to_string(r.selection_fallbacks);
  out += ",\n    \"qre_draws\": " + std::to_string(r.qre_draws);
  out += ",\n    \"qre_failures\": " + std::to_string(r.qre_failures);
  out += ",\n    \"games_solved\": " + std::to_string(r.games_solved);
  out += ",\n    \"exact_solves\": " + std::to_string(r.exact_solves);
  out += ",\n    \"sampled\": [";
  for (size_t j = 0; j < r.sampled.size(); ++j)
    out += std::string(j ? ", " : "") + "{\"path\": " + JsonString(r.sampled[j]) +
           ", \"distribution\": " + JsonString(r.sampled_distributions[j]) + "}";
  out += "],\n    \"rows\": [";
  const std::vector<Row> rows = Rows(r);
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    out += std::string(i ? ",\n" : "\n") + "      {\"metric\": " + JsonString(row.metric) +
           ", \"name\": " + JsonString(row.name) + ", \"value\": " + JsonNumber(row.value) +
           ", \"ci_low\": " + JsonNumber(row.ci.low) + ", \"ci_high\": " +
           JsonNumber(row.ci.high) + ", \"draws\": " + std::to_string(row.n) + "}";
  }
  out += rows.empty() ? "]" : "\n    ]";
  return out + "\n  }";
}

}  // namespace sim::io
