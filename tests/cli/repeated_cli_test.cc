// SPDX-License-Identifier: MIT
// `simulate repeated` end to end: the CSV contract (product.md), the grim-trigger threshold
// through the CLI (Friedman 1971), sweeps over the discount and over unpredictability,
// Monte Carlo reproducibility, and bad input (exit 2, located).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "tests/cli/run_simulate.h"

namespace sim::test {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

const char* kPd = "tests/data/repeated/prisoners_dilemma.yaml";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// One row per pair x player; grim/grim's critical discount is (T - R) / (T - P) = 1/2 for
// Axelrod's payoffs 5 > 3 > 1 > 0 without noise (Friedman 1971; Osborne 2004, ch. 14).
TEST(RepeatedCli, CsvHasOneRowPerPairAndPlayerAndGrimThreshold) {
  const RunResult r = Simulate({"repeated", kPd, "--strategies", "grim,tft,alld", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u + 9 * 2);
  EXPECT_EQ(lines[0], "pair,player,strategy,value,equilibrium,critical_discount");
  EXPECT_THAT(lines[1], ContainsRegex("^grim/grim,row,grim,3,true,0\\.4999999999"));
  EXPECT_THAT(r.out, HasSubstr("alld/alld,col,alld,1,true,0\n"));
  EXPECT_THAT(r.out, HasSubstr("tft/tft,row,tft,3,false,\n"));  // tft is not subgame perfect
}

TEST(RepeatedCli, TableAndJsonCarryTheTournament) {
  const RunResult table = Simulate({"repeated", kPd, "--set", "actors.row.unpredictability=0.1",
                                    "--set", "actors.col.unpredictability=0.1"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Tournament"));
  EXPECT_THAT(table.out, HasSubstr("tf2t"));  // the file's own automaton joins the built-ins
  const RunResult json = Simulate({"repeated", kPd, "--strategies", "grim,tft", "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"tournament\": ["));
  EXPECT_THAT(json.out, HasSubstr("\"critical_discount\": null"));
}

TEST(RepeatedCli, VaryDiscountAndUnpredictabilityPrefixesTheCsv) {
  const RunResult r = Simulate({"repeated", kPd, "--strategies", "grim", "--format", "csv",
                                "--vary", "discount=0.3:0.6:2", "--vary",
                                "actors.row.unpredictability=0:0.1:2"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u + 4 * 2);
  EXPECT_EQ(lines[0],
            "discount,actors.row.unpredictability,pair,player,strategy,value,equilibrium,"
            "critical_discount");
  EXPECT_THAT(lines[1], ContainsRegex("^0\\.3,0,grim/grim,row,grim,(3|2\\.99999999[0-9]*),false,0\\.4999"));
  EXPECT_THAT(lines[5], ContainsRegex("^0\\.6,0,grim/grim,row,grim,3(\\.00000000[0-9]*)?,true,0\\.4999"));
}

TEST(RepeatedCli, MonteCarloIsReproducibleWithTheSeed) {
  const std::vector<std::string> args = {"repeated", kPd, "--strategies", "tft,wsls", "--set",
                                         "actors.row.unpredictability=0.2", "--simulate-plays",
                                         "500", "--seed", "11", "--format", "json"};
  const RunResult a = Simulate(args), b = Simulate(args);
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_THAT(a.out, HasSubstr("\"monte_carlo\": {\"mean\": ["));
  EXPECT_THAT(a.out, HasSubstr("\"seed\": 11"));
}

TEST(RepeatedCli, OutputFileIsWritten) {
  const fs::path out = TempDir() / "repeated.csv";
  const RunResult r = Simulate({"repeated", kPd, "--strategies", "grim", "--format", "csv",
                                "--output", out.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(Slurp(out), HasSubstr("pair,player,strategy,value,equilibrium,critical_discount\n"));
}

// Every bad `repeated:` class in tests/data/bad/ exits 2 with its location, through the
// repeated command too; so do the command-line mistakes.
TEST(RepeatedCli, BadInputExitsTwoWithALocatedError) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SIM_SOURCE_DIR) / "tests/data/bad")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("repeated_", 0) != 0) continue;
    ++files;
    const std::string relative = "tests/data/bad/" + name;
    const RunResult r = Simulate({"repeated", relative, "--discount", "0.9"});
    EXPECT_EQ(r.status, 2) << relative << "\n" << r.err;
    EXPECT_THAT(r.err, ContainsRegex("^" + relative + ":[0-9]+:[0-9]+: error: ")) << relative;
    EXPECT_TRUE(r.out.empty()) << relative;
  }
  EXPECT_GE(files, 10);
  const RunResult play = Simulate({"repeated", "tests/data/repeated/bad_play_move.yaml"});
  EXPECT_EQ(play.status, 2);
  EXPECT_THAT(play.err, HasSubstr("bad_play_move.yaml:19:19: error: automaton 'bluffer'"));
  const RunResult none = Simulate({"repeated", "scenarios/detente.yaml", "--discount", "0.9"});
  EXPECT_EQ(none.status, 2);
  EXPECT_THAT(none.err, HasSubstr("scenarios/detente.yaml: error: the scenario has no 'repeated' block"));
  const RunResult unknown = Simulate({"repeated", kPd, "--strategies", "grim,foo"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_THAT(unknown.err, HasSubstr("<--strategies>:1:1: error: unknown strategy 'foo'"));
  const RunResult one = Simulate({"repeated", kPd, "--vary", "discount=0.5:1:2"});
  EXPECT_EQ(one.status, 2);
  EXPECT_THAT(one.err, HasSubstr("the discount must be below 1"));
}

}  // namespace
}  // namespace sim::test
