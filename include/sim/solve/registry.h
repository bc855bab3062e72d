// SPDX-License-Identifier: MIT
// The list of equilibrium methods `simulate solve --method` offers. Each entry says what it
// computes and on which games it applies (from GameTraits); --help, the "unknown method"
// message and the default choice all come from here. Registration is explicit
// (BuiltinSolvers()), not through static initialisers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/game/normal_form.h"
#include "sim/solve/solution.h"

namespace sim::solve {

struct SolverInfo {
  std::string name;         // e.g. "pure"
  std::string description;  // one sentence for --help
  std::function<bool(const GameTraits&)> supports;
  std::function<SolveResult(const NormalFormGame&, const SolveOptions&, const OnEquilibrium&)>
      solve_normal_form;
};

// Every built-in method, in the order --help lists them.
const std::vector<SolverInfo>& BuiltinSolvers();

// The entry named `name`, or nullptr.
const SolverInfo* FindSolver(const std::string& name);

// Names of all registered methods, for "available: ..." messages.
std::vector<std::string> SolverNames();

// The methods `simulate solve GAME` runs when no --method is given.
std::vector<std::string> DefaultMethods(const GameTraits& traits);

}  // namespace sim::solve

namespace sim::solve {

// Runs DefaultMethods(game.traits()) in order and merges their equilibria: a profile found
// by several methods (same probabilities within kProbabilityTolerance) is kept once, as the
// first method reported it. `results` receives each method's own SolveResult (for status lines); the
// return value holds the merged list, status kComplete only if every method completed.
SolveResult SolveWithDefaults(const NormalFormGame& game, const SolveOptions& options,
                              std::vector<SolveResult>* results = nullptr);

// Runs the named methods (each must exist and support the game; throws sim::InputError
// located at "<command line>" otherwise) and merges as SolveWithDefaults does.
SolveResult SolveWithMethods(const NormalFormGame& game, const std::vector<std::string>& methods,
                             const SolveOptions& options,
                             std::vector<SolveResult>* results = nullptr);

}  // namespace sim::solve
