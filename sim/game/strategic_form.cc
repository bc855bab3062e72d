// SPDX-License-Identifier: MIT
#include "sim/game/strategic_form.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "sim/game/sequence_form.h"

namespace sim {

using Node = GameTree::Node;

BehaviourProfile BehaviourProfile::Uniform(const GameTree& tree) {
  BehaviourProfile b;
  for (int i = 0; i < tree.num_infosets(); ++i) {
    const InfoSet& set = tree.infoset(i);
    const int k = static_cast<int>(set.actions.size());
    Eigen::VectorXd v(k);
    for (int a = 0; a < k; ++a) {
      v(a) = set.player == kChancePlayer ? set.probabilities[a].value : 1.0 / k;
    }
    b.actions.push_back(std::move(v));
  }
  return b;
}

bool BehaviourProfile::IsPure(double tolerance) const {
  for (const Eigen::VectorXd& v : actions) {
    if (v.size() > 0 && v.maxCoeff() < 1.0 - tolerance) return false;
  }
  return true;
}

std::vector<double> ReachProbabilities(const GameTree& tree, const BehaviourProfile& profile) {
  std::vector<double> reach(tree.num_nodes(), 0.0);
  if (tree.root() == GameTree::kNoNode) return reach;
  // Preorder visits a parent before its children.
  for (Node n : tree.Preorder()) {
    if (n == tree.root()) reach[n] = 1.0;
    if (tree.kind(n) == NodeKind::kTerminal) continue;
    const Eigen::VectorXd& b = profile.actions[tree.node(n).infoset];
    std::vector<Node> children = tree.Children(n);
    for (size_t a = 0; a < children.size(); ++a) {
      reach[children[a]] = b.size() > 0 ? reach[n] * b(a) : 0.0;
    }
  }
  return reach;
}

Eigen::VectorXd ExpectedPayoffs(const GameTree& tree, const BehaviourProfile& profile,
                                Node from) {
  // Iterative (deep trees must not exhaust the stack): children before parents, in reverse
  // preorder of the subtree, each node's value = its outcome + sum_a b(a) * value(child_a).
  std::vector<Node> order;
  std::vector<Node> stack = {from};
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    order.push_back(n);
    if (tree.kind(n) == NodeKind::kTerminal) continue;
    for (Node c : tree.Children(n)) stack.push_back(c);
  }
  std::vector<Eigen::VectorXd> value(tree.num_nodes());
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Node n = *it;
    value[n] = tree.OutcomePayoffs(n);
    if (tree.kind(n) == NodeKind::kTerminal) continue;
    const Eigen::VectorXd& b = profile.actions[tree.node(n).infoset];
    std::vector<Node> children = tree.Children(n);
    for (size_t a = 0; a < children.size(); ++a) {
      if (b.size() > 0 && b(a) != 0.0) value[n] += b(a) * value[children[a]];
    }
  }
  return value[from];
}

std::vector<Eigen::VectorXd> Beliefs(const GameTree& tree, const std::vector<double>& reach) {
  std::vector<Eigen::VectorXd> beliefs(tree.num_infosets());
  for (int i = 0; i < tree.num_infosets(); ++i) {
    const InfoSet& set = tree.infoset(i);
    Eigen::VectorXd v(set.nodes.size());
    for (size_t k = 0; k < set.nodes.size(); ++k) v(k) = reach[set.nodes[k]];
    // Bayes' rule: P(node | set) = P(node) / P(set), defined only when P(set) > 0.
    if (v.sum() > 0.0) beliefs[i] = v / v.sum();
  }
  return beliefs;
}

namespace {

using Plan = std::vector<int>;

// The local part of a (sub)game: the nodes from `root` down, stopping at terminals and at
// frontier nodes, with each information set's position among its player's sets.
struct LocalView {
  const GameTree* tree;
  const std::map<Node, Eigen::VectorXd>* frontier;
  std::vector<std::vector<Node>> children;  // per node (filled for local nodes only)
  std::vector<int> local_index;             // per infoset: position in infosets[player]
  int64_t node_count = 0;

  bool IsLeaf(Node n) const {
    return tree->kind(n) == NodeKind::kTerminal || frontier->count(n) > 0;
  }
};

// Merges two plans that agree wherever both are specified.
bool Merge(const Plan& a, const Plan& b, Plan& out) {
  out = a;
  for (size_t k = 0; k < b.size(); ++k) {
    if (b[k] < 0) continue;
    if (out[k] >= 0 && out[k] != b[k]) return false;
    out[k] = b[k];
  }
  return true;
}

// Every reduced plan of `player` for the subtree at n (see the header): at the player's own
// nodes one branch per action, elsewhere every branch may be reached, so plans combine.
std::vector<Plan> Plans(const LocalView& view, int player, Node n, size_t width,
                        int64_t max_plans) {
  if (view.IsLeaf(n)) return {Plan(width, -1)};
  const GameTree& tree = *view.tree;
  const std::vector<Node>& children = view.children[n];
  std::vector<Plan> result;
  std::set<Plan> seen;
  auto add = [&](Plan p) {
    if (seen.insert(p).second) result.push_back(std::move(p));
    if (static_cast<int64_t>(result.size()) > max_plans) {
      throw Error("the strategic form is too large: player '" + tree.player_name(player) +
                  "' has more than " + std::to_string(max_plans) + " reduced strategies");
    }
  };
  if (tree.player(n) == player) {
    const int k = view.local_index[tree.node(n).infoset];
    for (size_t a = 0; a < children.size(); ++a) {
      for (Plan& p : Plans(view, player, children[a], width, max_plans)) {
        if (p[k] >= 0 && p[k] != static_cast<int>(a)) continue;
        p[k] = static_cast<int>(a);
        add(std::move(p));
      }
    }
    return result;
  }
  std::vector<Plan> acc = {Plan(width, -1)};
  for (Node c : children) {
    std::vector<Plan> sub = Plans(view, player, c, width, max_plans);
    std::vector<Plan> next;
    std::set<Plan> next_seen;
    Plan merged;
    for (const Plan& a : acc) {
      for (const Plan& b : sub) {
        if (Merge(a, b, merged) && next_seen.insert(merged).second) next.push_back(merged);
      }
      if (static_cast<int64_t>(next.size()) > max_plans) {
        throw Error("the strategic form is too large: player '" + tree.player_name(player) +
                    "' has more than " + std::to_string(max_plans) + " reduced strategies");
      }
    }
    acc = std::move(next);
  }
  for (Plan& p : acc) add(std::move(p));
  return result;
}

std::string FormatCount(long double count) {
  char text[32];
  std::snprintf(text, sizeof text, count < 1e15L ? "%.0Lf" : "%.3Lg", count);
  return text;
}

// The number of reduced plans of `player` below n, exactly under perfect recall: with the
// player's sets keyed by the own sequence that leads to them, plans(sequence) is the product
// over the sets it leads to of the sum over their actions of plans(action's sequence), and
// the total is plans(empty sequence). (A sum over own actions and a product elsewhere, node
// by node, counts a set once per node: 65,536 for a 4x4 form.) Computed in long double, so
// that hopeless forms are refused before any plan is built. Cost O(local nodes).
long double CountPlans(const LocalView& view, int player, Node n) {
  const GameTree& tree = *view.tree;
  struct Set {
    int parent;
    int first;
    int actions;
  };
  std::vector<Set> sets;
  std::map<int, int> index;  // tree set -> position in `sets`
  int sequences = 1;
  std::vector<std::pair<Node, int>> stack = {{n, 0}};
  while (!stack.empty()) {
    auto [m, seq] = stack.back();
    stack.pop_back();
    if (view.IsLeaf(m)) continue;
    const std::vector<Node>& children = view.children[m];
    int first = -1;
    if (tree.player(m) == player) {
      const int set = tree.node(m).infoset;
      auto [it, fresh] = index.try_emplace(set, static_cast<int>(sets.size()));
      if (fresh) {
        sets.push_back({seq, sequences, static_cast<int>(children.size())});
        sequences += static_cast<int>(children.size());
      }
      first = sets[it->second].first;
    }
    for (size_t a = 0; a < children.size(); ++a) {
      stack.push_back({children[a], first >= 0 ? first + static_cast<int>(a) : seq});
    }
  }
  std::vector<long double> plans(sequences, 1.0L);
  // Sets were met after the sequence leading to them was created: descending is bottom-up.
  for (auto it = sets.rbegin(); it != sets.rend(); ++it) {
    long double sum = 0.0L;
    for (int a = 0; a < it->actions; ++a) sum += plans[it->first + a];
    plans[it->parent] *= sum;
  }
  return plans[0];
}

// Payoffs of the pure profile `chosen` (one plan per player) from node n.
Eigen::VectorXd PlanValue(const LocalView& view, const std::vector<const Plan*>& chosen,
                          Node n) {
  const GameTree& tree = *view.tree;
  if (auto it = view.frontier->find(n); it != view.frontier->end()) return it->second;
  Eigen::VectorXd value = tree.OutcomePayoffs(n);
  if (tree.kind(n) == NodeKind::kTerminal) return value;
  const int set = tree.node(n).infoset;
  const std::vector<Node>& children = view.children[n];
  if (tree.kind(n) == NodeKind::kChance) {
    const InfoSet& info = tree.infoset(set);
    for (size_t a = 0; a < children.size(); ++a) {
      value += info.probabilities[a].value * PlanValue(view, chosen, children[a]);
    }
    return value;
  }
  const int action = (*chosen[tree.player(n)])[view.local_index[set]];
  SIM_CHECK(action >= 0, "a reduced plan reached a set it rules out");
  return value + PlanValue(view, chosen, children[action]);
}

// PlanValue in rational arithmetic: exact payoffs (ExactOutcomePayoff) and exact chance
// probabilities, so a tree with rational numbers gives the strategic form it means (5/2,
// not 2.4999999999999996). Frontier values are taken as the doubles they are.
std::vector<Rational> ExactPlanValue(const LocalView& view, const std::vector<const Plan*>& chosen,
                                     Node n) {
  const GameTree& tree = *view.tree;
  const int players = tree.num_players();
  std::vector<Rational> value(players, Rational(0));
  if (auto it = view.frontier->find(n); it != view.frontier->end()) {
    for (int p = 0; p < players; ++p) value[p] = RationalFromDouble(it->second(p));
    return value;
  }
  if (tree.node(n).outcome >= 0) {
    for (int p = 0; p < players; ++p) value[p] = ExactOutcomePayoff(tree, tree.node(n).outcome, p);
  }
  if (tree.kind(n) == NodeKind::kTerminal) return value;
  const int set = tree.node(n).infoset;
  const std::vector<Node>& children = view.children[n];
  if (tree.kind(n) == NodeKind::kChance) {
    const InfoSet& info = tree.infoset(set);
    for (size_t a = 0; a < children.size(); ++a) {
      const Probability& prob = info.probabilities[a];
      const Rational w = prob.exact ? *prob.exact
                                    : Probability::FromDouble(prob.value).exact.value_or(
                                          RationalFromDouble(prob.value));
      if (sgn(w) == 0) continue;
      std::vector<Rational> sub = ExactPlanValue(view, chosen, children[a]);
      for (int p = 0; p < players; ++p) value[p] += w * sub[p];
    }
    return value;
  }
  const int action = (*chosen[tree.player(n)])[view.local_index[set]];
  SIM_CHECK(action >= 0, "a reduced plan reached a set it rules out");
  std::vector<Rational> sub = ExactPlanValue(view, chosen, children[action]);
  for (int p = 0; p < players; ++p) value[p] += sub[p];
  return value;
}

// Rational payoffs cost about 50x the doubles: exact only up to this many profile x node steps.
constexpr int64_t kExactWork = 20'000'000;

}  // namespace

ReducedStrategicForm ToStrategicForm(const GameTree& tree, Node root,
                                     const std::map<Node, Eigen::VectorXd>& frontier,
                                     const StrategicFormLimits& limits) {
  if (root == GameTree::kNoNode) root = tree.root();
  const int n_players = tree.num_players();
  LocalView view{&tree, &frontier, std::vector<std::vector<Node>>(tree.num_nodes()),
                 std::vector<int>(tree.num_infosets(), -1), 0};
  ReducedStrategicForm form;
  form.infosets.resize(n_players);
  // Collect the local nodes and the information sets they use, in infoset order.
  // The plan enumeration below recurses once per level: refuse depths that could exhaust
  // the stack (such forms are far beyond the size limits anyway).
  constexpr int kMaxDepth = 10'000;
  std::vector<std::pair<Node, int>> stack = {{root, 0}};
  std::set<int> used;
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxDepth) {
      throw Error("the strategic form is too large: the tree is more than " +
                  std::to_string(kMaxDepth) + " moves deep");
    }
    ++view.node_count;
    if (view.IsLeaf(n)) continue;
    view.children[n] = tree.Children(n);
    if (tree.kind(n) == NodeKind::kDecision) used.insert(tree.node(n).infoset);
    for (Node c : view.children[n]) stack.push_back({c, depth + 1});
  }
  for (int set : used) {
    const int p = tree.infoset(set).player;
    view.local_index[set] = static_cast<int>(form.infosets[p].size());
    form.infosets[p].push_back(set);
  }
  std::vector<std::vector<std::string>> names(n_players);
  std::vector<int> shape(n_players);
  form.plans.resize(n_players);
  long double product = 1.0L;
  for (int p = 0; p < n_players; ++p) {
    const long double count = CountPlans(view, p, root);
    product *= count;
    if (count > static_cast<long double>(limits.max_strategies) ||
        product > static_cast<long double>(limits.max_profiles)) {
      throw Error("the strategic form is too large: player '" + tree.player_name(p) +
                  "' has " + FormatCount(count) +
                  " reduced strategies (limits: " + std::to_string(limits.max_strategies) +
                  " per player, " + std::to_string(limits.max_profiles) + " profiles)");
    }
  }
  for (int p = 0; p < n_players; ++p) {
    // Plans() builds, at every local node, the plans of its subtree, each as wide as the
    // player's information sets: about nodes x plans x width steps. On a chain of n of one
    // player's nodes that is n^3 (n = 1000 took 8 s), although there are only n + 1 plans.
    const long double steps = static_cast<long double>(view.node_count) *
                              CountPlans(view, p, root) *
                              static_cast<long double>(std::max<size_t>(form.infosets[p].size(), 1));
    if (steps > static_cast<long double>(limits.max_work)) {
      char about[32];
      std::snprintf(about, sizeof about, "%.2g", static_cast<double>(steps));
      throw Error("the strategic form is too large: enumerating the reduced strategies of '" +
                  tree.player_name(p) + "' would take about " + about + " steps (limit " +
                  std::to_string(limits.max_work) + ")");
    }
    form.plans[p] = Plans(view, p, root, form.infosets[p].size(), limits.max_strategies);
    std::sort(form.plans[p].begin(), form.plans[p].end());
    for (const Plan& plan : form.plans[p]) {
      std::string name;
      for (size_t k = 0; k < plan.size(); ++k) {
        if (plan[k] < 0) continue;
        const int set = form.infosets[p][k];
        if (!name.empty()) name += ' ';
        name += tree.InfoSetName(set) + ":" + tree.infoset(set).actions[plan[k]];
      }
      names[p].push_back(name.empty() ? "-" : name);
    }
    shape[p] = static_cast<int>(form.plans[p].size());
  }
  const int64_t profiles = CountProfiles(shape, limits.max_profiles);
  if (profiles < 0 || (profiles > 0 && view.node_count > limits.max_work / profiles)) {
    throw Error("the strategic form is too large: more than " +
                std::to_string(limits.max_profiles) + " profiles or " +
                std::to_string(limits.max_work) + " steps to fill them");
  }
  std::vector<std::string> players = tree.players();
  form.game = NormalFormGame(players, std::move(names), tree.title());
  std::vector<const Plan*> chosen(n_players);
  const bool exact = profiles * view.node_count <= kExactWork;
  for (int64_t i = 0; i < profiles; ++i) {
    PureProfile profile = form.game.ProfileAt(i);
    for (int p = 0; p < n_players; ++p) chosen[p] = &form.plans[p][profile[p]];
    if (exact) {
      std::vector<Rational> v = ExactPlanValue(view, chosen, root);
      for (int p = 0; p < n_players; ++p) form.game.set_exact_payoff(i, p, v[p]);
    } else {
      Eigen::VectorXd v = PlanValue(view, chosen, root);
      for (int p = 0; p < n_players; ++p) form.game.set_payoff(i, p, v(p));
    }
  }
  return form;
}

BehaviourProfile ToBehaviour(const GameTree& tree, const ReducedStrategicForm& form,
                             const MixedProfile& mixed, const BehaviourProfile& base) {
  BehaviourProfile b = base;
  b.actions.resize(tree.num_infosets());
  for (size_t p = 0; p < form.infosets.size(); ++p) {
    for (size_t k = 0; k < form.infosets[p].size(); ++k) {
      const int set = form.infosets[p][k];
      Eigen::VectorXd v = Eigen::VectorXd::Zero(tree.infoset(set).actions.size());
      double reached = 0.0;
      for (size_t s = 0; s < form.plans[p].size(); ++s) {
        const int a = form.plans[p][s][k];
        if (a < 0) continue;
        v(a) += mixed.strategies[p](s);
        reached += mixed.strategies[p](s);
      }
      b.actions[set] = reached > 0.0 ? Eigen::VectorXd(v / reached) : Eigen::VectorXd();
    }
  }
  return b;
}

MixedProfile ToMixed(const ReducedStrategicForm& form, const BehaviourProfile& profile) {
  MixedProfile mixed;
  for (size_t p = 0; p < form.plans.size(); ++p) {
    Eigen::VectorXd v(form.plans[p].size());
    for (size_t s = 0; s < form.plans[p].size(); ++s) {
      double prob = 1.0;
      for (size_t k = 0; k < form.plans[p][s].size(); ++k) {
        const int a = form.plans[p][s][k];
        if (a < 0) continue;
        const Eigen::VectorXd& b = profile.actions[form.infosets[p][k]];
        // An unspecified set counts as its first action (any choice there is equivalent).
        prob *= b.size() > 0 ? b(a) : (a == 0 ? 1.0 : 0.0);
      }
      v(s) = prob;
    }
    mixed.strategies.push_back(std::move(v));
  }
  return mixed;
}

}  // namespace sim
