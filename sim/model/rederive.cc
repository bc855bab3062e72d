// SPDX-License-Identifier: MIT
#include "sim/model/rederive.h"

#include <algorithm>
#include <vector>

namespace sim::model {

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
