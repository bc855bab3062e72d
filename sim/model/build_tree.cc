// SPDX-License-Identifier: MIT
#include "sim/model/build_tree.h"

#include <algorithm>
#include <map>

#include "sim/core/rational.h"
#include "sim/model/build_game.h"

namespace sim::model {
namespace {

using Node = GameTree::Node;

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
    for (auto& [node, leaf] : leaves_) {
      out_.positions[node] = std::move(leaf.positions);
      out_.outcome_class[node] = leaf.outcome_class;
      out_.moves[node] = std::move(leaf.moves);
    }
    return std::move(out_);
  }

 private:
  struct Leaf {
    std::vector<double> positions;
    int outcome_class;
    std::vector<int> moves;
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
        probabilities.push_back(Probability::Exact(*Rational::Parse(b.probability)));
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
      set = out_.tree.AddInfoSet(stage.actor, labels, stage.observes_all ? "" : name(stage.name),
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

  Node AddLeaf(const std::string& name) {
    std::vector<int> moves = moves_;
    for (int& m : moves) m = std::max(m, 0);  // passive actors play their first move
    // x = clamp(status quo + (move effects + chance effects)). The deltas are summed first
    // so that an effect and the chance branch that undoes it cancel exactly (0.4 - 0.4 = 0),
    // which keeps strict comparisons such as "sanctions < 1" honest.
    std::vector<double> delta = chance_delta_;
    for (size_t a = 0; a < scenario_.actors.size(); ++a) {
      const Move& move = scenario_.actors[a].moves[moves[a]];
      for (const Effect& e : move.effects) delta[e.issue] += e.delta;
      for (const ConditionalEffect& c : move.conditional_effects) {
        // Conditions look at moves only (never positions).
        if (!c.condition.Evaluate(delta, std::span<const int>(moves))) continue;
        for (const Effect& e : c.effects) delta[e.issue] += e.delta;
      }
    }
    std::vector<double> x(scenario_.issues.size());
    for (size_t k = 0; k < x.size(); ++k) x[k] = scenario_.issues[k].status_quo + delta[k];
    for (double& v : x) v = std::clamp(v, 0.0, 1.0);
    std::vector<double> payoffs(scenario_.actors.size());
    if (scenario_.payoff_table) {
      int64_t index = 0, stride = 1;
      for (size_t a = 0; a < scenario_.actors.size(); ++a) {
        index += moves[a] * stride;
        stride *= static_cast<int64_t>(scenario_.actors[a].moves.size());
      }
      payoffs = scenario_.payoff_table->payoffs[index];
    } else {
      for (size_t a = 0; a < payoffs.size(); ++a) {
        payoffs[a] = Utility(scenario_, static_cast<int>(a), x, moves);
      }
    }
    const Node node = out_.tree.AddTerminal(name, payoffs);
    leaves_[node] = {x, ClassifyOutcome(scenario_, x, moves), moves};
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

}  // namespace

DerivedTree BuildSequentialGame(const Scenario& scenario) {
  SIM_CHECK(scenario.sequence.has_value(), "the scenario has no stages");
  DerivedTree derived = TreeBuilder(scenario).Build();
  derived.tree.Validate();
  return derived;
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
