// SPDX-License-Identifier: MIT
// What an equilibrium of a `rounds:` game (model/build_rounds.h) does, in round words: each
// mover's behaviour at each round and history it reaches (per own type), and what the others
// believe about each typed actor's type at the start of each round reached (Bayes' rule from
// the public history: with independent types and a mover's choice depending only on its own
// type, every other actor holds this belief). The rows of the round table of the report.
#pragma once

#include <string>
#include <vector>

#include "sim/game/strategic_form.h"
#include "sim/model/build_tree.h"

namespace sim::model {

struct RoundAction {
  int round = 0;         // 1-based
  std::string history;   // what the mover has seen: earlier rounds "a,b|c,d", then "|" and
                         // the moves of this round it sees ("out|in": round 2 after entry)
  int player = -1;       // tree player (a short-run actor's player of that round)
  int actor = -1;
  int type = -1;         // the mover's own type (index into RoundsLayout::type_names), -1 untyped
  std::vector<std::string> actions;
  std::vector<double> probabilities;
};

struct RoundBelief {
  int round = 0;         // at the start of this round (1-based)
  std::string history;   // earlier rounds
  int actor = -1;        // whose type
  int type = -1;
  double belief = 0.0;
};

struct RoundsPlay {
  std::vector<RoundAction> actions;  // by round, then in the order of the tree
  std::vector<RoundBelief> beliefs;  // by round, then history, actor, type
};

// Only what play reaches with positive probability (`reach` per node, as
// solve::TreeEquilibrium::reach). `behaviour` specifies every set. O(nodes).
RoundsPlay DescribeRounds(const DerivedTree& derived, const BehaviourProfile& behaviour,
                          const std::vector<double>& reach);

}  // namespace sim::model
