// SPDX-License-Identifier: MIT
#include "sim/robustness/why.h"

#include "sim/robustness/why_format.h"

#include <charconv>
#include <cmath>

#include "sim/model/build_game.h"
#include "sim/model/rederive.h"
#include "sim/solve/registry.h"

namespace sim::robustness {
namespace {

using why_format::Exact;
using why_format::Json;
using why_format::Short;

// Payoff of `actor` playing `move` against the others' strategies of `profile`.
double DeviationPayoff(const NormalFormGame& game, const MixedProfile& profile, int actor, int move) {
  const int n = game.num_players();
  std::vector<int> moves(n, 0);
  double total = 0;
  for (int64_t i = 0; i < game.num_profiles(); ++i) {
    if (moves[actor] == move) {
      double p = 1;
      for (int b = 0; b < n && p > 0; ++b)
        if (b != actor) p *= profile.strategies[b](moves[b]);
      if (p > 0) total += p * game.payoff(i, actor);
    }
    for (int b = 0; b < n && ++moves[b] == game.num_strategies(b); ++b) moves[b] = 0;
  }
  return total;
}

double Margin(const NormalFormGame& game, const MixedProfile& profile, const PlayerIncentive& p) {
  double own = 0;
  for (size_t k = 0; k < p.support.size(); ++k)
    own += p.probability[k] * DeviationPayoff(game, profile, p.actor, p.support[k]);
  return own - DeviationPayoff(game, profile, p.actor, p.deviation);
}

}  // namespace

WhyReport ExplainEquilibria(const Scenario& scenario, const std::vector<solve::Equilibrium>* given) {
  WhyReport report;
  if (scenario.tree_game()) return report;
  const model::DerivedGame derived = model::BuildGame(scenario);
  const NormalFormGame& game = derived.game;
  const std::vector<solve::Equilibrium> equilibria =
      given ? *given : solve::SolveWithDefaults(game, solve::SolveOptions{}).equilibria;
  Scenario copy = scenario;
  const std::vector<RangedNumber> numbers = RangedNumbers(copy);
  model::DerivedGame moved = derived;

  for (const solve::Equilibrium& eq : equilibria) {
    EquilibriumWhy why;
    why.outcome = derived.outcome_names[model::DescribeProfile(derived, eq.profile).modal_outcome];
    double weakest = INFINITY;
    for (int a = 0; a < game.num_players(); ++a) {
      const Actor& actor = scenario.actors[a];
      PlayerIncentive p;
      p.actor = a;
      for (int m = 0; m < game.num_strategies(a); ++m) {
        if (eq.profile.strategies[a](m) > 1e-9) {
          p.support.push_back(m);
          p.probability.push_back(eq.profile.strategies[a](m));
        }
      }
      double best = -INFINITY;
      for (int m = 0; m < game.num_strategies(a); ++m) {
        if (eq.profile.strategies[a](m) > 1e-9) continue;
        const double d = DeviationPayoff(game, eq.profile, a, m);
        if (d > best) best = d, p.deviation = m;
      }
      if (p.deviation >= 0) p.margin = Margin(game, eq.profile, p);
      why.profile += (a ? " + " : "");
      for (size_t k = 0; k < p.support.size(); ++k)
        why.profile += (k ? "/" : "") + actor.id + "." + actor.moves[p.support[k]].id +
                       (p.support.size() > 1 ? " " + Short(p.probability[k]) : "");
      if (p.deviation >= 0 && p.margin < weakest) weakest = p.margin, why.weakest = a;
      why.players.push_back(p);
    }
    if (why.weakest >= 0) {
      const PlayerIncentive& p = why.players[why.weakest];
      const Actor& actor = scenario.actors[p.actor];
      const Move& dev = actor.moves[p.deviation];
      std::string plays;
      if (p.support.size() == 1) {
        plays = "keeps " + actor.moves[p.support[0]].id;
      } else {
        plays = "mixes";
        for (size_t k = 0; k < p.support.size(); ++k)
          plays += (k ? " / " : " ") + actor.moves[p.support[k]].id + " " + Short(p.probability[k]);
      }
      why.sentence = actor.id + " " + plays + ": moving to " + dev.id +
                     (dev.description.empty() ? "" : " (" + dev.description + ")") + " would cost it " +
                     Short(p.margin);
      // The lever: central differences of the weakest margin, strategies held fixed.
      double best_effect = 0;
      for (size_t j = 0; j < numbers.size(); ++j) {
        Scenario trial = scenario;
        double* slot = FindNumber(trial, numbers[j].path).slot->value;
        const auto [lo, hi] = numbers[j].distribution.Support();
        const double width = std::isfinite(hi - lo) ? hi - lo : 1.0;
        const double h = 1e-4 * width;
        double m[2];
        for (int side = 0; side < 2; ++side) {
          *slot = numbers[j].base + (side ? h : -h);
          model::RederiveGame(trial, &moved);
          m[side] = Margin(moved.game, eq.profile, p);
        }
        const double derivative = (m[1] - m[0]) / (2 * h);
        const double effect = std::fabs(derivative) * width;
        if (effect > best_effect * (1 + 1e-9) && effect > 1e-12) {
          best_effect = effect;
          Lever lever;
          lever.path = numbers[j].path;
          lever.derivative = derivative;
          lever.low = lo;
          lever.high = hi;
          const double zero = numbers[j].base - p.margin / derivative;
          if (zero >= lo && zero <= hi) lever.breaks_at = zero;
          why.lever = lever;
        }
      }
    } else {
      why.sentence = "every player mixes all its moves: each is indifferent (margin 0)";
    }
    report.equilibria.push_back(std::move(why));
  }
  return report;
}

std::string WhyTable(const WhyReport& report) {
  std::string out = "Why each equilibrium holds (incentive margins: what the best deviation would cost):\n";
  for (size_t e = 0; e < report.equilibria.size(); ++e) {
    const EquilibriumWhy& why = report.equilibria[e];
    out += "  " + std::to_string(e + 1) + ". " + why.profile + " -> " + why.outcome + "\n";
    out += "     weakest: " + why.sentence + "\n";
    if (why.lever) out += why_format::LeverLine(*why.lever);
  }
  return out + "\n";
}

std::string WhyJson(const WhyReport& report) {
  std::string out = "[";
  for (size_t e = 0; e < report.equilibria.size(); ++e) {
    const EquilibriumWhy& why = report.equilibria[e];
    out += std::string(e ? ", " : "") + "{\"profile\": " + Json(why.profile) + ", \"outcome\": " + Json(why.outcome) +
           ", \"players\": [";
    for (size_t k = 0; k < why.players.size(); ++k) {
      const PlayerIncentive& p = why.players[k];
      out += std::string(k ? ", " : "") + "{\"actor\": " + std::to_string(p.actor) + ", \"best_deviation\": " +
             (p.deviation >= 0 ? std::to_string(p.deviation) : "null") +
             ", \"margin\": " + (p.deviation >= 0 ? Exact(p.margin) : "null") + "}";
    }
    out += "], \"weakest_actor\": " + (why.weakest >= 0 ? std::to_string(why.players[why.weakest].actor) : "null") +
           ", \"sentence\": " + Json(why.sentence);
    if (why.lever) out += ", \"lever\": " + why_format::LeverJson(*why.lever);
    out += "}";
  }
  return out + "]";
}

}  // namespace sim::robustness
