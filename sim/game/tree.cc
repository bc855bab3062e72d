// SPDX-License-Identifier: MIT
#include "sim/game/tree.h"

#include <boost/graph/depth_first_search.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>

namespace sim {

Probability Probability::FromDouble(double v) {
  if (std::optional<Rational> r = ParseRational(ShortestDecimal(v))) return {v, r};
  return {v, std::nullopt};
}

std::string Probability::ToString() const {
  return exact ? RationalToString(*exact) : ShortestDecimal(value);
}

GameTree::GameTree(std::vector<std::string> players, std::string title)
    : title_(std::move(title)), players_(std::move(players)) {}

int GameTree::AddInfoSet(int player, std::vector<std::string> actions, std::string label,
                         SourceLocation location) {
  InfoSet set;
  set.player = player;
  set.label = std::move(label);
  set.actions = std::move(actions);
  set.location = std::move(location);
  infosets_.push_back(std::move(set));
  return num_infosets() - 1;
}

int GameTree::AddChanceInfoSet(std::vector<std::string> actions,
                               std::vector<Probability> probabilities, std::string label,
                               SourceLocation location) {
  int index = AddInfoSet(kChancePlayer, std::move(actions), std::move(label), std::move(location));
  infosets_[index].probabilities = std::move(probabilities);
  return index;
}

int GameTree::AddOutcome(std::vector<double> payoffs, std::string label) {
  outcomes_.push_back({std::move(label), std::move(payoffs), {}});
  return num_outcomes() - 1;
}

GameTree::Node GameTree::AddNode(NodeKind kind, std::string name, int infoset,
                                 SourceLocation location) {
  SIM_CHECK(kind == NodeKind::kTerminal ? infoset == -1
                                        : infoset >= 0 && infoset < num_infosets(),
            "node '" + name + "': bad information set");
  Node n = boost::add_vertex(TreeNode{kind, std::move(name), infoset, -1, std::move(location)},
                             graph_);
  if (infoset >= 0) infosets_[infoset].nodes.push_back(n);
  if (root_ == kNoNode) root_ = n;
  return n;
}

void GameTree::AddMove(Node parent, int action, Node child) {
  boost::add_edge(parent, child, TreeMove{action}, graph_);
}

GameTree::Node GameTree::AddDecision(int player, std::string name,
                                     std::vector<std::string> actions) {
  int set = AddInfoSet(player, std::move(actions));
  return AddNode(NodeKind::kDecision, std::move(name), set);
}

GameTree::Node GameTree::AddChance(std::string name, std::vector<std::string> actions,
                                   std::vector<Probability> probabilities) {
  int set = AddChanceInfoSet(std::move(actions), std::move(probabilities));
  return AddNode(NodeKind::kChance, std::move(name), set);
}

GameTree::Node GameTree::AddTerminal(std::string name, std::vector<double> payoffs) {
  Node n = AddNode(NodeKind::kTerminal, std::move(name));
  SetOutcome(n, AddOutcome(std::move(payoffs)));
  return n;
}

void GameTree::Connect(Node parent, const std::string& action, Node child) {
  const std::vector<std::string>& actions = infosets_.at(graph_[parent].infoset).actions;
  for (size_t a = 0; a < actions.size(); ++a) {
    if (actions[a] == action) {
      AddMove(parent, static_cast<int>(a), child);
      return;
    }
  }
  SIM_CHECK(false, "node '" + graph_[parent].name + "' has no action '" + action + "'");
}

int GameTree::player(Node n) const {
  if (graph_[n].kind == NodeKind::kTerminal) return -2;
  return infosets_[graph_[n].infoset].player;
}

int GameTree::num_actions(Node n) const {
  if (graph_[n].infoset < 0) return 0;
  return static_cast<int>(infosets_[graph_[n].infoset].actions.size());
}

const std::string& GameTree::action_label(Node n, int action) const {
  return infosets_[graph_[n].infoset].actions[action];
}

std::vector<GameTree::Node> GameTree::Children(Node n) const {
  std::vector<Node> children(num_actions(n), kNoNode);
  for (auto [e, end] = boost::out_edges(n, graph_); e != end; ++e) {
    int a = graph_[*e].action;
    if (a >= 0 && a < static_cast<int>(children.size()) && children[a] == kNoNode) {
      children[a] = boost::target(*e, graph_);
    }
  }
  return children;
}

GameTree::Node GameTree::Parent(Node n) const {
  auto [e, end] = boost::in_edges(n, graph_);
  return e == end ? kNoNode : boost::source(*e, graph_);
}

int GameTree::ActionInto(Node n) const {
  auto [e, end] = boost::in_edges(n, graph_);
  return e == end ? -1 : graph_[*e].action;
}

std::vector<GameTree::Node> GameTree::Preorder() const {
  std::vector<Node> order;
  if (root_ == kNoNode) return order;
  order.reserve(num_nodes());
  std::vector<Node> stack = {root_};
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    order.push_back(n);
    std::vector<Node> children = Children(n);
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      if (*it != kNoNode) stack.push_back(*it);
    }
  }
  return order;
}

Eigen::VectorXd GameTree::OutcomePayoffs(Node n) const {
  Eigen::VectorXd v = Eigen::VectorXd::Zero(num_players());
  int o = graph_[n].outcome;
  if (o >= 0) {
    for (int p = 0; p < num_players(); ++p) v(p) = outcomes_[o].payoffs[p];
  }
  return v;
}

Eigen::VectorXd GameTree::PathPayoffs(Node n) const {
  Eigen::VectorXd v = OutcomePayoffs(n);
  for (Node up = Parent(n); up != kNoNode; up = Parent(up)) v += OutcomePayoffs(up);
  return v;
}

std::vector<int> GameTree::PlayerInfoSets(int player) const {
  std::vector<int> sets;
  for (int i = 0; i < num_infosets(); ++i) {
    if (infosets_[i].player == player && !infosets_[i].nodes.empty()) sets.push_back(i);
  }
  return sets;
}

std::string GameTree::InfoSetName(int index) const {
  const InfoSet& set = infosets_[index];
  if (set.nodes.size() == 1) return graph_[set.nodes[0]].name;
  if (!set.label.empty()) return set.label;
  std::string name;
  for (size_t n : set.nodes) name += (name.empty() ? "" : "|") + graph_[n].name;
  return name;
}

GameTraits GameTree::traits() const {
  GameTraits t;
  t.num_players = num_players();
  t.sequential = true;
  t.perfect_information = true;
  t.has_chance = false;
  for (const InfoSet& set : infosets_) {
    if (set.player == kChancePlayer) {
      if (!set.nodes.empty()) t.has_chance = true;
    } else if (set.nodes.size() > 1) {
      t.perfect_information = false;
    }
  }
  // Constant-sum: every terminal's payoffs add up to the same total.
  std::optional<double> total;
  t.constant_sum = true;
  for (Node n = 0; n < static_cast<Node>(num_nodes()); ++n) {
    if (graph_[n].kind != NodeKind::kTerminal) continue;
    double sum = PathPayoffs(n).sum();
    if (!total) total = sum;
    if (std::abs(sum - *total) > 1e-9 * std::max(1.0, std::abs(*total))) {
      t.constant_sum = false;
      break;
    }
  }
  return t;
}

// ---- validation ----

namespace {

// Records back edges found by depth-first search: each closes a cycle.
struct CycleRecorder : boost::default_dfs_visitor {
  std::vector<std::pair<size_t, size_t>>* back_edges;
  template <class Edge, class G>
  void back_edge(Edge e, const G& g) {
    back_edges->push_back({boost::source(e, g), boost::target(e, g)});
  }
};

std::string Quote(const std::string& name) { return "'" + name + "'"; }

}  // namespace

std::vector<Diagnostic> GameTree::Check(const TreeLimits& limits) const {
  return Diagnose(limits).diagnostics();
}

DiagnosticSink GameTree::Diagnose(const TreeLimits& limits) const {
  DiagnosticSink sink;
  auto where = [&](Node n) { return graph_[n].location; };
  auto label = [&](Node n) {
    if (!graph_[n].name.empty()) return Quote(graph_[n].name);
    // Appended rather than "#" + ...: g++ 12 warns falsely (-Wrestrict) on that chain.
    std::string unnamed = "#";
    unnamed += std::to_string(n + 1);
    return unnamed;
  };
  if (num_nodes() == 0 || root_ == kNoNode) {
    sink.Error({}, "the game tree has no nodes");
    return sink;
  }
  if (num_nodes() > limits.max_nodes) {
    sink.Error(where(root_), "the game tree has " + std::to_string(num_nodes()) +
                                 " nodes, more than the limit of " +
                                 std::to_string(limits.max_nodes));
    return sink;
  }
  const int n_players = num_players();

  // Information sets: players, chance probabilities.
  for (const InfoSet& set : infosets_) {
    if (set.nodes.empty()) continue;
    SourceLocation at = set.location.known() ? set.location : graph_[set.nodes[0]].location;
    if (set.player != kChancePlayer && (set.player < 0 || set.player >= n_players)) {
      sink.Error(graph_[set.nodes[0]].location,
                 "node " + label(set.nodes[0]) + " is moved by unknown player #" +
                     std::to_string(set.player + 1),
                 "the game has " + std::to_string(n_players) + " players: " + JoinWords(players_));
    }
    if (set.actions.empty()) {
      sink.Error(at, "node " + label(set.nodes[0]) + " has no moves");
    }
    if (set.player != kChancePlayer) continue;
    if (set.probabilities.size() != set.actions.size()) {
      sink.Error(at, "chance node " + label(set.nodes[0]) + " needs one probability per move");
      continue;
    }
    bool all_exact = true;
    Rational exact_sum = 0;
    double sum = 0.0;
    for (size_t a = 0; a < set.actions.size(); ++a) {
      const Probability& p = set.probabilities[a];
      if (!std::isfinite(p.value) || p.value < 0.0 || (p.exact && sgn(*p.exact) < 0)) {
        sink.Error(at, "probability of move '" + set.actions[a] + "' at chance node " +
                           label(set.nodes[0]) + " is negative or not a number (" +
                           p.ToString() + ")");
      }
      sum += p.value;
      if (!p.exact) all_exact = false;
      if (p.exact) exact_sum += *p.exact;
    }
    bool ok = all_exact ? exact_sum == 1 : std::abs(sum - 1.0) <= 1e-9;
    if (!ok) {
      std::string total = all_exact ? RationalToString(exact_sum) : ShortestDecimal(sum);
      sink.Error(at, "probabilities at chance node " + label(set.nodes[0]) + " sum to " + total +
                         ", not exactly 1");
    }
  }

  // Nodes: kinds, moves, outcomes.
  const Node count = static_cast<Node>(num_nodes());
  for (Node n = 0; n < count; ++n) {
    const TreeNode& node = graph_[n];
    if (node.kind == NodeKind::kTerminal) {
      if (boost::out_degree(n, graph_) > 0) {
        sink.Error(where(n), "terminal node " + label(n) + " has moves");
      }
    } else {
      const InfoSet& set = infosets_[node.infoset];
      bool chance_set = set.player == kChancePlayer;
      if (chance_set != (node.kind == NodeKind::kChance)) {
        sink.Error(where(n), "node " + label(n) + " is in an information set of another kind");
      }
      std::vector<int> seen(set.actions.size(), 0);
      for (auto [e, end] = boost::out_edges(n, graph_); e != end; ++e) {
        int a = graph_[*e].action;
        if (a < 0 || a >= static_cast<int>(seen.size())) {
          sink.Error(where(n), "node " + label(n) + " has a move with no action");
        } else if (++seen[a] == 2) {
          sink.Error(where(n), "move '" + set.actions[a] + "' of node " + label(n) +
                                   " leads to two nodes");
        }
      }
      for (size_t a = 0; a < seen.size(); ++a) {
        if (seen[a] == 0) {
          sink.Error(where(n), "move '" + set.actions[a] + "' of node " + label(n) +
                                   " leads nowhere (a dangling move)");
        }
      }
    }
    if (node.outcome >= 0) {
      const Outcome& o = outcomes_.at(node.outcome);
      if (static_cast<int>(o.payoffs.size()) != n_players) {
        sink.Error(where(n), "node " + label(n) + " has " + std::to_string(o.payoffs.size()) +
                                 " payoffs for " + std::to_string(n_players) + " players");
      } else {
        for (double v : o.payoffs) {
          if (!std::isfinite(v)) {
            sink.Error(where(n), "node " + label(n) + " has a payoff that is not a finite number");
            break;
          }
        }
      }
    }
  }

  // Shape: the root has no parent, every other node exactly one, no cycles, all reachable.
  if (boost::in_degree(root_, graph_) > 0) {
    sink.Error(where(root_), "the root " + label(root_) + " is the child of another node");
  }
  for (Node n = 0; n < count; ++n) {
    if (boost::in_degree(n, graph_) > 1) {
      std::vector<std::string> parents;
      for (auto [e, end] = boost::in_edges(n, graph_); e != end; ++e) {
        parents.push_back(label(boost::source(*e, graph_)));
      }
      sink.Error(where(n), "node " + label(n) + " has " + std::to_string(parents.size()) +
                               " parents (" + JoinWords(parents) + "); a tree node has one");
    }
  }
  std::vector<std::pair<size_t, size_t>> back_edges;
  CycleRecorder recorder;
  recorder.back_edges = &back_edges;
  std::vector<boost::default_color_type> colors(count);
  auto color_map = boost::make_iterator_property_map(colors.begin(),
                                                     boost::get(boost::vertex_index, graph_));
  boost::depth_first_visit(graph_, root_, recorder, color_map);
  for (Node n = 0; n < count; ++n) {
    if (colors[n] == boost::white_color) {
      sink.Error(where(n), "node " + label(n) + " cannot be reached from the root " +
                               label(root_));
    }
  }
  boost::depth_first_search(graph_, boost::visitor(recorder).color_map(color_map));
  for (auto [from, to] : back_edges) {
    // Walk up the single-parent chain from `from` to `to` to spell the cycle out.
    std::string cycle = label(to);
    std::vector<std::string> chain;
    Node at = from;
    for (int steps = 0; at != to && steps < num_nodes(); ++steps) {
      chain.push_back(label(at));
      auto [e, end] = boost::in_edges(at, graph_);
      if (e == end) break;
      at = boost::source(*e, graph_);
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) cycle += " -> " + *it;
    cycle += " -> " + label(to);
    sink.Error(where(to), "the moves form a cycle: " + cycle);
  }
  if (!sink.empty()) return sink;

  // Two nodes of one information set on one path (absent-mindedness) break subgames and
  // strategic forms alike.
  for (const InfoSet& set : infosets_) {
    if (set.nodes.size() < 2) continue;
    for (size_t member : set.nodes) {
      for (Node up = Parent(member); up != kNoNode; up = Parent(up)) {
        if (graph_[up].infoset == graph_[member].infoset) {
          sink.Error(where(member), "nodes " + label(up) + " and " + label(member) +
                                        " are in one information set but on one path");
          break;
        }
      }
    }
  }
  if (!sink.empty()) return sink;

  // Perfect recall (Kuhn 1953): every node of a player's information set was reached through
  // the same sequence of that player's own sets and actions. Without it a behaviour strategy
  // need not match any mixed strategy, and subgame decomposition and the strategic-form
  // solvers' behaviour profiles would be wrong. Depth-first, iteratively (deep trees), with
  // each own sequence interned as (previous sequence, set, action).
  std::map<std::tuple<int, int, int>, int> interned;
  std::vector<int> own(static_cast<size_t>(n_players), 0);  // 0: the empty sequence
  std::vector<int> set_sequence(infosets_.size(), -1);
  std::vector<Node> set_first(infosets_.size(), kNoNode);
  std::vector<bool> reported(infosets_.size(), false);
  struct Frame {
    Node node;
    std::vector<Node> children;
    size_t next = 0;
    int saved = 0;  // the mover's sequence before this node's move
  };
  std::vector<Frame> stack;
  auto enter = [&](Node n) {
    const TreeNode& node = graph_[n];
    Frame frame{n, {}, 0, 0};
    if (node.kind != NodeKind::kTerminal) frame.children = Children(n);
    const int set = node.infoset;
    if (node.kind == NodeKind::kDecision) {
      const int player = infosets_[set].player;
      frame.saved = own[player];
      if (set_sequence[set] < 0) {
        set_sequence[set] = own[player];
        set_first[set] = n;
      } else if (set_sequence[set] != own[player] && !reported[set] &&
                 limits.require_perfect_recall) {
        reported[set] = true;
        sink.Error(where(n), "nodes " + label(set_first[set]) + " and " + label(n) +
                                 " are in one information set of player '" +
                                 players_[player] + "', who reached them by different moves " +
                                 "of its own: the game lacks perfect recall",
                   "sim's solvers need perfect recall (a player remembers what it did and "
                   "knew); split the information set");
      }
    }
    stack.push_back(std::move(frame));
  };
  enter(root_);
  while (!stack.empty()) {
    Frame& top = stack.back();
    const TreeNode& node = graph_[top.node];
    if (top.next == top.children.size()) {
      if (node.kind == NodeKind::kDecision) own[infosets_[node.infoset].player] = top.saved;
      stack.pop_back();
      continue;
    }
    const int action = static_cast<int>(top.next++);
    const Node child = top.children[action];
    if (node.kind == NodeKind::kDecision) {
      const int player = infosets_[node.infoset].player;
      const auto key = std::make_tuple(top.saved, node.infoset, action);
      auto [it, inserted] = interned.try_emplace(key, static_cast<int>(interned.size()) + 1);
      own[player] = it->second;
    }
    enter(child);
  }
  return sink;
}

void GameTree::Validate(const TreeLimits& limits) const { Diagnose(limits).ThrowIfAny(); }

std::optional<Diagnostic> GameTree::RecallProblem() const {
  TreeLimits limits;
  limits.max_nodes = num_nodes();
  const std::vector<Diagnostic> problems = Check(limits);
  if (problems.empty()) return std::nullopt;
  return problems.front();
}

}  // namespace sim
