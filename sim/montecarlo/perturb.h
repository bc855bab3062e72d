// SPDX-License-Identifier: MIT
// Perturbed games of the Monte Carlo's unpredictability models (private to the montecarlo
// module): the game as the players see it when some of them may play a uniformly random
// move, by a tremble (per move, every player's payoffs) or as an erratic type (per draw, the
// other players' payoffs only), and the payoff scaling that turns per-player logit precisions
// into one QRE trace. Formulas: scenarios/README.md, "Unpredictability models".
#pragma once

#include <vector>

#include "sim/game/normal_form.h"

namespace sim::montecarlo::detail {

// How player a may play a uniformly random move instead of its strategy.
struct Randomness {
  double probability = 0;  // u_a in [0, 1]; 0 = never
  // Which players' payoffs see it: true for a tremble (the trembler's own expected payoff
  // includes its trembles), false for an erratic type (the normal type plays its strategy,
  // so only the others, who do not know the draw's type, average over it).
  bool own_payoffs_too = true;
};

// Replaces `game`'s payoffs by their expectation when every player a plays its intended
// move with probability 1 - u_a and a uniform move with probability u_a:
//   U~_i(s) = sum_t prod_{a in A_i} [ (1 - u_a) 1{t_a = s_a} + u_a / m_a ] U_i(t),
// A_i = the players whose randomness player i's payoffs see (a != i, and a = i when
// own_payoffs_too). Along player a's axis the payoffs are multiplied by
// T_a = (1 - u_a) I + (u_a / m_a) J (the T_a commute), so the cost is
// O(num_profiles x num_players) per random player. `randomness` has one entry per player.
void PerturbGame(const std::vector<Randomness>& randomness, NormalFormGame* game);

// Largest minus smallest payoff of any player in any profile (0 for a constant game): the
// payoff range R that makes the logit precision unit-free.
double PayoffRange(const NormalFormGame& game);

// Multiplies player i's payoffs by weights[i]. A logit QRE at lambda = 1 of the result is the
// heterogeneous logit QRE of the original game in which player i has precision weights[i]:
// p_ij proportional to exp(weights[i] * u_i(j, p_-i)).
void ScalePayoffs(const std::vector<double>& weights, NormalFormGame* game);

}  // namespace sim::montecarlo::detail
