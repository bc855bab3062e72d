// SPDX-License-Identifier: MIT
// Incomplete information by the Harsanyi transformation: one player's private type is drawn
// by nature from a common prior at a new root, the player knows its type, the others do not.
// The result is an ordinary GameTree whose Nash equilibria (solve/spe.h,
// SolveNashViaStrategicForm) are the Bayesian Nash equilibria, and whose beliefs along the
// path follow Bayes' rule (game/strategic_form.h, Beliefs). One typed player per call.
#pragma once

#include <string>
#include <vector>

#include "sim/game/tree.h"

namespace sim {

// The private types of one player and nature's prior over them.
struct PlayerTypes {
  int player = 0;
  std::vector<std::string> names;         // e.g. "dealmaker", "hawk", "erratic"
  std::vector<Probability> prior;         // one per type, summing to 1
  std::string chance_node = "type";       // name of the new root
  std::vector<int> informed;              // other players who also learn the type
};

// Harsanyi transformation. `games[t]` is the game when the typed player has type t; all
// must have the same players. Below the new chance root sits a copy of each game, its node
// names prefixed "TYPE/". The typed player's information sets stay separate per type (it
// knows its type), and so do those of the `informed` players; every other player's sets are
// merged across the copies by name
// (GameTree::InfoSetName: the node name for a singleton), so an uninformed player must give
// matching nodes the same name and actions in every type's game, and a set merged this way
// is labelled with that name. Throws InputError (at the node) when the actions of matching
// sets differ, and the problems of GameTree::Validate for the result. When `node_maps` is
// given, (*node_maps)[t][n] is the node of the result that copies node n of games[t].
GameTree HarsanyiTransform(const PlayerTypes& types, const std::vector<GameTree>& games,
                           std::vector<std::vector<GameTree::Node>>* node_maps = nullptr);

}  // namespace sim
