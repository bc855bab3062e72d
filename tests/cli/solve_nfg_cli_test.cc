// SPDX-License-Identifier: MIT
// End-to-end: `simulate solve FILE.nfg` (Gambit games in), `simulate export SCENARIO --to nfg`
// (Gambit games out), and the 2-player methods in --help. Runs the built binary
// ($SIM_SIMULATE, set by CTest) from the source directory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/io/gambit_nfg.h"
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

// Distinct equilibrium numbers in a solve CSV.
std::set<std::string> EquilibriumIds(const std::string& csv) {
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  std::set<std::string> ids;
  while (std::getline(lines, line)) ids.insert(line.substr(0, line.find(',')));
  return ids;
}

// von Stengel (1999), DCG 21: 75 equilibria; the default method for 2 players is `enum`.
TEST(SolveNfgCli, DefaultSolveOfVonStengelGameListsAll75Equilibria) {
  RunResult r = Simulate({"solve", "tests/data/vonstengel1999_75eq.nfg", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("equilibrium,kind,player,strategy,probability,payoff\n"));
  EXPECT_EQ(EquilibriumIds(r.out).size(), 75u);
}

TEST(SolveNfgCli, LemkeHowsonMethodFindsOneEquilibrium) {
  RunResult r = Simulate({"solve", "tests/data/vonstengel1999_75eq.nfg", "--method",
                          "lemke-howson", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(EquilibriumIds(r.out).size(), 1u);
}

TEST(SolveNfgCli, MalformedNfgExitsTwoWithLocatedMessage) {
  const fs::path bad = TempDir() / "bad.nfg";
  std::ofstream(bad) << "NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 2 3 +4\n";
  RunResult r = Simulate({"solve", bad.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, StartsWith(bad.string() + ":2:7: error: invalid number '+4'"));
  EXPECT_TRUE(r.out.empty());
}

TEST(SolveNfgCli, SetIsRefusedForNfgFiles) {
  RunResult r = Simulate({"solve", "tests/data/vonstengel1999_75eq.nfg", "--set", "a.b=1"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--set applies to scenarios"));
}

TEST(SolveNfgCli, ExportedScenarioReadsBackAndSolvesLikeTheScenario) {
  const fs::path nfg = TempDir() / "bos.nfg";
  RunResult e = Simulate({"export", "scenarios/classic/battle_of_the_sexes.yaml", "--to", "nfg",
                          "--output", nfg.string()});
  ASSERT_EQ(e.status, 0) << e.err;
  const sim::NormalFormGame game = sim::io::ReadNfgFile(nfg.string());
  EXPECT_EQ(game.num_players(), 2);
  // Same equilibria (rows of the CSV) whether solved from the scenario or from its export.
  RunResult from_scenario =
      Simulate({"solve", "scenarios/classic/battle_of_the_sexes.yaml", "--format", "csv"});
  RunResult from_nfg = Simulate({"solve", nfg.string(), "--format", "csv"});
  ASSERT_EQ(from_scenario.status, 0) << from_scenario.err;
  ASSERT_EQ(from_nfg.status, 0) << from_nfg.err;
  EXPECT_EQ(from_nfg.out, from_scenario.out);
  EXPECT_EQ(EquilibriumIds(from_nfg.out).size(), 3u);  // two pure and one mixed
}

TEST(SolveNfgCli, ExportToStdoutIsGambitText) {
  RunResult r = Simulate({"export", "scenarios/classic/prisoners_dilemma.yaml", "--to", "nfg"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("NFG 1 R \""));
  RunResult bad = Simulate({"export", "scenarios/classic/prisoners_dilemma.yaml", "--to", "xls"});
  EXPECT_EQ(bad.status, 2);
}

TEST(SolveNfgCli, HelpListsTheTwoPlayerMethods) {
  RunResult r = Simulate({"solve", "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.out, HasSubstr("enum"));
  EXPECT_THAT(r.out, HasSubstr("lemke-howson"));
}

}  // namespace
