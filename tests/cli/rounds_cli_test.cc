// SPDX-License-Identifier: MIT
// `rounds:` end to end: every class of bad rounds input is refused with exit 2 and a located
// FILE:LINE:COL error; the round table is a CSV sibling table after a blank line with the
// columns of issue #14, and a "rounds" field in JSON (README.md, scenarios/README.md).
#include <gtest/gtest.h>

#include "run_simulate.h"

namespace sim::test {
namespace {

// A 2x2 stage; `rounds` is appended as the file's last lines (line 9 on).
const std::string kStage =
    "actors:\n"                                   // 1
    "  usa:\n"                                    // 2
    "    moves: [hold, relief]\n"                 // 3
    "    unpredictability: 0.3\n"                 // 4
    "  russia: {moves: [wait, deescalate]}\n"     // 5
    "issues:\n"                                   // 6
    "  sanctions: {status_quo: 1}\n"              // 7
    "outcomes: [{name: any, when: \"true\"}]\n";  // 8

std::string Error(const std::string& name, const std::string& rounds) {
  const std::string path = WriteFile(name, kStage + rounds).string();
  const RunResult run = Simulate({"solve", path});
  EXPECT_EQ(run.status, 2) << name << ": " << run.err;
  EXPECT_EQ(run.err.rfind(path + ":", 0), 0u) << run.err;  // located in the file
  return run.err.substr(std::min(run.err.size(), path.size()));
}

TEST(RoundsCli, EveryClassOfBadRoundsInputIsLocated) {
  EXPECT_EQ(Error("short_run.yaml", "rounds: {count: 2, short_run: [nato]}\n"),
            ":9:32: error: unknown actor 'nato' in 'short_run' of 'rounds'\n"
            "  hint: actors: usa, russia\n");
  EXPECT_EQ(Error("twice.yaml", "rounds: {count: 2, short_run: [usa, usa]}\n"),
            ":9:37: error: actor 'usa' is listed twice in 'short_run'\n");
  EXPECT_EQ(Error("resolute.yaml", "rounds: {count: 2, resolute: [usa]}\n"),
            ":9:20: error: actor 'usa' in 'resolute' needs a 'resolute' block and no 'types'\n"
            "  hint: its resolute type has prior u (its unpredictability): describe the type "
            "under actors.usa.resolute\n");
  EXPECT_EQ(Error("cost_move.yaml",
                  "rounds: {count: 2, costs: [{move: usa.snap_back, when: \"true\", cost: 1}]}\n"),
            ":9:35: error: unknown move 'usa.snap_back' in a cost of 'rounds'\n"
            "  hint: write ACTOR.MOVE, e.g. usa.snap_back\n");
  EXPECT_EQ(Error("cost_when.yaml",
                  "rounds: {count: 2, costs: [{move: usa.relief, when: \"relief < 1\", cost: 1}]}\n")
                .substr(0, 37),
            ":9:54: error: unknown issue 'relief'\n");
  EXPECT_EQ(Error("cost_list.yaml", "rounds: {count: 2, costs: 3}\n"),
            ":9:27: error: expected a list of {move, when, cost} for 'costs' in 'rounds'\n"
            "  hint: e.g. costs: [{move: usa.snap_back, when: \"sanctions < 0.5\", cost: 0.3}]\n");
  EXPECT_EQ(Error("cost_number.yaml",
                  "rounds: {count: 2, costs: [{move: usa.relief, cost: lots}]}\n")
                .substr(0, 30),
            ":9:53: error: expected a numbe");
  // A sequential stage whose histories exceed the limit: counted before building.
  EXPECT_EQ(Error("histories.yaml",
                  "stages: [{actor: usa}, {actor: russia}]\nrounds: {count: 30}\n"),
            ":10:1: error: the 30-round game has 1152921504606846976 histories (2305843009213693951 "
            "nodes), more than the limit of 10000000 histories or 4000000 nodes\n"
            "  hint: fewer rounds, moves or types, or raise --max-profiles\n");
  // Chance stages cannot carry positions (their effects are not a move's).
  EXPECT_EQ(Error("chance.yaml",
                  "stages:\n  - actor: usa\n  - chance: congress\n    branches: {block: "
                  "{probability: 1/2}, pass: {probability: 1/2}}\nrounds: {count: 2, carry: "
                  "positions}\n"),
            ":13:1: error: 'rounds' with carry: positions cannot carry a chance stage's effects\n"
            "  hint: use carry: reset, or write the chance event as an actor's move\n");
}

TEST(RoundsCli, TheRoundTableIsACsvSiblingTableAndAJsonField) {
  const RunResult csv = Simulate({"solve", "tests/data/repeated/chain_store.yaml", "--format", "csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  const size_t at = csv.out.find("\n\nround,history,player,action,probability,belief_of,type,belief\n");
  ASSERT_NE(at, std::string::npos) << csv.out;
  // Kreps & Wilson at prior 1/5 (tests/model/rounds_types_test.cc): the first entrant stays
  // out; the belief that the incumbent is tough is 1/5 before round 2.
  EXPECT_NE(csv.out.find("\n1,,entrant@r1,out,1,,,\n", at), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("\n2,out,,,,incumbent,tough,0.2"), std::string::npos) << csv.out;
  const RunResult json = Simulate({"solve", "tests/data/repeated/chain_store.yaml", "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_NE(json.out.find("\"rounds\":{\"behaviour\":[{\"round\":1,\"history\":\"\",\"player\":"
                          "\"entrant@r1\",\"type\":null,\"actions\":{\"out\":1,\"in\":0}}"),
            std::string::npos)
      << json.out;
}

}  // namespace
}  // namespace sim::test
