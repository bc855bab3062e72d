// SPDX-License-Identifier: MIT
// Equilibrium selection labels: when a game has several equilibria, which of them does a
// classical criterion pick? Labels are added to Equilibrium::labels; the Monte Carlo selects
// by them. This module only labels: it never removes equilibria or ranks unlabelled ones.
#pragma once

#include <vector>

#include "sim/game/normal_form.h"
#include "sim/solve/solution.h"

namespace sim::solve {

inline constexpr char kPayoffDominant[] = "payoff-dominant";
inline constexpr char kRiskDominant[] = "risk-dominant";
inline constexpr char kQreLimit[] = "qre-limit";

struct SelectionOptions {
  // Payoff differences within tolerance * max(1, largest |payoff|) count as ties.
  double tolerance = 1e-9;
  // Trace the logit branch (solve/logit.h) and label the equilibrium it converges to.
  bool label_qre_limit = true;
  // When the branch's limit is not in the list, append it with the single label qre-limit
  // (payoff and risk dominance judge only the equilibria the caller listed).
  bool append_qre_limit = true;
};

// Adds selection labels to `equilibria` (equilibria of `game`, e.g. from any solver):
//  - "payoff-dominant": strictly better for every player than every other listed
//    equilibrium (Harsanyi & Selten 1988, payoff dominance); a lone equilibrium gets it too.
//    Equilibria with (nearly) equal payoff vectors block each other.
//  - "risk-dominant": only in 2x2 games whose list holds both strict pure equilibria: the
//    one with the larger product of the two players' deviation losses (Harsanyi & Selten
//    1988, section 3.9); none on a tie.
//  - "qre-limit": the listed equilibrium (within 1e-6 in every probability) that the
//    principal logit QRE branch converges to (McKelvey & Palfrey 1995).
// Existing labels are kept; a label is never added twice. Cost: quadratic in the list size
// for payoff dominance, plus one logit trace.
void LabelEquilibria(const NormalFormGame& game, std::vector<Equilibrium>& equilibria,
                     const SelectionOptions& options = {});

}  // namespace sim::solve
