// SPDX-License-Identifier: MIT
#include "sim/solve/assessment.h"

#include <algorithm>
#include <limits>

namespace sim::solve {

using Node = GameTree::Node;

Assessment Assess(const GameTree& tree, const BehaviourProfile& profile) {
  Assessment out;
  out.beliefs.assign(tree.num_infosets(), Eigen::VectorXd());
  const std::vector<Node> order = tree.Preorder();
  const int players = tree.num_players();
  const int count = tree.num_nodes();
  // Node values under the profile, bottom-up (outcomes at and below each node).
  std::vector<Eigen::VectorXd> value(count);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Node n = *it;
    value[n] = tree.OutcomePayoffs(n);
    if (tree.kind(n) == NodeKind::kTerminal) continue;
    const Eigen::VectorXd& b = profile.actions[tree.node(n).infoset];
    const std::vector<Node> children = tree.Children(n);
    for (size_t a = 0; a < children.size(); ++a) {
      if (b.size() > 0 && b(a) != 0.0) value[n] += b(a) * value[children[a]];
    }
  }
  // Per player p: the others' (and chance's) reach of each node as (trembles, weight).
  std::vector<int> trembles(count);
  std::vector<double> weight(count);
  for (int p = 0; p < players; ++p) {
    for (Node n : order) {
      if (n == tree.root()) trembles[n] = 0, weight[n] = 1.0;
      if (tree.kind(n) == NodeKind::kTerminal) continue;
      const int set = tree.node(n).infoset;
      const Eigen::VectorXd& b = profile.actions[set];
      const bool own = tree.infoset(set).player == p;
      const std::vector<Node> children = tree.Children(n);
      for (size_t a = 0; a < children.size(); ++a) {
        const Node c = children[a];
        if (own) {
          trembles[c] = trembles[n], weight[c] = weight[n];
        } else if (b.size() > 0 && b(a) > 0.0) {
          trembles[c] = trembles[n], weight[c] = weight[n] * b(a);
        } else {
          trembles[c] = trembles[n] + 1;
          weight[c] = weight[n] / static_cast<double>(children.size());
        }
      }
    }
    // Nash regret of p: counterfactual values of p's sequences (others' reach x payoff),
    // then backward over p's sets in the order play meets them, reversed.
    {
      std::vector<int> seq(count, 0), parent, first, sizes, set_of;
      std::vector<int> local(tree.num_infosets(), -1);
      std::vector<double> own(1, 0.0);
      for (Node n : order) {
        if (n == tree.root()) seq[n] = 0;
        if (trembles[n] == 0) own[seq[n]] += weight[n] * tree.OutcomePayoffs(n)(p);
        if (tree.kind(n) == NodeKind::kTerminal) continue;
        const int set = tree.node(n).infoset;
        const std::vector<Node> children = tree.Children(n);
        int base = -1;
        if (tree.infoset(set).player == p) {
          if (local[set] < 0) {
            local[set] = static_cast<int>(parent.size());
            parent.push_back(seq[n]);
            first.push_back(static_cast<int>(own.size()));
            sizes.push_back(static_cast<int>(children.size()));
            set_of.push_back(set);
            own.resize(own.size() + children.size(), 0.0);
          }
          base = first[local[set]];
        }
        for (size_t a = 0; a < children.size(); ++a) {
          seq[children[a]] = base >= 0 ? base + static_cast<int>(a) : seq[n];
        }
      }
      std::vector<double> val = own, best = own;
      for (int h = static_cast<int>(parent.size()) - 1; h >= 0; --h) {
        const Eigen::VectorXd& b = profile.actions[set_of[h]];
        double v = 0.0, top = best[first[h]];
        for (int a = 0; a < sizes[h]; ++a) {
          if (b.size() > 0) v += b(a) * val[first[h] + a];
          top = std::max(top, best[first[h] + a]);
        }
        val[parent[h]] += v;
        best[parent[h]] += top;
      }
      out.nash_regret = std::max(out.nash_regret, best[0] - val[0]);
    }
    for (int set : tree.PlayerInfoSets(p)) {
      const InfoSet& info = tree.infoset(set);
      int fewest = std::numeric_limits<int>::max();
      for (size_t n : info.nodes) fewest = std::min(fewest, trembles[n]);
      Eigen::VectorXd belief = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(info.nodes.size()));
      for (size_t k = 0; k < info.nodes.size(); ++k) {
        if (trembles[info.nodes[k]] == fewest) belief(static_cast<Eigen::Index>(k)) = weight[info.nodes[k]];
      }
      if (belief.sum() > 0.0) belief /= belief.sum();
      const int actions = static_cast<int>(info.actions.size());
      Eigen::VectorXd q = Eigen::VectorXd::Zero(actions);
      for (size_t k = 0; k < info.nodes.size(); ++k) {
        const double mu = belief(static_cast<Eigen::Index>(k));
        if (mu == 0.0) continue;
        const std::vector<Node> children = tree.Children(info.nodes[k]);
        for (int a = 0; a < actions; ++a) q(a) += mu * value[children[a]](p);
      }
      const Eigen::VectorXd& b = profile.actions[set];
      const double current = b.size() == actions ? b.dot(q) : q.maxCoeff();
      const double regret = std::max(0.0, q.maxCoeff() - current);
      if (out.worst_set < 0 || regret > out.sequential_regret) {
        out.sequential_regret = regret;
        out.worst_set = set;
      }
      out.beliefs[set] = std::move(belief);
    }
  }
  return out;
}

}  // namespace sim::solve
