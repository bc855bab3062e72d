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

// Issue #3 item 1: components of equilibria made visible. von Stengel (2007), "Equilibrium
// computation for two-player games in strategic and extensive form", in Nisan et al. (eds.),
// Algorithmic Game Theory, ch. 3, the degenerate 3x2 game: T has two best replies, and
// against T every y from (1,0) to (2/3,1/3) is a best reply, so the extreme equilibria
// (T, l) and (T, 2/3 l + 1/3 r) are the ends of one segment; ((0,1/3,2/3), (1/3,2/3)) is
// isolated. lrsnash (lrslib 7.1) lists the same three extreme equilibria, the first two in
// one block.
TEST(SolveNfgCli, DegenerateGameShowsItsContinuumInTableAndJson) {
  RunResult table = Simulate({"solve", "tests/data/vonstengel2007_degenerate.nfg"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Continua ("));
  EXPECT_THAT(table.out, HasSubstr("  component 0: extreme equilibria 1, 2\n"
                                   "    maximal Nash subset: 1, 2  (I: 1 strategy x II: 2 strategies)\n"));
  EXPECT_EQ(table.out.find("component 1:"), std::string::npos) << "the isolated one is no continuum";

  RunResult json = Simulate({"solve", "tests/data/vonstengel2007_degenerate.nfg", "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"components\": [\n"
                                  "    {\"id\": 0, \"equilibria\": [1, 2], \"continuum\": true, "
                                  "\"nash_subsets\": [[1, 2]]},\n"
                                  "    {\"id\": 1, \"equilibria\": [3], \"continuum\": false, "
                                  "\"nash_subsets\": [[3]]}\n  ]"));

  // The CSV columns are product.md's contract: unchanged, one block per extreme equilibrium.
  RunResult csv = Simulate({"solve", "tests/data/vonstengel2007_degenerate.nfg", "--format", "csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_THAT(csv.out, StartsWith("equilibrium,kind,player,strategy,probability,payoff\n"));
  EXPECT_EQ(EquilibriumIds(csv.out).size(), 3u);
}

// A = B = [1 1; 1 0] (rows T, B; columns L, R): T is weakly dominant for Row and L for Col.
// Against L, Row is indifferent; against T, Col is. So every (T, y) and every (x, L) is an
// equilibrium, and (B, R) is not (Row gains 1 by T): one L-shaped component, the union of two
// maximal Nash subsets {T} x conv{L, R} and conv{T, B} x {L}, sharing (T, L). lrsnash lists
// the extreme equilibria (T,L), (T,R), (B,L). The report says which belong together.
TEST(SolveNfgCli, LShapedComponentListsBothMaximalNashSubsets) {
  RunResult r = Simulate({"solve", "tests/data/weakly_dominant_l_shape.nfg"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  component 0: extreme equilibria 1, 2, 3\n"));
  EXPECT_THAT(r.out, HasSubstr("    maximal Nash subset: 1, 2  (Row: 1 strategy x Col: 2 strategies)\n"));
  EXPECT_THAT(r.out, HasSubstr("    maximal Nash subset: 1, 3  (Row: 2 strategies x Col: 1 strategy)\n"));
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
