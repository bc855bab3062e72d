// SPDX-License-Identifier: MIT
#include "sim/model/rederive.h"

#include <algorithm>
#include <vector>

namespace sim::model {

void PositionsInto(const Scenario& scenario, std::span<const int> moves, std::span<double> x) {
  for (size_t k = 0; k < x.size(); ++k) x[k] = scenario.issues[k].status_quo;
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    const Move& move = scenario.actors[a].moves[moves[a]];
    for (const Effect& e : move.effects) x[e.issue] += e.delta;
    for (const ConditionalEffect& c : move.conditional_effects) {
      // Conditions look at moves only (never positions), as in Positions().
      if (!c.condition.Evaluate(x, moves)) continue;
      for (const Effect& e : c.effects) x[e.issue] += e.delta;
    }
  }
  for (double& v : x) v = std::clamp(v, 0.0, 1.0);
}

void RederiveGame(const Scenario& scenario, DerivedGame* derived) {
  NormalFormGame& game = derived->game;
  const int n = game.num_players();
  const int64_t profiles = game.num_profiles();
  const int issues = static_cast<int>(scenario.issues.size());
  // Scratch reused across calls on this thread: no allocation once warmed up.
  thread_local std::vector<int> moves;
  thread_local std::vector<double> x;
  moves.assign(n, 0);
  x.resize(issues);
  for (int64_t i = 0; i < profiles; ++i) {
    PositionsInto(scenario, moves, x);
    for (int k = 0; k < issues; ++k) derived->positions(i, k) = x[k];
    if (scenario.payoff_table) {
      for (int a = 0; a < n; ++a) game.set_payoff(i, a, scenario.payoff_table->payoffs[i][a]);
    } else {
      for (int a = 0; a < n; ++a) game.set_payoff(i, a, Utility(scenario, a, x, moves));
    }
    derived->outcome_class[i] = ClassifyOutcome(scenario, x, moves);
    for (int a = 0; a < n && ++moves[a] == game.num_strategies(a); ++a) moves[a] = 0;
  }
}

}  // namespace sim::model
