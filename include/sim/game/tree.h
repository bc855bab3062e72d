// SPDX-License-Identifier: MIT
// Extensive-form games: a rooted tree stored as a Boost.Graph adjacency_list with decision,
// chance and terminal nodes, information sets per player, exact chance probabilities and
// Gambit-style outcomes (payoff vectors that may sit at inner nodes and add up along the path).
// This file builds, inspects and validates trees; it does not solve them (solve/spe.h), turn
// them into strategic forms (game/strategic_form.h) or read files (io/gambit_efg.h).
#pragma once

#include <Eigen/Core>
#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/game/normal_form.h"
#include "sim/core/rational.h"
#include "sim/core/shortest_decimal.h"

namespace sim {

enum class NodeKind { kDecision, kChance, kTerminal };

// The "player" of chance nodes and chance information sets.
inline constexpr int kChancePlayer = -1;

// A chance probability: its value, and the exact fraction when it was given as one (a
// fraction or a decimal literal; FromDouble() takes the shortest decimal of a double).
struct Probability {
  double value = 0.0;
  std::optional<Rational> exact;

  // `r` is canonicalised (GMP's arithmetic and comparisons need lowest terms: 2/4 -> 1/2).
  static Probability Exact(Rational r) {
    r.canonicalize();
    return {RationalToDouble(r), r};
  }
  // Exact as the shortest decimal of `v` (0.3 -> 3/10), so "0.3" means what it says.
  static Probability FromDouble(double v);
  // "19/20" when exact, else the shortest round-trip decimal.
  std::string ToString() const;
};

// Vertex bundle. `infoset` indexes GameTree::infoset(); terminals have none (-1).
// `outcome` indexes GameTree::outcome() or is -1 (the null outcome: adds nothing).
struct TreeNode {
  NodeKind kind = NodeKind::kTerminal;
  std::string name;
  int infoset = -1;
  int outcome = -1;
  SourceLocation location;
};

// Edge bundle: the index of the action (in the parent's information set) that the move is.
struct TreeMove {
  int action = 0;
};

// An information set: the nodes a player cannot tell apart, which therefore share the
// action list. Chance information sets carry nature's probabilities (one per action).
struct InfoSet {
  int player = kChancePlayer;  // kChancePlayer for chance
  std::string label;
  std::vector<std::string> actions;
  std::vector<Probability> probabilities;  // chance only
  std::vector<size_t> nodes;               // members, in the order they were added
  SourceLocation location;
};

// A payoff vector (one entry per player) attached to nodes; payoffs add up along the path.
struct Outcome {
  std::string label;
  std::vector<double> payoffs;
  // The payoffs as written when a reader kept them exactly (3/2, 1/3); empty otherwise, and
  // then ExactOutcomePayoff (game/sequence_form.h) takes the doubles' exact values.
  std::vector<Rational> exact;
};

// Limits that keep hostile inputs from exhausting memory or time.
struct TreeLimits {
  int64_t max_nodes = 1'000'000;
  // false: accept a tree without perfect recall (Check no longer reports it). Only the
  // strategic form of such a tree is meaningful (mixed strategies; behaviour strategies
  // may not suffice, Kuhn 1953); every solver but the strategic-form route assumes recall.
  bool require_perfect_recall = true;
};

// A finite extensive-form game.
//
// Storage is a bidirectional adjacency_list (vecS, vecS), so node descriptors are dense
// indices 0..num_nodes()-1 and every node knows its parent. Moves are edges labelled with an
// action index; a valid tree has exactly one child per action of every non-terminal node.
// The builder accepts anything (missing children, cycles, several parents, bad
// probabilities) so that Validate() can report every problem of a user's file at once;
// every other member function assumes a tree that passed Validate().
class GameTree {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      TreeNode, TreeMove>;
  using Node = Graph::vertex_descriptor;
  static constexpr Node kNoNode = static_cast<Node>(-1);

  GameTree() = default;
  // Players are named and numbered 0..n-1 in this order.
  explicit GameTree(std::vector<std::string> players, std::string title = {});

  // ---- building ----
  // A new information set of `player` (0-based, or kChancePlayer) with these action labels.
  // The player index is not checked here (Validate() reports unknown players).
  int AddInfoSet(int player, std::vector<std::string> actions, std::string label = {},
                 SourceLocation location = {});
  // A new chance information set; one probability per action.
  int AddChanceInfoSet(std::vector<std::string> actions, std::vector<Probability> probabilities,
                       std::string label = {}, SourceLocation location = {});
  // A new outcome; returns its index.
  int AddOutcome(std::vector<double> payoffs, std::string label = {});
  // A new node. For decision and chance nodes `infoset` is required and the node joins it.
  // The first node added is the root unless set_root() says otherwise.
  Node AddNode(NodeKind kind, std::string name, int infoset = -1, SourceLocation location = {});
  void SetOutcome(Node node, int outcome) { graph_[node].outcome = outcome; }
  void set_name(Node node, std::string name) { graph_[node].name = std::move(name); }
  void set_outcome_payoffs(int outcome, std::vector<double> payoffs) {
    outcomes_[outcome].payoffs = std::move(payoffs);
    outcomes_[outcome].exact.clear();
  }
  // An outcome's payoffs to overwrite in place, without allocating (model::RederiveTree);
  // the exact ones are dropped.
  double* mutable_outcome_payoffs(int outcome) {
    outcomes_[outcome].exact.clear();
    return outcomes_[outcome].payoffs.data();
  }
  // Nature's probability of `action` at chance set `set` (re-weighting a tree of the same
  // shape, montecarlo/tremble_tree.h); the caller keeps the set's probabilities summing to 1.
  void set_probability(int set, int action, Probability p) {
    infosets_[set].probabilities[action] = std::move(p);
  }
  void set_outcome_exact(int outcome, std::vector<Rational> exact) {
    outcomes_[outcome].exact = std::move(exact);
  }
  // The move `action` of `parent` leads to `child`.
  void AddMove(Node parent, int action, Node child);
  void set_root(Node root) { root_ = root; }
  void set_title(std::string title) { title_ = std::move(title); }

  // Conveniences for code-built trees: a decision node with a fresh singleton information
  // set; a chance node with its own chance information set; a terminal with a fresh outcome
  // (payoffs in player order); a move by action label (SIM_CHECK that the label exists).
  Node AddDecision(int player, std::string name, std::vector<std::string> actions);
  Node AddChance(std::string name, std::vector<std::string> actions,
                 std::vector<Probability> probabilities);
  Node AddTerminal(std::string name, std::vector<double> payoffs);
  void Connect(Node parent, const std::string& action, Node child);

  // ---- validation ----
  // Every problem of the tree, located at the offending node (or its information set):
  // no root, more nodes than limits.max_nodes, unknown players, a node whose kind does not
  // match its information set, moves that lead nowhere or twice, terminals with moves,
  // cycles, nodes with several parents or unreachable from the root, two nodes of one
  // information set on one path, an information set whose nodes its player reached by
  // different moves of its own (no perfect recall), negative chance probabilities or ones that do not sum to 1
  // (exactly, when all are exact; within 1e-9 otherwise), payoff vectors of the wrong
  // length or with non-finite numbers.
  std::vector<Diagnostic> Check(const TreeLimits& limits = {}) const;
  // The same problems in a sink (at most DiagnosticSink::kMaxReported kept, the rest counted).
  DiagnosticSink Diagnose(const TreeLimits& limits = {}) const;
  // Throws InputError with every diagnostic of Check(), if any.
  void Validate(const TreeLimits& limits = {}) const;
  // For a tree valid under require_perfect_recall = false: the first perfect-recall
  // problem (located at the node), or nullopt when the tree has perfect recall.
  std::optional<Diagnostic> RecallProblem() const;

  // ---- inspection (valid trees) ----
  const std::string& title() const { return title_; }
  const Graph& graph() const { return graph_; }
  Node root() const { return root_; }
  int num_nodes() const { return static_cast<int>(boost::num_vertices(graph_)); }
  int num_players() const { return static_cast<int>(players_.size()); }
  const std::vector<std::string>& players() const { return players_; }
  const std::string& player_name(int player) const { return players_[player]; }
  const TreeNode& node(Node n) const { return graph_[n]; }
  NodeKind kind(Node n) const { return graph_[n].kind; }
  const std::string& name(Node n) const { return graph_[n].name; }
  // The mover: a player index, kChancePlayer at chance nodes, -2 at terminals.
  int player(Node n) const;
  int num_infosets() const { return static_cast<int>(infosets_.size()); }
  const InfoSet& infoset(int index) const { return infosets_[index]; }
  int num_outcomes() const { return static_cast<int>(outcomes_.size()); }
  const Outcome& outcome(int index) const { return outcomes_[index]; }
  int num_actions(Node n) const;
  const std::string& action_label(Node n, int action) const;
  // Children in action order (kNoNode where a move is missing, in an unvalidated tree).
  std::vector<Node> Children(Node n) const;
  // kNoNode for the root.
  Node Parent(Node n) const;
  // The action of Parent(n) that leads to n (-1 for the root).
  int ActionInto(Node n) const;
  // Nodes in preorder from the root (children in action order): Gambit's .efg order.
  std::vector<Node> Preorder() const;
  // Payoffs of the outcome at n alone (zeros for the null outcome).
  Eigen::VectorXd OutcomePayoffs(Node n) const;
  // Sum of the outcomes from the root down to n, n included.
  Eigen::VectorXd PathPayoffs(Node n) const;
  // Information sets of `player`, ascending.
  std::vector<int> PlayerInfoSets(int player) const;
  // The name behaviour strategies use for an information set: the node's name for a
  // singleton, otherwise the set's label (or its member names joined with '|').
  std::string InfoSetName(int infoset) const;
  // Sequential; perfect information when every player's information set is a singleton;
  // constant-sum when the terminal payoffs all add up to the same total.
  GameTraits traits() const;

 private:
  std::string title_;
  std::vector<std::string> players_;
  Graph graph_;
  std::vector<InfoSet> infosets_;
  std::vector<Outcome> outcomes_;
  Node root_ = kNoNode;
};

// ---- building from named nodes (user input) ----

// One move of a NodeSpec: the action label, the name of the node it leads to and, at
// chance nodes, the probability as written ("1/3", "0.25").
struct MoveSpec {
  std::string action;
  std::string child;
  std::string probability;
  SourceLocation location;
};

// A node as a user writes it: by name, with its children referenced by name.
// `player` is a player name, "chance", or empty for a terminal (a node with no moves).
// Decision nodes of one player with the same non-empty `infoset` label share an information
// set (their action lists must match). `payoffs` (one per player) are required at terminals
// and optional at inner nodes, where they add up along the path as Gambit's outcomes do.
struct NodeSpec {
  std::string name;
  std::string player;
  std::string infoset;
  std::vector<MoveSpec> moves;
  std::optional<std::vector<double>> payoffs;
  SourceLocation location;
};

struct TreeSpec {
  std::string title;
  std::vector<std::string> players;
  std::vector<NodeSpec> nodes;  // nodes[0] is the root
  SourceLocation location;      // where the tree is declared (for tree-wide problems)
};

// The player name that marks chance nodes in a NodeSpec.
inline constexpr const char* kChanceName = "chance";

// Builds and validates a tree from named nodes. Throws InputError listing every problem:
// the problems of GameTree::Check() plus duplicate node names, moves to undefined nodes
// (dangling references), unknown player names (with the nearest name as a hint),
// unreadable probabilities, and terminals without payoffs.
GameTree BuildTree(const TreeSpec& spec, const TreeLimits& limits = {});

}  // namespace sim
