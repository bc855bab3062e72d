// SPDX-License-Identifier: MIT
#include "sim/cli/commands.h"

#include <functional>
#include <iostream>

#include "sim/core/atomic_file.h"
#include "sim/core/error.h"
#include "sim/io/report.h"
#include "sim/model/build_game.h"
#include "sim/scenario/load.h"
#include "sim/solve/pure.h"
#include "sim/solve/registry.h"

namespace sim::cli {
namespace {

LoadOptions MakeLoadOptions(const CommonOptions& options) {
  LoadOptions load;
  for (const std::string& set : options.sets) load.overrides.push_back(ParseOverride(set));
  load.max_profiles = options.max_profiles;
  return load;
}

// Writes through `write` to stdout, or atomically to --output: a run that throws midway
// leaves no file behind (AtomicFile removes its temporary on unwinding).
void Emit(const CommonOptions& options, const std::function<void(std::ostream&)>& write) {
  if (options.output.empty() || options.output == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  AtomicFile file(options.output);
  write(file.stream());
  file.Commit();
}

void EmitGameReport(const CommonOptions& options, const io::GameReport& report) {
  Emit(options, [&](std::ostream& out) {
    if (options.format == "csv") {
      io::WriteSolveCsv(out, report);
    } else if (options.format == "json") {
      io::WriteReportJson(out, report);
    } else {
      io::WriteReportTable(out, report);
    }
  });
}

// Everything the report shows about a scenario's derived game.
void ReportScenario(const CommonOptions& options, const std::string& path,
                    const std::vector<std::string>& methods) {
  const Scenario scenario = LoadScenario(path, MakeLoadOptions(options));
  const model::DerivedGame derived = model::BuildGame(scenario);
  const NormalFormGame& game = derived.game;

  io::GameReport report;
  report.source = path;
  report.title = scenario.title.empty() ? scenario.id : scenario.title;
  report.game = &game;
  report.derived = &derived;
  solve::SolveOptions solve_options;
  solve::SolveResult merged =
      methods.empty() ? solve::SolveWithDefaults(game, solve_options, &report.results)
                      : solve::SolveWithMethods(game, methods, solve_options, &report.results);
  report.equilibria = std::move(merged.equilibria);
  for (const solve::Equilibrium& eq : report.equilibria)
    report.meanings.push_back(model::DescribeProfile(derived, eq.profile));
  report.dominance = solve::EliminateStrictlyDominated(game);
  // Bounded so that a large constant-sum game cannot stall the report (quadratic worst case).
  report.pareto = solve::ParetoEfficientProfiles(game, /*max_comparisons=*/200'000'000);
  report.security = solve::PureSecurityLevels(game);
  EmitGameReport(options, report);
}

}  // namespace

void RunScenario(const CommonOptions& options, const std::string& scenario_path) {
  ReportScenario(options, scenario_path, {});
}

void RunSolve(const CommonOptions& options, const std::string& game_path,
              const std::vector<std::string>& methods) {
  ReportScenario(options, game_path, methods);
}

int RunValidate(const CommonOptions& options, const std::vector<std::string>& paths,
                std::ostream& out, std::ostream& err) {
  const LoadOptions load = MakeLoadOptions(options);
  int bad = 0;
  for (const std::string& path : paths) {
    try {
      const Scenario scenario = LoadScenario(path, load);
      int64_t profiles = 1;
      for (const Actor& actor : scenario.actors) profiles *= static_cast<int64_t>(actor.moves.size());
      out << path << ": ok (" << scenario.actors.size() << " actors, " << scenario.issues.size()
          << " issues, " << profiles << " move profiles)\n";
    } catch (const InputError& e) {
      err << e.what() << '\n';
      ++bad;
    }
  }
  return bad;
}

std::string MethodsHelp() {
  std::string text = "Methods (--method; repeat to combine):\n";
  for (const solve::SolverInfo& info : solve::BuiltinSolvers())
    text += "  " + info.name + std::string(info.name.size() < 14 ? 14 - info.name.size() : 1, ' ') +
            info.description + "\n";
  return text;
}

}  // namespace sim::cli
