// SPDX-License-Identifier: MIT
// The commands of `simulate`, as plain functions over parsed options. main.cc parses argv
// with CLI11 (kept to that one translation unit: it is slow to compile) and maps exceptions
// to exit statuses; these functions do the work and throw on bad input.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace sim::cli {

// Options every command accepts.
struct CommonOptions {
  std::vector<std::string> sets;  // --set PATH=VALUE, in order
  std::string format = "table";   // table | csv | json
  std::string output;             // --output FILE ("" = stdout)
  int64_t max_profiles = -1;      // --max-profiles N (> 0 overrides the scenario's limit)
};

// `simulate SCENARIO`: derive the game, solve it with the default methods, report.
void RunScenario(const CommonOptions& options, const std::string& scenario_path);

// `simulate solve GAME [--method M]...`: equilibria of a scenario (by default methods, or
// those named). Game trees (a scenario with stages, or a Gambit .efg file) get their
// subgame-perfect equilibria ("spe", the default); other methods then solve the tree's
// reduced strategic form (Nash, or Bayesian Nash after a Harsanyi transformation).
void RunSolve(const CommonOptions& options, const std::string& game_path,
              const std::vector<std::string>& methods);

// `simulate validate FILE...`: checks every file, prints "FILE: ok" to `out` for good ones
// and every problem of the bad ones to `err`. Returns the number of bad files.
int RunValidate(const CommonOptions& options, const std::vector<std::string>& paths,
                std::ostream& out, std::ostream& err);

// `simulate export GAME --to dot|efg`: a game tree (a scenario with stages, or an .efg) as
// Graphviz DOT (the first subgame-perfect equilibrium highlighted) or Gambit .efg.
void RunExport(const CommonOptions& options, const std::string& game_path, const std::string& to);

// One paragraph per solver method, for `simulate solve --help`.
std::string MethodsHelp();

}  // namespace sim::cli
