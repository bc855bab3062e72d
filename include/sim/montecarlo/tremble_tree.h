// SPDX-License-Identifier: MIT
// The tremble model on game trees (issue #5: "with probability u the move is uniformly
// random, and every player anticipates it"): a tree transform that makes every trembling
// player's moves pass through a chance node, so that solving the new tree for its
// subgame-perfect equilibria solves the perturbed game in *intended* moves. Also the type
// model (issue #5: "an erratic type with prior u"): a chance node draws the type, and the
// erratic type's moves become uniform chance nodes. This module only transforms; solving is
// solve/spe.h and play is montecarlo/run_tree.h.
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
  // Per node of `tree`: for a chance node that realizes an erratic type's move
  // (WithErraticTypes), the player whose move it is (its actions are that player's moves);
  // -1 elsewhere. Empty when no erratic type is modelled.
  std::vector<int> erratic;
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

// The type model on trees (issue #5: "an erratic type with prior u"): player p (p <
// u.size(), u[p] in [0, 1]) is, once per play of the game, an erratic type with probability
// u[p] that moves uniformly at random at each of its nodes, and the normal type otherwise;
// the other players know the prior, not the draw. The type is drawn by a chance node
// "type:PLAYER@NODE" with actions {normal, erratic} and probabilities 1 - u, u (exact, from
// the shortest decimal of u) placed just above p's first decision node on each path, with a
// copy of that node's subtree below each branch. Until p first moves nothing anyone sees
// depends on its type, so this is the same game as one draw at the root (same strategic
// form and play), and the subgames above p's first move stay subgames. In an erratic copy,
// each of p's decision nodes becomes a chance node with probability 1/k on each of its k
// actions (one chance set per node; `erratic` names p). Every other decision node, and p's
// nodes where p is normal, joins the information set of its original, shared by the copies:
// a player cannot tell the others' types apart, and knows its own (it is normal where it
// moves), so perfect recall holds as in the original. Perfect-information trees thereby get
// sets of several nodes below a typed player's first move: SolveSubgamePerfect solves the
// smallest subgame around them (from the type draw) through its strategic form. Chance nodes
// get a set per copy; terminals keep their outcomes. Nodes in a copy are named after the
// original with "~erratic:PLAYER" per erratic player of the copy. `origin` maps copies to
// originals, a type draw to the node below it; `tremble` is all 0.
//
// For solving, CopySets::kSeparateSingletons gives the copies of a node whose original set
// is a singleton separate sets where they differ only in the drawn types of typed players
// who do not move in its subtree: their type cannot change the continuation game, which is
// the same in those copies, and the player's belief about the other types factorises, so
// the same actions are optimal at each copy. Nodes after every typed player's last move thus
// keep perfect information and backward induction; `set_class` maps each set to the first
// copy of its original set, and the equilibria that play alike across a class are those of
// kShared. Nodes with a drawn typed player still to move below stay shared: their player's
// beliefs about that type matter, and the smallest subgame around them is solved through
// its strategic form (which may exceed SpeOptions::strategic_form_limits: then the tree has
// no equilibrium found). With kShared every set is its own class.
//
// Size: each typed player's first node on a path doubles its subtree (plus the draw), so at
// most 2^m copies, m = the number of players with u > 0. Throws InputError located at
// `where` beyond limits.max_nodes. Cost O(size of the result).
TrembledTree WithErraticTypes(const GameTree& tree, const std::vector<double>& u,
                              const TreeLimits& limits = {}, const SourceLocation& where = {},
                              CopySets copy_sets = CopySets::kShared);

// The number of nodes WithErraticTypes would build.
double ErraticTypesSize(const GameTree& tree, const std::vector<double>& u);

// Re-weights in place `t`, built from `original` by WithTrembles(original, tremble0), by
// WithErraticTypes(original, types0), or by WithTrembles over WithErraticTypes(original,
// types0) with origin and erratic composed back to `original` (the tree Monte Carlo's
// transform), for new probabilities `tremble` and `types` that are positive for the same
// players as tremble0 and types0: the transforms' shapes depend only on which players have
// u > 0, so only the tremble chance sets and the type draws change, and they get exactly the
// probabilities (the same fractions) that building anew would give them. Cost O(sets).
void ReweightTransforms(TrembledTree* t, const GameTree& original,
                        const std::vector<double>& tremble, const std::vector<double>& types);

}  // namespace sim::montecarlo
