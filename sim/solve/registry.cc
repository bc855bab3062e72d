// SPDX-License-Identifier: MIT
#include "sim/solve/registry.h"

#include "sim/solve/enumpoly.h"
#include "sim/solve/logit.h"
#include "sim/solve/pure.h"

namespace sim::solve {

const std::vector<SolverInfo>& BuiltinSolvers() {
  static const std::vector<SolverInfo> solvers = {
      {"pure",
       "all pure-strategy Nash equilibria of an n-player game (exhaustive check of every "
       "profile)",
       [](const GameTraits& t) { return !t.sequential; }, SolvePureNash},
      {"logit",
       "one Nash equilibrium of any n-player game: the limit of the logit QRE branch traced "
       "from the centroid (a homotopy), polished by Newton on its support; regret reported",
       [](const GameTraits& t) { return !t.sequential; }, SolveLogitNash},
      {"qre",
       "logit quantal response equilibrium on the principal branch at --lambda, or without "
       "it the branch's limit as lambda grows (a Nash equilibrium, label qre-limit)",
       [](const GameTraits& t) { return !t.sequential; }, SolveLogitQre},
      {"enumpoly",
       "all Nash equilibria of a small n-player game: support enumeration, each support's "
       "polynomial indifference system solved by interval subdivision and Newton",
       [](const GameTraits& t) { return !t.sequential; },
       [](const NormalFormGame& g, const SolveOptions& o, const OnEquilibrium& cb) {
         return SolveEnumPoly(g, o, cb);
       }},
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
  // n-player games: every pure equilibrium plus one (usually mixed) from the global method.
  if (traits.num_players >= 3) return {"pure", "logit"};
  return {"pure"};
}

}  // namespace sim::solve
