// SPDX-License-Identifier: MIT
#include "sim/solve/registry.h"

#include "sim/solve/pure.h"

namespace sim::solve {

const std::vector<SolverInfo>& BuiltinSolvers() {
  static const std::vector<SolverInfo> solvers = {
      {"pure",
       "all pure-strategy Nash equilibria of an n-player game (exhaustive check of every "
       "profile)",
       [](const GameTraits& t) { return !t.sequential; }, SolvePureNash},
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
  return {"pure"};
}

}  // namespace sim::solve
