// SPDX-License-Identifier: MIT
#include "sim/cli/commands.h"

#include <functional>
#include <iostream>

#include "sim/core/atomic_file.h"
#include "sim/core/error.h"
#include "sim/io/gambit_efg.h"
#include "sim/io/report.h"
#include "sim/io/tree_dot.h"
#include "sim/io/tree_report.h"
#include "sim/model/build_tree.h"
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

bool IsEfg(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".efg") == 0;
}

// Solves a game tree: subgame-perfect equilibria by default ("spe"), or the Nash equilibria
// of its strategic form with the named normal-form methods.
void ReportTree(const CommonOptions& options, const std::string& path, const std::string& title,
                const GameTree& tree, const model::DerivedTree* derived,
                const std::vector<std::string>& methods) {
  solve::SpeOptions spe;
  const bool nash = !methods.empty() && !(methods.size() == 1 && methods[0] == "spe");
  for (const std::string& m : methods) {
    if (m == "spe") continue;
    const solve::SolverInfo* info = solve::FindSolver(m);
    if (info == nullptr || !info->solve_normal_form) {
      throw InputError({"<command line>", 0, 0}, "unknown method '" + m + "' for a game tree",
                       "available: spe, or a normal-form method for the strategic form: " +
                           JoinWords(solve::SolverNames()));
    }
    spe.normal_form_methods.push_back(m);
  }
  const solve::SpeResult result =
      nash ? solve::SolveNashViaStrategicForm(tree, spe) : solve::SolveSubgamePerfect(tree, spe);
  io::TreeReport report{path, title.empty() ? tree.title() : title, &tree, &result, derived};
  Emit(options, [&](std::ostream& out) {
    if (options.format == "csv") {
      io::WriteTreeSolveCsv(out, report);
    } else if (options.format == "json") {
      io::WriteTreeReportJson(out, report);
    } else {
      io::WriteTreeReportTable(out, report);
    }
  });
}

// Everything the report shows about a scenario's derived game.
void ReportScenario(const CommonOptions& options, const std::string& path,
                    const std::vector<std::string>& methods) {
  if (IsEfg(path)) {
    const GameTree tree = io::ReadEfgFile(path);
    ReportTree(options, path, tree.title(), tree, nullptr, methods);
    return;
  }
  const Scenario scenario = LoadScenario(path, MakeLoadOptions(options));
  if (scenario.sequential()) {
    const model::DerivedTree derived = model::BuildSequentialGame(scenario);
    ReportTree(options, path, scenario.title.empty() ? scenario.id : scenario.title,
               derived.tree, &derived, methods);
    return;
  }
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
  report.pareto = solve::ParetoEfficientProfiles(game);
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

void RunExport(const CommonOptions& options, const std::string& game_path, const std::string& to) {
  GameTree tree;
  if (IsEfg(game_path)) {
    tree = io::ReadEfgFile(game_path);
  } else {
    const Scenario scenario = LoadScenario(game_path, MakeLoadOptions(options));
    if (!scenario.sequential()) {
      throw InputError(SourceLocation{game_path},
                       "export --to " + to + " needs a game tree, and this scenario has no "
                       "'stages'",
                       "add 'stages' to the scenario (see scenarios/README.md)");
    }
    tree = model::BuildSequentialGame(scenario).tree;
  }
  Emit(options, [&](std::ostream& out) {
    if (to == "efg") {
      out << io::WriteEfg(tree);
      return;
    }
    solve::SpeOptions spe;
    spe.analyse_threats = false;
    const solve::SpeResult result = solve::SolveSubgamePerfect(tree, spe);
    io::DotHighlight highlight;
    if (!result.equilibria.empty()) {
      highlight = {result.equilibria[0].behaviour, result.equilibria[0].reach};
    }
    out << io::WriteTreeDot(tree, highlight);
  });
}

int RunValidate(const CommonOptions& options, const std::vector<std::string>& paths,
                std::ostream& out, std::ostream& err) {
  const LoadOptions load = MakeLoadOptions(options);
  int bad = 0;
  for (const std::string& path : paths) {
    try {
      const Scenario scenario = LoadScenario(path, load);
      if (scenario.sequential()) {
        // The shape of an explicit tree (cycles, moves to undefined nodes) is checked when
        // the tree is built.
        const model::DerivedTree derived = model::BuildSequentialGame(scenario);
        out << path << ": ok (sequential: " << scenario.actors.size() << " actors, "
            << derived.tree.num_nodes() << " nodes)\n";
        continue;
      }
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
