// SPDX-License-Identifier: MIT
#include "sim/solve/spe.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "sim/solve/assessment.h"
#include "sim/solve/pure.h"
#include "sim/solve/registry.h"
#include "sim/solve/sequence_lcp.h"

namespace sim::solve {

using Node = GameTree::Node;

namespace {

// A solution of one subgame: its value from its root down, the behaviour at the sets of its
// local part (outside the inner subgames), and which solution of each inner subgame it
// builds on (parallel to the frontier of its root).
struct SubSolution {
  Eigen::VectorXd value;
  std::vector<std::pair<int, Eigen::VectorXd>> local;
  std::vector<int> inner;
  bool uncertified = false;  // a sequence-form solution whose exact regret is not 0
};

double PayoffScale(const GameTree& tree) {
  double scale = 1.0;
  for (int o = 0; o < tree.num_outcomes(); ++o) {
    for (double v : tree.outcome(o).payoffs) scale = std::max(scale, std::abs(v));
  }
  return scale;
}

// Behaviour with nature's probabilities at chance sets and nothing elsewhere.
BehaviourProfile ChanceOnly(const GameTree& tree) {
  BehaviourProfile b = BehaviourProfile::Uniform(tree);
  for (int i = 0; i < tree.num_infosets(); ++i) {
    if (tree.infoset(i).player != kChancePlayer) b.actions[i] = Eigen::VectorXd();
  }
  return b;
}

Eigen::VectorXd PointMass(int size, int action) {
  Eigen::VectorXd v = Eigen::VectorXd::Zero(size);
  v(action) = 1.0;
  return v;
}

// Runs the normal-form methods on a subgame's strategic form and merges their equilibria
// (dropping repeats). `complete` turns false when a method stopped early.
std::vector<Equilibrium> SolveStrategic(const NormalFormGame& game, const SpeOptions& options,
                                        bool& complete, std::vector<std::string>& used) {
  std::vector<std::string> methods = options.normal_form_methods;
  if (methods.empty()) methods = DefaultMethods(game.traits());
  if (methods.empty()) methods = {"pure"};
  SolveOptions nf_options;
  nf_options.tolerance = options.tolerance;
  std::vector<Equilibrium> all;
  for (const std::string& name : methods) {
    const SolverInfo* solver = FindSolver(name);
    if (solver == nullptr || !solver->solve_normal_form || !solver->supports(game.traits())) {
      continue;
    }
    if (std::find(used.begin(), used.end(), name) == used.end()) used.push_back(name);
    SolveResult r = solver->solve_normal_form(game, nf_options, {});
    if (r.status != SolveStatus::kComplete) complete = false;
    for (Equilibrium& eq : r.equilibria) {
      bool repeat = false;
      for (const Equilibrium& seen : all) {
        bool same = true;
        for (size_t p = 0; p < seen.profile.strategies.size() && same; ++p) {
          same = (seen.profile.strategies[p] - eq.profile.strategies[p]).cwiseAbs().maxCoeff() <=
                 1e-9;
        }
        if (same) repeat = true;
      }
      if (!repeat) all.push_back(std::move(eq));
    }
  }
  return all;
}

// Subgame decomposition (see the header). Nodes are handled in reverse preorder so that
// inner subgames are solved before the subgames around them.
class Decomposition {
 public:
  Decomposition(const GameTree& tree, const SpeOptions& options)
      : tree_(tree), options_(options), tol_(options.tolerance * PayoffScale(tree)) {}

  SpeResult Run() {
    SpeResult result;
    result.summary.method = "spe";
    result.strategy_names = BehaviourStrategyNames(tree_);
    FindSubgames();
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      if (is_root_[*it]) Solve(*it);
    }
    result.num_subgames = static_cast<int>(std::count(is_root_.begin(), is_root_.end(), 1));
    result.num_strategic_subgames = strategic_subgames_;
    const Node root = tree_.root();
    std::vector<int> top;
    if (tree_.kind(root) == NodeKind::kTerminal) {
      pool_.push_back({tree_.OutcomePayoffs(root), {}, {}});
      top.push_back(static_cast<int>(pool_.size()) - 1);
    } else {
      top = solutions_[root];
    }
    for (int id : top) {
      BehaviourProfile b = ChanceOnly(tree_);
      Assemble(id, b);
      for (int i = 0; i < tree_.num_infosets(); ++i) {
        // Sets no subgame assigns cannot occur in a valid tree; keep the profile total.
        if (b.actions[i].size() == 0) {
          b.actions[i] = PointMass(static_cast<int>(tree_.infoset(i).actions.size()), 0);
        }
      }
      TreeEquilibrium eq;
      if (options_.describe) {
        eq = Describe(tree_, std::move(b));
      } else {
        eq.behaviour = std::move(b);
      }
      eq.payoffs = pool_[id].value;
      eq.exact = !Uncertified(id) && eq.regret <= 1e-12 * PayoffScale(tree_);
      if (eq.exact && !used_.empty()) eq.regret = 0.0;  // certified subgame by subgame
      Equilibrium flat;
      flat.kind = EquilibriumKind::kSubgamePerfect;
      flat.profile = FlattenBehaviour(tree_, eq.behaviour);
      flat.payoffs = eq.payoffs;
      flat.regret = eq.regret;
      flat.exact = eq.exact;
      result.summary.equilibria.push_back(std::move(flat));
      result.equilibria.push_back(std::move(eq));
    }
    std::string methods =
        used_.empty() ? "" : " (subgames with information sets solved with " + JoinWords(used_) + ")";
    if (std::find(used_.begin(), used_.end(), "sequence-lcp") != used_.end()) {
      methods += "; sequence-lcp finds one equilibrium per starting point of its path, so the "
                 "list is not exhaustive";
    }
    if (capped_) {
      result.summary.status = SolveStatus::kPartial;
      result.summary.message = "stopped at " + std::to_string(options_.max_equilibria) +
                               " equilibria: ties make more" + methods;
    } else if (!complete_) {
      result.summary.status = result.equilibria.empty() ? SolveStatus::kFailed
                                                        : SolveStatus::kPartial;
      result.summary.message = problem_ + methods;
    } else if (!used_.empty()) {
      result.summary.message = std::to_string(strategic_subgames_) +
                               " subgame(s) with information sets" + methods;
    }
    return result;
  }

  static TreeEquilibrium Describe(const GameTree& tree, BehaviourProfile b) {
    TreeEquilibrium eq;
    eq.reach = ReachProbabilities(tree, b);
    for (Node n : tree.Preorder()) {
      if (eq.reach[n] > 0.0) eq.path.push_back(n);
    }
    eq.beliefs = Beliefs(tree, eq.reach);
    eq.payoffs = ExpectedPayoffs(tree, b, tree.root());
    Assessment assessment = Assess(tree, b);
    eq.assessment_beliefs = std::move(assessment.beliefs);
    eq.sequential_regret = assessment.sequential_regret;
    eq.regret = assessment.nash_regret;
    eq.behaviour = std::move(b);
    return eq;
  }

 private:
  // Marks the roots of proper subgames: non-terminal nodes whose subtree holds every member
  // of every player's information set it touches. With preorder numbers, subtree(n) is the
  // interval [pre(n), end(n)), so n qualifies iff the smallest and largest preorder number
  // of the sets met below n fall inside that interval.
  void FindSubgames() {
    order_ = tree_.Preorder();
    const int count = tree_.num_nodes();
    std::vector<int> pre(count), end(count);
    for (int i = 0; i < count; ++i) pre[order_[i]] = i;
    std::vector<int> set_lo(tree_.num_infosets(), count), set_hi(tree_.num_infosets(), -1);
    for (int i = 0; i < tree_.num_infosets(); ++i) {
      if (tree_.infoset(i).player == kChancePlayer) continue;
      for (size_t n : tree_.infoset(i).nodes) {
        set_lo[i] = std::min(set_lo[i], pre[n]);
        set_hi[i] = std::max(set_hi[i], pre[n]);
      }
    }
    std::vector<int> lo(count, count), hi(count, -1);
    is_root_.assign(count, 0);
    solutions_.assign(count, {});
    children_.assign(count, {});
    for (int i = count - 1; i >= 0; --i) {
      const Node n = order_[i];
      end[n] = i + 1;
      if (tree_.kind(n) == NodeKind::kTerminal) continue;
      children_[n] = tree_.Children(n);
      const int set = tree_.node(n).infoset;
      if (tree_.infoset(set).player != kChancePlayer) {
        lo[n] = set_lo[set];
        hi[n] = set_hi[set];
      }
      for (Node c : children_[n]) {
        end[n] = std::max(end[n], end[c]);
        lo[n] = std::min(lo[n], lo[c]);
        hi[n] = std::max(hi[n], hi[c]);
      }
      is_root_[n] = lo[n] >= i && hi[n] < end[n];
    }
  }

  // The nearest subgame roots below r, in preorder, and whether r's local part is r alone.
  std::vector<Node> Frontier(Node r, bool& alone) const {
    std::vector<Node> frontier;
    alone = true;
    std::vector<Node> stack(children_[r].rbegin(), children_[r].rend());
    while (!stack.empty()) {
      Node n = stack.back();
      stack.pop_back();
      if (tree_.kind(n) == NodeKind::kTerminal) continue;
      if (is_root_[n]) {
        frontier.push_back(n);
        continue;
      }
      alone = false;
      for (auto it = children_[n].rbegin(); it != children_[n].rend(); ++it) stack.push_back(*it);
    }
    return frontier;
  }

  int Cap() const {
    return options_.max_equilibria > 0 ? options_.max_equilibria
                                       : std::numeric_limits<int>::max();
  }

  void Add(Node r, SubSolution s) {
    if (static_cast<int>(solutions_[r].size()) >= Cap()) {
      capped_ = true;
      return;
    }
    pool_.push_back(std::move(s));
    solutions_[r].push_back(static_cast<int>(pool_.size()) - 1);
  }

  void Solve(Node r) {
    bool alone = true;
    std::vector<Node> frontier = Frontier(r, alone);
    for (Node f : frontier) {
      if (solutions_[f].empty()) return;  // an inner subgame without equilibrium
    }
    // Odometer over one solution per inner subgame.
    std::vector<size_t> pick(frontier.size(), 0);
    while (static_cast<int>(solutions_[r].size()) < Cap()) {
      std::vector<int> inner(frontier.size());
      std::map<Node, Eigen::VectorXd> values;
      for (size_t i = 0; i < frontier.size(); ++i) {
        inner[i] = solutions_[frontier[i]][pick[i]];
        values[frontier[i]] = pool_[inner[i]].value;
      }
      if (alone) {
        SolveOneNode(r, values, inner);
      } else if (tree_.num_players() == 2 && options_.normal_form_methods.empty()) {
        SolveThroughSequenceForm(r, values, inner);
      } else {
        SolveThroughStrategicForm(r, values, inner);
      }
      size_t i = 0;
      for (; i < frontier.size(); ++i) {
        if (++pick[i] < solutions_[frontier[i]].size()) break;
        pick[i] = 0;
      }
      if (i == frontier.size()) return;
    }
    capped_ = true;
  }

  // Backward induction at a node whose children are terminals or solved subgames.
  void SolveOneNode(Node r, const std::map<Node, Eigen::VectorXd>& values,
                    const std::vector<int>& inner) {
    const std::vector<Node>& children = children_[r];
    std::vector<Eigen::VectorXd> v;
    for (Node c : children) {
      auto it = values.find(c);
      v.push_back(it != values.end() ? it->second : tree_.OutcomePayoffs(c));
    }
    const Eigen::VectorXd here = tree_.OutcomePayoffs(r);
    const int set = tree_.node(r).infoset;
    if (tree_.kind(r) == NodeKind::kChance) {
      Eigen::VectorXd value = here;
      for (size_t a = 0; a < children.size(); ++a) {
        value += tree_.infoset(set).probabilities[a].value * v[a];
      }
      Add(r, {value, {}, inner});
      return;
    }
    const int p = tree_.player(r);
    double best = -std::numeric_limits<double>::infinity();
    for (const Eigen::VectorXd& x : v) best = std::max(best, x(p));
    for (size_t a = 0; a < children.size(); ++a) {
      if (v[a](p) < best - tol_) continue;  // every action within the tolerance is a tie
      Add(r, {here + v[a], {{set, PointMass(static_cast<int>(children.size()), a)}}, inner});
    }
  }

  void SolveThroughSequenceForm(Node r, const std::map<Node, Eigen::VectorXd>& values,
                                const std::vector<int>& inner) {
    SequenceLcpOptions lcp;
    lcp.starts = options_.sequence_starts;
    lcp.limits = options_.sequence_form_limits;
    SequenceLcpResult found;
    try {
      found = SolveSequenceLcp(tree_, r, values, lcp);
    } catch (const Error& e) {
      Fail("subgame at node '" + tree_.name(r) + "': " + e.what());
      return;
    }
    if (!counted_.count(r)) {
      counted_.insert(r);
      ++strategic_subgames_;
    }
    if (std::find(used_.begin(), used_.end(), "sequence-lcp") == used_.end()) {
      used_.push_back("sequence-lcp");
    }
    if (found.equilibria.empty()) {
      Fail("the subgame at node '" + tree_.name(r) + "': " + found.message);
      return;
    }
    if (found.status != SolveStatus::kComplete) {
      Fail("the subgame at node '" + tree_.name(r) + "': " + found.message);
    }
    for (const SequenceEquilibrium& eq : found.equilibria) {
      SubSolution s{eq.payoffs, {}, inner, !eq.exact_certified};
      for (int set = 0; set < tree_.num_infosets(); ++set) {
        if (eq.behaviour.actions[set].size() > 0) s.local.push_back({set, eq.behaviour.actions[set]});
      }
      Add(r, std::move(s));
    }
  }

  void SolveThroughStrategicForm(Node r, const std::map<Node, Eigen::VectorXd>& values,
                                 const std::vector<int>& inner) {
    ReducedStrategicForm form;
    try {
      form = ToStrategicForm(tree_, r, values, options_.strategic_form_limits);
    } catch (const Error& e) {
      Fail("subgame at node '" + tree_.name(r) + "': " + e.what());
      return;
    }
    if (!counted_.count(r)) {
      counted_.insert(r);
      ++strategic_subgames_;
    }
    bool complete = true;
    std::vector<Equilibrium> found = SolveStrategic(form.game, options_, complete, used_);
    if (!complete) Fail("a normal-form method stopped early in the subgame at '" +
                        tree_.name(r) + "'");
    if (found.empty()) {
      Fail("the subgame at node '" + tree_.name(r) + "' has no equilibrium that " +
           (used_.empty() ? std::string("any method") : JoinWords(used_)) +
           " finds (a mixed-strategy method may be needed)");
    }
    for (const Equilibrium& eq : found) {
      BehaviourProfile b = ToBehaviour(tree_, form, eq.profile, BehaviourProfile{});
      SubSolution s{eq.payoffs, {}, inner, !eq.exact};
      for (const std::vector<int>& sets : form.infosets) {
        for (int set : sets) {
          Eigen::VectorXd v = b.actions[set];
          // A set the player's own play rules out: any action is equally good, take the first.
          if (v.size() == 0) {
            v = PointMass(static_cast<int>(tree_.infoset(set).actions.size()), 0);
          }
          s.local.push_back({set, v});
        }
      }
      Add(r, std::move(s));
    }
  }

  bool Uncertified(int id) const {
    std::vector<int> stack = {id};
    while (!stack.empty()) {
      const SubSolution& s = pool_[stack.back()];
      stack.pop_back();
      if (s.uncertified) return true;
      stack.insert(stack.end(), s.inner.begin(), s.inner.end());
    }
    return false;
  }

  void Fail(const std::string& why) {
    if (complete_) problem_ = why;
    complete_ = false;
  }

  // Writes the behaviour of solution `id` and of the inner solutions it builds on
  // (iteratively: a deep tree nests as many solutions as it has levels).
  void Assemble(int id, BehaviourProfile& b) const {
    std::vector<int> stack = {id};
    while (!stack.empty()) {
      const SubSolution& s = pool_[stack.back()];
      stack.pop_back();
      for (const auto& [set, v] : s.local) b.actions[set] = v;
      stack.insert(stack.end(), s.inner.begin(), s.inner.end());
    }
  }

  const GameTree& tree_;
  const SpeOptions& options_;
  double tol_;
  std::vector<Node> order_;
  std::vector<char> is_root_;
  std::vector<std::vector<Node>> children_;
  std::vector<std::vector<int>> solutions_;
  std::vector<SubSolution> pool_;
  std::set<Node> counted_;
  int strategic_subgames_ = 0;
  std::vector<std::string> used_;
  bool capped_ = false;
  bool complete_ = true;
  std::string problem_;
};

// Completes the sets a reduced plan leaves open by backward induction (at singleton sets;
// the first action elsewhere) and returns node values under the completed profile.
std::vector<Eigen::VectorXd> CompleteAndValue(const GameTree& tree, BehaviourProfile& b,
                                              const std::vector<Node>& order) {
  std::vector<Eigen::VectorXd> value(tree.num_nodes());
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Node n = *it;
    value[n] = tree.OutcomePayoffs(n);
    if (tree.kind(n) == NodeKind::kTerminal) continue;
    std::vector<Node> children = tree.Children(n);
    const int set = tree.node(n).infoset;
    if (b.actions[set].size() == 0) {
      int choice = 0;
      if (tree.infoset(set).nodes.size() == 1) {
        const int p = tree.player(n);
        for (size_t a = 1; a < children.size(); ++a) {
          if (value[children[a]](p) > value[children[choice]](p)) choice = static_cast<int>(a);
        }
      }
      b.actions[set] = PointMass(static_cast<int>(children.size()), choice);
    }
    for (size_t a = 0; a < children.size(); ++a) {
      value[n] += b.actions[set](a) * value[children[a]];
    }
  }
  return value;
}

void AnalyseThreats(const GameTree& tree, const SpeOptions& options, SpeResult& result) {
  ReducedStrategicForm form;
  try {
    form = ToStrategicForm(tree, tree.root(), {}, options.strategic_form_limits);
  } catch (const Error& e) {
    result.threat_message = std::string("threat analysis skipped: ") + e.what();
    return;
  }
  SolveOptions nf_options;
  nf_options.tolerance = options.tolerance;
  SolveResult pure = SolvePureNash(form.game, nf_options);
  const double tol = options.tolerance * PayoffScale(tree);
  const bool perfect = tree.traits().perfect_information;
  const std::vector<Node> order = tree.Preorder();
  for (const Equilibrium& eq : pure.equilibria) {
    StrategicNash nash;
    nash.profile = eq.profile.ArgMax();
    nash.payoffs = eq.payoffs;
    BehaviourProfile b = ToBehaviour(tree, form, eq.profile, ChanceOnly(tree));
    std::vector<char> specified(tree.num_infosets());
    for (int i = 0; i < tree.num_infosets(); ++i) specified[i] = b.actions[i].size() > 0;
    std::vector<Eigen::VectorXd> value = CompleteAndValue(tree, b, order);
    std::vector<double> reach = ReachProbabilities(tree, b);
    for (Node n : order) {
      if (tree.kind(n) != NodeKind::kDecision || reach[n] > 0.0) continue;
      const int set = tree.node(n).infoset;
      if (!specified[set] || tree.infoset(set).nodes.size() != 1) continue;
      const int p = tree.player(n);
      std::vector<Node> children = tree.Children(n);
      int action = 0, best = 0;
      b.actions[set].maxCoeff(&action);
      for (size_t a = 1; a < children.size(); ++a) {
        if (value[children[a]](p) > value[children[best]](p)) best = static_cast<int>(a);
      }
      const double v = value[children[action]](p), vb = value[children[best]](p);
      if (v < vb - tol) nash.non_credible.push_back({n, p, action, best, v, vb});
    }
    if (perfect) nash.subgame_perfect = nash.non_credible.empty();
    nash.behaviour = std::move(b);
    result.nash.push_back(std::move(nash));
  }
}

}  // namespace

SpeResult SolveSubgamePerfect(const GameTree& tree, const SpeOptions& options) {
  SpeResult result = Decomposition(tree, options).Run();
  if (options.analyse_threats) AnalyseThreats(tree, options, result);
  return result;
}

SpeResult SolveNashViaStrategicForm(const GameTree& tree, const SpeOptions& options) {
  SpeResult result;
  result.summary.method = "nash-strategic";
  result.strategy_names = BehaviourStrategyNames(tree);
  result.num_subgames = 1;
  result.num_strategic_subgames = 1;
  ReducedStrategicForm form;
  try {
    form = ToStrategicForm(tree, tree.root(), {}, options.strategic_form_limits);
  } catch (const Error& e) {
    result.summary.status = SolveStatus::kFailed;
    result.summary.message = e.what();
    return result;
  }
  bool complete = true;
  std::vector<std::string> used;
  std::vector<Equilibrium> found = SolveStrategic(form.game, options, complete, used);
  result.summary.status = complete ? SolveStatus::kComplete : SolveStatus::kPartial;
  result.summary.message = "strategic form solved with " + JoinWords(used);
  if (used.empty()) {
    result.summary.status = SolveStatus::kFailed;
    result.summary.message = "no requested method applies to this game (" +
                             std::to_string(tree.num_players()) + " players)";
  }
  for (const Equilibrium& nf : found) {
    BehaviourProfile b = ToBehaviour(tree, form, nf.profile, ChanceOnly(tree));
    CompleteAndValue(tree, b, tree.Preorder());
    TreeEquilibrium eq = Decomposition::Describe(tree, std::move(b));
    Equilibrium flat;
    flat.kind = nf.kind;
    flat.profile = FlattenBehaviour(tree, eq.behaviour);
    flat.payoffs = eq.payoffs;
    flat.regret = nf.regret;
    flat.exact = nf.exact;
    result.summary.equilibria.push_back(std::move(flat));
    result.equilibria.push_back(std::move(eq));
  }
  return result;
}

namespace {

// sequence-enum: every extreme equilibrium of the sequence form, each certified exactly.
SequenceLcpResult EnumerateViaSequenceForm(const GameTree& tree, const SpeOptions& options) {
  if (tree.num_players() != 2) {
    throw Error("sequence-enum needs a 2-player tree (this one has " +
                std::to_string(tree.num_players()) + " players)");
  }
  const SequenceForm form = ToSequenceForm(tree, tree.root(), {}, options.sequence_form_limits);
  const SequenceEnumeration all = EnumerateSequenceForm(form, options.sequence_enum_limits);
  SequenceLcpResult found;
  found.dimension = form.dimension();
  int uncertified = 0;
  for (const ExactRealisationPlans& plans : all.equilibria) {
    found.equilibria.push_back(EquilibriumFromPlans(tree, form, plans));
    uncertified += !found.equilibria.back().exact_certified;
  }
  found.message = "vertex enumeration of the sequence-form polyhedra (" +
                  std::to_string(all.vertices[0]) + " + " + std::to_string(all.vertices[1]) +
                  " vertices, " + std::to_string(all.bases[0]) + " + " +
                  std::to_string(all.bases[1]) + " bases): " +
                  std::to_string(all.equilibria.size()) + " extreme equilibria";
  if (!all.complete) {
    found.status = SolveStatus::kPartial;
    found.message += ", incomplete: stopped by " + all.stopped_by;
  } else {
    found.message += ", all of them (every equilibrium is a mixture of extreme ones)";
  }
  if (uncertified > 0) {  // cannot happen for exact vertices; never hidden if it does
    found.status = SolveStatus::kFailed;
    found.message += "; " + std::to_string(uncertified) + " not certified exactly";
  }
  return found;
}

}  // namespace

SpeResult SolveNashViaSequenceForm(const GameTree& tree, const SpeOptions& options) {
  SpeResult result;
  result.summary.method = options.sequence_all ? "sequence-enum" : "sequence-lcp";
  result.strategy_names = BehaviourStrategyNames(tree);
  result.num_subgames = 1;
  SequenceLcpOptions lcp;
  lcp.starts = options.sequence_starts;
  lcp.limits = options.sequence_form_limits;
  SequenceLcpResult found;
  try {
    if (options.sequence_all) {
      found = EnumerateViaSequenceForm(tree, options);
    } else {
      found = SolveSequenceLcp(tree, tree.root(), {}, lcp);
    }
  } catch (const Error& e) {
    result.summary.status = SolveStatus::kFailed;
    result.summary.message = e.what();
    return result;
  }
  result.summary.status = found.status;
  result.summary.message =
      found.status != SolveStatus::kComplete || options.sequence_all
          ? found.message
          : "Lemke's algorithm on the sequence form (dimension " +
                std::to_string(found.dimension) + ", " + std::to_string(found.pivots) +
                " pivots, " + std::to_string(std::max(1, options.sequence_starts)) +
                " starting point(s)); one equilibrium per starting point, so the list is not "
                "exhaustive";
  for (const SequenceEquilibrium& seq : found.equilibria) {
    BehaviourProfile b = seq.behaviour;
    for (int i = 0; i < tree.num_infosets(); ++i) {
      const InfoSet& set = tree.infoset(i);
      if (b.actions[i].size() > 0) continue;
      // Chance sets: nature's probabilities. A player's set the form never meets cannot
      // occur in a valid tree; keep the profile total.
      b.actions[i] = BehaviourProfile::Uniform(tree).actions[i];
      if (set.player != kChancePlayer) b.actions[i] = PointMass(static_cast<int>(set.actions.size()), 0);
    }
    TreeEquilibrium eq = Decomposition::Describe(tree, std::move(b));
    eq.exact = seq.exact_certified;
    if (eq.exact) eq.regret = 0.0;
    Equilibrium flat;
    bool pure = true;
    for (int i = 0; i < tree.num_infosets(); ++i) {
      if (tree.infoset(i).player != kChancePlayer && eq.behaviour.actions[i].maxCoeff() < 1.0) pure = false;
    }
    flat.kind = pure ? EquilibriumKind::kPure : EquilibriumKind::kMixed;
    flat.profile = FlattenBehaviour(tree, eq.behaviour);
    flat.payoffs = eq.payoffs;
    flat.regret = eq.regret;
    flat.exact = eq.exact;
    result.summary.equilibria.push_back(std::move(flat));
    result.equilibria.push_back(std::move(eq));
  }
  return result;
}

std::vector<std::vector<std::string>> BehaviourStrategyNames(const GameTree& tree) {
  std::vector<std::vector<std::string>> names(tree.num_players());
  std::map<std::string, int> uses;
  for (int i = 0; i < tree.num_infosets(); ++i) {
    const InfoSet& set = tree.infoset(i);
    if (set.player == kChancePlayer || set.nodes.empty()) continue;
    std::string base = tree.InfoSetName(i);
    if (base.empty()) base = "#" + std::to_string(i + 1);
    const int seen = uses[base]++;
    if (seen > 0) base += "#" + std::to_string(seen + 1);
    for (const std::string& action : set.actions) names[set.player].push_back(base + ":" + action);
  }
  return names;
}

MixedProfile FlattenBehaviour(const GameTree& tree, const BehaviourProfile& behaviour) {
  MixedProfile flat;
  for (int p = 0; p < tree.num_players(); ++p) {
    std::vector<double> values;
    for (int set : tree.PlayerInfoSets(p)) {
      const Eigen::VectorXd& v = behaviour.actions[set];
      for (Eigen::Index a = 0; a < v.size(); ++a) values.push_back(v(a));
    }
    flat.strategies.push_back(
        Eigen::Map<Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size())));
  }
  return flat;
}

SolveResult SolveTreeSpe(const GameTree& tree, const SolveOptions& options,
                         const OnEquilibrium& on_equilibrium) {
  SpeOptions spe;
  spe.tolerance = options.tolerance;
  if (options.max_equilibria > 0) spe.max_equilibria = options.max_equilibria;
  spe.analyse_threats = false;
  SolveResult result = SolveSubgamePerfect(tree, spe).summary;
  if (on_equilibrium) {
    for (const Equilibrium& eq : result.equilibria) on_equilibrium(eq);
  }
  return result;
}

SolveResult SolveTreeSequenceLcp(const GameTree& tree, const SolveOptions& options,
                                 const OnEquilibrium& on_equilibrium) {
  SpeOptions spe;
  spe.sequence_starts = std::max(1, options.max_equilibria);
  SolveResult result = SolveNashViaSequenceForm(tree, spe).summary;
  if (on_equilibrium) {
    for (const Equilibrium& eq : result.equilibria) on_equilibrium(eq);
  }
  return result;
}

SolveResult SolveTreeSequenceEnum(const GameTree& tree, const SolveOptions& options,
                                  const OnEquilibrium& on_equilibrium) {
  SpeOptions spe;
  spe.sequence_all = true;
  spe.sequence_enum_limits.max_bases = options.max_iterations;
  spe.sequence_enum_limits.max_seconds = options.max_seconds;
  spe.sequence_enum_limits.max_equilibria = options.max_equilibria;
  SolveResult result = SolveNashViaSequenceForm(tree, spe).summary;
  if (on_equilibrium) {
    for (const Equilibrium& eq : result.equilibria) on_equilibrium(eq);
  }
  return result;
}

}  // namespace sim::solve
