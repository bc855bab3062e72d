// SPDX-License-Identifier: MIT
// `simulate`: the command-line front end. The only code that sees argv and sets exit
// statuses: 0 success, 2 bad usage or bad input (InputError, CLI11 parse errors), 1 any
// other failure. Errors go to stderr; results to stdout or --output.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <unistd.h>

#include "sim/cli/commands.h"
#include "sim/core/atomic_file.h"
#include "sim/core/error.h"
#include "sim/core/version.h"

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

// SIGINT/SIGTERM: remove half-written outputs, then die with the conventional status.
extern "C" void OnTerminate(int signal) {
  sim::RemovePendingTemporaryFiles();
  ::_exit(128 + signal);
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
                 "scenario's limits.max_profiles)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40))
      ->type_name("N");
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGINT, OnTerminate);
  std::signal(SIGTERM, OnTerminate);

  CLI::App app{
      "simulate: derive the game a bargaining scenario describes, solve it, and report.\n"
      "  simulate SCENARIO [options]          the main job\n"
      "  simulate solve GAME [--method M]     equilibria of a scenario\n"
      "  simulate validate SCENARIO...        check files, report every problem\n"
      "Exit status: 0 success, 2 bad usage or bad input, 1 other failure.",
      "simulate"};
  app.set_version_flag("--version", std::string("simulate ") + sim::kVersion);
  sim::cli::CommonOptions options;
  AddCommonOptions(app, options);
  app.fallthrough();  // common options may follow the subcommand

  std::string scenario;
  app.add_option("SCENARIO", scenario, "Scenario file (YAML) for the main job")->type_name("FILE");

  std::string solve_path;
  std::vector<std::string> methods;
  CLI::App* solve = app.add_subcommand("solve", "Equilibria of a game (a scenario file)");
  solve->add_option("GAME", solve_path, "Scenario file")->required()->type_name("FILE");
  solve->add_option("--method,-m", methods, "Solver method (repeatable)\n" + sim::cli::MethodsHelp())
      ->type_name("M")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);

  std::vector<std::string> validate_paths;
  CLI::App* validate = app.add_subcommand("validate", "Check scenario files; change nothing");
  validate->add_option("FILES", validate_paths, "Scenario files")->required()->type_name("FILE");

  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "simulate: error: " << e.what() << "\n  (see simulate --help)\n";
    return kExitBadInput;
  }

  try {
    if (*solve) {
      sim::cli::RunSolve(options, solve_path, methods);
    } else if (*validate) {
      return sim::cli::RunValidate(options, validate_paths, std::cout, std::cerr) == 0
                 ? 0
                 : kExitBadInput;
    } else if (!scenario.empty()) {
      sim::cli::RunScenario(options, scenario);
    } else {
      std::cerr << "simulate: error: no scenario given\n  (usage: simulate SCENARIO [options];"
                   " see simulate --help)\n";
      return kExitBadInput;
    }
  } catch (const sim::InputError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  } catch (const sim::Error& e) {
    std::cerr << "simulate: error: " << e.what() << '\n';
    return kExitFailure;
  } catch (const std::bad_alloc&) {
    std::cerr << "simulate: error: out of memory\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "simulate: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
  return 0;
}
