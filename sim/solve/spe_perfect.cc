// SPDX-License-Identifier: MIT
#include "sim/solve/spe_perfect.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::solve {

using Node = GameTree::Node;

bool PerfectInformationSpe::Prepare(const GameTree& tree) {
  prepared_ = false;
  for (int s = 0; s < tree.num_infosets(); ++s) {
    const InfoSet& set = tree.infoset(s);
    if (set.player != kChancePlayer && set.nodes.size() > 1) return false;
  }
  const int count = tree.num_nodes();
  players_ = tree.num_players();
  sets_ = tree.num_infosets();
  order_ = tree.Preorder();
  child_begin_.assign(count + 1, 0);
  children_.clear();
  terminal_.assign(count, 0);
  set_of_.assign(count, -1);
  player_of_.assign(count, -1);
  inner_count_.assign(count, 0);
  for (int n = 0; n < count; ++n) {
    child_begin_[n] = static_cast<int>(children_.size());
    terminal_[n] = tree.kind(n) == NodeKind::kTerminal;
    if (terminal_[n]) continue;
    set_of_[n] = tree.node(n).infoset;
    player_of_[n] = tree.player(n);
    for (Node c : tree.Children(n)) {
      children_.push_back(c);
      inner_count_[n] += tree.kind(c) != NodeKind::kTerminal;
    }
  }
  child_begin_[count] = static_cast<int>(children_.size());
  chance_set_.assign(sets_, 0);
  for (int s = 0; s < sets_; ++s) chance_set_[s] = tree.infoset(s).player == kChancePlayer;
  first_.assign(count, 0);
  count_.assign(count, 0);
  zero_.assign(players_, 0.0);
  here_.assign(players_, 0.0);
  scratch_.assign(players_, 0.0);
  prepared_ = true;
  return true;
}

int PerfectInformationSpe::Add(int r, int action, int inner_begin, int cap) {
  if (count_[r] >= cap) {
    capped_ = true;
    return -1;
  }
  const int id = static_cast<int>(node_.size());
  value_.insert(value_.end(), scratch_.begin(), scratch_.end());
  node_.push_back(r);
  action_.push_back(action);
  inner_begin_.push_back(inner_begin);
  if (count_[r]++ == 0) first_[r] = id;
  return id;
}

// Decomposition::Solve and SolveOneNode (spe.cc) at a node all of whose non-terminal
// children are solved subgames: an odometer over one solution per such child (the first
// child's choice varying fastest), backward induction at the node for each.
void PerfectInformationSpe::SolveNode(int r, const GameTree& tree, double tol, int cap) {
  const int b = child_begin_[r], e = child_begin_[r + 1];
  const int k = e - b;
  frontier_.clear();
  for (int i = b; i < e; ++i) {
    const int c = static_cast<int>(children_[i]);
    if (terminal_[c]) continue;
    if (count_[c] == 0) return;  // an inner subgame without equilibrium
    frontier_.push_back(c);
  }
  pick_.assign(frontier_.size(), 0);
  const int o = tree.node(r).outcome;
  for (int p = 0; p < players_; ++p) here_[p] = o >= 0 ? tree.outcome(o).payoffs[p] : 0.0;
  const int set = set_of_[r];
  const bool chance = chance_set_[set];
  const int mover = player_of_[r];
  vbuf_.resize(static_cast<size_t>(k) * players_);
  while (count_[r] < cap) {
    // The children's values under this pick, copied (the pool grows as solutions are added).
    const int inner_begin = static_cast<int>(inner_.size());
    size_t f = 0;
    for (int i = 0; i < k; ++i) {
      const int c = static_cast<int>(children_[b + i]);
      const double* from = zero_.data();
      if (terminal_[c]) {
        const int co = tree.node(c).outcome;
        if (co >= 0) from = tree.outcome(co).payoffs.data();
      } else {
        const int id = first_[c] + pick_[f++];
        inner_.push_back(id);
        from = &value_[static_cast<size_t>(id) * players_];
      }
      std::copy(from, from + players_, &vbuf_[static_cast<size_t>(i) * players_]);
    }
    auto v = [&](int a, int p) { return vbuf_[static_cast<size_t>(a) * players_ + p]; };
    if (chance) {
      const std::vector<Probability>& prob = tree.infoset(set).probabilities;
      scratch_ = here_;
      for (int a = 0; a < k; ++a) {
        const double q = prob[a].value;
        for (int p = 0; p < players_; ++p) scratch_[p] += q * v(a, p);
      }
      Add(r, -1, inner_begin, cap);
    } else {
      double best = -std::numeric_limits<double>::infinity();
      for (int a = 0; a < k; ++a) best = std::max(best, v(a, mover));
      for (int a = 0; a < k; ++a) {
        if (v(a, mover) < best - tol) continue;  // every action within the tolerance is a tie
        for (int p = 0; p < players_; ++p) scratch_[p] = here_[p] + v(a, p);
        Add(r, a, inner_begin, cap);
      }
    }
    size_t i = 0;
    for (; i < frontier_.size(); ++i) {
      if (++pick_[i] < count_[frontier_[i]]) break;
      pick_[i] = 0;
    }
    if (i == frontier_.size()) return;
  }
  capped_ = true;
}

void PerfectInformationSpe::Solve(const GameTree& tree, const SpeOptions& options) {
  SIM_CHECK(prepared_ && tree.num_nodes() == static_cast<int>(terminal_.size()),
            "PerfectInformationSpe::Solve needs the tree's shape prepared");
  double scale = 1.0;  // PayoffScale (spe.cc)
  for (int o = 0; o < tree.num_outcomes(); ++o)
    for (double v : tree.outcome(o).payoffs) scale = std::max(scale, std::abs(v));
  const double tol = options.tolerance * scale;
  const int cap = options.max_equilibria > 0 ? options.max_equilibria : std::numeric_limits<int>::max();
  capped_ = false;
  std::fill(count_.begin(), count_.end(), 0);
  value_.clear();
  node_.clear();
  action_.clear();
  inner_begin_.clear();
  inner_.clear();
  top_.clear();
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    const int n = static_cast<int>(*it);
    if (!terminal_[n]) SolveNode(n, tree, tol, cap);
  }
  const int root = static_cast<int>(tree.root());
  if (terminal_[root]) {
    const int o = tree.node(root).outcome;
    for (int p = 0; p < players_; ++p) scratch_[p] = o >= 0 ? tree.outcome(o).payoffs[p] : 0.0;
    top_.push_back(Add(root, -1, static_cast<int>(inner_.size()), std::numeric_limits<int>::max()));
  } else {
    for (int i = 0; i < count_[root]; ++i) top_.push_back(first_[root] + i);
  }
  // Each equilibrium's actions: the solutions it builds on, down the tree; a player's set no
  // solution assigns (none in a valid tree) plays its first action, as in spe.cc.
  actions_.resize(top_.size() * static_cast<size_t>(sets_));
  for (size_t e = 0; e < top_.size(); ++e) {
    int* a = actions_.data() + e * static_cast<size_t>(sets_);  // sets_ may be 0: no [0] of an empty vector
    for (int s = 0; s < sets_; ++s) a[s] = chance_set_[s] ? -1 : 0;
    stack_.assign(1, top_[e]);
    while (!stack_.empty()) {
      const int s = stack_.back();
      stack_.pop_back();
      const int n = node_[s];
      if (action_[s] >= 0) a[set_of_[n]] = action_[s];
      const int begin = inner_begin_[s];
      for (int i = begin; i < begin + inner_count_[n]; ++i) stack_.push_back(inner_[i]);
    }
  }
}

}  // namespace sim::solve
