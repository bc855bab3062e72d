// SPDX-License-Identifier: MIT
// The tremble model on game trees (issue #5: "with probability u the move is uniformly
// random, and every player anticipates it"): a tree transform that makes every trembling
// player's moves pass through a chance node, so that solving the new tree for its
// subgame-perfect equilibria solves the perturbed game in *intended* moves. This module only
// transforms; solving is solve/spe.h and play is montecarlo/run_tree.h.
#pragma once

#include <vector>

#include "sim/core/error.h"
#include "sim/game/tree.h"

namespace sim::montecarlo {

// A trembled tree and where its nodes come from.
struct TrembledTree {
  GameTree tree;
  // Per node of `tree`: the node of the original tree it copies; for an added tremble
  // chance node, the original decision node whose move it realizes.
  std::vector<GameTree::Node> origin;
  // Per node of `tree`: true for the added tremble chance nodes.
  std::vector<char> tremble;
  // Per information set of `tree`: the first set made for the same original set and the
  // same record of its player's own trembles. Sets of one class are copies of one another
  // that their player cannot tell apart; with CopySets::kShared every set is its own class.
  std::vector<int> set_class;
};

// Where the nodes that copies create go, for players who do not tremble on the path.
enum class CopySets {
  // The model as stated: a player's node in a copy joins the information set of the
  // original (it cannot tell an intended move from a tremble). Perfect-information trees
  // stop being of perfect information: the smallest subgame around such a set starts at the
  // trembling node above, which SolveSubgamePerfect solves through its strategic form
  // (exponential in its number of sets).
  kShared,
  // For solving: a copy of a node whose original set is a singleton (perfect information
  // there) gets a singleton set of its own, so every subgame of the original stays a
  // subgame (in each copy) and backward induction applies. The copy's continuation game is
  // the original's, so the same actions are optimal at a copy as at its original and the
  // SPE values are those of kShared; where the mover is indifferent, copies can be solved
  // differently, and the equilibria that treat every class (set_class) alike are the ones
  // kShared has. Sets of several nodes (a player who does not see some moves) stay shared.
  kSeparateSingletons,
};

// The tree in which player p (p < u.size(), u[p] in [0, 1]) trembles with probability u[p]:
// at every decision node of a player with u > 0 and k actions, action a (the intended move)
// leads to a new chance node whose branch a has probability (1 - u) + u/k and each other
// branch b probability u/k (probabilities exact, from the shortest decimal of u); branch b
// leads to a copy of the subtree of the original move b. Players with u = 0, chance nodes
// and terminals are copied as they are (outcomes keep their indices).
//
// Information sets keep perfect recall: a player's node in a copy reached after one of its
// own trembles (intended a, played b != a) lies in a set of its own, keyed by the original
// set and the player's record of such trembles on the path (it knows what it intended);
// every other player's node stays in the set of the original it cannot tell apart (it sees
// the move played, not the one intended). Nodes in copies are named after the original with
// "~PLAYER:INTENDED>PLAYED" per tremble on the path, tremble nodes "NODE?INTENDED".
//
// Size: each trembling node with k actions multiplies its subtree by k (plus k chance
// nodes). Throws InputError located at `where` when the result would exceed
// limits.max_nodes. Cost O(size of the result).
TrembledTree WithTrembles(const GameTree& tree, const std::vector<double>& u,
                          const TreeLimits& limits = {}, const SourceLocation& where = {},
                          CopySets copy_sets = CopySets::kShared);

// The number of nodes WithTrembles would build (as a double: it may exceed any integer).
double TrembledSize(const GameTree& tree, const std::vector<double>& u);

}  // namespace sim::montecarlo
