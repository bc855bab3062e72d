// SPDX-License-Identifier: MIT
// Strict dominance on a game tree (issue 13: `dominated(ACTOR.MOVE)` and the "by
// construction" flag on sequential scenarios). Private to sim/robustness.
//
// The rule (scenarios/README.md, "Findings and ranges"): at an information set I of player
// i, action a is strictly dominated by another action b of I when, at every node x of I,
//     best_i(x, a) < worst_i(x, b)        (by more than the payoff tolerance, core/tolerance.h)
// best_i(x, a): the most i can get from the subtree after a at x when every later decision,
// its own and the others', goes the way best for i (chance averaged by its probabilities);
// worst_i(x, b): the least i can get after b when every later decision goes the way worst
// for i. So a is worse than b whatever i believes at I and whatever anyone plays later.
// Iterated: best_i skips actions removed in earlier rounds (where play after a is reached,
// no equilibrium plays them), worst_i does not (a set after b may be off the path, where an
// equilibrium may play anything); rounds repeat until nothing changes, and a set always
// keeps an action. In every Nash equilibrium (so every subgame-perfect and sequential one) a
// removed action has probability 0 at every set the play reaches: if i played a at a
// reached I, playing b there instead would pay more. This is conditional dominance
// (Shimoji & Watson 1998): it conditions on reaching I, so it also removes moves that the
// reduced strategic form only weakly dominates (where the others may avoid I). It is tested
// by bounds that treat every later decision node on its own (ignoring that a player chooses
// alike at the nodes of one set), so it may miss a dominance an exact test would find; what
// it removes is always dominated.
//
// A scenario MOVE of an actor is dominated when it is removed at every information set where
// that actor may make it (and there is one). Cost O(rounds x nodes x players).
#pragma once

#include <vector>

#include "sim/game/tree.h"
#include "sim/model/build_tree.h"
#include "sim/scenario/scenario.h"

namespace sim::robustness::detail {

// Per information set, per action: removed by iterated conditional dominance (chance sets:
// all 0).
std::vector<std::vector<char>> DominatedTreeActions(const GameTree& tree);

// Per actor of `scenario`, per move: removed at every information set where the actor may
// make it (the tree's player -> actor map of `derived`; actions named as the moves).
std::vector<std::vector<char>> DominatedTreeMoves(const model::DerivedTree& derived, const Scenario& scenario,
                                                  const std::vector<std::vector<char>>& actions);

// The outcomes of the leaves play can reach when no actor makes a move `dominated` marks
// (chance branches of positive probability): has[o] some such leaf is outcome o, all[o]
// every one is. `has` and `all` get `num_outcomes` entries.
void TreeRegion(const model::DerivedTree& derived, const Scenario& scenario,
                const std::vector<std::vector<char>>& dominated, size_t num_outcomes, std::vector<char>* has,
                std::vector<char>* all);

}  // namespace sim::robustness::detail
