// SPDX-License-Identifier: MIT
// `simulate`: the command-line front end. The only code that sees argv and sets exit
// statuses: 0 success, 2 bad usage or bad input (InputError, CLI11 parse errors), 1 any
// other failure, 3 an incomplete result (cli::Outcome::kIncomplete). Errors go to stderr; results to stdout or --output.
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/robustness.h"
#include "sim/cli/repeated.h"
#include "sim/core/atomic_file.h"
#include "sim/core/error.h"
#include "sim/core/version.h"
#include "sim/parallel/runner.h"
#include "sim/parallel/session.h"
#include "sim/scenario/uncertainty.h"

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitIncomplete = 3;

int ExitStatusOf(sim::cli::Outcome outcome) {
  return outcome == sim::cli::Outcome::kComplete ? 0 : kExitIncomplete;
}

// SIGINT/SIGTERM: remove half-written outputs, then die with the conventional status.
extern "C" void OnTerminate(int signal) {
  sim::RemovePendingTemporaryFiles();
  ::_exit(128 + signal);
}

// A closed stdin, stdout or stderr stays closed in effect: its descriptor is taken by
// /dev/null opened the wrong way round, so a write to stdout still fails (EBADF, reported)
// and no file the run opens can land on descriptor 1 and receive the report.
void HoldClosedStandardDescriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int held = ::open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
    if (held >= 0 && held != fd) {
      ::dup2(held, fd);
      ::close(held);
    }
  }
}

// CLI::Range lets NaN through (every comparison with it is false): a finite number in
// [low, high].
CLI::Validator FiniteRange(double low, double high) {
  return CLI::Validator(
      [low, high](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value)) return "not a number: " + text;
        if (!std::isfinite(value)) return "not a finite number: " + text;
        if (value < low || value > high) {
          return "value " + text + " not in range [" + CLI::detail::to_string(low) + " - " +
                 CLI::detail::to_string(high) + "]";
        }
        return "";
      },
      "FLOAT in [" + CLI::detail::to_string(low) + " - " + CLI::detail::to_string(high) + "]");
}

void AddCommonOptions(CLI::App& app, sim::cli::CommonOptions& options) {
  app.add_option("--set", options.sets,
                 "Override a scalar of the scenario: PATH=VALUE, e.g. "
                 "actors.usa.unpredictability=0.4 (repeatable)")
      ->type_name("PATH=VALUE")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);  // one value per --set: a following positional stays positional
  app.add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->default_str("table");
  app.add_option("--output,-o", options.output,
                 "Write the result to FILE (atomically: whole or not at all)")
      ->type_name("FILE");
  app.add_option("--max-profiles", options.max_profiles,
                 "Refuse games with more move profiles than N (default 10000000, or the "
                 "scenario's limits.max_profiles); for a Gambit .nfg, more pure profiles; for "
                 "a .efg, more nodes (default 1000000)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40))
      ->type_name("N");
}

void AddMonteCarloOptions(CLI::App& app, sim::cli::MonteCarloCliOptions& options) {
  app.add_option("--draws", options.draws,
                 "Monte Carlo draws (runs the Monte Carlo even without a montecarlo block); "
                 "at most --max-draws in all")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000'000'000}))
      ->type_name("N");
  app.add_option("--max-draws", options.max_draws,
                 "Refuse a run (or a whole sweep) of more than N draws in all (default "
                 "1000000000)")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000'000'000'000}))
      ->type_name("N");
  app.add_option("--seed", options.seed, "Random seed (default: the scenario's, else 1)")
      ->check(CLI::Range(int64_t{0}, int64_t{9'007'199'254'740'992}))
      ->type_name("N");
  app.add_option("--threads", options.threads,
                 "Worker threads (default: all; the results do not depend on it)")
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  app.add_option("--select", options.select,
                 "Equilibrium selection per draw: uniform, payoff-dominant, risk-dominant, "
                 "qre-limit (default: the scenario's, else uniform)")
      ->check(CLI::IsMember(sim::SelectKeys()))
      ->type_name("RULE");
  app.add_option("--logit-lambda0", options.logit_lambda0,
                 "Precision scale of the logit unpredictability model: lambda = X (1 - u) / (u R), "
                 "R the payoff range (default: the scenario's logit_lambda0, else 10)")
      ->check(FiniteRange(1e-6, 1e6))
      ->type_name("X");
  app.add_flag("--quiet,-q", options.quiet, "No progress bar on stderr");
  app.add_option("--shard", options.shard,
                 "Compute only slice I of N of the Monte Carlo's chunks and write them to "
                 "--output as a part file, for `simulate merge` (job arrays)")
      ->type_name("I/N");
}

}  // namespace

int Main(int argc, char** argv, sim::parallel::Session& session) {
  const bool root = sim::parallel::ThisProcess().root();
  std::signal(SIGINT, OnTerminate);
  std::signal(SIGTERM, OnTerminate);

  CLI::App app{
      "simulate: derive the game a bargaining scenario describes, solve it, and report.\n"
      "  simulate SCENARIO [options]          the main job\n"
      "  simulate solve GAME [--method M]     equilibria of a scenario or a Gambit .nfg/.efg file\n"
      "  simulate sweep SCENARIO --vary PATH=LO:HI:N ...   Monte Carlo over a grid\n"
      "  simulate validate SCENARIO...        check files, report every problem\n"
      "  simulate robustness SCENARIO [--samples N]  do the findings survive the ranges?\n"
      "  simulate export GAME --to nfg|efg|dot  the game in Gambit's formats, or a tree for Graphviz\n"
      "  simulate repeated SCENARIO --discount D   automata in the repeated game with noise\n"
      "  simulate merge PART... --output FILE  the output of a run computed with --shard I/N\n"
      "  mpiexec -n K simulate ...            the same Monte Carlo and sweeps on K MPI ranks\n"
      "Exit status: 0 success, 2 bad usage or bad input, 1 other failure, 3 incomplete result\n"
      "(a solver's budget or limit stopped it; what was found is written).",
      "simulate"};
  app.set_version_flag("--version", std::string("simulate ") + sim::kVersion + " (MPI support: " +
                                         (sim::parallel::MpiCompiledIn() ? "yes" : "no") + ")");
  sim::cli::CommonOptions options;
  AddCommonOptions(app, options);
  sim::cli::MonteCarloCliOptions montecarlo;
  AddMonteCarloOptions(app, montecarlo);
  montecarlo.progress = root && ::isatty(STDERR_FILENO) == 1;
  app.fallthrough();  // common options may follow the subcommand

  std::string scenario;
  app.add_option("SCENARIO", scenario, "Scenario file (YAML) for the main job")->type_name("FILE");

  std::string solve_path;
  std::vector<std::string> methods;
  CLI::App* solve = app.add_subcommand(
      "solve", "Equilibria of a game (a scenario, or a Gambit .nfg or .efg file)");
  solve->add_option("GAME", solve_path, "Scenario file, or a Gambit game (.nfg, .efg)")
      ->required()
      ->type_name("FILE");
  solve->add_option("--method,-m", methods, "Solver method (repeatable)\n" + sim::cli::MethodsHelp())
      ->type_name("M")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  solve->add_option("--lambda", options.qre_lambda,
                    "Method qre: the logit QRE at this precision (1/payoff units, >= 0) "
                    "instead of the branch's limit")
      ->check(FiniteRange(0.0, 1e300))
      ->type_name("L");
  solve->add_option("--max-equilibria", options.max_equilibria,
                    "Stop after N equilibria (enum, enumpoly; the list is then incomplete); "
                    "pure: count them all, list N; lemke-howson: try starting labels until N "
                    "distinct equilibria")
      ->check(CLI::Range(1, 1'000'000))
      ->type_name("N");
  solve->add_option("--max-seconds", options.max_seconds,
                    "Time budget of the enum search; when it runs out, what was found is "
                    "reported as incomplete (exit status 3)")
      ->check(FiniteRange(1e-3, 1e9))
      ->type_name("S");

  std::string sweep_path;
  std::vector<std::string> sweep_vary;
  CLI::App* sweep = app.add_subcommand(
      "sweep", "Monte Carlo at every point of a grid (several --vary make a product grid)");
  sweep->add_option("SCENARIO", sweep_path, "Scenario file")->required()->type_name("FILE");
  sweep->add_option("--vary", sweep_vary,
                    "Swept number and its grid: PATH=LO:HI:N (N evenly spaced values, ends "
                    "included; repeatable)")
      ->required()
      ->type_name("PATH=LO:HI:N");
  sweep->add_flag("--resume", montecarlo.resume,
                  "Finish a sweep that was interrupted: keep the points already in "
                  "OUTPUT.checkpoint (same arguments and --output required)");
  std::string export_path, export_to;
  CLI::App* exporter = app.add_subcommand(
      "export",
      "The game in Gambit's formats (nfg: the strategic form; efg: a game tree) or a game tree "
      "as Graphviz DOT");
  exporter->add_option("GAME", export_path, "Scenario file, or a Gambit .efg file")
      ->required()
      ->type_name("FILE");
  exporter->add_option("--to", export_to, "Output format")
      ->required()
      ->check(CLI::IsMember({"nfg", "efg", "dot"}));

  std::vector<std::string> validate_paths;
  CLI::App* validate = app.add_subcommand(
      "validate", "Check scenario files (and Gambit .nfg / .efg games); change nothing");
  validate->add_option("FILES", validate_paths, "Scenario files, or Gambit .nfg / .efg games")
      ->required()
      ->type_name("FILE");

  std::string robustness_path;
  sim::cli::RobustnessCliOptions robustness_options;
  CLI::App* robustness = app.add_subcommand(
      "robustness",
      "Do the scenario's findings survive its ranges? Share of samples, sensitivity, tipping "
      "points, flags (--draws sets the inner Monte Carlo's draws per sample)");
  robustness->add_option("SCENARIO", robustness_path, "Scenario file")->required()->type_name("FILE");
  robustness->add_option("--samples", robustness_options.samples, "Joint samples of the ranges (default 1000)")
      ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}))
      ->type_name("N");
  sim::cli::RepeatedCliOptions repeated_options;
  CLI::App* repeated = app.add_subcommand(
      "repeated",
      "The infinitely repeated stage game under noise: exact values of automaton strategies, "
      "subgame-perfect check, critical discount, round-robin tournament");
  repeated->add_option("SCENARIO", repeated_options.scenario, "Scenario file with a 'repeated' block")
      ->required()
      ->type_name("FILE");
  repeated->add_option("--discount", repeated_options.discount,
                       "Discount factor D in [0, 1) (default: the block's 'discount')")
      ->check(CLI::Range(0.0, 1.0))
      ->type_name("D");
  repeated->add_option("--strategies", repeated_options.strategies,
                       "Strategies compared, e.g. grim,tft,gtft:0.2,steps:3 (default: the "
                       "block's 'strategies', else every built-in and automaton)")
      ->delimiter(',')
      ->type_name("LIST");
  repeated->add_option("--simulate-plays", repeated_options.plays,
                       "Also play every pair N times (Monte Carlo, --seed) as a cross-check")
      ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}))
      ->type_name("N");
  repeated->add_flag("--no-critical{false}", repeated_options.critical,
                     "Skip the search for each pair's critical discount");
  repeated->add_option("--vary", repeated_options.vary,
                       "Analyse at every point of a grid: PATH=LO:HI:N, PATH 'discount' or a "
                       "--set path such as actors.usa.unpredictability (repeatable)")
      ->type_name("PATH=LO:HI:N");

  std::vector<std::string> merge_parts;
  CLI::App* merge = app.add_subcommand(
      "merge", "Write the output of a run computed as slices (--shard I/N) from its part files");
  merge->add_option("PARTS", merge_parts, "Part files, one per slice, in any order")
      ->required()
      ->type_name("PART");

  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return root ? app.exit(e) : e.get_exit_code();
  } catch (const CLI::CallForAllHelp& e) {
    return root ? app.exit(e) : e.get_exit_code();
  } catch (const CLI::CallForVersion& e) {
    return root ? app.exit(e) : e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    // Every rank parses the same arguments: each exits alike, rank 0 says why.
    if (root) std::cerr << "simulate: error: " << e.what() << "\n  (see simulate --help)\n";
    return kExitBadInput;
  }

  // Errors are reported by rank 0 only (every rank meets the same input), which then ends
  // the whole run (Session::Fail).
  auto fail = [&](int code, const std::string& message) {
    if (root) std::cerr << message << '\n';
    return session.Fail(code, message.c_str());
  };
  try {
    if (*solve) {
      if (!root) return 0;
      return ExitStatusOf(sim::cli::RunSolve(options, solve_path, methods));
    } else if (*sweep) {
      sim::cli::RunSweep(options, montecarlo, sweep_path, sweep_vary);
    } else if (*exporter) {
      if (root) sim::cli::RunExport(options, export_path, export_to);
    } else if (*merge) {
      if (root) sim::cli::RunMerge(options, merge_parts);
    } else if (*robustness) {
      if (montecarlo.draws > 0) robustness_options.draws = montecarlo.draws;
      sim::cli::RunRobustness(options, montecarlo, robustness_options, robustness_path);
    } else if (*repeated) {
      if (root) sim::cli::RunRepeated(options, montecarlo, repeated_options);
    } else if (*validate) {
      if (!root) return 0;
      return sim::cli::RunValidate(options, validate_paths, std::cout, std::cerr) == 0
                 ? 0
                 : kExitBadInput;
    } else if (!scenario.empty()) {
      return ExitStatusOf(sim::cli::RunScenario(options, scenario, montecarlo));
    } else {
      return fail(kExitBadInput, "simulate: error: no scenario given\n  (usage: simulate SCENARIO [options];"
                                 " see simulate --help)");
    }
  } catch (const sim::InputError& e) {
    return fail(kExitBadInput, e.what());
  } catch (const sim::Error& e) {
    return fail(kExitFailure, std::string("simulate: error: ") + e.what());
  } catch (const std::bad_alloc&) {
    return fail(kExitFailure, "simulate: error: out of memory");
  } catch (const std::exception& e) {
    return fail(kExitFailure, std::string("simulate: internal error: ") + e.what());
  }
  return 0;
}

int main(int argc, char** argv) {
  HoldClosedStandardDescriptors();
  // Under mpiexec (or srun) every rank runs this same main; only rank 0 writes.
  sim::parallel::Session session(&argc, &argv);
  if (*session.Refusal() != '\0') {
    std::cerr << "simulate: error: " << session.Refusal() << '\n';
    return kExitBadInput;
  }
  const int status = Main(argc, argv, session);
  // Output errors are errors: a full disk or a closed stdout must not end in status 0.
  if (const std::string reason = sim::CloseStandardOutput(); !reason.empty()) {
    std::cerr << "simulate: error: cannot write to standard output: " << reason << '\n';
    return status == 0 ? kExitFailure : status;
  }
  return status;
}
