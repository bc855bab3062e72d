// SPDX-License-Identifier: MIT
// `simulate export` and `simulate validate` (commands.h): a game written in another format,
// and files checked without solving them.
#include <optional>
#include <ostream>

#include "sim/cli/command_support.h"
#include "sim/cli/commands.h"
#include "sim/io/gambit_efg.h"
#include "sim/io/gambit_nfg.h"
#include "sim/io/tree_dot.h"
#include "sim/model/build_game.h"
#include "sim/model/build_tree.h"
#include "sim/solve/spe.h"

namespace sim::cli {

void RunExport(const CommonOptions& options, const std::string& game_path, const std::string& to) {
  if (to != "nfg" && to != "efg" && to != "dot") {
    throw InputError({"<command line>", 0, 0}, "cannot export to '" + to + "'",
                     "available: nfg, efg, dot");
  }
  CheckOutputIsNoInput(options, game_path);
  if (IsNfgPath(game_path)) {
    throw InputError(SourceLocation{game_path}, "export takes a scenario or a Gambit .efg file, not a .nfg",
                     "a .nfg file is already a strategic game in Gambit's format; to solve it: "
                     "simulate solve " + game_path);
  }
  std::optional<Scenario> loaded;
  if (!IsEfg(game_path)) {
    loaded.emplace(ParseScenario(ReadScenarioFile(game_path), game_path, MakeLoadOptions(options)));
  }
  if (to == "nfg" && loaded) {
    const Scenario& scenario = *loaded;
    if (!scenario.tree_game()) {
      const model::DerivedGame derived = model::BuildGame(scenario);
      const std::string text = io::FormatNfg(derived.game, "exported by simulate from " + game_path);
      Emit(options, [&](std::ostream& out) { out << text; });
      return;
    }
  }
  GameTree tree;
  if (IsEfg(game_path)) {
    tree = io::ReadEfgFile(game_path, EfgLimits(options));
  } else {
    const Scenario& scenario = *loaded;
    // A simultaneous scenario is exported as the tree in which every actor moves without
    // seeing the others (one information set each), as Gambit writes a normal-form game.
    tree = model::BuildSequentialGame(scenario.tree_game() ? scenario
                                                           : model::AsSimultaneousStages(scenario))
               .tree;
  }
  if (to == "nfg") {
    // A tree's reduced strategic form (Gambit's "reduced normal form").
    const ReducedStrategicForm form = ToStrategicForm(tree);
    const std::string text = io::FormatNfg(form.game, "reduced strategic form of " + game_path);
    Emit(options, [&](std::ostream& out) { out << text; });
    return;
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
      // Gambit files are checked by reading them, with the same limits as `solve`.
      if (IsEfg(path)) {
        // Without perfect recall, accepted as `solve` accepts it: when its strategic form fits.
        TreeLimits limits = EfgLimits(options);
        limits.require_perfect_recall = false;
        const GameTree tree = io::ReadEfgFile(path, limits);
        std::string recall;
        if (auto problem = tree.RecallProblem()) {
          const ReducedStrategicForm form = ImperfectRecallForm(tree, *problem);
          recall = "; lacks perfect recall: solved in mixed strategies of its reduced strategic form, ";
          for (int p = 0; p < form.game.num_players(); ++p)
            recall += (p ? " x " : "") + std::to_string(form.game.num_strategies(p));
          recall += " strategies";
        }
        out << path << ": ok (Gambit game tree: " << tree.num_players() << " players, "
            << tree.num_nodes() << " nodes" << recall << ")\n";
        continue;
      }
      if (IsNfgPath(path)) {
        const NormalFormGame game = io::ReadNfgFile(path, /*comment=*/nullptr, options.max_profiles);
        out << path << ": ok (Gambit strategic game: " << game.num_players() << " players, "
            << game.num_profiles() << " pure profiles)\n";
        continue;
      }
      const Scenario scenario = LoadScenario(path, load);
      if (scenario.tree_game()) {
        // The shape of an explicit tree (cycles, moves to undefined nodes) is checked when
        // the tree is built.
        const model::DerivedTree derived = model::BuildSequentialGame(scenario);
        out << path << ": ok (" << (scenario.sequential() ? "sequential"
                                   : scenario.rounds ? std::to_string(scenario.rounds->count) + " rounds"
                                                     : "with types")
            << ": " << scenario.actors.size() << " actors, " << derived.tree.num_nodes()
            << " nodes)\n";
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

}  // namespace sim::cli
