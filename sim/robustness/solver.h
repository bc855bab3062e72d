// SPDX-License-Identifier: MIT
// One thread's machinery for the robustness analysis (private to the module): its own copy
// of the scenario with the ranged numbers bound by path, the game re-derived in place after
// the numbers change (model/rederive.h, as the Monte Carlo's draws do), solved, and turned
// into the GameFacts findings are evaluated over.
#pragma once

#include <vector>

#include "sim/model/build_game.h"
#include "sim/model/build_tree.h"
#include "sim/robustness/robustness.h"
#include "sim/solve/solution.h"
#include "sim/solve/spe.h"

namespace sim::robustness::detail {

// The value of `d` at probability u in (0, 1) (inverse CDF; clamped as Draw clamps).
double Quantile(const Distribution& d, double u);

struct Plan {
  const Scenario* base = nullptr;
  std::vector<RangedNumber> numbers;
  bool tree = false;
  bool fast_bimatrix = false;
  std::vector<std::string> methods;
  bool needs_montecarlo = false;
  int64_t draws = 1000;
  uint64_t seed = 1;
  SelectRule select = SelectRule::kUniform;
  size_t num_outcomes = 0;  // classes + "other"
};

Plan MakePlan(const Scenario& scenario, std::vector<RangedNumber> numbers, const Options& options);

class SampleSolver {
 public:
  explicit SampleSolver(const Plan& plan);

  // Sets ranged number j to `value` (all others keep theirs).
  void Set(size_t j, double value) { *slots_[j] = value; }
  void ResetToBase();
  // Solves the game at the current numbers into `facts` (Monte Carlo when the plan needs it
  // and `with_montecarlo`); `select` overrides the plan's rule.
  void Solve(GameFacts* facts, bool with_montecarlo, std::optional<SelectRule> select = {});
  // The same with these equilibria of the current strategic game instead of solving it.
  void UseEquilibria(const std::vector<solve::Equilibrium>& equilibria, GameFacts* facts);
  // Region of undominated profiles (after Solve): per outcome, whether some / every profile
  // that plays no dominated move is it (on a tree: some / every leaf that play without a
  // dominated move reaches, tree_dominance.h). False when no move is dominated.
  bool Region(const GameFacts& facts, std::vector<char>* has, std::vector<char>* all) const;
  // The equilibria of the last Solve, in words: "usa.hold + russia.status_quo -> standoff; ...".
  std::string DescribeEquilibria(const GameFacts& facts) const;
  const Scenario& scenario() const { return scenario_; }

 private:
  void Describe(GameFacts* facts);  // equilibrium outcomes and dominance of derived_/equilibria_

  const Plan& plan_;
  Scenario scenario_;
  std::vector<double*> slots_;
  model::DerivedGame derived_;
  std::vector<solve::Equilibrium> equilibria_;
  model::DerivedTree tree_;
  solve::SpeResult spe_;
};

}  // namespace sim::robustness::detail
