// SPDX-License-Identifier: MIT
// What an equilibrium of a tree does at a node named in the scenario: the tests of sequential
// scenarios read their expected results (R3, R7, ...) as choices at named nodes.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "sim/game/tree.h"
#include "sim/solve/spe.h"

namespace sim::testing {

// The action `eq` takes (its most likely one) at the decision node named `name`; a test
// failure, and "", when no node has that name.
inline std::string Choice(const GameTree& tree, const solve::TreeEquilibrium& eq,
                          const std::string& name) {
  for (GameTree::Node n = 0; n < static_cast<GameTree::Node>(tree.num_nodes()); ++n) {
    if (tree.name(n) != name) continue;
    int a = 0;
    eq.behaviour.actions[tree.node(n).infoset].maxCoeff(&a);
    return tree.action_label(n, a);
  }
  ADD_FAILURE() << "no node " << name;
  return "";
}

}  // namespace sim::testing
