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

// `simulate solve GAME [--method M]...`: equilibria of a scenario or of a Gambit .nfg file
// (chosen by the .nfg extension), by the default methods or those named. --set applies to
// scenarios only (an InputError for .nfg files).
void RunSolve(const CommonOptions& options, const std::string& game_path,
              const std::vector<std::string>& methods);

// `simulate export SCENARIO --to nfg`: the scenario's derived game in Gambit's .nfg format,
// to stdout or --output (atomically).
void RunExport(const CommonOptions& options, const std::string& scenario_path,
               const std::string& to);

// `simulate validate FILE...`: checks every file, prints "FILE: ok" to `out` for good ones
// and every problem of the bad ones to `err`. Returns the number of bad files.
int RunValidate(const CommonOptions& options, const std::vector<std::string>& paths,
                std::ostream& out, std::ostream& err);

// One paragraph per solver method, for `simulate solve --help`.
std::string MethodsHelp();

}  // namespace sim::cli
