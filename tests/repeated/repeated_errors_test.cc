// SPDX-License-Identifier: MIT
// Bad `repeated:` blocks and automata: one class per file in tests/data/bad/ (the CLI's
// bad-input test replays them through validate and the main job; repeated_cli_test through
// `simulate repeated`), each with its exact compiler-style diagnostics.
#include <gtest/gtest.h>

#include <string>

#include "sim/repeated/build.h"
#include "sim/scenario/load.h"

namespace sim {
namespace {

std::string Bad(const std::string& name) {
  return std::string(SIM_SOURCE_DIR "/tests/data/bad/") + name + ".yaml";
}

std::string LoadError(const std::string& path) {
  try {
    LoadScenario(path);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

TEST(RepeatedErrors, UnknownMoveIsLocated) {
  const std::string f = Bad("repeated_unknown_move");
  EXPECT_EQ(LoadError(f), f + ":11:28: error: unknown move 'cooperate' of actor 'col' in 'cooperate'\n  hint: moves: c, d");
}

TEST(RepeatedErrors, MissingActorIsLocated) {
  const std::string f = Bad("repeated_missing_actor");
  EXPECT_EQ(LoadError(f), f + ":12:3: error: 'defect' of 'repeated' has no move for actor 'col'\n  hint: name one move per actor, e.g. defect: {col: c}");
}

TEST(RepeatedErrors, UnknownStrategyIsLocated) {
  const std::string f = Bad("repeated_unknown_strategy");
  EXPECT_EQ(LoadError(f), f + ":13:22: error: unknown strategy 'titfortat'\n  hint: strategies: allc, alld, grim, tft, gtft, wsls, steps");
}

TEST(RepeatedErrors, BadParameterIsLocated) {
  const std::string f = Bad("repeated_bad_parameter");
  EXPECT_EQ(LoadError(f), f + ":13:22: error: bad parameter '1.5' of strategy 'gtft'\n  hint: gtft:G takes a generosity G in [0, 1]");
}

TEST(RepeatedErrors, BadDiscountIsLocated) {
  const std::string f = Bad("repeated_bad_discount");
  EXPECT_EQ(LoadError(f), f + ":11:13: error: discount must be below 1, got 1\n  hint: the normalised value (1 - discount) x sum needs discount < 1");
}

TEST(RepeatedErrors, UnknownStateIsLocated) {
  const std::string f = Bad("repeated_unknown_state");
  EXPECT_EQ(LoadError(f), f + ":16:68: error: unknown state 'angry' in 'go' of automaton 'sulky'\n  hint: states: nice");
}

TEST(RepeatedErrors, UnknownPlayerIsLocated) {
  const std::string f = Bad("repeated_unknown_player");
  EXPECT_EQ(LoadError(f), f + ":16:48: error: unknown player 'others' in 'when' of state 'nice' of automaton 'sulky'\n  hint: did you mean 'other'? players: self, other, row, col");
}

TEST(RepeatedErrors, StateKeyIsLocated) {
  const std::string f = Bad("repeated_state_key");
  EXPECT_EQ(LoadError(f), f + ":16:9: error: state 'nice' of automaton 'sulky' has no 'play'\n" + f + ":16:16: error: unknown key 'move' in state 'nice' of automaton 'sulky'\n  hint: allowed keys: play, next");
}

TEST(RepeatedErrors, ShortLadderIsLocated) {
  const std::string f = Bad("repeated_short_ladder");
  EXPECT_EQ(LoadError(f), f + ":13:35: error: the ladder of actor 'row' must be a list of at least two moves, got 1 move(s)\n  hint: rungs go from the least to the most conciliatory, e.g. [stand_pat, small_step, grand_offer]");
}

TEST(RepeatedErrors, SequentialIsLocated) {
  const std::string f = Bad("repeated_sequential");
  EXPECT_EQ(LoadError(f), f + ":11:1: error: 'repeated' needs a simultaneous stage game; this scenario is sequential\n  hint: remove 'stages' or 'tree': the stage is one round of simultaneous moves");
}

// A move one seat lacks is found when the automata are built for each seat.
TEST(RepeatedErrors, AutomatonPlayingAMoveOneActorLacksIsLocatedAtPlay) {
  const std::string f = std::string(SIM_SOURCE_DIR "/tests/data/repeated/bad_play_move.yaml");
  try {
    repeated::BuildRepeatedGame(LoadScenario(f));
    ADD_FAILURE() << "built without error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              f + ":19:19: error: automaton 'bluffer' in state 'b' plays 'bluff', which actor "
                  "'col' cannot play\n  hint: play 'cooperate' or 'defect' (each actor's own "
                  "move), or list the automaton only where every seat has the move");
  }
}

TEST(RepeatedErrors, UnknownStrategyOnTheCommandLineNamesTheKnownOnes) {
  const std::string f = std::string(SIM_SOURCE_DIR "/tests/data/repeated/prisoners_dilemma.yaml");
  try {
    repeated::BuildRepeatedGame(LoadScenario(f), {"grim", "titfortat"});
    ADD_FAILURE() << "built without error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "<--strategies>:1:1: error: unknown strategy 'titfortat'\n  hint: strategies: allc, "
              "alld, grim, tft, gtft, wsls, steps, tf2t, punish2");
  }
}

}  // namespace
}  // namespace sim
