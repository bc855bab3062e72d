// SPDX-License-Identifier: MIT
// .efg files without perfect recall (issue #17): solved in mixed strategies of their reduced
// strategic form when it fits (as Gambit does), with the report saying that behaviour
// strategies may not suffice; refused with the located perfect-recall message and the
// form's size when it does not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/cli/run_simulate.h"

namespace {

namespace fs = std::filesystem;
using ::sim::test::RunResult;
using ::sim::test::Simulate;
using ::sim::test::TempDir;
using ::testing::HasSubstr;

constexpr const char* kNote = "behaviour strategies may not suffice without perfect recall";

// Wichardt (2008), GEB 63, Fig. 1: no equilibrium in behaviour strategies; in mixed
// strategies the unique one is 1/2 (L,l) + 1/2 (R,r) against 1/2 1 + 1/2 2, value 0.
TEST(ImperfectRecallCli, WichardtsGameHasItsMixedEquilibriumAndTheNoteEverywhere) {
  RunResult r = Simulate({"solve", "tests/data/efg/wichardt2008.efg", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "equilibrium,kind,player,strategy,probability,payoff\n"
            "1,mixed,Player 1,root:L forgot:l,0.5,0\n"
            "1,mixed,Player 1,root:L forgot:r,0,0\n"
            "1,mixed,Player 1,root:R forgot:l,0,0\n"
            "1,mixed,Player 1,root:R forgot:r,0.5,0\n"
            "1,mixed,Player 2,guess:1,0.5,0\n"
            "1,mixed,Player 2,guess:2,0.5,0\n"
            "\nnote\n"
            "\"the game lacks perfect recall (tests/data/efg/wichardt2008.efg:12:1: error: nodes "
            "'L' and 'R' are in one information set of player 'Player 1', who reached them by "
            "different moves of its own: the game lacks perfect recall): solved in mixed "
            "strategies of its reduced strategic form; behaviour strategies may not suffice "
            "without perfect recall\"\n");
  r = Simulate({"solve", "tests/data/efg/wichardt2008.efg", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"perfect_recall\": false"));
  EXPECT_THAT(r.out, HasSubstr(kNote));
  r = Simulate({"solve", "tests/data/efg/wichardt2008.efg"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(kNote));
  EXPECT_THAT(r.out, HasSubstr("enum: 1 equilibrium (complete)"));
}

// von Neumann & Morgenstern (1944) section 6.4's bridge team, as written in
// forgotten_card.efg: the team signals its card to itself by its bid and always wins, so
// in every equilibrium the team gets 1 and the opponent -1.
TEST(ImperfectRecallCli, ForgottenCardTeamWinsInEveryEquilibrium) {
  RunResult r = Simulate({"solve", "tests/data/efg/forgotten_card.efg", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  int rows = 0;
  while (std::getline(lines, line) && !line.empty()) {
    const std::string payoff = line.substr(line.rfind(',') + 1);
    EXPECT_EQ(payoff, line.find(",Team,") != std::string::npos ? "1" : "-1") << line;
    ++rows;
  }
  EXPECT_GT(rows, 0);
  EXPECT_THAT(r.out, HasSubstr(kNote));
}

// A tree without perfect recall (player 1 forgets its first move: 'after L' and 'after R'
// share a set, line 41) whose strategic form is far too large: 17 more decisions of player 1
// under L give it up to 2^19 = 524,288 pure strategies.
std::string LargeImperfectRecallEfg() {
  std::string efg = "EFG 2 R \"large\" { \"P1\" \"P2\" }\n\"\"\n"
                    "p \"root\" 1 1 \"\" { \"L\" \"R\" } 0\n"
                    "p \"after L\" 1 2 \"\" { \"a\" \"b\" } 0\n";
  for (int k = 0; k < 17; ++k) {
    efg += "p \"c" + std::to_string(k) + "\" 1 " + std::to_string(k + 3) +
           " \"\" { \"go\" \"stop\" } 0\n";
    efg += "t \"\" " + std::to_string(k + 2) + " \"\" { " + std::to_string(k) + ", 0 }\n";
  }
  efg += "t \"\" 1 \"\" { 1, 1 }\n"
         "t \"\" 1 \"\" { 1, 1 }\n"
         "p \"after R\" 1 2 \"\" { \"a\" \"b\" } 0\n"
         "t \"\" 1 \"\" { 1, 1 }\n"
         "t \"\" 1 \"\" { 1, 1 }\n";
  return efg;
}

// A tree whose strategic form is far too large: the located perfect-recall refusal stays,
// with the size in the message; exit 2.
TEST(ImperfectRecallCli, TooLargeFormKeepsTheLocatedRefusalWithItsSize) {
  const fs::path file = TempDir() / "large_imperfect_recall.efg";
  std::ofstream(file) << LargeImperfectRecallEfg();
  RunResult r = Simulate({"solve", file.string()});
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_THAT(r.err, HasSubstr("large_imperfect_recall.efg:41:1: error: nodes 'after L' and "
                               "'after R' are in one information set of player 'P1'"));
  EXPECT_THAT(r.err, HasSubstr("the game lacks perfect recall; its strategic form, solved "
                               "instead when it fits, is too large: player 'P1' has up to "
                               "524288 pure strategies (limit 100000)"));
}

// `validate` accepts what `solve` accepts: Wichardt's game (its strategic form: player 1's
// four plans (L,l), (L,r), (R,l), (R,r) against player 2's two guesses) is ok, with the note;
// the tree whose form is too large gets solve's located refusal, exit 2.
TEST(ImperfectRecallCli, ValidateAcceptsWhatSolveSolves) {
  RunResult r = Simulate({"validate", "tests/data/efg/wichardt2008.efg"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("tests/data/efg/wichardt2008.efg: ok (Gambit game tree: 2 players, "
                               "15 nodes; lacks perfect recall: solved in mixed strategies of its "
                               "reduced strategic form, 4 x 2 strategies)"));
  const fs::path file = TempDir() / "large_imperfect_recall_validate.efg";
  std::ofstream(file) << LargeImperfectRecallEfg();
  r = Simulate({"validate", file.string()});
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_THAT(r.err, HasSubstr("large_imperfect_recall_validate.efg:41:1: error: nodes 'after L' "
                               "and 'after R' are in one information set of player 'P1'"));
  EXPECT_THAT(r.err, HasSubstr("its strategic form, solved instead when it fits, is too large"));
}

// The driver of tests/data/bad (refused before this issue) is solved now: its best plan
// (R, b) pays 1, in mixed strategies of a one-decision-maker form.
TEST(ImperfectRecallCli, ForgetfulDriverIsSolvedThroughItsStrategicForm) {
  RunResult r = Simulate({"solve", "tests/data/bad/tree_imperfect_recall.efg"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(kNote));
}

}  // namespace
