// SPDX-License-Identifier: MIT
#include "sim/montecarlo/tremble_tree.h"

#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "sim/core/rational.h"

namespace sim::montecarlo {
namespace {

using Node = GameTree::Node;

bool Trembles(const GameTree& tree, const std::vector<double>& u, Node n) {
  if (tree.kind(n) != NodeKind::kDecision) return false;
  const int p = tree.player(n);
  return p >= 0 && static_cast<size_t>(p) < u.size() && u[p] > 0;
}

double SubtreeSize(const GameTree& tree, const std::vector<double>& u, Node n) {
  if (tree.kind(n) == NodeKind::kTerminal) return 1;
  double children = 0;
  for (Node c : tree.Children(n)) children += SubtreeSize(tree, u, c);
  if (!Trembles(tree, u, n)) return 1 + children;
  // The node, k tremble chance nodes, and below each of them a copy of every child.
  const double k = tree.num_actions(n);
  return 1 + k + k * children;
}

class Trembler {
 public:
  Trembler(const GameTree& in, const std::vector<double>& u, CopySets copy_sets)
      : in_(in), u_(u), separate_(copy_sets == CopySets::kSeparateSingletons) {
    out_.tree = GameTree(in.players(), in.title());
    for (int o = 0; o < in.num_outcomes(); ++o)
      out_.tree.AddOutcome(in.outcome(o).payoffs, in.outcome(o).label);
    deviations_.resize(in.num_players());
    tags_.resize(in.num_players());
  }

  TrembledTree Build() {
    const Node root = Copy(in_.root(), "");
    out_.tree.set_root(root);
    return std::move(out_);
  }

 private:
  Node Add(NodeKind kind, const std::string& name, int set, const TreeNode& like, Node origin,
           bool tremble) {
    const Node n = out_.tree.AddNode(kind, name, set, like.location);
    out_.origin.push_back(origin);
    out_.tremble.push_back(tremble ? 1 : 0);
    return n;
  }

  // Copies the subtree of original node x; `suffix` tags the names of nodes in copies.
  Node Copy(Node x, const std::string& suffix) {
    const TreeNode& tn = in_.node(x);
    const std::string name = tn.name + suffix;
    if (tn.kind == NodeKind::kTerminal) {
      const Node n = Add(NodeKind::kTerminal, name, -1, tn, x, false);
      out_.tree.SetOutcome(n, tn.outcome);
      return n;
    }
    const std::vector<Node> children = in_.Children(x);
    if (tn.kind == NodeKind::kChance) {
      // Nature's sets keep their probabilities; copies share them unless singletons are
      // separated (a set shared across copies would join the subgames they are).
      auto [it, fresh] = sets_.try_emplace(Key(tn.infoset, kChancePlayer), -1);
      if (fresh) {
        const InfoSet& set = in_.infoset(tn.infoset);
        it->second = out_.tree.AddChanceInfoSet(set.actions, set.probabilities, set.label,
                                                set.location);
        out_.set_class.push_back(it->second);
      }
      const Node n = Add(NodeKind::kChance, name, it->second, tn, x, false);
      out_.tree.SetOutcome(n, tn.outcome);
      for (size_t a = 0; a < children.size(); ++a)
        out_.tree.AddMove(n, static_cast<int>(a), Copy(children[a], suffix));
      return n;
    }
    const int p = in_.player(x);
    const InfoSet& original_set = in_.infoset(tn.infoset);
    // The player's set: the original's, split by the player's own trembles on the path. It
    // is labelled with the original's name, so a set that gains members (the copies another
    // player cannot tell apart) keeps a short name in the behaviour strategies.
    auto [it, fresh] = sets_.try_emplace(Key(tn.infoset, p), -1);
    if (fresh) {
      it->second = out_.tree.AddInfoSet(
          p, original_set.actions, in_.InfoSetName(tn.infoset) + tags_[p], original_set.location);
      // Its class: the set of the same original and the same own record.
      auto [cls, first] = classes_.try_emplace(std::make_pair(tn.infoset, deviations_[p]),
                                               it->second);
      out_.set_class.push_back(cls->second);
    }
    const int set = it->second;
    const Node n = Add(NodeKind::kDecision, name, set, tn, x, false);
    out_.tree.SetOutcome(n, tn.outcome);
    if (!Trembles(in_, u_, x)) {
      for (size_t a = 0; a < children.size(); ++a)
        out_.tree.AddMove(n, static_cast<int>(a), Copy(children[a], suffix));
      return n;
    }
    const int k = static_cast<int>(children.size());
    for (int a = 0; a < k; ++a) {
      const Node chance = Add(NodeKind::kChance, name + "?" + original_set.actions[a],
                              TrembleSet(set, a, p, k), tn, x, true);
      out_.tree.AddMove(n, a, chance);
      for (int b = 0; b < k; ++b) {
        if (b == a) {
          out_.tree.AddMove(chance, b, Copy(children[b], suffix));
          continue;
        }
        // The player intended a and played b: below, it knows it, the others do not.
        const std::string tag = "~" + in_.player_name(p) + ":" + original_set.actions[a] + ">" +
                                original_set.actions[b];
        deviations_[p].insert(deviations_[p].end(), {tn.infoset, a, b});
        all_.insert(all_.end(), {tn.infoset, a, b});
        tags_[p] += tag;
        out_.tree.AddMove(chance, b, Copy(children[b], suffix + tag));
        tags_[p].resize(tags_[p].size() - tag.size());
        all_.resize(all_.size() - 3);
        deviations_[p].resize(deviations_[p].size() - 3);
      }
    }
    return n;
  }

  // The chance set that realizes intended move a of decision set `set` (one per pair: all
  // its nodes have the same probabilities, and no path meets a set twice).
  int TrembleSet(int set, int a, int p, int k) {
    auto [it, fresh] = tremble_sets_.try_emplace(std::make_pair(set, a), -1);
    if (!fresh) return it->second;
    // Exact: u as its shortest decimal, so the branch probabilities sum to exactly 1.
    const Rational u = *Probability::FromDouble(u_[p]).exact;
    const Rational other = u / k;
    const Rational same = Rational(1) - u + other;
    std::vector<Probability> probabilities;
    for (int b = 0; b < k; ++b) probabilities.push_back(Probability::Exact(b == a ? same : other));
    const InfoSet& decision = out_.tree.infoset(set);
    it->second = out_.tree.AddChanceInfoSet(decision.actions, std::move(probabilities),
                                            "tremble:" + decision.actions[a], decision.location);
    out_.set_class.push_back(it->second);
    return it->second;
  }

  // The key of the new set for a node of original set `set` moved by `player`: the set and
  // the player's own trembles on the path; with separate singletons, a singleton's copies
  // are keyed by every tremble on the path (so each copy has its own set).
  std::pair<int, std::vector<int>> Key(int set, int player) const {
    if (separate_ && in_.infoset(set).nodes.size() == 1) return {set, all_};
    if (player == kChancePlayer) return {set, {}};
    return {set, deviations_[player]};
  }

  const GameTree& in_;
  const std::vector<double>& u_;
  TrembledTree out_;
  // Per player: (original set, intended, played) for each of its own trembles on the path.
  std::vector<std::vector<int>> deviations_;
  std::vector<int> all_;  // every player's trembles on the path, in path order
  bool separate_;
  std::vector<std::string> tags_;
  std::map<std::pair<int, std::vector<int>>, int> sets_;
  std::map<std::pair<int, std::vector<int>>, int> classes_;
  std::map<std::pair<int, int>, int> tremble_sets_;
};

}  // namespace

double TrembledSize(const GameTree& tree, const std::vector<double>& u) {
  return SubtreeSize(tree, u, tree.root());
}

TrembledTree WithTrembles(const GameTree& tree, const std::vector<double>& u,
                          const TreeLimits& limits, const SourceLocation& where,
                          CopySets copy_sets) {
  for (double v : u) SIM_CHECK(v >= 0 && v <= 1, "tremble probability outside [0, 1]");
  const double size = TrembledSize(tree, u);
  if (size > static_cast<double>(limits.max_nodes)) {
    char count[32];
    std::snprintf(count, sizeof count, "%.0f", size);
    throw InputError(where,
                     "the tree with trembles would have " + std::string(count) +
                         " nodes, more than the limit of " + std::to_string(limits.max_nodes),
                     "each trembling move copies the subtree below it once per move; lower "
                     "the number of moves or stages, or give the actors unpredictability 0");
  }
  return Trembler(tree, u, copy_sets).Build();
}

}  // namespace sim::montecarlo
