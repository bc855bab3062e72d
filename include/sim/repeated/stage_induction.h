// SPDX-License-Identifier: MIT
// Backward induction on the stage game's structure for `rounds:` games whose tree is too
// large to solve node by node: the T-round game with `carry: reset`, no types, no short-run
// actors and a simultaneous stage is, after every history of t rounds, the stage game plus a
// constant (the continuation value) — provided that continuation is the same after every
// history. If the stage game has exactly one Nash equilibrium (found by a method that lists
// them all), the last round plays it after every history, so every continuation value is
// that equilibrium's, and by induction the unique subgame-perfect equilibrium plays it in
// every round after every history (Luce & Raiffa 1957; Benoit & Krishna 1985, Econometrica
// 53: with several stage equilibria history-dependent play may be subgame perfect, which
// this function then declines to decide). Cost: one stage solve, independent of T.
#pragma once

#include <string>

#include "sim/scenario/scenario.h"
#include "sim/solve/solution.h"

namespace sim::repeated {

struct StageInduction {
  bool applies = false;   // the scenario has the structure above
  bool unique = false;    // the stage has exactly one equilibrium, so the SPE is unique
  std::string message;    // why not, when !applies or !unique
  solve::Equilibrium stage_equilibrium;  // played in every round after every history
  Eigen::VectorXd values;                // sum over rounds of delta^(t-1) x its payoffs
  double histories = 0;                  // profiles^T the tree would have had as leaves
};

// The stage is solved by the 2-player complete enumeration ("enum"); other games are
// declined (applies = false with the reason).
StageInduction SolveRoundsByStageInduction(const Scenario& scenario);

}  // namespace sim::repeated
