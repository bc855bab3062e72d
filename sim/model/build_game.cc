// SPDX-License-Identifier: MIT
#include "sim/model/build_game.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/core/error.h"
#include "sim/core/tolerance.h"

namespace sim::model {

void PositionsInto(const Scenario& scenario, std::span<const int> moves, std::span<double> x) {
  for (size_t k = 0; k < x.size(); ++k) x[k] = scenario.issues[k].status_quo;
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    const Move& move = scenario.actors[a].moves[moves[a]];
    for (const Effect& e : move.effects) x[e.issue] += e.delta;
    for (const ConditionalEffect& c : move.conditional_effects) {
      // Conditions look at moves only (never positions), so the order of effects is moot.
      if (!c.condition.Evaluate(x, moves)) continue;
      for (const Effect& e : c.effects) x[e.issue] += e.delta;
    }
  }
  for (double& v : x) v = std::clamp(v, 0.0, 1.0);
}

std::vector<double> Positions(const Scenario& scenario, std::span<const int> moves) {
  std::vector<double> x(scenario.issues.size());
  PositionsInto(scenario, moves, x);
  return x;
}

double Utility(const Scenario& scenario, int actor, std::span<const double> x,
               std::span<const int> moves) {
  const Actor& a = scenario.actors[actor];
  double u = 0.0;
  for (size_t k = 0; k < a.stakes.size(); ++k) {
    const double gap = x[k] - a.stakes[k].ideal;
    u -= a.stakes[k].salience * gap * gap;
  }
  u -= a.moves[moves[actor]].cost;
  for (const UtilityTerm& term : a.terms) {
    if (term.when.Evaluate(x, moves)) u += term.value;
  }
  return u;
}

int ClassifyOutcome(const Scenario& scenario, std::span<const double> x,
                    std::span<const int> moves) {
  for (size_t c = 0; c < scenario.outcomes.size(); ++c) {
    if (scenario.outcomes[c].when.Evaluate(x, moves)) return static_cast<int>(c);
  }
  return static_cast<int>(scenario.outcomes.size());  // "other"
}

namespace {

// Every number of a scenario is finite (the loader checks), but a sum of them need not be:
// two costs of -1e308 add up to -inf. An infinite utility would turn into silent inf/NaN
// regrets and probabilities downstream, so it is refused, located at the actor.
[[noreturn]] void ThrowOverflow(const Scenario& scenario, int actor, std::span<const int> moves) {
  std::string profile;
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    profile += (a ? ", " : "") + scenario.actors[a].id + "." + scenario.actors[a].moves[moves[a]].id;
  }
  throw InputError(scenario.actors[actor].location,
                   "the utility of actor '" + scenario.actors[actor].id +
                       "' overflows (is not a finite double) when " + profile +
                       " are played: its saliences, costs and term values add up beyond "
                       "+/-1.8e308",
                   "scale this actor's numbers down: dividing all of them by the same factor "
                   "changes no equilibrium");
}

}  // namespace

DerivedGame BuildGame(const Scenario& scenario) {
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  for (const Actor& actor : scenario.actors) {
    players.push_back(actor.id);
    std::vector<std::string> names;
    for (const Move& move : actor.moves) names.push_back(move.id);
    strategies.push_back(std::move(names));
  }
  DerivedGame derived{NormalFormGame(players, strategies, scenario.title), {}, {}, {}, {}};
  NormalFormGame& game = derived.game;
  const int n = game.num_players();
  const int64_t profiles = game.num_profiles();
  const int issues = static_cast<int>(scenario.issues.size());
  derived.positions.resize(profiles, issues);
  derived.outcome_class.resize(profiles);
  for (const OutcomeClass& c : scenario.outcomes) derived.outcome_names.push_back(c.name);
  derived.outcome_names.push_back(kOtherOutcome);
  for (const Issue& issue : scenario.issues) derived.issue_names.push_back(issue.id);

  std::vector<int> moves(n, 0);
  for (int64_t i = 0; i < profiles; ++i) {
    std::vector<double> x = Positions(scenario, moves);
    for (int k = 0; k < issues; ++k) derived.positions(i, k) = x[k];
    if (scenario.payoff_table) {
      for (int a = 0; a < n; ++a) game.set_payoff(i, a, scenario.payoff_table->payoffs[i][a]);
    } else {
      for (int a = 0; a < n; ++a) {
        const double u = Utility(scenario, a, x, moves);
        if (!std::isfinite(u)) ThrowOverflow(scenario, a, moves);
        game.set_payoff(i, a, u);
      }
    }
    derived.outcome_class[i] = ClassifyOutcome(scenario, x, moves);
    // Next profile in game order: the first actor's move changes fastest.
    for (int a = 0; a < n && ++moves[a] == game.num_strategies(a); ++a) moves[a] = 0;
  }
  return derived;
}

}  // namespace sim::model

namespace sim::model {

ProfileMeaning DescribeProfile(const DerivedGame& derived, const MixedProfile& profile) {
  const NormalFormGame& game = derived.game;
  ProfileMeaning meaning;
  meaning.outcome_probability.assign(derived.outcome_names.size(), 0.0);
  meaning.expected_positions = Eigen::VectorXd::Zero(derived.positions.cols());
  const int n = game.num_players();
  // Odometer over the supports (zero-probability strategies skipped).
  std::vector<std::vector<int>> support(n);
  for (int p = 0; p < n; ++p) {
    for (int s = 0; s < game.num_strategies(p); ++s) {
      if (profile.strategies[p](s) > 0.0) support[p].push_back(s);
    }
    if (support[p].empty()) return meaning;
  }
  std::vector<size_t> cursor(n, 0);
  while (true) {
    int64_t index = 0;
    double probability = 1.0;
    for (int p = 0; p < n; ++p) {
      const int s = support[p][cursor[p]];
      index += s * game.stride(p);
      probability *= profile.strategies[p](s);
    }
    meaning.outcome_probability[derived.outcome_class[index]] += probability;
    // No issues (a payoff table): skip, since Eigen's row() of a 0-column matrix does
    // arithmetic on a null pointer (undefined behaviour, found by fuzz_scenario).
    if (derived.positions.cols() > 0) {
      meaning.expected_positions += probability * derived.positions.row(index).transpose();
    }
    int p = 0;
    while (p < n && ++cursor[p] == support[p].size()) cursor[p++] = 0;
    if (p == n) break;
  }
  for (size_t c = 1; c < meaning.outcome_probability.size(); ++c) {
    if (meaning.outcome_probability[c] > meaning.outcome_probability[meaning.modal_outcome] +
                                                kProbabilityTieTolerance)
      meaning.modal_outcome = static_cast<int>(c);
  }
  return meaning;
}

}  // namespace sim::model
