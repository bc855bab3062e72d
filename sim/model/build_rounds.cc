// SPDX-License-Identifier: MIT
#include "sim/model/build_rounds.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "sim/core/rational.h"
#include "sim/model/build_game.h"

namespace sim::model {
namespace {

using Node = GameTree::Node;

// The scenario as `actor` of type `type` sees it (as build_tree.cc's Harsanyi copies do).
void ApplyType(Scenario& scenario, int actor, int type) {
  Actor& a = scenario.actors[actor];
  const ActorType& t = a.types[type];
  for (const StakeOverride& stake : t.stakes) {
    if (stake.ideal) a.stakes[stake.issue].ideal = *stake.ideal;
    if (stake.salience) a.stakes[stake.issue].salience = *stake.salience;
  }
  a.terms.insert(a.terms.end(), t.terms.begin(), t.terms.end());
}

// The stage alone: no rounds, no types; a simultaneous stage as AsSimultaneousStages.
Scenario StageOf(const Scenario& scenario) {
  Scenario stage = scenario;
  stage.rounds.reset();
  for (Actor& a : stage.actors) a.types.clear();
  return stage.sequential() ? stage : AsSimultaneousStages(stage);
}

class RoundsBuilder {
 public:
  RoundsBuilder(const Scenario& scenario, const DerivedTree& stage)
      : scenario_(scenario), spec_(*scenario.rounds), stage_(stage),
        n_(static_cast<int>(scenario.actors.size())) {
    // Players: each actor in order; a short-run actor is one player per round ("a@r2").
    std::vector<std::string> players;
    for (int a = 0; a < n_; ++a) {
      first_player_.push_back(static_cast<int>(players.size()));
      const bool short_run = std::find(spec_.short_run.begin(), spec_.short_run.end(), a) !=
                             spec_.short_run.end();
      short_run_.push_back(short_run);
      for (int t = 0; t < (short_run ? spec_.count : 1); ++t) {
        players.push_back(short_run ? scenario.actors[a].id + "@r" + std::to_string(t + 1)
                                    : scenario.actors[a].id);
        layout().player_actor.push_back(a);
      }
    }
    num_players_ = static_cast<int>(players.size());
    out_.tree = GameTree(players, scenario.title.empty() ? scenario.id : scenario.title);
    out_.issue_names = stage.issue_names;
    out_.outcome_names = stage.outcome_names;
    // Type profiles: every combination of the typed actors' types, first actor slowest.
    layout().type_names.resize(n_);
    std::vector<std::vector<int>> profiles = {std::vector<int>(n_, -1)};
    for (int a = 0; a < n_; ++a) {
      const Actor& actor = scenario.actors[a];
      if (actor.types.empty()) continue;
      typed_.push_back(a);
      for (const ActorType& t : actor.types) layout().type_names[a].push_back(t.id);
      std::vector<std::vector<int>> next;
      for (const std::vector<int>& p : profiles) {
        for (int t = 0; t < static_cast<int>(actor.types.size()); ++t) {
          next.push_back(p);
          next.back()[a] = t;
        }
      }
      profiles = std::move(next);
    }
    layout().type_profiles = profiles;
    for (const std::vector<int>& p : profiles) {
      Scenario typed = scenario;
      for (int a : typed_) ApplyType(typed, a, p[a]);
      typed_scenarios_.push_back(std::move(typed));
    }
    // Explicit stage trees: leaves with written payoffs keep them (node i is spec node i).
    if (scenario.tree) {
      for (const TreeNodeSpec& node : scenario.tree->nodes) written_.push_back(node.payoffs.has_value());
    }
    status_quo_.reserve(scenario.issues.size());
    for (const Issue& issue : scenario.issues) status_quo_.push_back(issue.status_quo);
  }

  DerivedTree Build() {
    const Node root = DrawTypes(0, 0);
    out_.tree.set_root(root);
    Extend(static_cast<Node>(out_.tree.num_nodes() - 1));
    return std::move(out_);
  }

 private:
  RoundsLayout& layout() { return out_.rounds; }

  // Nature draws typed_[k]'s type, then the next typed actor's: `profile` counts the draws
  // so far in the order of RoundsLayout::type_profiles.
  Node DrawTypes(size_t k, int profile) {
    if (k == typed_.size()) {
      return Round(0, "", profile, status_quo_, std::vector<double>(num_players_, 0.0), 1.0);
    }
    const Actor& actor = scenario_.actors[typed_[k]];
    std::vector<std::string> labels;
    std::vector<Probability> prior;
    for (const ActorType& t : actor.types) {
      labels.push_back(t.id);
      prior.push_back(Probability::Exact(*ParseRational(t.prior)));
    }
    const int set = out_.tree.AddChanceInfoSet(labels, prior, actor.id + "_type", actor.location);
    const Node node = out_.tree.AddNode(NodeKind::kChance, actor.id + "_type", set, actor.location);
    Mark(node, -1, "", -1);
    const int width = static_cast<int>(actor.types.size());
    for (int t = 0; t < width; ++t) out_.tree.AddMove(node, t, DrawTypes(k + 1, profile * width + t));
    return node;
  }

  Node Round(int t, const std::string& history, int profile, const std::vector<double>& x,
             const std::vector<double>& paid, double weight) {
    const Node start = Copy(stage_.tree.root(), t, history, "", profile, x, paid, weight);
    layout().round_starts.push_back(start);
    return start;
  }

  // The copy of the stage's node `s` in round t after `history`; `played` lists the actions
  // taken in this round so far (the round's entry in the history once it ends).
  Node Copy(Node s, int t, const std::string& history, const std::string& played, int profile,
            const std::vector<double>& x, const std::vector<double>& paid, double weight) {
    const GameTree& stage = stage_.tree;
    if (stage.kind(s) == NodeKind::kTerminal) {
      return EndOfRound(s, t, history, played, profile, x, paid, weight);
    }
    const std::string types = TypesPrefix(profile);
    const std::string where = (history.empty() ? "" : history + "|") + "r" + std::to_string(t + 1) + ":";
    const int stage_set = stage.node(s).infoset;
    int set;
    if (stage.kind(s) == NodeKind::kChance) {
      const InfoSet& info = stage.infoset(stage_set);
      set = out_.tree.AddChanceInfoSet(info.actions, info.probabilities, where + info.label,
                                       info.location);
    } else {
      // One set per round, public history, stage set and the mover's own type: the mover sees
      // every earlier round and its own type, within the round what the stage lets it see.
      const int actor = stage.player(s);
      const int own = layout().type_profiles[profile][actor];
      const std::string own_type = own < 0 ? "" : layout().type_names[actor][own] + "/";
      const std::string key = std::to_string(t) + '\n' + history + '\n' +
                              std::to_string(stage_set) + '\n' + std::to_string(own);
      if (auto it = sets_.find(key); it != sets_.end()) {
        set = it->second;
      } else {
        set = out_.tree.AddInfoSet(PlayerOf(actor, t), stage.infoset(stage_set).actions,
                                   own_type + where + stage.InfoSetName(stage_set),
                                   stage.node(s).location);
        sets_.emplace(key, set);
      }
    }
    const Node node = out_.tree.AddNode(stage.kind(s), types + where + stage.name(s), set,
                                        stage.node(s).location);
    Mark(node, t, history, profile);
    layout().partial[node] = played;
    const std::vector<Node> children = stage.Children(s);
    for (size_t a = 0; a < children.size(); ++a) {
      const std::string& label = stage.action_label(s, static_cast<int>(a));
      out_.tree.AddMove(node, static_cast<int>(a),
                        Copy(children[a], t, history, played.empty() ? label : played + "," + label,
                             profile, x, paid, weight));
    }
    return node;
  }

  Node EndOfRound(Node leaf, int t, const std::string& history, const std::string& played,
                  int profile, const std::vector<double>& before, const std::vector<double>& paid,
                  double weight) {
    const std::vector<int>& moves = stage_.moves[leaf];
    const Scenario& typed = typed_scenarios_[profile];
    std::vector<double> x = spec_.carry_positions ? Positions(before, moves) : stage_.positions[leaf];
    std::vector<double> total = paid;
    const bool written = leaf < written_.size() && written_[leaf];
    const Eigen::VectorXd written_payoffs = written ? stage_.tree.PathPayoffs(leaf) : Eigen::VectorXd();
    for (int a = 0; a < n_; ++a) {
      double u;
      if (written) {
        u = written_payoffs(a);
      } else if (scenario_.payoff_table) {
        int64_t index = 0, stride = 1;
        for (int b = 0; b < n_; ++b) {
          index += moves[b] * stride;
          stride *= static_cast<int64_t>(scenario_.actors[b].moves.size());
        }
        u = scenario_.payoff_table->payoffs[index][a];
      } else {
        u = Utility(typed, a, x, moves);
      }
      for (const PositionCost& c : spec_.costs) {
        if (c.actor == a && moves[a] == c.move && c.when.Evaluate(before, std::span<const int>(moves)))
          u -= c.cost;
      }
      if (short_run_[a]) {
        total[PlayerOf(a, t)] += u;
      } else {
        total[PlayerOf(a, t)] += weight * u;
      }
    }
    const std::string next = history.empty() ? played : history + "|" + played;
    if (t + 1 < spec_.count) {
      return Round(t + 1, next, profile, spec_.carry_positions ? x : status_quo_, total,
                   weight * spec_.discount);
    }
    const Node end = out_.tree.AddTerminal(TypesPrefix(profile) + next, total);
    Mark(end, -1, next, profile);
    out_.positions[end] = x;
    out_.moves[end] = moves;
    out_.outcome_class[end] = ClassifyOutcome(scenario_, x, moves);
    return end;
  }

  // Positions after `moves` starting from `x` (model::PositionsInto, from x instead of the
  // status quo): the effects apply to the current positions.
  std::vector<double> Positions(std::vector<double> x, const std::vector<int>& moves) const {
    std::vector<double> delta(x.size(), 0.0);
    for (int a = 0; a < n_; ++a) {
      const Move& move = scenario_.actors[a].moves[moves[a]];
      for (const Effect& e : move.effects) delta[e.issue] += e.delta;
      for (const ConditionalEffect& c : move.conditional_effects) {
        if (!c.condition.Evaluate(delta, std::span<const int>(moves))) continue;
        for (const Effect& e : c.effects) delta[e.issue] += e.delta;
      }
    }
    for (size_t k = 0; k < x.size(); ++k) x[k] = std::clamp(x[k] + delta[k], 0.0, 1.0);
    return x;
  }

  int PlayerOf(int actor, int t) const { return first_player_[actor] + (short_run_[actor] ? t : 0); }

  // "resolute,normal/" for a node under nature's draw of the types; "" without types.
  std::string TypesPrefix(int profile) const {
    if (typed_.empty()) return "";
    std::string text;
    for (int a : typed_) {
      text += (text.empty() ? "" : ",") + out_.rounds.type_names[a][out_.rounds.type_profiles[profile][a]];
    }
    return text + "/";
  }

  void Mark(Node node, int round, const std::string& history, int profile) {
    Extend(node);
    layout().round[node] = round;
    layout().history[node] = history;
    layout().type_profile[node] = profile;
  }

  void Extend(Node node) {
    const size_t size = static_cast<size_t>(node) + 1;
    if (out_.positions.size() >= size) return;
    out_.positions.resize(size);
    out_.moves.resize(size);
    out_.outcome_class.resize(size, -1);
    layout().round.resize(size, -1);
    layout().history.resize(size);
    layout().type_profile.resize(size, -1);
    layout().partial.resize(size);
  }

  const Scenario& scenario_;
  const RoundsSpec& spec_;
  const DerivedTree& stage_;
  int n_;
  int num_players_ = 0;
  std::vector<int> first_player_;
  std::vector<bool> short_run_;
  std::vector<int> typed_;
  std::vector<Scenario> typed_scenarios_;
  std::vector<bool> written_;
  std::vector<double> status_quo_;
  std::map<std::string, int> sets_;
  DerivedTree out_;
};

}  // namespace

DerivedTree BuildRoundsGame(const Scenario& input) {
  SIM_CHECK(input.rounds.has_value(), "the scenario has a rounds block");
  const RoundsSpec& spec = *input.rounds;
  // Actors listed under `resolute`: a private resolute type with prior u (their
  // unpredictability), as the Monte Carlo's resolute model has it.
  Scenario scenario = input;
  if (!spec.resolute.empty()) {
    std::vector<double> u(scenario.actors.size(), 0.0);
    for (int a : spec.resolute) u[a] = scenario.actors[a].unpredictability;
    scenario = WithResoluteTypes(scenario, u);  // a rounds game keeps its shape
  }
  const DerivedTree stage = BuildSequentialGame(StageOf(scenario));
  // Refuse the game before building it: K type profiles x L stage leaves^T histories.
  int leaves = 0, inner = 0;
  for (Node n = 0; n < static_cast<Node>(stage.tree.num_nodes()); ++n) {
    (stage.tree.kind(n) == NodeKind::kTerminal ? leaves : inner) += 1;
  }
  long double profiles = 1, draws = 0;
  for (const Actor& a : scenario.actors) {
    if (a.types.empty()) continue;
    draws += profiles;
    profiles *= a.types.size();
  }
  long double nodes = draws, copies = profiles;
  for (int t = 0; t < spec.count; ++t) {
    nodes += copies * inner;
    copies *= leaves;
  }
  nodes += copies;
  const TreeLimits limits{std::max<int64_t>(TreeLimits{}.max_nodes, 4'000'000)};
  if (copies > static_cast<long double>(scenario.limits.max_profiles) ||
      nodes > static_cast<long double>(limits.max_nodes)) {
    char text[160];
    std::snprintf(text, sizeof text, "%.0Lf histories (%.0Lf nodes)", copies, nodes);
    throw InputError(spec.location,
                     "the " + std::to_string(spec.count) + "-round game has " + text +
                         ", more than the limit of " + std::to_string(scenario.limits.max_profiles) +
                         " histories or " + std::to_string(limits.max_nodes) + " nodes",
                     "fewer rounds, moves or types, or raise --max-profiles");
  }
  DerivedTree derived = RoundsBuilder(scenario, stage).Build();
  derived.positions.resize(derived.tree.num_nodes());
  derived.moves.resize(derived.tree.num_nodes());
  derived.outcome_class.resize(derived.tree.num_nodes(), -1);
  derived.tree.Validate(limits);
  return derived;
}

}  // namespace sim::model
