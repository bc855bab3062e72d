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
  double qre_lambda = -1.0;       // solve --lambda L: logit QRE precision (< 0: the limit)
  int max_equilibria = 0;         // solve --max-equilibria N: cap on equilibria (0 = none)
};

// Monte Carlo options (`simulate SCENARIO` and `simulate sweep`). Unset values fall back to
// the scenario's montecarlo block, then to its defaults.
struct MonteCarloCliOptions {
  int64_t draws = -1;        // --draws N (> 0); also turns the Monte Carlo on
  int64_t seed = -1;         // --seed N (>= 0)
  int threads = 0;           // --threads N; 0 = every hardware thread (results do not change)
  std::string select;        // --select RULE ("" = the scenario's, else uniform)
  double logit_lambda0 = -1;  // --logit-lambda0 X (> 0; else the scenario's, else 10)
  bool quiet = false;        // --quiet: no progress bar
  bool progress = false;     // draw a progress bar on stderr (main sets it: stderr is a tty)
  bool resume = false;       // sweep --resume: continue from OUTPUT.checkpoint
  int64_t max_draws = 1'000'000'000;  // --max-draws N: draws of a run or a sweep, in all
};

// `simulate SCENARIO`: derive the game, solve it with the default methods, report; when the
// scenario has a montecarlo block or --draws is given, also run the Monte Carlo (CSV output
// is then the Monte Carlo CSV of product.md, with FILE.manifest.json beside --output FILE).
void RunScenario(const CommonOptions& options, const std::string& scenario_path,
                 const MonteCarloCliOptions& montecarlo = {});

// `simulate sweep SCENARIO --vary PATH=LO:HI:N ...`: a Monte Carlo at every point of the
// product grid, every point with the same seed (common random numbers). CSV: one column per
// varied PATH, then the Monte Carlo columns, one block of rows per grid point. Refuses more
// than --max-draws draws in all. With --output FILE every finished point is kept in
// FILE.checkpoint until FILE is written; after an interruption (SIGINT, SIGTERM, a crash) the
// same command with --resume computes only the missing points and writes the same bytes.
void RunSweep(const CommonOptions& options, const MonteCarloCliOptions& montecarlo,
              const std::string& scenario_path, const std::vector<std::string>& vary);

// `simulate solve GAME [--method M]...`: equilibria of a scenario, of a Gambit .nfg file or of
// a Gambit .efg file (chosen by the extension), by the default methods or those named. --set
// applies to scenarios only (an InputError for .nfg files). Game trees (a scenario with
// stages, or a Gambit .efg file) get their subgame-perfect equilibria ("spe", the default);
// other methods then solve the tree's reduced strategic form (Nash, or Bayesian Nash after a
// Harsanyi transformation).
// Returns why the result is incomplete (exit status 3), or "" when it is complete: for a game
// tree, when no equilibrium was found or the method stopped short of what it promises (the
// report is still written).
std::string RunSolve(const CommonOptions& options, const std::string& game_path,
                     const std::vector<std::string>& methods);

// `simulate validate FILE...`: checks every file, prints "FILE: ok" to `out` for good ones
// and every problem of the bad ones to `err`. Returns the number of bad files.
int RunValidate(const CommonOptions& options, const std::vector<std::string>& paths,
                std::ostream& out, std::ostream& err);

// `simulate export GAME --to nfg|efg|dot`, to stdout or --output (atomically):
//   nfg  a scenario's derived strategic game, or a tree's reduced strategic form, as Gambit .nfg
//   efg  a game tree (a scenario with stages, or an .efg) as Gambit .efg
//   dot  a game tree as Graphviz DOT, its first subgame-perfect equilibrium highlighted
void RunExport(const CommonOptions& options, const std::string& game_path, const std::string& to);

// One paragraph per solver method, for `simulate solve --help`.
std::string MethodsHelp();

}  // namespace sim::cli
