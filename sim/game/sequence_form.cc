// SPDX-License-Identifier: MIT
#include "sim/game/sequence_form.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "sim/core/error.h"
#include "sim/core/shortest_decimal.h"

namespace sim {

using Node = GameTree::Node;

Rational ExactOutcomePayoff(const GameTree& tree, int outcome, int player) {
  const Outcome& o = tree.outcome(outcome);
  if (static_cast<size_t>(player) < o.exact.size()) return o.exact[player];
  return RationalFromDouble(o.payoffs[player]);
}

namespace {

Rational ExactProbability(const Probability& p) {
  if (p.exact) return *p.exact;
  return Probability::FromDouble(p.value).exact.value_or(RationalFromDouble(p.value));
}

struct Frame {
  Node node;
  int seq[2];
  Rational chance;
  Rational acc[2];
};

struct Leaf {
  int s1, s2;
  Rational u1, u2, weight;
};

}  // namespace

SequenceForm ToSequenceForm(const GameTree& tree, Node root,
                            const std::map<Node, Eigen::VectorXd>& frontier,
                            const SequenceFormLimits& limits) {
  if (root == GameTree::kNoNode) root = tree.root();
  if (tree.num_players() != 2) {
    throw Error("the sequence form here is for 2-player trees (this one has " +
                std::to_string(tree.num_players()) + " players)");
  }
  auto is_leaf = [&](Node n) {
    return tree.kind(n) == NodeKind::kTerminal || frontier.count(n) > 0;
  };
  // First pass: the size, so that a form beyond the limit is refused before it is built.
  {
    std::set<int> sets;
    int64_t dimension = 4;  // two empty sequences, two root constraints
    std::vector<Node> stack = {root};
    while (!stack.empty()) {
      const Node n = stack.back();
      stack.pop_back();
      if (is_leaf(n)) continue;
      const int set = tree.node(n).infoset;
      if (tree.kind(n) == NodeKind::kDecision && sets.insert(set).second) {
        dimension += 1 + static_cast<int64_t>(tree.infoset(set).actions.size());
      }
      for (Node c : tree.Children(n)) stack.push_back(c);
    }
    if (dimension > limits.max_dimension) {
      throw Error("the sequence form is too large: " + std::to_string(dimension) +
                  " sequences and information sets (limit " +
                  std::to_string(limits.max_dimension) + ")");
    }
  }
  SequenceForm form;
  form.root = root;
  form.local_index.assign(tree.num_infosets(), -1);
  for (SequenceForm::Side& s : form.side) s.seq_set.push_back(-1);
  std::vector<Leaf> leaves;
  std::vector<Frame> stack;
  stack.push_back({root, {0, 0}, Rational(1), {Rational(0), Rational(0)}});
  while (!stack.empty()) {
    Frame f = std::move(stack.back());
    stack.pop_back();
    const Node n = f.node;
    if (auto it = frontier.find(n); it != frontier.end()) {
      for (int p = 0; p < 2; ++p) f.acc[p] += RationalFromDouble(it->second(p));
    } else if (tree.node(n).outcome >= 0) {
      for (int p = 0; p < 2; ++p) f.acc[p] += ExactOutcomePayoff(tree, tree.node(n).outcome, p);
    }
    if (is_leaf(n)) {
      leaves.push_back({f.seq[0], f.seq[1], f.chance * f.acc[0], f.chance * f.acc[1], f.chance});
      continue;
    }
    const int set = tree.node(n).infoset;
    const InfoSet& info = tree.infoset(set);
    const std::vector<Node> children = tree.Children(n);
    int first = -1, p = -1;
    if (tree.kind(n) == NodeKind::kDecision) {
      p = info.player;
      SequenceForm::Side& side = form.side[p];
      int h = form.local_index[set];
      if (h < 0) {
        h = form.local_index[set] = side.num_infosets();
        side.infosets.push_back(set);
        side.parent.push_back(f.seq[p]);
        side.first.push_back(side.num_sequences());
        for (size_t a = 0; a < children.size(); ++a) side.seq_set.push_back(h);
      } else if (side.parent[h] != f.seq[p]) {
        throw Error("information set '" + tree.InfoSetName(set) +
                    "' is reached after different own moves (no perfect recall): the sequence "
                    "form does not apply");
      }
      first = side.first[h];
    }
    // Children pushed in reverse so that they are visited in action order (sequences are
    // then numbered in preorder).
    for (size_t a = children.size(); a-- > 0;) {
      Frame c{children[a], {f.seq[0], f.seq[1]}, f.chance, {f.acc[0], f.acc[1]}};
      if (p >= 0) {
        c.seq[p] = first + static_cast<int>(a);
      } else {
        c.chance *= ExactProbability(info.probabilities[a]);
      }
      stack.push_back(std::move(c));
    }
  }
  std::sort(leaves.begin(), leaves.end(), [](const Leaf& a, const Leaf& b) {
    return std::tie(a.s1, a.s2) < std::tie(b.s1, b.s2);
  });
  bool any = false;
  for (Leaf& l : leaves) {
    if (!form.entries.empty() && form.entries.back().s1 == l.s1 && form.entries.back().s2 == l.s2) {
      form.entries.back().u1 += l.u1;
      form.entries.back().u2 += l.u2;
      form.entries.back().weight += l.weight;
    } else {
      form.entries.push_back(
          {l.s1, l.s2, std::move(l.u1), std::move(l.u2), std::move(l.weight), 0.0, 0.0, 0.0});
    }
  }
  for (SequenceForm::Entry& e : form.entries) {
    e.d1 = RationalToDouble(e.u1);
    e.d2 = RationalToDouble(e.u2);
    e.dw = RationalToDouble(e.weight);
  }
  // The payoff range over leaves (for the LCP's shift), from the tree's payoffs.
  {
    std::vector<Frame> walk;
    walk.push_back({root, {0, 0}, Rational(1), {Rational(0), Rational(0)}});
    while (!walk.empty()) {
      Frame f = std::move(walk.back());
      walk.pop_back();
      const Node n = f.node;
      if (auto it = frontier.find(n); it != frontier.end()) {
        for (int p = 0; p < 2; ++p) f.acc[p] += RationalFromDouble(it->second(p));
      } else if (tree.node(n).outcome >= 0) {
        for (int p = 0; p < 2; ++p) f.acc[p] += ExactOutcomePayoff(tree, tree.node(n).outcome, p);
      }
      if (is_leaf(n)) {
        for (int p = 0; p < 2; ++p) {
          if (!any || f.acc[p] > form.max_payoff) form.max_payoff = f.acc[p];
          if (!any || f.acc[p] < form.min_payoff) form.min_payoff = f.acc[p];
          any = true;
        }
        continue;
      }
      for (Node c : tree.Children(n)) walk.push_back({c, {0, 0}, Rational(1), {f.acc[0], f.acc[1]}});
    }
  }
  return form;
}

SequenceCheck CheckSequenceForm(const SequenceForm& form, const ExactRealisationPlans& plans) {
  SequenceCheck check;
  // own[p][s]: the payoff to p of the leaves at p's sequence s, weighted by the other's plan.
  std::array<std::vector<Rational>, 2> own;
  for (int p = 0; p < 2; ++p) own[p].assign(form.side[p].num_sequences(), Rational(0));
  for (const SequenceForm::Entry& e : form.entries) {
    if (sgn(plans[1][e.s2]) != 0) own[0][e.s1] += e.u1 * plans[1][e.s2];
    if (sgn(plans[0][e.s1]) != 0) own[1][e.s2] += e.u2 * plans[0][e.s1];
  }
  for (int p = 0; p < 2; ++p) {
    const SequenceForm::Side& side = form.side[p];
    const std::vector<Rational>& x = plans[p];
    std::vector<Rational> value = own[p], best = own[p];
    // Sets in descending order of their first sequence: every continuation is done first.
    for (int h = side.num_infosets() - 1; h >= 0; --h) {
      const int par = side.parent[h], first = side.first[h], k = side.num_actions(h);
      Rational v_best = value[first], b_best = best[first], v = 0;
      for (int a = 0; a < k; ++a) {
        if (value[first + a] > v_best) v_best = value[first + a];
        if (best[first + a] > b_best) b_best = best[first + a];
        if (sgn(x[par]) != 0) v += x[first + a] * value[first + a];
      }
      value[par] += sgn(x[par]) != 0 ? Rational(v / x[par]) : v_best;
      best[par] += b_best;
    }
    check.payoffs[p] = value[0];
    check.best[p] = best[0];
    check.action_values[p] = std::move(value);
  }
  check.regret = std::max(check.best[0] - check.payoffs[0], check.best[1] - check.payoffs[1]);
  return check;
}

}  // namespace sim
