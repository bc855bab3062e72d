// SPDX-License-Identifier: MIT
#include "sim/model/build_rounds.h"

#include <algorithm>

#include "sim/model/build_game.h"

namespace sim::model {
namespace {

class RoundsBuilder {
 public:
  explicit RoundsBuilder(const Scenario& scenario)
      : scenario_(scenario), spec_(*scenario.rounds), n_(static_cast<int>(scenario.actors.size())) {
    std::vector<std::string> players;
    for (const Actor& a : scenario.actors) players.push_back(a.id);
    out_.tree = GameTree(players, scenario.title.empty() ? scenario.id : scenario.title);
    for (const Issue& issue : scenario.issues) out_.issue_names.push_back(issue.id);
    for (const OutcomeClass& c : scenario.outcomes) out_.outcome_names.push_back(c.name);
    out_.outcome_names.push_back(kOtherOutcome);
    for (const Actor& a : scenario.actors) {
      std::vector<std::string> ids;
      for (const Move& m : a.moves) ids.push_back(m.id);
      move_ids_.push_back(std::move(ids));
    }
    profile_.assign(n_, 0);
  }

  DerivedTree Build() {
    std::vector<double> x;
    for (const Issue& issue : scenario_.issues) x.push_back(issue.status_quo);
    const GameTree::Node root = Round(0, "", x, std::vector<double>(n_, 0.0), 1.0);
    out_.tree.set_root(root);
    return std::move(out_);
  }

 private:
  // The decision nodes of round t after `history` (earlier rounds' profiles, "c,d|d,d").
  GameTree::Node Round(int t, const std::string& history, const std::vector<double>& x,
                       const std::vector<double>& paid, double weight) {
    std::vector<int> sets(n_);
    for (int i = 0; i < n_; ++i) {
      sets[i] = out_.tree.AddInfoSet(i, move_ids_[i],
                                     "r" + std::to_string(t + 1) + ":" + scenario_.actors[i].id +
                                         (history.empty() ? "" : "@" + history));
    }
    return Mover(t, 0, history, "", sets, x, paid, weight);
  }

  GameTree::Node Mover(int t, int i, const std::string& history, const std::string& partial,
                       const std::vector<int>& sets, const std::vector<double>& x,
                       const std::vector<double>& paid, double weight) {
    const std::string name = "r" + std::to_string(t + 1) + ":" + scenario_.actors[i].id +
                             (history.empty() ? "" : "@" + history) +
                             (partial.empty() ? "" : "/" + partial);
    const GameTree::Node node = out_.tree.AddNode(NodeKind::kDecision, name, sets[i]);
    Extend(node);
    for (int m = 0; m < static_cast<int>(move_ids_[i].size()); ++m) {
      profile_[i] = m;
      const std::string next_partial = partial.empty() ? move_ids_[i][m] : partial + "," + move_ids_[i][m];
      const GameTree::Node child = i + 1 < n_
                                       ? Mover(t, i + 1, history, next_partial, sets, x, paid, weight)
                                       : EndOfRound(t, history, next_partial, x, paid, weight);
      out_.tree.AddMove(node, m, child);
    }
    return node;
  }

  GameTree::Node EndOfRound(int t, const std::string& history, const std::string& played,
                            const std::vector<double>& before, const std::vector<double>& paid,
                            double weight) {
    std::vector<double> x = Positions(before);
    std::vector<double> total = paid;
    for (int i = 0; i < n_; ++i) total[i] += weight * StagePayoff(i, x);
    const std::string next_history = history.empty() ? played : history + "|" + played;
    if (t + 1 < spec_.count) {
      const std::vector<int> saved = profile_;
      const GameTree::Node node =
          Round(t + 1, next_history, spec_.carry_positions ? x : StatusQuo(), total,
                weight * spec_.discount);
      profile_ = saved;
      return node;
    }
    const GameTree::Node leaf = out_.tree.AddTerminal(next_history, total);
    Extend(leaf);
    out_.positions[leaf] = x;
    out_.moves[leaf] = profile_;
    out_.outcome_class[leaf] = ClassifyOutcome(scenario_, x, profile_);
    return leaf;
  }

  void Extend(GameTree::Node node) {
    const size_t size = static_cast<size_t>(node) + 1;
    if (out_.positions.size() < size) {
      out_.positions.resize(size);
      out_.moves.resize(size);
      out_.outcome_class.resize(size, -1);
    }
  }

  std::vector<double> StatusQuo() const {
    std::vector<double> x;
    for (const Issue& issue : scenario_.issues) x.push_back(issue.status_quo);
    return x;
  }

  // The positions after this round's profile, starting from `x` (the status quo, or the
  // positions the last round left with carry: positions): as model::PositionsInto, from x.
  std::vector<double> Positions(std::vector<double> x) const {
    if (scenario_.payoff_table) return x;
    for (int a = 0; a < n_; ++a) {
      const Move& move = scenario_.actors[a].moves[profile_[a]];
      for (const Effect& e : move.effects) x[e.issue] += e.delta;
      for (const ConditionalEffect& c : move.conditional_effects) {
        if (!c.condition.Evaluate(x, std::span<const int>(profile_))) continue;
        for (const Effect& e : c.effects) x[e.issue] += e.delta;
      }
    }
    for (double& v : x) v = std::clamp(v, 0.0, 1.0);
    return x;
  }

  double StagePayoff(int actor, const std::vector<double>& x) const {
    if (scenario_.payoff_table) {
      int64_t index = 0, stride = 1;
      for (int a = 0; a < n_; ++a) {
        index += profile_[a] * stride;
        stride *= static_cast<int64_t>(scenario_.actors[a].moves.size());
      }
      return scenario_.payoff_table->payoffs[index][actor];
    }
    return Utility(scenario_, actor, x, profile_);
  }

  const Scenario& scenario_;
  const RoundsSpec& spec_;
  int n_;
  std::vector<std::vector<std::string>> move_ids_;
  std::vector<int> profile_;  // this round's moves so far
  DerivedTree out_;
};

}  // namespace

DerivedTree BuildRoundsGame(const Scenario& scenario) {
  SIM_CHECK(scenario.rounds.has_value(), "the scenario has a rounds block");
  DerivedTree derived = RoundsBuilder(scenario).Build();
  derived.positions.resize(derived.tree.num_nodes());
  derived.moves.resize(derived.tree.num_nodes());
  derived.outcome_class.resize(derived.tree.num_nodes(), -1);
  derived.tree.Validate();
  return derived;
}

}  // namespace sim::model
