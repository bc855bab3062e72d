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

#include "sim/core/error.h"

namespace sim::solve {
namespace {

bool SameProfile(const MixedProfile& a, const MixedProfile& b) {
  for (size_t p = 0; p < a.strategies.size(); ++p) {
    if ((a.strategies[p] - b.strategies[p]).cwiseAbs().maxCoeff() > 1e-9) return false;
  }
  return true;
}

}  // namespace

SolveResult SolveWithMethods(const NormalFormGame& game, const std::vector<std::string>& methods,
                             const SolveOptions& options, std::vector<SolveResult>* results) {
  SolveResult merged;
  const GameTraits traits = game.traits();
  for (const std::string& name : methods) {
    const SolverInfo* info = FindSolver(name);
    if (info == nullptr) {
      throw InputError({"<command line>", 0, 0}, "unknown method '" + name + "'",
                       "available: " + JoinWords(SolverNames()));
    }
    if (!info->supports(traits) || !info->solve_normal_form) {
      throw InputError({"<command line>", 0, 0},
                       "method '" + name + "' does not apply to this game (" +
                           std::to_string(traits.num_players) + " players)");
    }
    SolveResult result = info->solve_normal_form(game, options, {});
    if (!merged.method.empty()) merged.method += "+";
    merged.method += name;
    if (result.status != SolveStatus::kComplete) merged.status = result.status;
    for (const Equilibrium& eq : result.equilibria) {
      bool seen = false;
      for (const Equilibrium& other : merged.equilibria) seen |= SameProfile(eq.profile, other.profile);
      if (!seen) merged.equilibria.push_back(eq);
    }
    if (results) results->push_back(std::move(result));
  }
  return merged;
}

SolveResult SolveWithDefaults(const NormalFormGame& game, const SolveOptions& options,
                              std::vector<SolveResult>* results) {
  return SolveWithMethods(game, DefaultMethods(game.traits()), options, results);
}

}  // namespace sim::solve
