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
                          const TreeLimits& limits = {}, const SourceLocation& where = {});

// The number of nodes WithTrembles would build (as a double: it may exceed any integer).
double TrembledSize(const GameTree& tree, const std::vector<double>& u);

}  // namespace sim::montecarlo
