// SPDX-License-Identifier: MIT
// The `rounds:` block of a scenario: the (simultaneous) stage played `count` times, every
// actor seeing all earlier rounds, payoffs the discounted sum of the stage payoffs; issue
// positions carried over from round to round (`carry: positions`) or back at the status quo
// each round (`carry: reset`). model/build_rounds.h turns it into a game tree.
#pragma once

#include "sim/core/error.h"

namespace sim {

struct RoundsSpec {
  int count = 1;                 // T >= 1
  double discount = 1.0;         // delta in (0, 1]: round t's payoff weighs delta^(t-1)
  bool carry_positions = false;  // true: effects apply to the current positions
  SourceLocation location;       // the `rounds` key
};

}  // namespace sim
