// SPDX-License-Identifier: MIT
#include "sim/model/build_tree.h"
#include "sim/model/build_rounds.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <span>

#include "sim/core/rational.h"
#include "sim/game/bayesian.h"
#include "sim/model/build_game.h"

namespace sim::model {
namespace {

using Node = GameTree::Node;

// A leaf's meaning from the moves on its path (each >= 0: an actor that did not move plays
// its first move) and the summed effects of the chance branches on the path, written into
// `positions` (one per issue) and `payoffs` (one per actor) without allocating; `delta` is
// scratch of one per issue. BuildSequentialGame and RederiveTree both evaluate leaves here,
// so a re-derived leaf is the built one bit for bit.
void EvaluateLeafInto(const Scenario& scenario, std::span<const int> moves,
                      std::span<const double> chance_delta, std::span<double> delta,
                      std::span<double> positions, std::span<double> payoffs,
                      int* outcome_class) {
  // x = clamp(status quo + (move effects + chance effects)). The deltas are summed first
  // so that an effect and the chance branch that undoes it cancel exactly (0.4 - 0.4 = 0),
  // which keeps strict comparisons such as "sanctions < 1" honest.
  std::copy(chance_delta.begin(), chance_delta.end(), delta.begin());
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    const Move& move = scenario.actors[a].moves[moves[a]];
    for (const Effect& e : move.effects) delta[e.issue] += e.delta;
    for (const ConditionalEffect& c : move.conditional_effects) {
      // Conditions look at moves only (never positions).
      if (!c.condition.Evaluate(std::span<const double>(delta), moves)) continue;
      for (const Effect& e : c.effects) delta[e.issue] += e.delta;
    }
  }
  for (size_t k = 0; k < delta.size(); ++k) {
    positions[k] = std::clamp(scenario.issues[k].status_quo + delta[k], 0.0, 1.0);
  }
  if (scenario.payoff_table) {
    int64_t index = 0, stride = 1;
    for (size_t a = 0; a < scenario.actors.size(); ++a) {
      index += moves[a] * stride;
      stride *= static_cast<int64_t>(scenario.actors[a].moves.size());
    }
    const std::vector<double>& row = scenario.payoff_table->payoffs[index];
    std::copy(row.begin(), row.end(), payoffs.begin());
  } else {
    for (size_t a = 0; a < payoffs.size(); ++a) {
      payoffs[a] = Utility(scenario, static_cast<int>(a), positions, moves);
    }
  }
  *outcome_class = ClassifyOutcome(scenario, positions, moves);
}

struct LeafValue {
  std::vector<double> positions;
  std::vector<double> payoffs;
  int outcome_class = 0;
  std::vector<int> moves;
};

// A leaf's meaning from the moves on its path (-1: the actor did not move, so it plays its
// first move) and the summed effects of the chance branches on the path.
LeafValue EvaluateLeaf(const Scenario& scenario, std::vector<int> moves,
                       const std::vector<double>& chance_delta) {
  for (int& m : moves) m = std::max(m, 0);
  LeafValue leaf;
  leaf.positions.resize(scenario.issues.size());
  leaf.payoffs.resize(scenario.actors.size());
  std::vector<double> delta(chance_delta.size());
  EvaluateLeafInto(scenario, moves, chance_delta, delta, leaf.positions, leaf.payoffs,
                   &leaf.outcome_class);
  leaf.moves = std::move(moves);
  return leaf;
}

class TreeBuilder {
 public:
  explicit TreeBuilder(const Scenario& scenario) : scenario_(scenario) {
    std::vector<std::string> players;
    for (const Actor& a : scenario.actors) players.push_back(a.id);
    out_.tree = GameTree(players, scenario.title.empty() ? scenario.id : scenario.title);
    for (const Issue& issue : scenario.issues) out_.issue_names.push_back(issue.id);
    for (const OutcomeClass& c : scenario.outcomes) out_.outcome_names.push_back(c.name);
    out_.outcome_names.push_back(kOtherOutcome);
    moves_.assign(scenario.actors.size(), -1);
    chance_delta_.assign(scenario.issues.size(), 0.0);
    history_.assign(scenario.sequence->stages.size(), -1);
  }

  DerivedTree Build() {
    Expand(0, "");
    const size_t n = out_.tree.num_nodes();
    out_.positions.resize(n);
    out_.outcome_class.resize(n, -1);
    out_.moves.resize(n);
    out_.chance_effects.resize(n);
    for (auto& [node, leaf] : leaves_) {
      out_.positions[node] = std::move(leaf.positions);
      out_.outcome_class[node] = leaf.outcome_class;
      out_.moves[node] = std::move(leaf.moves);
      out_.chance_effects[node] = std::move(leaf.chance_delta);
    }
    return std::move(out_);
  }

 private:
  struct Leaf {
    std::vector<double> positions;
    int outcome_class;
    std::vector<int> moves;
    std::vector<double> chance_delta;
  };

  // Builds the subtree for stages s.. and returns its root. `path` names the choices so far.
  Node Expand(size_t s, const std::string& path) {
    const std::vector<Stage>& stages = scenario_.sequence->stages;
    auto name = [&](const std::string& base) { return path.empty() ? base : base + "@" + path; };
    auto extend = [&](const std::string& choice) {
      return path.empty() ? choice : path + "/" + choice;
    };
    if (s == stages.size()) return AddLeaf(name("end"));
    const Stage& stage = stages[s];
    if (stage.actor < 0) {
      // Moves not made yet count as not chosen in the stage's condition.
      auto chosen = [&](int actor, int move) { return moves_[actor] == move; };
      if (!stage.when.Evaluate(std::span<const double>(), chosen)) {
        history_[s] = -2;  // skipped
        Node subtree = Expand(s + 1, path);
        history_[s] = -1;
        return subtree;
      }
      std::vector<std::string> labels;
      std::vector<Probability> probabilities;
      for (const ChanceBranch& b : stage.branches) {
        labels.push_back(b.id);
        probabilities.push_back(Probability::Exact(*ParseRational(b.probability)));
      }
      const int set = out_.tree.AddChanceInfoSet(labels, probabilities, stage.name, stage.location);
      const Node node = out_.tree.AddNode(NodeKind::kChance, name(stage.name), set, stage.location);
      for (size_t b = 0; b < stage.branches.size(); ++b) {
        for (const Effect& e : stage.branches[b].effects) chance_delta_[e.issue] += e.delta;
        history_[s] = static_cast<int>(b);
        out_.tree.AddMove(node, static_cast<int>(b), Expand(s + 1, extend(stage.branches[b].id)));
        for (const Effect& e : stage.branches[b].effects) chance_delta_[e.issue] -= e.delta;
      }
      history_[s] = -1;
      return node;
    }
    const Actor& actor = scenario_.actors[stage.actor];
    // The information set: this stage and what the mover has seen of the earlier stages.
    std::vector<int> seen;
    for (size_t e = 0; e < s; ++e) {
      const bool observed = stage.observes_all || std::find(stage.observed.begin(),
                                                            stage.observed.end(),
                                                            static_cast<int>(e)) !=
                                                      stage.observed.end();
      seen.push_back(observed ? history_[e] : -3);
    }
    auto key = std::make_pair(s, seen);
    int set;
    if (auto it = sets_.find(key); it != sets_.end()) {
      set = it->second;
    } else {
      std::vector<std::string> labels;
      for (int m : stage.moves) labels.push_back(actor.moves[m].id);
      set = out_.tree.AddInfoSet(stage.actor, labels,
                                 stage.observes_all ? "" : SeenLabel(stage.name, s, seen),
                                 stage.location);
      sets_[key] = set;
    }
    const Node node = out_.tree.AddNode(NodeKind::kDecision, name(stage.name), set, stage.location);
    for (size_t i = 0; i < stage.moves.size(); ++i) {
      moves_[stage.actor] = stage.moves[i];
      history_[s] = static_cast<int>(i);
      out_.tree.AddMove(node, static_cast<int>(i),
                        Expand(s + 1, extend(actor.moves[stage.moves[i]].id)));
    }
    moves_[stage.actor] = -1;
    history_[s] = -1;
    return node;
  }

  // An information set's label: the stage and what its mover saw ("russia@relief" when it
  // saw only the US relief; "russia" when it saw nothing), so that it reads like a node name.
  std::string SeenLabel(const std::string& stage_name, size_t s, const std::vector<int>& seen) {
    const std::vector<Stage>& stages = scenario_.sequence->stages;
    std::string path;
    for (size_t e = 0; e < s; ++e) {
      if (seen[e] < 0) continue;  // unseen or skipped
      const Stage& stage = stages[e];
      const std::string& choice =
          stage.actor < 0 ? stage.branches[seen[e]].id
                          : scenario_.actors[stage.actor].moves[stage.moves[seen[e]]].id;
      path += (path.empty() ? "" : "/") + choice;
    }
    return path.empty() ? stage_name : stage_name + "@" + path;
  }

  Node AddLeaf(const std::string& name) {
    LeafValue leaf = EvaluateLeaf(scenario_, moves_, chance_delta_);
    const Node node = out_.tree.AddTerminal(name, leaf.payoffs);
    leaves_[node] = {leaf.positions, leaf.outcome_class, leaf.moves, chance_delta_};
    return node;
  }

  const Scenario& scenario_;
  DerivedTree out_;
  std::vector<int> moves_;
  std::vector<double> chance_delta_;
  std::vector<int> history_;  // per stage: choice index, -1 not yet, -2 skipped
  std::map<std::pair<size_t, std::vector<int>>, int> sets_;
  std::map<Node, Leaf> leaves_;
};

// The explicit `tree` form: GameTree's own BuildTree checks names and shape (with the
// YAML locations); leaves without explicit payoffs then get the issue model's payoffs for
// the moves and chance effects on their path.
DerivedTree BuildExplicitTree(const Scenario& scenario) {
  const ExplicitTree& explicit_tree = *scenario.tree;
  TreeSpec spec;
  spec.title = scenario.title.empty() ? scenario.id : scenario.title;
  for (const Actor& a : scenario.actors) spec.players.push_back(a.id);
  spec.location = explicit_tree.location;
  for (const TreeNodeSpec& node : explicit_tree.nodes) {
    NodeSpec ns;
    ns.name = node.name;
    ns.location = node.location;
    ns.infoset = node.infoset;
    ns.player = node.actor >= 0 ? scenario.actors[node.actor].id
                                : (node.chance ? std::string(kChanceName) : std::string());
    for (const TreeBranchSpec& b : node.branches) {
      ns.moves.push_back({b.label, b.to, b.probability, b.location});
    }
    ns.payoffs = node.payoffs;
    if (node.branches.empty() && !ns.payoffs) {
      ns.payoffs = std::vector<double>(scenario.actors.size(), 0.0);  // derived below
    }
    spec.nodes.push_back(std::move(ns));
  }
  TreeLimits limits;
  limits.max_nodes = scenario.limits.max_profiles;
  DerivedTree out;
  out.tree = BuildTree(spec, limits);  // node i of the tree is spec node i
  for (const Issue& issue : scenario.issues) out.issue_names.push_back(issue.id);
  for (const OutcomeClass& c : scenario.outcomes) out.outcome_names.push_back(c.name);
  out.outcome_names.push_back(kOtherOutcome);
  const size_t n_nodes = out.tree.num_nodes();
  out.positions.resize(n_nodes);
  out.outcome_class.assign(n_nodes, -1);
  out.moves.resize(n_nodes);
  // One walk from the root, carrying each actor's move and the chance effects down the
  // path: linear in the tree (walking up from every leaf was quadratic on deep chains).
  DiagnosticSink sink;
  const size_t n_actors = scenario.actors.size();
  struct Frame {
    Node node;
    std::vector<Node> children;
    size_t next = 0;                 // the next branch to descend
    std::vector<double> delta;       // chance effects on the path to `node`
  };
  std::vector<int> moves(n_actors, -1);      // each actor's last move on the path
  std::vector<Node> moved_at(n_actors, GameTree::kNoNode);  // ... and where it made it
  std::vector<int> times(n_actors, 0);       // how often it moved on the path
  // What a decision branch overwrote, to restore it on the way back up.
  struct Undo {
    int actor;
    int move;
    Node at;
  };
  std::vector<Undo> undo;
  // Leaves without payoffs on whose path an actor moved twice, and where it last moved.
  struct Underivable {
    Node leaf;
    int actor;
    Node last_at;
  };
  std::vector<Underivable> underivable;
  std::vector<Frame> stack;
  stack.push_back({out.tree.root(), out.tree.Children(out.tree.root()), 0,
                   std::vector<double>(scenario.issues.size(), 0.0)});
  while (!stack.empty()) {
    Frame& top = stack.back();
    const Node n = top.node;
    const TreeNodeSpec& spec = explicit_tree.nodes[n];
    if (top.next < spec.branches.size()) {
      const TreeBranchSpec& branch = spec.branches[top.next];
      const Node child = top.children[top.next];
      ++top.next;
      std::vector<double> delta = top.delta;
      if (spec.chance) {
        for (const Effect& e : branch.effects) delta[e.issue] += e.delta;
      } else {
        undo.push_back({spec.actor, moves[spec.actor], moved_at[spec.actor]});
        moves[spec.actor] = branch.move;
        moved_at[spec.actor] = n;
        ++times[spec.actor];
      }
      stack.push_back({child, out.tree.Children(child), 0, std::move(delta)});
      continue;
    }
    if (spec.branches.empty()) {
      // A leaf. Its payoffs derive from one move per actor; written payoffs need none, and
      // then each actor's last move on the path gives the positions and outcome class.
      bool derivable = true;
      for (size_t a = 0; a < n_actors && derivable; ++a) {
        if (times[a] < 2) continue;
        derivable = false;
        if (!spec.payoffs) underivable.push_back({n, static_cast<int>(a), moved_at[a]});
      }
      LeafValue leaf = EvaluateLeaf(scenario, moves, top.delta);
      if (!spec.payoffs && derivable) {
        out.tree.set_outcome_payoffs(out.tree.node(n).outcome, leaf.payoffs);
      }
      out.positions[n] = std::move(leaf.positions);
      out.outcome_class[n] = leaf.outcome_class;
      out.moves[n] = std::move(leaf.moves);
    }
    stack.pop_back();
    if (stack.empty()) break;
    const TreeNodeSpec& parent = explicit_tree.nodes[stack.back().node];
    if (!parent.chance) {
      const Undo& u = undo.back();
      moves[u.actor] = u.move;
      moved_at[u.actor] = u.at;
      --times[u.actor];
      undo.pop_back();
    }
  }
  // Reported in file order (the walk finds the deepest leaves first).
  std::sort(underivable.begin(), underivable.end(),
            [](const Underivable& x, const Underivable& y) { return x.leaf < y.leaf; });
  for (const Underivable& u : underivable) {
    const TreeNodeSpec& leaf = explicit_tree.nodes[u.leaf];
    sink.Error(leaf.location,
               "leaf '" + leaf.name + "' has no payoffs, and actor '" +
                   scenario.actors[u.actor].id + "' moves more than once on its path (last at '" +
                   out.tree.name(u.last_at) + "')",
               "leaf payoffs come from one move per actor; give this leaf 'payoffs'");
  }
  sink.ThrowIfAny();
  return out;
}

// The nodes the stages expand to, counted without building them (the walk of
// TreeBuilder::Expand), stopping as soon as the count passes `limit`: time O(limit x
// stages), memory O(stages). Building first and checking the size after took 1.8 GB on 20
// two-move actors before the limit refused the tree.
class StageCounter {
 public:
  StageCounter(const Scenario& scenario, int64_t limit)
      : stages_(scenario.sequence->stages), limit_(limit), moves_(scenario.actors.size(), -1) {}

  // The node count, or limit + 1 when it is larger.
  int64_t Count() {
    Expand(0);
    return std::min(count_, limit_ + 1);
  }

 private:
  void Expand(size_t s) {
    if (count_ > limit_) return;
    ++count_;  // this node (a leaf when s is past the last stage)
    if (s == stages_.size()) return;
    const Stage& stage = stages_[s];
    if (stage.actor < 0) {
      auto chosen = [&](int actor, int move) { return moves_[actor] == move; };
      if (!stage.when.Evaluate(std::span<const double>(), chosen)) {
        --count_;  // a skipped stage adds no node
        Expand(s + 1);
        return;
      }
      for (size_t b = 0; b < stage.branches.size() && count_ <= limit_; ++b) Expand(s + 1);
      return;
    }
    for (size_t i = 0; i < stage.moves.size() && count_ <= limit_; ++i) {
      moves_[stage.actor] = stage.moves[i];
      Expand(s + 1);
    }
    moves_[stage.actor] = -1;
  }

  const std::vector<Stage>& stages_;
  int64_t limit_;
  std::vector<int> moves_;
  int64_t count_ = 0;
};

// Nodes of the stages' tree when no chance stage is skipped: an upper bound, exact for a
// simultaneous scenario.
long double StageNodesAtMost(const Scenario& scenario) {
  long double total = 1, width = 1;
  for (const Stage& stage : scenario.sequence->stages) {
    width *= stage.actor >= 0 ? stage.moves.size() : stage.branches.size();
    total += width;
  }
  return total;
}

DerivedTree BuildWithoutTypes(const Scenario& scenario) {
  if (scenario.tree) return BuildExplicitTree(scenario);
  const TreeLimits limits;
  if (StageNodesAtMost(scenario) > static_cast<long double>(limits.max_nodes) &&
      StageCounter(scenario, limits.max_nodes).Count() > limits.max_nodes) {
    const Stage& first = scenario.sequence->stages.front();
    char count[48];
    std::snprintf(count, sizeof count, "%.0Lf", StageNodesAtMost(scenario));
    throw InputError(first.location,
                     "the game tree would have up to " + std::string(count) +
                         " nodes, more than the limit of " + std::to_string(limits.max_nodes) +
                         " (counted before building it)",
                     "each actor's moves multiply the nodes below it; offer fewer moves or "
                     "stages");
  }
  DerivedTree derived = TreeBuilder(scenario).Build();
  derived.tree.Validate();
  return derived;
}

// The scenario as `actor` of type `type` sees it: the type's stakes replace the actor's issue
// by issue (fields left out keep the actor's), and its terms join the actor's.
Scenario WithType(const Scenario& scenario, int actor, int type) {
  Scenario typed = scenario;
  Actor& a = typed.actors[actor];
  const ActorType& t = a.types[type];
  for (const StakeOverride& stake : t.stakes) {
    if (stake.ideal) a.stakes[stake.issue].ideal = *stake.ideal;
    if (stake.salience) a.stakes[stake.issue].salience = *stake.salience;
  }
  a.terms.insert(a.terms.end(), t.terms.begin(), t.terms.end());
  return typed;
}

// Nature draws the type of typed[k], then of typed[k + 1], ...: nested Harsanyi
// transformations, each over one copy of the rest per type. Positions and outcome classes do
// not depend on types (types change wants, not moves), so each leaf keeps its copy's.
DerivedTree BuildWithTypes(const Scenario& scenario, const std::vector<int>& typed, size_t k) {
  if (k == typed.size()) return BuildWithoutTypes(scenario);
  const Actor& actor = scenario.actors[typed[k]];
  PlayerTypes types;
  types.player = typed[k];
  types.chance_node = actor.id + "_type";
  types.informed = actor.types_known_to;
  std::vector<DerivedTree> parts;
  std::vector<GameTree> games;
  for (size_t t = 0; t < actor.types.size(); ++t) {
    types.names.push_back(actor.types[t].id);
    types.prior.push_back(Probability::Exact(*ParseRational(actor.types[t].prior)));
    parts.push_back(BuildWithTypes(WithType(scenario, typed[k], static_cast<int>(t)), typed, k + 1));
    games.push_back(std::move(parts.back().tree));
  }
  std::vector<std::vector<Node>> maps;
  DerivedTree out;
  out.tree = HarsanyiTransform(types, games, &maps);
  out.issue_names = parts[0].issue_names;
  out.outcome_names = parts[0].outcome_names;
  const size_t n_nodes = static_cast<size_t>(out.tree.num_nodes());
  out.positions.resize(n_nodes);
  out.outcome_class.assign(n_nodes, -1);
  out.moves.resize(n_nodes);
  for (size_t t = 0; t < parts.size(); ++t) {
    for (size_t n = 0; n < maps[t].size(); ++n) {
      const Node copy = maps[t][n];
      out.positions[copy] = std::move(parts[t].positions[n]);
      out.outcome_class[copy] = parts[t].outcome_class[n];
      out.moves[copy] = std::move(parts[t].moves[n]);
    }
  }
  return out;
}

}  // namespace

Scenario AsSimultaneousStages(const Scenario& scenario) {
  SIM_CHECK(!scenario.sequential(), "the scenario already has stages or a tree");
  Scenario staged = scenario;
  Sequence sequence;
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    Stage stage;
    stage.name = scenario.actors[a].id;
    stage.actor = static_cast<int>(a);
    for (size_t m = 0; m < scenario.actors[a].moves.size(); ++m) {
      stage.moves.push_back(static_cast<int>(m));
    }
    stage.observes_all = false;  // nobody sees another's move: the moves are simultaneous
    stage.location = scenario.actors[a].location;
    sequence.stages.push_back(std::move(stage));
  }
  staged.sequence = std::move(sequence);
  return staged;
}

Scenario WithResoluteTypes(const Scenario& scenario, const std::vector<double>& resolute) {
  Scenario out = scenario;
  for (size_t a = 0; a < out.actors.size() && a < resolute.size(); ++a) {
    Actor& actor = out.actors[a];
    const double u = resolute[a];
    if (u <= 0) continue;
    SIM_CHECK(actor.resolute.has_value() && actor.types.empty(),
              "the resolute model needs a resolute type and no other types");
    actor.types.clear();
    if (u >= 1) {
      actor.types.push_back(*actor.resolute);
      out = WithType(out, static_cast<int>(a), 0);
      out.actors[a].types.clear();
      continue;
    }
    const Rational prior = RationalFromDouble(u);
    ActorType normal;
    normal.id = "normal";
    normal.description = "the actor as the scenario describes it";
    normal.prior = RationalToString(1 - prior);
    normal.location = actor.location;
    ActorType type = *actor.resolute;
    type.id = "resolute";
    type.prior = RationalToString(prior);
    actor.types = {std::move(normal), std::move(type)};
  }
  return out.tree_game() ? out : AsSimultaneousStages(out);
}

DerivedTree BuildSequentialGame(const Scenario& scenario) {
  SIM_CHECK(scenario.tree_game(), "the scenario has no stages, tree or types");
  if (scenario.rounds) return BuildRoundsGame(scenario);  // build_rounds.h
  std::vector<int> typed;
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    if (!scenario.actors[a].types.empty()) typed.push_back(static_cast<int>(a));
  }
  if (!scenario.sequential()) return BuildWithTypes(AsSimultaneousStages(scenario), typed, 0);
  return BuildWithTypes(scenario, typed, 0);
}

bool CanRederiveTree(const Scenario& scenario) {
  if (!scenario.sequence || scenario.tree || scenario.rounds) return false;
  return std::none_of(scenario.actors.begin(), scenario.actors.end(),
                      [](const Actor& a) { return !a.types.empty(); });
}

void RederiveTree(const Scenario& scenario, DerivedTree* derived) {
  SIM_CHECK(CanRederiveTree(scenario), "RederiveTree needs a scenario of stages without types");
  GameTree& tree = derived->tree;
  const size_t issues = scenario.issues.size(), actors = scenario.actors.size();
  thread_local std::vector<double> delta;  // scratch: no allocation once warmed up
  delta.resize(issues);
  for (Node n = 0; n < static_cast<Node>(tree.num_nodes()); ++n) {
    if (tree.kind(n) != NodeKind::kTerminal) continue;
    SIM_CHECK(derived->chance_effects[n].size() == issues && derived->positions[n].size() == issues,
              "RederiveTree: the tree was not built from stages of this scenario");
    const std::span<double> payoffs(tree.mutable_outcome_payoffs(tree.node(n).outcome), actors);
    EvaluateLeafInto(scenario, derived->moves[n], derived->chance_effects[n], delta,
                     derived->positions[n], payoffs, &derived->outcome_class[n]);
  }
}

TreeMeaning DescribePlay(const DerivedTree& derived, const std::vector<double>& reach) {
  TreeMeaning meaning;
  meaning.outcome_probability.assign(derived.outcome_names.size(), 0.0);
  meaning.expected_positions = Eigen::VectorXd::Zero(derived.issue_names.size());
  for (size_t n = 0; n < reach.size(); ++n) {
    if (derived.outcome_class[n] < 0 || reach[n] <= 0.0) continue;
    meaning.outcome_probability[derived.outcome_class[n]] += reach[n];
    for (size_t k = 0; k < derived.issue_names.size(); ++k) {
      meaning.expected_positions(k) += reach[n] * derived.positions[n][k];
    }
  }
  for (size_t c = 1; c < meaning.outcome_probability.size(); ++c) {
    if (meaning.outcome_probability[c] > meaning.outcome_probability[meaning.modal_outcome] + 1e-12)
      meaning.modal_outcome = static_cast<int>(c);
  }
  return meaning;
}

}  // namespace sim::model
