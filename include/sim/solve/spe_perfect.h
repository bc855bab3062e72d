// SPDX-License-Identifier: MIT
// Subgame-perfect equilibria of perfect-information trees (every player's information set a
// single node; chance nodes allowed) for callers that solve many trees of one shape, such as
// the tree Monte Carlo (issue #17 item 5, "trees at matrix speed"). The shape is analysed
// once (Prepare); each Solve reuses the buffers of the previous one and allocates nothing
// once they have grown to the tree's needs.
//
// It finds what SolveSubgamePerfect (solve/spe.h) finds on such a tree, and nothing else:
// the same equilibria (backward induction, every tie within options.tolerance * scale an
// equilibrium of its own, at most options.max_equilibria per subgame), in the same order,
// with the same payoffs bit for bit (the same operations in the same order). It describes
// nothing (SpeOptions::describe = false): an equilibrium is its action at each player's set
// and its expected payoffs from the root. tests/solve/spe_perfect_test.cc checks the
// equality on random trees with chance and ties.
#pragma once

#include <vector>

#include "sim/game/tree.h"
#include "sim/solve/spe.h"

namespace sim::solve {

class PerfectInformationSpe {
 public:
  // Analyses the shape of `tree` (valid): its nodes in preorder, their children, movers and
  // sets. Returns false, and leaves the solver unprepared, when some player's information
  // set has several nodes (use SolveSubgamePerfect). O(nodes); allocates.
  bool Prepare(const GameTree& tree);
  bool prepared() const { return prepared_; }

  // Every subgame-perfect equilibrium of `tree`, which must have the shape given to Prepare
  // (the same nodes, moves and sets; payoffs and chance probabilities may differ). Uses
  // options.tolerance and options.max_equilibria. O(nodes x equilibria per subgame).
  void Solve(const GameTree& tree, const SpeOptions& options);

  int num_equilibria() const { return static_cast<int>(top_.size()); }
  // Whether max_equilibria stopped some subgame (SolveSubgamePerfect's kPartial).
  bool capped() const { return capped_; }
  // Equilibrium e's expected payoff of each player from the root (num_players values).
  const double* payoffs(int e) const { return &value_[static_cast<size_t>(top_[e]) * players_]; }
  // Equilibrium e's action at information set `set`; -1 at chance sets.
  int action(int e, int set) const { return actions_[static_cast<size_t>(e) * sets_ + set]; }

 private:
  void SolveNode(int r, const GameTree& tree, double tol, int cap);
  int Add(int r, int action, int inner_begin, int cap);

  bool prepared_ = false;
  int players_ = 0, sets_ = 0;
  // Per node (by index), fixed by Prepare.
  std::vector<GameTree::Node> order_;  // preorder
  std::vector<int> child_begin_;       // children of n: children_[child_begin_[n] ..
  std::vector<GameTree::Node> children_;  //   child_begin_[n + 1]), in action order
  std::vector<char> terminal_;
  std::vector<int> inner_count_;       // its non-terminal children
  std::vector<int> set_of_, player_of_;
  std::vector<char> chance_set_;       // per set
  // Per Solve (capacity kept).
  std::vector<int> first_, count_;     // per node: its solutions in the pool
  std::vector<double> value_;          // pool: players_ values per solution
  std::vector<int> node_, action_;     // pool: the node and action (-1: chance) of each
  std::vector<int> inner_begin_;       // pool: its inner solutions in inner_ (one per
  std::vector<int> inner_;             //   non-terminal child, in action order)
  std::vector<int> top_;               // the root's solutions: the equilibria
  std::vector<int> actions_;           // per equilibrium, per set
  std::vector<int> frontier_, pick_, stack_;
  std::vector<double> here_, zero_, scratch_, vbuf_;
  bool capped_ = false;
};

}  // namespace sim::solve
