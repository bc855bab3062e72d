// SPDX-License-Identifier: MIT
#include "sim/solve/registry.h"

#include "sim/solve/pure.h"
#include "sim/solve/spe.h"

namespace sim::solve {

const std::vector<SolverInfo>& BuiltinSolvers() {
  static const std::vector<SolverInfo> solvers = {
      {"pure",
       "all pure-strategy Nash equilibria of an n-player game (exhaustive check of every "
       "profile)",
       [](const GameTraits& t) { return !t.sequential; }, SolvePureNash, {}},
      {"spe",
       "every subgame-perfect equilibrium of a game tree (backward induction; subgames with "
       "information sets through their strategic form)",
       [](const GameTraits& t) { return t.sequential; }, {}, SolveTreeSpe},
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
  if (traits.sequential) return {"spe"};
  return {"pure"};
}

}  // namespace sim::solve
