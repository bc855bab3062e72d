// SPDX-License-Identifier: MIT
#include "sim/robustness/tree_why.h"

#include "sim/robustness/why_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sim/model/build_tree.h"
#include "sim/scenario/findings.h"
#include "sim/solve/assessment.h"
#include "sim/solve/beliefs.h"

namespace sim::robustness {
namespace {

constexpr double kPlayed = 1e-9;  // a probability above this is play, as in why.cc
constexpr size_t kAllSetsUpTo = 40;  // the table lists every set of an equilibrium up to this
constexpr size_t kShownOffPath = 20;  // beyond, the sets on the path and this many off it

using why_format::Exact;
using why_format::Json;
using why_format::Short;

// The description of `player`'s move `action` in the scenario, or "".
std::string Description(const Scenario* scenario, const std::string& player, const std::string& action) {
  if (scenario == nullptr) return "";
  for (const Actor& actor : scenario->actors) {
    if (actor.id != player) continue;
    for (const Move& move : actor.moves)
      if (move.id == action) return move.description;
  }
  return "";
}

// "in" or "fight 0.4 / accommodate 0.6".
std::string Plays(const InfoSet& set, const SetIncentive& s) {
  if (s.support.size() == 1) return set.actions[s.support[0]];
  std::string out;
  for (size_t k = 0; k < s.support.size(); ++k)
    out += (k ? " / " : "") + set.actions[s.support[k]] + " " + Short(s.probability[k]);
  return out;
}

// "incumbent@out 1, incumbent@in 0" for a set of several nodes.
std::string Belief(const GameTree& tree, const InfoSet& set, const SetIncentive& s) {
  std::string out;
  for (size_t k = 0; k < set.nodes.size() && static_cast<Eigen::Index>(k) < s.belief.size(); ++k)
    out += (k ? ", " : "") + tree.name(set.nodes[k]) + " " + Short(s.belief(static_cast<Eigen::Index>(k)));
  return out;
}

bool SameShape(const GameTree& a, const GameTree& b) {
  if (a.num_nodes() != b.num_nodes() || a.num_infosets() != b.num_infosets()) return false;
  for (int s = 0; s < a.num_infosets(); ++s)
    if (a.infoset(s).actions.size() != b.infoset(s).actions.size()) return false;
  return true;
}

// The margin of set w.infoset against w.deviation in `tree` (the shape of the tree w was
// computed on) with `play` held: beliefs by Bayes' rule where play reaches the set,
// `off_path` elsewhere. NaN when the set has no beliefs.
double MarginAt(const GameTree& tree, const BehaviourProfile& play, const std::vector<Eigen::VectorXd>& off_path,
                const SetIncentive& w) {
  const std::vector<Eigen::VectorXd> beliefs = solve::BayesBeliefs(tree, play, &off_path);
  const std::vector<Eigen::VectorXd> values = solve::ActionValuesGivenBeliefs(tree, play, beliefs);
  const Eigen::VectorXd& v = values[w.infoset];
  if (v.size() <= w.deviation) return NAN;
  return play.actions[w.infoset].dot(v) - v(w.deviation);
}

// The lever of each explained equilibrium (tree_why.h): per ranged number, the tree rebuilt
// at base -+ 1e-4 of the number's range, as why.cc does for games.
void AddLevers(const GameTree& tree, const solve::SpeResult& result, const Scenario& scenario,
               const std::vector<std::vector<Eigen::VectorXd>>& beliefs, TreeWhyReport* report) {
  if (std::none_of(report->equilibria.begin(), report->equilibria.end(),
                   [](const TreeEquilibriumWhy& why) { return why.weakest >= 0; }))
    return;
  Scenario copy = scenario;
  const std::vector<RangedNumber> numbers = RangedNumbers(copy);
  std::vector<double> best_effect(report->equilibria.size(), 0.0);
  for (const RangedNumber& number : numbers) {
    Scenario trial = scenario;
    const NumberLookup lookup = FindNumber(trial, number.path);
    if (!lookup.slot) continue;
    const auto [lo, hi] = number.distribution.Support();
    const double width = std::isfinite(hi - lo) ? hi - lo : 1.0;
    const double h = 1e-4 * width;
    GameTree moved[2];
    bool same = true;
    for (int side = 0; side < 2 && same; ++side) {
      *lookup.slot->value = number.base + (side ? h : -h);
      try {
        moved[side] = model::BuildSequentialGame(trial).tree;
      } catch (const Error&) {  // a number the builder refuses just off its base: no lever there
        same = false;
        break;
      }
      same = SameShape(tree, moved[side]);
    }
    if (!same) continue;  // the number changes the tree's shape (a type's prior, say)
    for (size_t e = 0; e < report->equilibria.size(); ++e) {
      TreeEquilibriumWhy& why = report->equilibria[e];
      if (why.weakest < 0) continue;
      const SetIncentive& w = why.sets[why.weakest];
      const BehaviourProfile& play = result.equilibria[e].behaviour;
      const double derivative =
          (MarginAt(moved[1], play, beliefs[e], w) - MarginAt(moved[0], play, beliefs[e], w)) / (2 * h);
      const double effect = std::fabs(derivative) * width;
      if (!std::isfinite(effect) || !(effect > best_effect[e] * (1 + 1e-9)) || !(effect > 1e-12)) continue;
      best_effect[e] = effect;
      Lever lever;
      lever.path = number.path;
      lever.derivative = derivative;
      lever.low = lo;
      lever.high = hi;
      const double zero = number.base - w.margin / derivative;
      if (zero >= lo && zero <= hi) lever.breaks_at = zero;
      why.lever = lever;
    }
  }
}

}  // namespace

TreeWhyReport ExplainTreeEquilibria(const GameTree& tree, const solve::SpeResult& result, const Scenario* scenario) {
  TreeWhyReport report;
  std::vector<std::vector<Eigen::VectorXd>> all_beliefs;
  for (const solve::TreeEquilibrium& eq : result.equilibria) {
    // Beliefs everywhere: the assessment's (Bayes on the path, tremble limit off it).
    std::vector<Eigen::VectorXd>& beliefs = all_beliefs.emplace_back(eq.assessment_beliefs);
    if (beliefs.size() != static_cast<size_t>(tree.num_infosets()))
      beliefs = solve::Assess(tree, eq.behaviour).beliefs;
    const std::vector<Eigen::VectorXd> values = solve::ActionValuesGivenBeliefs(tree, eq.behaviour, beliefs);
    const std::vector<double> reach =
        eq.reach.size() == static_cast<size_t>(tree.num_nodes()) ? eq.reach : ReachProbabilities(tree, eq.behaviour);
    TreeEquilibriumWhy why;
    for (int p = 0; p < tree.num_players(); ++p) {
      for (int s : tree.PlayerInfoSets(p)) {
        const InfoSet& set = tree.infoset(s);
        SetIncentive in;
        in.infoset = s;
        in.player = p;
        for (size_t node : set.nodes) in.on_path = in.on_path || reach[node] > 0;
        in.belief = beliefs[s];
        const Eigen::VectorXd& play = eq.behaviour.actions[s];
        for (int a = 0; a < static_cast<int>(set.actions.size()); ++a) {
          if (play(a) > kPlayed) {
            in.support.push_back(a);
            in.probability.push_back(play(a));
          }
        }
        if (values[s].size() == static_cast<Eigen::Index>(set.actions.size())) {
          in.checked = true;
          in.value = play.dot(values[s]);
          for (int a = 0; a < static_cast<int>(set.actions.size()); ++a) {
            if (play(a) > kPlayed) continue;
            if (in.deviation < 0 || values[s](a) > in.deviation_value) in.deviation = a, in.deviation_value = values[s](a);
          }
          if (in.deviation >= 0) in.margin = in.value - in.deviation_value;
        }
        why.sets.push_back(std::move(in));
      }
    }
    // The weakest margin: the smallest, on the path before off it on ties, then tree order.
    for (size_t k = 0; k < why.sets.size(); ++k) {
      const SetIncentive& c = why.sets[k];
      if (c.deviation < 0) continue;
      if (why.weakest < 0) {
        why.weakest = static_cast<int>(k);
        continue;
      }
      const SetIncentive& w = why.sets[why.weakest];
      if (c.margin < w.margin - 1e-12 || (std::fabs(c.margin - w.margin) <= 1e-12 && c.on_path && !w.on_path))
        why.weakest = static_cast<int>(k);
    }
    if (why.weakest >= 0) {
      const SetIncentive& w = why.sets[why.weakest];
      const InfoSet& set = tree.infoset(w.infoset);
      const std::string& player = tree.player_name(w.player);
      const std::string& move = set.actions[w.deviation];
      const std::string description = Description(scenario, player, move);
      why.sentence = player + (w.support.size() == 1 ? " keeps " : " mixes ") + Plays(set, w) + " at " +
                     tree.InfoSetName(w.infoset) + (w.on_path ? "" : " (off the path)") + ": moving to " + move +
                     (description.empty() ? "" : " (" + description + ")") + " would give it " +
                     Short(w.deviation_value) + " instead of " + Short(w.value) + ", a loss of " + Short(w.margin);
    } else {
      why.sentence = "no player has a move it does not play: each is indifferent (margin 0)";
    }
    report.equilibria.push_back(std::move(why));
  }
  if (scenario != nullptr) AddLevers(tree, result, *scenario, all_beliefs, &report);
  return report;
}

std::string TreeWhyTable(const GameTree& tree, const TreeWhyReport& report) {
  std::string out =
      "Why each equilibrium holds (at every information set, on the path and off it: the best other "
      "move and what it gives from there on, given the beliefs there):\n";
  for (size_t e = 0; e < report.equilibria.size(); ++e) {
    const TreeEquilibriumWhy& why = report.equilibria[e];
    out += "  #" + std::to_string(e + 1) + "\n";
    // A large tree: every set on the path, and the kShownOffPath thinnest margins off it.
    std::vector<const SetIncentive*> shown;
    std::vector<const SetIncentive*> off;
    for (const SetIncentive& s : why.sets) (s.on_path || why.sets.size() <= kAllSetsUpTo ? shown : off).push_back(&s);
    std::stable_sort(off.begin(), off.end(), [](const SetIncentive* a, const SetIncentive* b) {
      return (a->deviation >= 0 ? a->margin : INFINITY) < (b->deviation >= 0 ? b->margin : INFINITY);
    });
    const size_t hidden = off.size() > kShownOffPath ? off.size() - kShownOffPath : 0;
    off.resize(off.size() - hidden);
    shown.insert(shown.end(), off.begin(), off.end());
    std::stable_sort(shown.begin(), shown.end(), [](const SetIncentive* a, const SetIncentive* b) { return a < b; });
    for (const SetIncentive* shown_set : shown) {
      const SetIncentive& s = *shown_set;
      const InfoSet& set = tree.infoset(s.infoset);
      out += "     " + tree.player_name(s.player) + " at " + tree.InfoSetName(s.infoset) +
             (s.on_path ? " (on the path" : " (off the path");
      if (set.nodes.size() > 1 && s.belief.size() > 0) out += "; belief " + Belief(tree, set, s);
      out += "): plays " + Plays(set, s);
      if (!s.checked) {
        out += " (no beliefs known there: not checked)\n";
      } else if (s.deviation >= 0) {
        out += ", worth " + Short(s.value) + "; best other move " + set.actions[s.deviation] + " gives " +
               Short(s.deviation_value) + " (margin " + Short(s.margin) + ")\n";
      } else if (set.actions.size() > 1) {
        out += ": every move is played, each worth " + Short(s.value) + "\n";
      } else {
        out += " (its only move)\n";
      }
    }
    if (hidden > 0)
      out += "     (" + std::to_string(hidden) + " more sets off the path, with wider margins: the JSON has every set)\n";
    out += "     weakest: " + why.sentence + "\n";
    if (why.lever) out += why_format::LeverLine(*why.lever);
  }
  return out + "\n";
}

std::string TreeWhyJson(const GameTree& tree, const TreeWhyReport& report) {
  std::string out = "[";
  for (size_t e = 0; e < report.equilibria.size(); ++e) {
    const TreeEquilibriumWhy& why = report.equilibria[e];
    out += std::string(e ? ", " : "") + "{\"equilibrium\": " + std::to_string(e + 1) + ", \"sets\": [";
    for (size_t k = 0; k < why.sets.size(); ++k) {
      const SetIncentive& s = why.sets[k];
      const InfoSet& set = tree.infoset(s.infoset);
      out += std::string(k ? ", " : "") + "{\"player\": " + Json(tree.player_name(s.player)) +
             ", \"infoset\": " + Json(tree.InfoSetName(s.infoset)) + ", \"on_path\": " + (s.on_path ? "true" : "false") +
             ", \"belief\": {";
      for (size_t n = 0; n < set.nodes.size() && static_cast<Eigen::Index>(n) < s.belief.size(); ++n)
        out += std::string(n ? ", " : "") + Json(tree.name(set.nodes[n])) + ": " + Exact(s.belief(static_cast<Eigen::Index>(n)));
      out += "}, \"plays\": {";
      for (size_t a = 0; a < s.support.size(); ++a)
        out += std::string(a ? ", " : "") + Json(set.actions[s.support[a]]) + ": " + Exact(s.probability[a]);
      out += "}, \"value\": " + (s.checked ? Exact(s.value) : "null") + ", \"best_deviation\": " +
             (s.deviation >= 0 ? Json(set.actions[s.deviation]) : "null") +
             ", \"deviation_value\": " + (s.deviation >= 0 ? Exact(s.deviation_value) : "null") +
             ", \"margin\": " + (s.deviation >= 0 ? Exact(s.margin) : "null") +
             ", \"checked\": " + (s.checked ? "true" : "false") + "}";
    }
    out += "], \"weakest\": ";
    if (why.weakest >= 0) {
      const SetIncentive& w = why.sets[why.weakest];
      out += "{\"player\": " + Json(tree.player_name(w.player)) + ", \"infoset\": " + Json(tree.InfoSetName(w.infoset)) +
             ", \"margin\": " + Exact(w.margin) + "}";
    } else {
      out += "null";
    }
    out += ", \"sentence\": " + Json(why.sentence);
    if (why.lever) out += ", \"lever\": " + why_format::LeverJson(*why.lever);
    out += "}";
  }
  return out + "]";
}

}  // namespace sim::robustness
