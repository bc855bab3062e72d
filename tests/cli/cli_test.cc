// SPDX-License-Identifier: MIT
// End-to-end tests of the `simulate` binary: exit statuses, located error messages, the solve
// CSV contract, --set, --output atomicity. The binary's path comes from $SIM_SIMULATE
// (set by CTest), falling back to the build tree.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli/run_simulate.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using ::sim::test::RunResult;
using ::sim::test::Simulate;
using ::sim::test::Slurp;
using ::sim::test::TempDir;
using ::sim::test::WriteFile;

TEST(Cli, VersionPrintsAndSucceeds) {
  RunResult r = Simulate({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.out, StartsWith("simulate "));
}

TEST(Cli, DetenteMainJobSucceedsAndNamesOutcomes) {
  RunResult r = Simulate({"scenarios/detente.yaml"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("usa \\ russia"));
  EXPECT_THAT(r.out, HasSubstr("detente"));
  EXPECT_THAT(r.out, HasSubstr("Security levels"));
}

TEST(Cli, SolveCsvHasContractHeaderAndRows) {
  RunResult r = Simulate({"solve", "scenarios/classic/prisoners_dilemma.yaml", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header, "equilibrium,kind,player,strategy,probability,payoff");
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    ++rows;
    EXPECT_THAT(line, StartsWith("1,pure,"));
  }
  EXPECT_EQ(rows, 4);  // 1 equilibrium x 2 players x 2 strategies, zeros included
}

TEST(Cli, SetOverridesANestedPath) {
  // Raising Russia's audience cost to zero must not break the run; a salience set to a
  // negative number through --set must be refused as out of range (exit 2).
  RunResult ok = Simulate({"scenarios/detente.yaml", "--set", "actors.russia.stakes.ukraine.salience=0.1",
                     "--format", "json"});
  ASSERT_EQ(ok.status, 0) << ok.err;
  RunResult base = Simulate({"scenarios/detente.yaml", "--format", "json"});
  EXPECT_NE(ok.out, base.out);  // the derived payoffs changed
  RunResult bad = Simulate({"scenarios/detente.yaml", "--set", "actors.russia.stakes.ukraine.salience=-1"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("error:"));
  EXPECT_THAT(bad.err, HasSubstr("salience"));
}

TEST(Cli, SetOnUnknownPathIsBadUsage) {
  RunResult r = Simulate({"scenarios/detente.yaml", "--set", "actors.usa.nonsense.deep=1"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("error:"));
}

TEST(Cli, MissingFileExitsTwoWithLocatedMessage) {
  RunResult r = Simulate({"no/such/file.yaml"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, StartsWith("no/such/file.yaml"));
  EXPECT_THAT(r.err, HasSubstr("error:"));
}

TEST(Cli, SyntaxErrorExitsTwoWithLineAndColumn) {
  fs::path bad = WriteFile("syntax.yaml", "issues:\n  a: [1, 2\nactors: {}\n");
  RunResult r = Simulate({bad.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, StartsWith(bad.string() + ":"));
  EXPECT_THAT(r.err, ::testing::ContainsRegex(":[0-9]+:[0-9]+: error: "));
}

TEST(Cli, ValidateReportsUnknownTopLevelKeyAtItsOwnLine) {
  std::string text = Slurp(fs::path(SIM_SOURCE_DIR) / "scenarios/classic/prisoners_dilemma.yaml");
  text += "\nbogus_key: 1\n";
  int line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  fs::path bad = WriteFile("unknown_key.yaml", text);
  RunResult r = Simulate({"validate", bad.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, StartsWith(bad.string() + ":" + std::to_string(line) + ":1: error: "));
  EXPECT_THAT(r.err, HasSubstr("bogus_key"));
}

TEST(Cli, ValidateGoodFilesSucceeds) {
  RunResult r = Simulate({"validate", "scenarios/detente.yaml", "scenarios/classic/chicken.yaml"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("scenarios/detente.yaml: ok"));
}

TEST(Cli, UnknownOptionIsBadUsage) {
  RunResult r = Simulate({"scenarios/detente.yaml", "--no-such-option"});
  EXPECT_EQ(r.status, 2);
}

TEST(Cli, UnknownMethodNamesTheAvailableOnes) {
  RunResult r = Simulate({"solve", "scenarios/detente.yaml", "--method", "magic"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown method 'magic'"));
  EXPECT_THAT(r.err, HasSubstr("pure"));
}

TEST(Cli, OutputIsWrittenWholeOrNotAtAll) {
  fs::path target = TempDir() / "result.csv";
  fs::remove(target);
  RunResult ok = Simulate({"solve", "scenarios/classic/chicken.yaml", "--format", "csv", "--output",
                     target.string()});
  ASSERT_EQ(ok.status, 0) << ok.err;
  EXPECT_THAT(Slurp(target), StartsWith("equilibrium,kind,player"));
  EXPECT_EQ(ok.out, "");

  fs::path failed = TempDir() / "failed.csv";
  fs::remove(failed);
  RunResult bad = Simulate({"no/such/file.yaml", "--output", failed.string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_FALSE(fs::exists(failed));
  for (const auto& entry : fs::directory_iterator(TempDir()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << entry.path();
}

TEST(Cli, OversizeGameIsRefusedWithLimitHint) {
  // 10 actors with 10 moves each: 10^10 profiles, over the default limit of 10^7.
  std::string text = "actors:\n";
  for (int a = 0; a < 10; ++a) {
    text += "  a" + std::to_string(a) + ":\n    moves: [";
    for (int m = 0; m < 10; ++m) text += (m ? ", m" : "m") + std::to_string(m);
    text += "]\n";
  }
  fs::path big = WriteFile("big.yaml", text);
  RunResult r = Simulate({big.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("error:"));
  EXPECT_THAT(r.err, HasSubstr("10000000"));
}

}  // namespace

namespace {

TEST(Cli, RepeatedSetBeforeTheScenarioKeepsThePositional) {
  RunResult r = Simulate({"--set", "actors.usa.unpredictability=0.5", "--set",
                          "actors.russia.unpredictability=0.2", "scenarios/detente.yaml"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Equilibria"));
}

}  // namespace

namespace {

// Every file in tests/data/bad/ is one class of bad input (syntax error, unknown key,
// duplicate key, wrong type, out-of-range number, NaN/inf, empty file, oversize game, ...).
// Through the CLI each must exit 2 with the compiler-style location of its first problem.
TEST(Cli, EveryBadInputFileExitsTwoWithALocatedError) {
  const fs::path dir = fs::path(SIM_SOURCE_DIR) / "tests/data/bad";
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string relative = "tests/data/bad/" + entry.path().filename().string();
    for (const char* command : {"validate", "run"}) {
      RunResult r = std::string(command) == "validate" ? Simulate({"validate", relative})
                                                       : Simulate({relative});
      EXPECT_EQ(r.status, 2) << command << " " << relative << "\n" << r.err;
      EXPECT_THAT(r.err, ::testing::ContainsRegex("^" + relative + ":[0-9]+(:[0-9]+)?: error: "))
          << command << " " << relative;
      EXPECT_EQ(r.out.find("Equilibria"), std::string::npos) << relative;
    }
  }
  EXPECT_GE(files, 10);
}

}  // namespace

namespace {

// Shared actors (issue #15 item 1): the report and its JSON list the shared actors a scenario
// takes and every number it overrides, with the shared value and the stated reason.
TEST(Cli, ReportListsSharedActorsAndOverridesWithTheirReasons) {
  RunResult table = Simulate({"scenarios/detente_sequential.yaml"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, ::testing::HasSubstr("Shared actors: usa (scenarios/actors/usa.yaml)"));
  EXPECT_THAT(table.out, ::testing::HasSubstr("override usa.stakes.sanctions.ideal = 0.8 (shared 0.5): "));
  RunResult json = Simulate({"scenarios/detente_sequential.yaml", "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_THAT(json.out, ::testing::HasSubstr("{\"actor\": \"usa\", \"path\": \"stakes.sanctions.ideal\", "
                                             "\"value\": \"0.8\", \"shared_value\": \"0.5\""));
}

}  // namespace
