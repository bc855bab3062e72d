// SPDX-License-Identifier: MIT
// The `repeated:` block of a scenario, as written: which move is "cooperate" and which is
// "defect" for each actor, the strategies to compare, the parameters of the built-in
// strategies, and the user's own automata. Names are resolved and checked by the loader
// (sim/scenario/repeated_section.cc); turning this into automata over the stage game is
// sim/repeated/'s job. Reference: scenarios/README.md, "Repeated play".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"

namespace sim {

// One condition of a transition: what `who` did in the round just played. `who` is
// kRepeatedSelf (the automaton's own player), kRepeatedOther (every other actor must match)
// or an actor index. `moves` lists the words that match, any of them: "cooperate" (the
// actor's cooperate move), "defect" (any move but the cooperate move) or a move id.
inline constexpr int kRepeatedSelf = -1;
inline constexpr int kRepeatedOther = -2;
struct RepeatedCondition {
  int who = kRepeatedOther;
  std::vector<std::string> moves;
  SourceLocation location;
};

// `{when: {WHO: MOVES, ...}, go: STATE}`: all conditions must hold (none: always).
struct RepeatedRule {
  std::vector<RepeatedCondition> when;
  int go = -1;  // index of the target state
  SourceLocation location;
};

// A state of a user automaton: the move it plays ("cooperate", "defect" or a move id; or
// one of those per actor, `play: {usa: small_step, russia: quick_win}`) and its rules,
// tried in order; when none matches the automaton stays where it is.
struct RepeatedState {
  std::string name;
  std::string play;                       // "" when given per actor
  std::vector<std::string> play_by_actor;  // per actor ("" = not given), or empty
  std::vector<RepeatedRule> rules;
  SourceLocation location;
  SourceLocation play_location;
};

struct RepeatedAutomaton {
  std::string name;
  int start = 0;  // index into states
  std::vector<RepeatedState> states;
  SourceLocation location;
};

// A strategy named in `strategies:`: a built-in (allc, alld, grim, tft, gtft, wsls, steps)
// with its optional parameter (`gtft:0.2`, `steps:3`), or a user automaton's name.
struct RepeatedStrategyName {
  std::string text;       // as written, e.g. "gtft:0.2"
  std::string base;       // "gtft"
  std::optional<double> parameter;
  SourceLocation location;
};

struct RepeatedSpec {
  std::optional<double> discount;   // `discount:` in [0, 1); --discount overrides it
  std::vector<int> cooperate;       // per actor: move index
  std::vector<int> defect;          // per actor: move index
  std::vector<RepeatedStrategyName> strategies;  // empty: every built-in, then the automata
  double generosity = 0.1;          // gtft's default forgiveness probability
  int quiet = 2;                    // steps' default k (quiet rounds before the next rung)
  std::vector<std::vector<int>> ladder;  // per actor; empty: [defect, cooperate]
  std::vector<RepeatedAutomaton> automata;
  SourceLocation location;          // the `repeated` key
};

// The built-in strategy names, in their default order.
inline const std::vector<std::string>& BuiltinRepeatedStrategies() {
  static const std::vector<std::string> names = {"allc", "alld", "grim", "tft",
                                                 "gtft", "wsls", "steps"};
  return names;
}

}  // namespace sim
