// SPDX-License-Identifier: MIT
#include "sim/game/bayesian.h"

#include <algorithm>
#include <map>

namespace sim {

using Node = GameTree::Node;

GameTree HarsanyiTransform(const PlayerTypes& types, const std::vector<GameTree>& games,
                           std::vector<std::vector<Node>>* node_maps) {
  SIM_CHECK(!games.empty() && games.size() == types.names.size() &&
                types.prior.size() == types.names.size(),
            "one game and one prior probability per type");
  const GameTree& first = games[0];
  GameTree out(first.players(), first.title());
  int nature = out.AddChanceInfoSet(types.names, types.prior, types.chance_node);
  Node root = out.AddNode(NodeKind::kChance, types.chance_node, nature);
  DiagnosticSink sink;
  // Uninformed players' sets by (player, name), shared by every type's copy.
  std::map<std::pair<int, std::string>, int> merged;
  for (size_t t = 0; t < games.size(); ++t) {
    const GameTree& game = games[t];
    SIM_CHECK(game.players() == first.players(), "every type's game has the same players");
    const std::string prefix = types.names[t] + "/";
    std::map<int, int> set_copy;  // this game's set -> set in `out`
    std::map<Node, Node> node_copy;
    for (Node n : game.Preorder()) {
      const TreeNode& node = game.node(n);
      int set = -1;
      if (node.kind != NodeKind::kTerminal) {
        const InfoSet& info = game.infoset(node.infoset);
        if (auto it = set_copy.find(node.infoset); it != set_copy.end()) {
          set = it->second;
        } else if (info.player == kChancePlayer || info.player == types.player ||
                   std::find(types.informed.begin(), types.informed.end(), info.player) !=
                       types.informed.end()) {
          set = info.player == kChancePlayer
                    ? out.AddChanceInfoSet(info.actions, info.probabilities, info.label,
                                           info.location)
                    : out.AddInfoSet(info.player, info.actions,
                                     info.label.empty() ? "" : prefix + info.label,
                                     info.location);
        } else {
          const std::string name = game.InfoSetName(node.infoset);
          if (name.empty()) {
            sink.Error(node.location, "a node of player '" + game.player_name(info.player) +
                                          "' needs a name so that it can be matched across types");
          }
          auto key = std::make_pair(info.player, name);
          if (auto it = merged.find(key); it != merged.end()) {
            set = it->second;
            if (out.infoset(set).actions != info.actions) {
              sink.Error(node.location, "node '" + node.name + "' of type '" + types.names[t] +
                                            "' has other moves than the same node of another type");
            }
          } else {
            set = out.AddInfoSet(info.player, info.actions, name, info.location);
            merged[key] = set;
          }
        }
        set_copy[node.infoset] = set;
      }
      Node copy = out.AddNode(node.kind, prefix + node.name, set, node.location);
      if (node.outcome >= 0) {
        const Outcome& o = game.outcome(node.outcome);
        out.SetOutcome(copy, out.AddOutcome(o.payoffs, o.label));
      }
      node_copy[n] = copy;
      if (node_maps) {
        if (node_maps->size() <= t) node_maps->resize(t + 1);
        auto& map = (*node_maps)[t];
        const size_t size = static_cast<size_t>(game.num_nodes());
        if (map.size() < size) map.resize(size, GameTree::kNoNode);
        map[n] = copy;
      }
      if (n == game.root()) {
        out.AddMove(root, static_cast<int>(t), copy);
      } else {
        out.AddMove(node_copy.at(game.Parent(n)), game.ActionInto(n), copy);
      }
    }
  }
  sink.ThrowIfAny();
  out.Validate();
  return out;
}

}  // namespace sim
