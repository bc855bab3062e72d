// SPDX-License-Identifier: MIT
// BuildTree: from nodes named by the user (children referenced by name) to a GameTree.
// Name-level problems (dangling references, unknown players, duplicates) are found here;
// shape problems (cycles, several parents, probabilities) by GameTree::Check().
#include <map>
#include <set>
#include <string_view>

#include "sim/game/tree.h"

namespace sim {

GameTree BuildTree(const TreeSpec& spec, const TreeLimits& limits) {
  DiagnosticSink sink;
  if (spec.nodes.empty()) {
    sink.Error(spec.location, "the game tree has no nodes");
    sink.ThrowIfAny();
  }
  if (static_cast<int64_t>(spec.nodes.size()) > limits.max_nodes) {
    sink.Error(spec.location, "the game tree has " + std::to_string(spec.nodes.size()) +
                                  " nodes, more than the limit of " +
                                  std::to_string(limits.max_nodes));
    sink.ThrowIfAny();
  }
  GameTree tree(spec.players, spec.title);
  std::map<std::string, GameTree::Node> by_name;
  std::map<std::pair<int, std::string>, int> shared_sets;  // (player, label) -> infoset
  std::vector<GameTree::Node> nodes;

  for (const NodeSpec& ns : spec.nodes) {
    GameTree::Node n;
    std::vector<std::string> actions;
    for (const MoveSpec& m : ns.moves) actions.push_back(m.action);
    std::set<std::string_view> seen_actions;  // linear in the moves, not quadratic
    for (size_t i = 0; i < actions.size(); ++i) {
      if (!seen_actions.insert(actions[i]).second) {
        sink.Error(ns.moves[i].location,
                   "node '" + ns.name + "' has two moves named '" + actions[i] + "'");
      }
    }
    if (ns.moves.empty()) {
      n = tree.AddNode(NodeKind::kTerminal, ns.name, -1, ns.location);
      if (!ns.payoffs) sink.Error(ns.location, "leaf '" + ns.name + "' has no payoffs");
    } else if (ns.player == kChanceName) {
      std::vector<Probability> probabilities;
      for (const MoveSpec& m : ns.moves) {
        std::optional<Rational> r = ParseRational(m.probability);
        if (m.probability.empty()) {
          sink.Error(m.location, "move '" + m.action + "' of chance node '" + ns.name +
                                     "' has no probability");
        } else if (!r) {
          sink.Error(m.location, "probability '" + m.probability + "' of move '" + m.action +
                                     "' is not a number",
                     "write a fraction such as 19/20 or a decimal such as 0.95");
        }
        probabilities.push_back(r ? Probability::Exact(*r) : Probability{});
      }
      int set = tree.AddChanceInfoSet(actions, std::move(probabilities), ns.infoset, ns.location);
      n = tree.AddNode(NodeKind::kChance, ns.name, set, ns.location);
    } else {
      int player = -1;
      for (int p = 0; p < tree.num_players(); ++p) {
        if (spec.players[p] == ns.player) player = p;
      }
      if (player < 0) {
        std::vector<std::string> known = spec.players;
        known.push_back(kChanceName);
        std::string nearest = NearestWord(ns.player, known);
        sink.Error(ns.location, "node '" + ns.name + "' is moved by unknown player '" +
                                    ns.player + "'",
                   nearest.empty() ? "known players: " + JoinWords(known)
                                   : "did you mean '" + nearest + "'?");
        player = 0;  // keep going to find the other problems
      }
      int set = -1;
      if (!ns.infoset.empty()) {
        auto it = shared_sets.find({player, ns.infoset});
        if (it != shared_sets.end()) {
          set = it->second;
          if (tree.infoset(set).actions != actions) {
            sink.Error(ns.location, "node '" + ns.name + "' is in information set '" +
                                        ns.infoset + "' but its moves differ from those of '" +
                                        tree.name(tree.infoset(set).nodes[0]) + "'");
          }
        }
      }
      if (set < 0) {
        set = tree.AddInfoSet(player, actions, ns.infoset, ns.location);
        if (!ns.infoset.empty()) shared_sets[{player, ns.infoset}] = set;
      }
      n = tree.AddNode(NodeKind::kDecision, ns.name, set, ns.location);
    }
    if (ns.payoffs) tree.SetOutcome(n, tree.AddOutcome(*ns.payoffs));
    if (!by_name.emplace(ns.name, n).second) {
      sink.Error(ns.location, "node name '" + ns.name + "' is used twice");
    }
    nodes.push_back(n);
  }
  for (size_t i = 0; i < spec.nodes.size(); ++i) {
    const NodeSpec& ns = spec.nodes[i];
    for (size_t a = 0; a < ns.moves.size(); ++a) {
      const MoveSpec& m = ns.moves[a];
      auto it = by_name.find(m.child);
      if (it == by_name.end()) {
        // The hint scans every name: only while the error will be shown (a tree of n
        // dangling moves would otherwise cost n^2 here).
        std::string nearest;
        if (sink.size() < DiagnosticSink::kMaxReported) {
          std::vector<std::string> names;
          for (const NodeSpec& other : spec.nodes) names.push_back(other.name);
          nearest = NearestWord(m.child, names);
        }
        sink.Error(m.location, "move '" + m.action + "' of node '" + ns.name +
                                   "' leads to unknown node '" + m.child + "'",
                   nearest.empty() ? "" : "did you mean '" + nearest + "'?");
        continue;
      }
      // The action index is the move's position, which is also its place in a shared set.
      tree.AddMove(nodes[i], static_cast<int>(a), it->second);
    }
  }
  if (sink.empty()) {
    sink.Merge(tree.Diagnose(limits));
  }
  sink.ThrowIfAny();
  return tree;
}

}  // namespace sim
