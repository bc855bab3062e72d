// SPDX-License-Identifier: MIT
// The `rounds:` block of a scenario: the stage (simultaneous, `stages` or an explicit `tree`)
// played `count` times, every actor seeing all earlier rounds, payoffs the discounted sum of
// the stage payoffs; issue positions carried over from round to round (`carry: positions`)
// or back at the status quo each round (`carry: reset`). Private types (actors' `types:`, or
// the `resolute:` block of the actors listed under `resolute`) are drawn once, before round
// 1, and persist. `costs:` adds move costs that depend on the positions at the start of the
// round (re-imposing sanctions that were lifted costs more than keeping them, D4.6).
// `short_run:` actors are a new player every round who cares only about that round (the
// entrants of the chain store). model/build_rounds.h turns the block into a game tree.
#pragma once

#include <vector>

#include "sim/core/error.h"
#include "sim/scenario/predicate.h"

namespace sim {

// An extra cost of `actor`'s `move` in a round whose starting positions (and the round's
// moves) satisfy `when`.
struct PositionCost {
  int actor = -1;
  int move = -1;
  Predicate when;
  double cost = 0.0;
  SourceLocation location;
};

struct RoundsSpec {
  int count = 1;                 // T >= 1
  double discount = 1.0;         // delta in (0, 1]: round t's payoff weighs delta^(t-1)
  bool carry_positions = false;  // true: effects apply to the current positions
  std::vector<PositionCost> costs;
  std::vector<int> short_run;    // actor indices: one player per round, that round's payoff
  std::vector<int> resolute;     // actor indices: resolute type with prior = unpredictability
  SourceLocation location;       // the `rounds` key
};

}  // namespace sim
