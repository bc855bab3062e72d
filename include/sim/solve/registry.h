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
#include "sim/game/tree.h"
#include "sim/solve/solution.h"

namespace sim::solve {

struct SolverInfo {
  std::string name;         // e.g. "pure"
  std::string description;  // one sentence for --help
  std::function<bool(const GameTraits&)> supports;
  std::function<SolveResult(const NormalFormGame&, const SolveOptions&, const OnEquilibrium&)>
      solve_normal_form;
  // Set for methods that solve game trees directly (e.g. "spe"); empty otherwise.
  std::function<SolveResult(const GameTree&, const SolveOptions&, const OnEquilibrium&)>
      solve_tree;
};

// Every built-in method, in the order --help lists them.
const std::vector<SolverInfo>& BuiltinSolvers();

// The entry named `name`, or nullptr.
const SolverInfo* FindSolver(const std::string& name);

// Names of all registered methods, for "available: ..." messages.
std::vector<std::string> SolverNames();

// The methods `simulate solve GAME` runs when no --method is given: "spe" for trees; for a
// 2-player game "enum" unless it is large (EnumIsDefault), then "pure" and "lemke-howson";
// "pure" and "logit" for more players.
std::vector<std::string> DefaultMethods(const GameTraits& traits);

// Upper bound theorem (McMullen 1970): at most C(f - ceil(d/2), floor(d/2)) +
// C(f - floor(d/2) - 1, ceil(d/2) - 1) vertices for a d-polytope with f facets. For the
// best-response polytope of lower dimension of an m x n game: d = min(m, n), f = m + n.
inline double EnumUpperBoundVertices(int m, int n) {
  auto choose = [](int a, int b) {
    double c = 1;
    for (int i = 0; i < b; ++i) c = c * (a - i) / (i + 1);
    return b < 0 || a < b ? 0.0 : c;
  };
  const int d = m < n ? m : n, f = m + n;
  return choose(f - (d + 1) / 2, d / 2) + choose(f - d / 2 - 1, (d + 1) / 2 - 1);
}

// "enum" is the default for a 2-player game while EnumUpperBoundVertices is at most this:
// random 16 x 16 games (bound 9.8e5) enumerate in 4-6 s; 17 x 17 (1.8e6) take about 30 s
// and 18 x 18 a minute or more (tools/bench-enum-memory, payoffs 0..99).
inline constexpr double kEnumDefaultMaxVertices = 1e6;
bool EnumIsDefault(const GameTraits& traits);

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
