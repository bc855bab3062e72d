// SPDX-License-Identifier: MIT
// A game tree as Graphviz DOT text, written through Boost.Graph's write_graphviz: decision
// nodes labelled with their name and mover, chance nodes as diamonds, terminals as boxes with
// their payoffs, moves labelled with their action (and probability at chance nodes),
// information sets as dotted lines, and optionally an equilibrium highlighted (its path in
// red, its choices off the path dashed blue). Ready for `dot -Tpng`. Computes nothing.
#pragma once

#include <string>
#include <vector>

#include "sim/game/strategic_form.h"
#include "sim/game/tree.h"

namespace sim::io {

// What to highlight: a behaviour profile and the probability of reaching each node under it
// (as solve::TreeEquilibrium holds them). Both empty = no highlight.
struct DotHighlight {
  BehaviourProfile behaviour;
  std::vector<double> reach;
};

// DOT text of a valid tree (a "digraph", top to bottom).
std::string WriteTreeDot(const GameTree& tree, const DotHighlight& highlight = {});

}  // namespace sim::io
