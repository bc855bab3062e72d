// SPDX-License-Identifier: MIT
#include "sim/solve/beliefs.h"

#include <algorithm>
#include <numeric>

namespace sim::solve {

using Node = GameTree::Node;

namespace {

// Probability that chance and the players other than `player` take the moves leading to
// each node (the player's own moves count as 1).
std::vector<double> OthersReach(const GameTree& tree, const BehaviourProfile& profile, int player) {
  std::vector<double> reach(tree.num_nodes(), 0.0);
  for (Node n : tree.Preorder()) {
    if (n == tree.root()) reach[n] = 1.0;
    if (tree.kind(n) == NodeKind::kTerminal) continue;
    const Eigen::VectorXd& b = profile.actions[tree.node(n).infoset];
    const bool own = tree.player(n) == player;
    std::vector<Node> children = tree.Children(n);
    for (size_t a = 0; a < children.size(); ++a)
      reach[children[a]] = own ? reach[n] : reach[n] * b(a);
  }
  return reach;
}

}  // namespace

Eigen::MatrixXd NodeValues(const GameTree& tree, const BehaviourProfile& profile) {
  Eigen::MatrixXd value = Eigen::MatrixXd::Zero(tree.num_players(), tree.num_nodes());
  const std::vector<Node> order = tree.Preorder();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Node n = *it;
    value.col(n) = tree.OutcomePayoffs(n);
    if (tree.kind(n) == NodeKind::kTerminal) continue;
    const Eigen::VectorXd& b = profile.actions[tree.node(n).infoset];
    std::vector<Node> children = tree.Children(n);
    for (size_t a = 0; a < children.size(); ++a) {
      if (b(a) != 0.0) value.col(n) += b(a) * value.col(children[a]);
    }
  }
  return value;
}

std::vector<Eigen::VectorXd> BayesBeliefs(const GameTree& tree, const BehaviourProfile& profile,
                                          const std::vector<Eigen::VectorXd>* off_path) {
  std::vector<Eigen::VectorXd> beliefs = Beliefs(tree, ReachProbabilities(tree, profile));
  if (off_path != nullptr) {
    for (size_t s = 0; s < beliefs.size() && s < off_path->size(); ++s) {
      if (beliefs[s].size() == 0) beliefs[s] = (*off_path)[s];
    }
  }
  return beliefs;
}

std::vector<Eigen::VectorXd> ActionValuesGivenBeliefs(const GameTree& tree,
                                                      const BehaviourProfile& profile,
                                                      const std::vector<Eigen::VectorXd>& beliefs) {
  const Eigen::MatrixXd value = NodeValues(tree, profile);
  std::vector<Eigen::VectorXd> out(tree.num_infosets());
  for (int s = 0; s < tree.num_infosets(); ++s) {
    const InfoSet& set = tree.infoset(s);
    if (set.player == kChancePlayer || set.nodes.empty()) continue;
    if (s >= static_cast<int>(beliefs.size()) ||
        beliefs[s].size() != static_cast<Eigen::Index>(set.nodes.size())) {
      continue;
    }
    Eigen::VectorXd u = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(set.actions.size()));
    for (size_t k = 0; k < set.nodes.size(); ++k) {
      const double mu = beliefs[s](static_cast<Eigen::Index>(k));
      if (mu == 0.0) continue;
      std::vector<Node> children = tree.Children(set.nodes[k]);
      for (size_t a = 0; a < children.size(); ++a) {
        u(static_cast<Eigen::Index>(a)) += mu * value(set.player, children[a]);
      }
    }
    out[s] = std::move(u);
  }
  return out;
}

double SequentialRegret(const GameTree& tree, const BehaviourProfile& profile,
                        const std::vector<Eigen::VectorXd>& beliefs, int* unchecked) {
  const std::vector<Eigen::VectorXd> u = ActionValuesGivenBeliefs(tree, profile, beliefs);
  double worst = 0.0;
  int skipped = 0;
  for (int s = 0; s < tree.num_infosets(); ++s) {
    const InfoSet& set = tree.infoset(s);
    if (set.player == kChancePlayer || set.nodes.empty()) continue;
    if (u[s].size() == 0) {
      ++skipped;
      continue;
    }
    worst = std::max(worst, u[s].maxCoeff() - profile.actions[s].dot(u[s]));
  }
  if (unchecked != nullptr) *unchecked = skipped;
  return worst;
}

double BehaviourRegret(const GameTree& tree, const BehaviourProfile& profile) {
  const Eigen::MatrixXd base = NodeValues(tree, profile);
  double worst = 0.0;
  for (int p = 0; p < tree.num_players(); ++p) {
    std::vector<int> sets = tree.PlayerInfoSets(p);
    if (sets.empty()) continue;
    // Own depth of a set: the player's decision nodes above its first member. Under perfect
    // recall a set at greater depth is never above one at smaller depth, so deciding the
    // deepest sets first leaves every set's continuation already best-responding.
    std::vector<int> depth(tree.num_infosets(), 0);
    for (int s : sets) {
      for (Node up = tree.Parent(tree.infoset(s).nodes.front()); up != GameTree::kNoNode;
           up = tree.Parent(up)) {
        depth[s] += tree.player(up) == p;
      }
    }
    std::stable_sort(sets.begin(), sets.end(), [&](int a, int b) { return depth[a] > depth[b]; });
    const std::vector<double> reach = OthersReach(tree, profile, p);
    BehaviourProfile best = profile;
    for (int s : sets) {
      const Eigen::MatrixXd value = NodeValues(tree, best);
      const InfoSet& set = tree.infoset(s);
      Eigen::VectorXd q = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(set.actions.size()));
      for (size_t member : set.nodes) {
        std::vector<Node> children = tree.Children(member);
        for (size_t a = 0; a < children.size(); ++a) {
          q(static_cast<Eigen::Index>(a)) += reach[member] * value(p, children[a]);
        }
      }
      Eigen::Index choice = 0;
      q.maxCoeff(&choice);
      best.actions[s] = Eigen::VectorXd::Unit(q.size(), choice);
    }
    const double gain = NodeValues(tree, best)(p, tree.root()) - base(p, tree.root());
    worst = std::max(worst, gain);
  }
  return worst;
}

}  // namespace sim::solve
