// SPDX-License-Identifier: MIT
// Between a game tree and its strategic form: behaviour profiles (a distribution over the
// actions of every information set), what they imply (expected payoffs, the probability of
// reaching each node, beliefs by Bayes' rule), and the reduced normal form of a tree or of a
// subgame as a NormalFormGame, with conversions both ways (Kuhn's theorem, perfect recall
// assumed). No solving here: solve/spe.h decides which profiles are equilibria.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/game/normal_form.h"
#include "sim/game/profile.h"
#include "sim/game/tree.h"

namespace sim {

// One probability vector per information set of the tree (index = infoset index), over
// that set's actions. Chance sets hold nature's probabilities. A vector may be empty for an
// information set that a profile leaves unspecified (see ReducedStrategicForm).
struct BehaviourProfile {
  std::vector<Eigen::VectorXd> actions;

  // Nature's probabilities at chance sets, uniform play at every player's set.
  static BehaviourProfile Uniform(const GameTree& tree);
  // True when every player's set puts probability 1 on one action.
  bool IsPure(double tolerance = 1e-12) const;
};

// Probability of reaching every node (index = node) when play follows `profile`.
// Unspecified sets count as reaching none of their children.
std::vector<double> ReachProbabilities(const GameTree& tree, const BehaviourProfile& profile);

// Expected payoff of every player from node `from` on (outcomes at `from` and below).
// Cost O(nodes in the subtree).
Eigen::VectorXd ExpectedPayoffs(const GameTree& tree, const BehaviourProfile& profile,
                                GameTree::Node from);

// Beliefs at every information set: the probability of each member node (in
// InfoSet::nodes order) given that the set is reached, by Bayes' rule from `reach`. Sets
// reached with probability 0 get an empty vector: Bayes' rule says nothing there.
std::vector<Eigen::VectorXd> Beliefs(const GameTree& tree, const std::vector<double>& reach);

// A reduced strategic form: one strategy per reduced plan, i.e. an action at each of the
// player's information sets that the player's own earlier actions do not rule out (Gambit's
// "reduced normal form"). Plans of player p are vectors over infosets[p]: an action index,
// or -1 where the plan makes that set unreachable. Strategy names list "SET:ACTION" pairs
// joined by spaces (SET named by GameTree::InfoSetName), "-" when a player has no move.
struct ReducedStrategicForm {
  NormalFormGame game;
  std::vector<std::vector<int>> infosets;            // per player: infoset ids, ascending
  std::vector<std::vector<std::vector<int>>> plans;  // [player][strategy][k]
};

// Limits for ToStrategicForm; exceeding one throws sim::Error (the game is too large for
// this method, not a bad input).
struct StrategicFormLimits {
  int64_t max_strategies = 100'000;   // per player
  int64_t max_profiles = 10'000'000;  // product of the strategy counts
  // Steps of work: profiles x nodes visited to fill the payoffs, and (checked first) nodes x
  // plans x information sets to enumerate each player's reduced plans.
  int64_t max_work = 500'000'000;
};

// The reduced strategic form of the subgame rooted at `root` (the whole tree by default).
// `frontier` replaces the subtrees of some nodes by fixed payoff vectors (used by subgame
// decomposition once inner subgames are solved); a frontier vector includes the outcome at
// its node. Payoffs count outcomes from `root` down. Cost: O(profiles x nodes); exponential
// in the number of information sets.
ReducedStrategicForm ToStrategicForm(
    const GameTree& tree, GameTree::Node root = GameTree::kNoNode,
    const std::map<GameTree::Node, Eigen::VectorXd>& frontier = {},
    const StrategicFormLimits& limits = {});

// Kuhn's theorem, strategic -> behaviour: at each set of the form, the probability of each
// action among the plans that reach the set. Sets that the mix never reaches are left
// unspecified (empty vectors); sets outside the form keep whatever `base` holds.
BehaviourProfile ToBehaviour(const GameTree& tree, const ReducedStrategicForm& form,
                             const MixedProfile& mixed, const BehaviourProfile& base);

// Behaviour -> strategic: each plan gets the product of its actions' probabilities, which
// is realisation-equivalent to `profile` under perfect recall.
MixedProfile ToMixed(const ReducedStrategicForm& form, const BehaviourProfile& profile);

}  // namespace sim
