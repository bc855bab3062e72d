// SPDX-License-Identifier: MIT
// What solvers return. A solver is a free function over a game it only reads; it returns a
// SolveResult (status + message + equilibria, in the manner of a Ceres Summary) and may also
// stream each equilibrium through an OnEquilibrium callback as it is found. "No equilibrium
// of this kind" or "iteration cap reached" are results, not errors.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/tolerance.h"
#include "sim/game/profile.h"

namespace sim::solve {

enum class EquilibriumKind {
  kPure,            // every player plays one strategy with probability 1
  kMixed,           // some player randomises
  kSubgamePerfect,  // a behaviour profile of a game tree (sequential games)
};

// "pure", "mixed" or "spe": the `kind` column of the solve CSV.
const char* KindName(EquilibriumKind kind);

struct Equilibrium {
  EquilibriumKind kind = EquilibriumKind::kPure;
  MixedProfile profile;      // one distribution per player over its strategies
  Eigen::VectorXd payoffs;   // each player's expected payoff
  double regret = 0.0;       // max gain from a unilateral deviation (0 when exact)
  bool exact = false;        // re-checked in exact rational arithmetic
  // Connected component of the equilibrium set this (extreme) equilibrium lies in, when the
  // solver reports them (the 2-player `enum` method; -1 otherwise). Equilibria with the same
  // id from one solver run are joined by segments of equilibria: a continuum.
  int component = -1;
  // The maximal Nash subsets containing this equilibrium, by id (0-based, unique within one
  // solver run; empty when not reported). A maximal Nash subset is a product X x Y of sets
  // of extreme strategies of the two players such that every pairing is an equilibrium; then
  // so is every mixture of X against every mixture of Y (Avis, Rosenberg, Savani & von
  // Stengel 2010, Econ. Theory 42, §4). Equilibria sharing an id "belong together" in that
  // sense; a component is the union of its maximal Nash subsets.
  std::vector<int> nash_subsets;
  std::vector<std::string> labels;  // selection labels: "payoff-dominant", "risk-dominant", ...
};

enum class SolveStatus {
  kComplete,   // the method finished: the equilibria are all it promises (e.g. all pure NE)
  // Stopped early (a budget: iterations, time, max_equilibria), or the list is capped, or
  // no equilibrium was found where one must exist: what is listed is valid. Shown as
  // "incomplete"; `simulate` then exits with status 3.
  kPartial,
  kFailed,     // the method could not produce an answer on this game (message says why)
};

const char* StatusName(SolveStatus status);

struct SolveResult {
  std::string method;  // registry name of the solver that produced this
  SolveStatus status = SolveStatus::kComplete;
  std::string message;
  std::vector<Equilibrium> equilibria;

  // One line, e.g. "pure: 2 equilibria (complete)".
  std::string BriefReport() const;
};

// Options shared by solvers. Every field has a default; Validate() names the first bad one.
struct SolveOptions {
  // Relative regret accepted as "equilibrium" for float methods (core/tolerance.h).
  double tolerance = kPayoffRelativeTolerance;
  int64_t max_iterations = 1000000;
  int max_equilibria = 0;           // 0 = no cap; otherwise stop after this many
  double max_seconds = 0.0;         // wall-clock budget of a search (enum); 0 = none
  double qre_lambda = -1.0;         // logit QRE: a fixed precision; < 0 = trace to the limit

  std::optional<std::string> Validate() const;
};

// Called once per equilibrium as it is found (may be empty).
using OnEquilibrium = std::function<void(const Equilibrium&)>;

// Builds an Equilibrium for `profile`: kind from its support, payoffs and regret computed
// on `game`.
Equilibrium MakeEquilibrium(const NormalFormGame& game, MixedProfile profile);

}  // namespace sim::solve
