// SPDX-License-Identifier: MIT
#include "sim/solve/registry.h"

#include "sim/solve/bimatrix_enum.h"
#include "sim/solve/lemke_howson.h"
#include "sim/solve/pure.h"

namespace sim::solve {

const std::vector<SolverInfo>& BuiltinSolvers() {
  static const std::vector<SolverInfo> solvers = {
      {"pure",
       "all pure-strategy Nash equilibria of an n-player game (exhaustive check of every "
       "profile)",
       [](const GameTraits& t) { return !t.sequential; }, SolvePureNash},
      {"enum",
       "all extreme Nash equilibria of a 2-player game, degenerate games included, in exact "
       "arithmetic (vertex enumeration of the best-response polytopes); reports whether the "
       "game is degenerate and groups extreme points into connected components",
       [](const GameTraits& t) { return !t.sequential && t.num_players == 2; },
       SolveEnumMixed},
      {"lemke-howson",
       "one Nash equilibrium of a 2-player game, quickly even for large games (Lemke-Howson "
       "path with lexicographic pivoting, re-checked exactly); --max-equilibria N tries more "
       "of the m+n starting labels",
       [](const GameTraits& t) { return !t.sequential && t.num_players == 2; },
       SolveLemkeHowson},
  };
  return solvers;
}

const SolverInfo* FindSolver(const std::string& name) {
  for (const SolverInfo& info : BuiltinSolvers()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::vector<std::string> SolverNames() {
  std::vector<std::string> names;
  for (const SolverInfo& info : BuiltinSolvers()) names.push_back(info.name);
  return names;
}

std::vector<std::string> DefaultMethods(const GameTraits& traits) {
  if (traits.sequential) return {};
  if (traits.num_players == 2) return {"enum"};  // every extreme equilibrium, pure ones included
  return {"pure"};
}

}  // namespace sim::solve
