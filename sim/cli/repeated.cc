// SPDX-License-Identifier: MIT
#include "sim/cli/repeated.h"

#include <deque>
#include <iostream>
#include <sstream>

#include "sim/core/atomic_file.h"
#include "sim/core/error.h"
#include "sim/io/number.h"
#include "sim/io/repeated_report.h"
#include "sim/montecarlo/sweep.h"
#include "sim/repeated/build.h"
#include "sim/scenario/load.h"

namespace sim::cli {
namespace {

constexpr int64_t kMaxProfiles = 100'000;        // strategy profiles analysed per point
constexpr double kMaxSimulatedRounds = 2e10;     // Monte Carlo rounds in all

const SourceLocation kCommandLine{"<command line>"};

}  // namespace

void RunRepeated(const CommonOptions& options, const MonteCarloCliOptions& montecarlo,
                 const RepeatedCliOptions& cli) {
  std::vector<montecarlo::SweepAxis> axes;
  for (const std::string& argument : cli.vary) axes.push_back(montecarlo::ParseSweepAxis(argument));
  const std::vector<std::vector<double>> points =
      axes.empty() ? std::vector<std::vector<double>>{{}} : montecarlo::GridPoints(axes);
  const uint64_t seed = montecarlo.seed >= 0 ? static_cast<uint64_t>(montecarlo.seed) : 1;

  std::deque<repeated::RepeatedGame> games;  // the reports point into them
  std::vector<io::RepeatedReport> reports;
  for (const std::vector<double>& values : points) {
    LoadOptions load;
    for (const std::string& set : options.sets) load.overrides.push_back(ParseOverride(set));
    load.max_profiles = options.max_profiles;
    double discount = cli.discount;
    io::RepeatedReport report;
    for (size_t a = 0; a < axes.size(); ++a) {
      report.point.emplace_back(axes[a].path, values[a]);
      if (axes[a].path == "discount") {
        discount = values[a];
      } else {
        load.overrides.push_back({axes[a].path, io::FormatRoundTrip(values[a])});
      }
    }
    const Scenario scenario = LoadScenario(cli.scenario, load);
    if (!scenario.repeated) {
      throw InputError(SourceLocation{cli.scenario}, "the scenario has no 'repeated' block",
                       "add repeated: {cooperate: {ACTOR: MOVE, ...}, defect: {ACTOR: MOVE, ...}}"
                       " (scenarios/README.md, \"Repeated play\")");
    }
    if (discount < 0 && scenario.repeated->discount) discount = *scenario.repeated->discount;
    if (discount < 0) {
      throw InputError(kCommandLine, "no discount factor: give --discount D (0 <= D < 1)",
                       "or write discount: D in the scenario's 'repeated' block");
    }
    if (!(discount < 1)) {
      throw InputError(kCommandLine, "the discount must be below 1, got " +
                                         io::FormatRoundTrip(discount),
                       "values are normalised by (1 - discount)");
    }
    games.push_back(repeated::BuildRepeatedGame(scenario, cli.strategies));
    const repeated::RepeatedGame& game = games.back();
    const int64_t profiles =
        CountProfiles(std::vector<int>(static_cast<size_t>(game.stage.num_players()),
                                       game.num_strategies()),
                      kMaxProfiles);
    if (profiles < 0) {
      throw InputError(kCommandLine,
                       std::to_string(game.num_strategies()) + " strategies for " +
                           std::to_string(game.stage.num_players()) +
                           " players make more than " + std::to_string(kMaxProfiles) +
                           " strategy profiles",
                       "compare fewer strategies (--strategies a,b,...)");
    }
    if (cli.plays > 0 && static_cast<double>(cli.plays) * static_cast<double>(profiles) *
                                 repeated::TruncationRounds(discount) * points.size() >
                             kMaxSimulatedRounds) {
      throw InputError(kCommandLine, "the Monte Carlo would play more than " +
                                         io::FormatRoundTrip(kMaxSimulatedRounds) + " rounds",
                       "use fewer --simulate-plays, strategies or grid points");
    }
    repeated::AnalysisOptions analysis;
    analysis.discount = discount;
    analysis.critical = cli.critical;
    report.source = cli.scenario;
    report.title = scenario.title.empty() ? scenario.id : scenario.title;
    report.game = &game;
    report.discount = discount;
    report.seed = seed;
    report.rows = repeated::AnalyseAll(game, analysis);
    report.tournament = repeated::Tournament(game, report.rows);
    if (cli.plays > 0) {
      for (size_t r = 0; r < report.rows.size(); ++r) {
        report.simulated.push_back(repeated::SimulatePair(game, report.rows[r].profile, discount,
                                                          cli.plays, seed, r));
      }
    }
    reports.push_back(std::move(report));
  }

  std::ostringstream text;
  if (options.format == "csv") {
    std::vector<std::string> prefix;
    for (const montecarlo::SweepAxis& axis : axes) prefix.push_back(axis.path);
    io::WriteRepeatedCsvHeader(text, prefix);
    for (const io::RepeatedReport& report : reports) io::WriteRepeatedCsvRows(text, report);
  } else if (options.format == "json") {
    if (axes.empty()) {
      text << io::RepeatedJson(reports.front()) << '\n';
    } else {
      text << "{\n  \"points\": [";
      for (size_t k = 0; k < reports.size(); ++k)
        text << (k ? "," : "") << "\n    " << io::RepeatedJson(reports[k], "    ");
      text << "\n  ]\n}\n";
    }
  } else {
    for (size_t k = 0; k < reports.size(); ++k) {
      if (k) text << '\n';
      io::WriteRepeatedTable(text, reports[k]);
    }
  }
  if (options.output.empty() || options.output == "-") {
    std::cout << text.str();
    std::cout.flush();
    return;
  }
  AtomicFile file(options.output);
  file.stream() << text.str();
  file.Commit();
}

}  // namespace sim::cli
