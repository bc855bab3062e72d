// SPDX-License-Identifier: MIT
// Checks of a behaviour profile of a game tree (perfect recall assumed): the beliefs at each
// information set, each action's value to its mover given those beliefs, the largest regret
// of any information set's action given the beliefs (sequential rationality, Kreps & Wilson
// 1982), and the largest gain of a unilateral deviation (Nash regret in behaviour strategies).
// These certify equilibria that solvers report; they find none themselves.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "sim/game/strategic_form.h"
#include "sim/game/tree.h"

namespace sim::solve {

// Value of every node (columns, index = node) to every player (rows): the node's own outcome
// plus the expected payoff of play below it under `profile` (outcomes above the node are not
// included). Every set of `profile` must be specified. O(nodes x players).
Eigen::MatrixXd NodeValues(const GameTree& tree, const BehaviourProfile& profile);

// Beliefs at every information set by Bayes' rule from `profile` where the set is reached with
// positive probability; elsewhere `off_path[set]` when given and non-empty, else empty.
// Members in InfoSet::nodes order.
std::vector<Eigen::VectorXd> BayesBeliefs(const GameTree& tree, const BehaviourProfile& profile,
                                          const std::vector<Eigen::VectorXd>* off_path = nullptr);

// Per information set of a player: the expected payoff to its mover of each action, given
// that the set is reached and the mover's `beliefs` over its nodes, when everyone follows
// `profile` afterwards: U_I(a) = sum_x mu(x) V_i(child(x, a)) (outcomes on the path to the
// set, equal for every action, left out). Empty for chance sets and for sets without beliefs.
std::vector<Eigen::VectorXd> ActionValuesGivenBeliefs(const GameTree& tree,
                                                      const BehaviourProfile& profile,
                                                      const std::vector<Eigen::VectorXd>& beliefs);

// Sequential-rationality regret: the largest max_a U_I(a) - sum_a profile_I(a) U_I(a) over all
// players' information sets with beliefs (ActionValuesGivenBeliefs). With consistent beliefs
// defined everywhere, 0 certifies that `profile` is sequentially rational at every set; sets
// without beliefs are skipped (the count of such sets is written to *unchecked when given).
double SequentialRegret(const GameTree& tree, const BehaviourProfile& profile,
                        const std::vector<Eigen::VectorXd>& beliefs, int* unchecked = nullptr);

// Nash regret in behaviour strategies: the largest gain any player gets from the root by
// switching to a best response against the others' behaviour (computed by backward induction
// over the player's own information sets, deepest first, weighting each set's nodes by the
// probability that chance and the others reach them; exact under perfect recall).
// O(information sets x nodes).
double BehaviourRegret(const GameTree& tree, const BehaviourProfile& profile);

}  // namespace sim::solve
