// SPDX-License-Identifier: MIT
#include "sim/robustness/tree_dominance.h"

#include <algorithm>
#include <cmath>

#include "sim/core/tolerance.h"

namespace sim::robustness::detail {
namespace {

using Node = GameTree::Node;

int ActorOf(const model::DerivedTree& derived, int player) {
  return derived.rounds.player_actor.empty() ? player : derived.rounds.player_actor[player];
}

// Per information set, per action: the scenario move it is (-1: chance, or no such move).
std::vector<std::vector<int>> ActionMoves(const model::DerivedTree& derived, const Scenario& scenario) {
  const GameTree& tree = derived.tree;
  std::vector<std::vector<int>> out(tree.num_infosets());
  for (int s = 0; s < tree.num_infosets(); ++s) {
    const InfoSet& set = tree.infoset(s);
    out[s].assign(set.actions.size(), -1);
    if (set.player < 0) continue;
    const int actor = ActorOf(derived, set.player);
    if (actor < 0 || actor >= static_cast<int>(scenario.actors.size())) continue;
    const std::vector<Move>& moves = scenario.actors[actor].moves;
    for (size_t k = 0; k < set.actions.size(); ++k)
      for (size_t m = 0; m < moves.size(); ++m)
        if (moves[m].id == set.actions[k]) out[s][k] = static_cast<int>(m);
  }
  return out;
}

// What every player can get from each node's subtree (its own outcome included), flat
// [node * players + player]: the most (`best`) or the least, every later decision going the
// way best or worst for that player, chance averaged; `removed` actions are skipped.
void Bounds(const GameTree& tree, const std::vector<Node>& order, const std::vector<std::vector<Node>>& children,
            const std::vector<std::vector<char>>* removed, bool best, std::vector<double>* out) {
  const int players = tree.num_players();
  out->assign(static_cast<size_t>(tree.num_nodes()) * players, 0.0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Node n = *it;
    double* v = out->data() + n * players;
    const TreeNode& node = tree.node(n);
    if (node.kind == NodeKind::kChance) {
      const InfoSet& set = tree.infoset(node.infoset);
      for (size_t k = 0; k < children[n].size(); ++k)
        for (int p = 0; p < players; ++p) v[p] += set.probabilities[k].value * (*out)[children[n][k] * players + p];
    } else if (node.kind == NodeKind::kDecision) {
      for (int p = 0; p < players; ++p) {
        double bound = best ? -INFINITY : INFINITY;
        for (size_t k = 0; k < children[n].size(); ++k) {
          if (removed != nullptr && (*removed)[node.infoset][k]) continue;
          const double x = (*out)[children[n][k] * players + p];
          bound = best ? std::max(bound, x) : std::min(bound, x);
        }
        v[p] = bound;
      }
    }
    if (node.outcome >= 0) {
      const std::vector<double>& payoffs = tree.outcome(node.outcome).payoffs;
      for (int p = 0; p < players && p < static_cast<int>(payoffs.size()); ++p) v[p] += payoffs[p];
    }
  }
}

}  // namespace

std::vector<std::vector<char>> DominatedTreeActions(const GameTree& tree) {
  const int players = tree.num_players();
  std::vector<std::vector<char>> removed(tree.num_infosets());
  for (int s = 0; s < tree.num_infosets(); ++s) removed[s].assign(tree.infoset(s).actions.size(), 0);
  const std::vector<Node> order = tree.Preorder();
  std::vector<std::vector<Node>> children(tree.num_nodes());
  for (Node n : order) children[n] = tree.Children(n);
  std::vector<double> worst, best;
  Bounds(tree, order, children, nullptr, false, &worst);
  for (bool changed = true; changed;) {
    changed = false;
    Bounds(tree, order, children, &removed, true, &best);
    for (int s = 0; s < tree.num_infosets(); ++s) {
      const InfoSet& set = tree.infoset(s);
      const int i = set.player;
      if (i < 0) continue;
      const size_t actions = set.actions.size();
      for (size_t a = 0; a < actions; ++a) {
        if (removed[s][a]) continue;
        // Keep the last action (the proof in the header says it is never dominated; this
        // guards against rounding).
        if (std::count(removed[s].begin(), removed[s].end(), 0) == 1) break;
        for (size_t b = 0; b < actions && !removed[s][a]; ++b) {
          if (b == a) continue;
          bool dominated = true;
          for (size_t x : set.nodes) {
            const double high = best[children[x][a] * players + i];
            const double low = worst[children[x][b] * players + i];
            if (!(low - high > PayoffSlack(std::max(std::fabs(high), std::fabs(low))))) {
              dominated = false;
              break;
            }
          }
          if (dominated) removed[s][a] = 1, changed = true;
        }
      }
    }
  }
  return removed;
}

std::vector<std::vector<char>> DominatedTreeMoves(const model::DerivedTree& derived, const Scenario& scenario,
                                                  const std::vector<std::vector<char>>& actions) {
  const std::vector<std::vector<int>> moves = ActionMoves(derived, scenario);
  std::vector<std::vector<char>> offered(scenario.actors.size()), kept(scenario.actors.size());
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    offered[a].assign(scenario.actors[a].moves.size(), 0);
    kept[a].assign(scenario.actors[a].moves.size(), 0);
  }
  const GameTree& tree = derived.tree;
  for (int s = 0; s < tree.num_infosets(); ++s) {
    if (tree.infoset(s).player < 0) continue;
    const int actor = ActorOf(derived, tree.infoset(s).player);
    for (size_t k = 0; k < moves[s].size(); ++k) {
      const int m = moves[s][k];
      if (m < 0) continue;
      offered[actor][m] = 1;
      if (!actions[s][k]) kept[actor][m] = 1;
    }
  }
  for (size_t a = 0; a < offered.size(); ++a)
    for (size_t m = 0; m < offered[a].size(); ++m) offered[a][m] = offered[a][m] && !kept[a][m];
  return offered;
}

void TreeRegion(const model::DerivedTree& derived, const Scenario& scenario,
                const std::vector<std::vector<char>>& dominated, size_t num_outcomes, std::vector<char>* has,
                std::vector<char>* all) {
  has->assign(num_outcomes, 0);
  all->assign(num_outcomes, 1);
  const GameTree& tree = derived.tree;
  const std::vector<std::vector<int>> moves = ActionMoves(derived, scenario);
  bool reached = false;
  std::vector<Node> stack{tree.root()};
  while (!stack.empty()) {
    const Node n = stack.back();
    stack.pop_back();
    const TreeNode& node = tree.node(n);
    if (node.kind == NodeKind::kTerminal) {
      const int o = derived.outcome_class[n];
      if (o < 0 || o >= static_cast<int>(num_outcomes)) continue;
      reached = true;
      (*has)[o] = 1;
      for (size_t c = 0; c < num_outcomes; ++c)
        if (static_cast<int>(c) != o) (*all)[c] = 0;
      continue;
    }
    const InfoSet& set = tree.infoset(node.infoset);
    const std::vector<Node> children = tree.Children(n);
    for (size_t k = 0; k < children.size(); ++k) {
      if (set.player < 0) {
        if (set.probabilities[k].value <= 0) continue;
      } else {
        const int actor = ActorOf(derived, set.player), m = moves[node.infoset][k];
        if (m >= 0 && actor < static_cast<int>(dominated.size()) && m < static_cast<int>(dominated[actor].size()) &&
            dominated[actor][m])
          continue;
      }
      stack.push_back(children[k]);
    }
  }
  if (!reached) all->assign(num_outcomes, 0);
}

}  // namespace sim::robustness::detail
