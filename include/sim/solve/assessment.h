// SPDX-License-Identifier: MIT
// Assessments of behaviour profiles on game trees: a belief at every information set and
// how far the profile is from sequential rationality given those beliefs (Kreps & Wilson
// 1982). Beliefs follow Bayes' rule wherever the other players and chance reach the set;
// off their path they are the limit of Bayes' rule as every other mover trembles uniformly
// with a vanishing probability eps (each action it never takes gets eps / #actions): the
// members reached with the fewest trembles share the belief in proportion to the
// probability of their untrembled moves. That limit comes from a sequence of completely
// mixed profiles of the other players, so (with perfect recall) the beliefs are consistent
// for any own trembles; regret 0 therefore certifies a sequential equilibrium of the
// tree. Computed in floating point.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "sim/game/strategic_form.h"
#include "sim/game/tree.h"

namespace sim::solve {

struct Assessment {
  // Per information set (chance sets empty): the belief over InfoSet::nodes.
  std::vector<Eigen::VectorXd> beliefs;
  // Max over player sets and actions of (value of the action - value of the profile's mix)
  // given the belief, in payoff units; and the set where it is largest (-1 if none).
  double sequential_regret = 0.0;
  int worst_set = -1;
  // Nash regret: max over players of (best-response value - the profile's value) from the
  // root, by backward induction over each player's sequences (perfect recall).
  double nash_regret = 0.0;
};

// `profile` must specify every set. Cost O(nodes x players).
Assessment Assess(const GameTree& tree, const BehaviourProfile& profile);

}  // namespace sim::solve
