// SPDX-License-Identifier: MIT
#include "sim/montecarlo/tremble_tree.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "sim/core/rational.h"

namespace sim::montecarlo {
namespace {

using Node = GameTree::Node;

// Whether player p has a positive probability in u (players beyond u.size() have none).
bool Positive(const std::vector<double>& u, int p) {
  return p >= 0 && static_cast<size_t>(p) < u.size() && u[p] > 0;
}

bool Trembles(const GameTree& tree, const std::vector<double>& u, Node n) {
  return tree.kind(n) == NodeKind::kDecision && Positive(u, tree.player(n));
}

// u as its shortest decimal, exactly, so that branch probabilities built from it sum to
// exactly 1.
Rational ExactProbability(double u) { return *Probability::FromDouble(u).exact; }

// A result with no nodes yet: the original's players, title and outcomes.
TrembledTree EmptyLike(const GameTree& in) {
  TrembledTree out;
  out.tree = GameTree(in.players(), in.title());
  for (int o = 0; o < in.num_outcomes(); ++o)
    out.tree.AddOutcome(in.outcome(o).payoffs, in.outcome(o).label);
  return out;
}

// Refuses, located at `where`, a transformed tree of `size` nodes beyond the limit.
void CheckSize(double size, const TreeLimits& limits, const SourceLocation& where,
               const std::string& what, const std::string& hint) {
  if (size <= static_cast<double>(limits.max_nodes)) return;
  char count[32];
  std::snprintf(count, sizeof count, "%.0f", size);
  throw InputError(where,
                   "the tree with " + what + " would have " + std::string(count) +
                       " nodes, more than the limit of " + std::to_string(limits.max_nodes),
                   hint);
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
      : in_(in), u_(u), out_(EmptyLike(in)), separate_(copy_sets == CopySets::kSeparateSingletons) {
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
    const Rational u = ExactProbability(u_[p]);
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

// Builds WithErraticTypes' tree (tremble_tree.h): the chain of type nodes, then one copy of
// the original per combination of types.
class Typer {
 public:
  Typer(const GameTree& in, const std::vector<double>& u, CopySets copy_sets)
      : in_(in), u_(u), out_(EmptyLike(in)), separate_(copy_sets == CopySets::kSeparateSingletons) {
    for (int p = 0; p < in.num_players(); ++p)
      if (Positive(u, p)) typed_.push_back(p);
    erratic_.assign(in.num_players(), 0);
    drawn_.assign(in.num_players(), 0);
    below_.assign(in.num_nodes(), 0);
    if (separate_) Movers(in.root());
  }

  TrembledTree Build() {
    const Node root = Copy(in_.root(), "");
    out_.tree.set_root(root);
    return std::move(out_);
  }

 private:
  Node Add(NodeKind kind, const std::string& name, int set, const TreeNode& like, Node origin,
           int erratic) {
    const Node n = out_.tree.AddNode(kind, name, set, like.location);
    out_.origin.push_back(origin);
    out_.tremble.push_back(0);
    out_.erratic.push_back(erratic);
    return n;
  }

  // Its class: the first set made for the same original set (-1: a set of its own).
  int NewSet(int set, int original = -1) {
    int cls = set;
    if (original >= 0) cls = classes_.try_emplace(original, set).first->second;
    out_.set_class.push_back(cls);
    return set;
  }

  // below_[x]: bit i set when typed_[i] has a decision node in x's subtree (x included).
  uint64_t Movers(Node x) {
    uint64_t mask = 0;
    if (in_.kind(x) == NodeKind::kDecision) {
      for (size_t i = 0; i < typed_.size(); ++i)
        if (typed_[i] == in_.player(x)) mask |= uint64_t{1} << i;
    }
    for (Node c : in_.Children(x)) mask |= Movers(c);
    return below_[x] = mask;
  }

  // The key that splits the copies of a decision node's set: with separate singletons, a
  // singleton's copies are told apart by the types of the typed players who never move
  // again below it (their type does not change the continuation game); else shared.
  std::string SplitKey(Node x) const {
    if (!separate_ || in_.infoset(in_.node(x).infoset).nodes.size() != 1) return "";
    std::string key;
    for (size_t i = 0; i < typed_.size(); ++i)
      if (drawn_[typed_[i]] && !(below_[x] >> i & 1)) key += erratic_[typed_[i]] ? 'e' : 'n';
    return key;
  }

  // The draw of p's type just above x, p's first node on the path: nobody has seen anything
  // that depends on the type yet, so drawing it here is drawing it at the root, and the
  // subgames above stay subgames.
  Node Draw(Node x, int p, const std::string& suffix) {
    const Rational u = ExactProbability(u_[p]);
    const std::string name = "type:" + in_.player_name(p);
    const TreeNode& tn = in_.node(x);
    const int set = NewSet(out_.tree.AddChanceInfoSet(
        {"normal", "erratic"}, {Probability::Exact(Rational(1) - u), Probability::Exact(u)}, name,
        tn.location));
    const Node n = Add(NodeKind::kChance, name + "@" + tn.name + suffix, set, tn, x, -1);
    drawn_[p] = 1;
    out_.tree.AddMove(n, 0, Copy(x, suffix));
    erratic_[p] = 1;
    out_.tree.AddMove(n, 1, Copy(x, suffix + "~erratic:" + in_.player_name(p)));
    erratic_[p] = 0;
    drawn_[p] = 0;
    return n;
  }

  Node Copy(Node x, const std::string& suffix) {
    const TreeNode& tn = in_.node(x);
    const std::string name = tn.name + suffix;
    if (tn.kind == NodeKind::kTerminal) {
      const Node n = Add(NodeKind::kTerminal, name, -1, tn, x, -1);
      out_.tree.SetOutcome(n, tn.outcome);
      return n;
    }
    if (tn.kind == NodeKind::kDecision) {
      const int p = in_.player(x);
      if (Positive(u_, p) && !drawn_[p]) return Draw(x, p, suffix);
    }
    const InfoSet& original_set = in_.infoset(tn.infoset);
    int set = -1;
    int erratic = -1;
    NodeKind kind = tn.kind;
    if (tn.kind == NodeKind::kDecision && erratic_[in_.player(x)]) {
      // The erratic type: a uniform move, drawn by nature; a set of its own per node.
      const int k = static_cast<int>(original_set.actions.size());
      std::vector<Probability> uniform(k, Probability::Exact(Rational(1) / k));
      set = NewSet(out_.tree.AddChanceInfoSet(original_set.actions, std::move(uniform),
                                              "erratic:" + in_.InfoSetName(tn.infoset),
                                              original_set.location));
      erratic = in_.player(x);
      kind = NodeKind::kChance;
    } else {
      // Chance, another player, or a normal type: the original's set, shared by the copies
      // (nobody learns another player's type from the tree, only from the moves it sees).
      // Nature's sets are per copy: a set shared across copies would join the subgames below
      // it into one (what nature does carries no information to hide).
      auto [it, fresh] = sets_.try_emplace(
          std::make_pair(tn.infoset, tn.kind == NodeKind::kChance ? suffix : SplitKey(x)), -1);
      if (fresh) {
        it->second = NewSet(
            tn.kind == NodeKind::kChance
                ? out_.tree.AddChanceInfoSet(original_set.actions, original_set.probabilities,
                                             original_set.label, original_set.location)
                : out_.tree.AddInfoSet(in_.player(x), original_set.actions,
                                       in_.InfoSetName(tn.infoset), original_set.location),
            tn.kind == NodeKind::kChance ? -1 : tn.infoset);
      }
      set = it->second;
    }
    const Node n = Add(kind, name, set, tn, x, erratic);
    out_.tree.SetOutcome(n, tn.outcome);
    const std::vector<Node> children = in_.Children(x);
    for (size_t a = 0; a < children.size(); ++a)
      out_.tree.AddMove(n, static_cast<int>(a), Copy(children[a], suffix));
    return n;
  }

  const GameTree& in_;
  const std::vector<double>& u_;
  TrembledTree out_;
  std::vector<int> typed_;    // the players with u > 0, in order
  std::vector<char> erratic_; // per player: erratic in the copy being built
  std::vector<char> drawn_;   // per player: its type is drawn on the path
  bool separate_;
  std::vector<uint64_t> below_;  // per original node: the typed players moving in its subtree
  std::map<int, int> classes_;   // original decision set -> its first copy
  std::map<std::pair<int, std::string>, int> sets_;  // (original set, copy of a chance set) -> set
};

// Nodes of the copy of x's subtree when the typed players in `drawn` (bits by player) have
// their types drawn: a typed player's first node adds a draw node and two copies of itself.
double TypedSize(const GameTree& tree, const std::vector<double>& u, Node x, uint64_t drawn,
                 std::map<std::pair<Node, uint64_t>, double>& memo) {
  if (tree.kind(x) == NodeKind::kTerminal) return 1;
  if (auto it = memo.find({x, drawn}); it != memo.end()) return it->second;
  double size = 0;
  const int p = tree.kind(x) == NodeKind::kDecision ? tree.player(x) : -1;
  if (Positive(u, p) && !(drawn >> p & 1)) {
    size = 1 + 2 * TypedSize(tree, u, x, drawn | uint64_t{1} << p, memo);
  } else {
    size = 1;
    for (Node c : tree.Children(x)) size += TypedSize(tree, u, c, drawn, memo);
  }
  return memo[{x, drawn}] = size;
}

}  // namespace

double ErraticTypesSize(const GameTree& tree, const std::vector<double>& u) {
  SIM_CHECK(tree.num_players() <= 64, "too many players for the type model");
  std::map<std::pair<Node, uint64_t>, double> memo;
  return TypedSize(tree, u, tree.root(), 0, memo);
}

TrembledTree WithErraticTypes(const GameTree& tree, const std::vector<double>& u,
                              const TreeLimits& limits, const SourceLocation& where,
                              CopySets copy_sets) {
  for (double v : u) SIM_CHECK(v >= 0 && v <= 1, "erratic-type prior outside [0, 1]");
  CheckSize(ErraticTypesSize(tree, u), limits, where, "erratic types",
            "each actor of the type model doubles the tree below its first move (a copy per "
            "type); give fewer actors the type model or lower the number of moves or stages");
  return Typer(tree, u, copy_sets).Build();
}

void ReweightTransforms(TrembledTree* t, const GameTree& original,
                        const std::vector<double>& tremble, const std::vector<double>& types) {
  GameTree& tree = t->tree;
  for (int s = 0; s < tree.num_infosets(); ++s) {
    const InfoSet& set = tree.infoset(s);
    if (set.player != kChancePlayer || set.nodes.empty()) continue;
    const Node n = set.nodes.front();
    const Node from = t->origin[n];
    if (t->tremble[n]) {
      // Trembler::TrembleSet: intended move a keeps 1 - u + u/k, every other move u/k.
      const int p = original.player(from);
      const int k = static_cast<int>(set.actions.size());
      const int a = tree.ActionInto(n);  // the intended move leads to its tremble node
      const Rational u = ExactProbability(tremble[p]);
      const Rational other = u / k;
      const Rational same = Rational(1) - u + other;
      for (int b = 0; b < k; ++b) tree.set_probability(s, b, Probability::Exact(b == a ? same : other));
    } else if (original.kind(from) == NodeKind::kDecision &&
               (t->erratic.empty() || t->erratic[n] < 0)) {
      // Typer::Draw: normal 1 - u, erratic u.
      const Rational u = ExactProbability(types[original.player(from)]);
      tree.set_probability(s, 0, Probability::Exact(Rational(1) - u));
      tree.set_probability(s, 1, Probability::Exact(u));
    }
  }
}

double TrembledSize(const GameTree& tree, const std::vector<double>& u) {
  return SubtreeSize(tree, u, tree.root());
}

TrembledTree WithTrembles(const GameTree& tree, const std::vector<double>& u,
                          const TreeLimits& limits, const SourceLocation& where,
                          CopySets copy_sets) {
  for (double v : u) SIM_CHECK(v >= 0 && v <= 1, "tremble probability outside [0, 1]");
  CheckSize(TrembledSize(tree, u), limits, where, "trembles",
            "each trembling move copies the subtree below it once per move; lower the number "
            "of moves or stages, or give the actors unpredictability 0");
  return Trembler(tree, u, copy_sets).Build();
}

}  // namespace sim::montecarlo
