// SPDX-License-Identifier: MIT
// End-to-end tests of issue #12's numeric and output-shape items: CSV cells a spreadsheet
// would run, players who never move, numbers too large for the solvers' sums, and trees
// too large to build.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/cli/run_simulate.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

using ::sim::test::RunResult;
using ::sim::test::ShellQuote;
using ::sim::test::Simulate;
using ::sim::test::Slurp;
using ::sim::test::TempDir;
using ::sim::test::WriteFile;

bool HavePython() { return std::system("command -v python3 >/dev/null 2>&1") == 0; }

// Python's csv module reads `csv` and writes the rows back with the same dialect; the text
// must come back byte for byte (so quoting and the formula prefix follow RFC 4180 rules
// Python understands). Returns python's stdout (the cells, one repr per row) or "FAILED".
std::string PythonRoundTrip(const fs::path& csv) {
  const fs::path script = WriteFile("roundtrip.py",
                                    "import csv, io, sys\n"
                                    "text = open(sys.argv[1], newline='').read()\n"
                                    "rows = list(csv.reader(io.StringIO(text, newline='')))\n"
                                    "out = io.StringIO()\n"
                                    "csv.writer(out, lineterminator='\\n').writerows(rows)\n"
                                    "assert out.getvalue() == text, (out.getvalue(), text)\n"
                                    "for row in rows: print(row)\n");
  const fs::path out = TempDir() / "python.out";
  const std::string command = "python3 " + ShellQuote(script.string()) + " " +
                              ShellQuote(csv.string()) + " >" + ShellQuote(out.string());
  return std::system(command.c_str()) == 0 ? Slurp(out) : "FAILED";
}

// Issue #12 item 20: labels from a .nfg that a spreadsheet would run (OWASP "CSV
// Injection": cells starting with =, +, -, @) get a leading single quote; a label that is a
// plain number and every number column stay as they are.
TEST(CsvInjection, FormulaLabelsArePrefixedAndPythonReadsTheFileBack) {
  const fs::path game = WriteFile(
      "injection.nfg",
      "NFG 1 R \"injection\" { \"=HYPERLINK(1)\" \"@p2\" }\n"
      "{ { \"=cmd|' /C calc'!A0\" \"+1+1\" } { \"@SUM(A1),x\" \"-2\" } }\n\n"
      "3 3 0 5 5 0 1 1\n");
  RunResult r = Simulate({"solve", game.string(), "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "equilibrium,kind,player,strategy,probability,payoff\n"
            "1,pure,'=HYPERLINK(1),'=cmd|' /C calc'!A0,1,3\n"
            "1,pure,'=HYPERLINK(1),'+1+1,0,3\n"
            "1,pure,'@p2,\"'@SUM(A1),x\",1,3\n"
            "1,pure,'@p2,-2,0,3\n");
  if (!HavePython()) GTEST_SKIP() << "python3 not installed";
  const fs::path csv = WriteFile("injection.csv", r.out);
  EXPECT_THAT(PythonRoundTrip(csv), HasSubstr("['1', 'pure', \"'@p2\", \"'@SUM(A1),x\", '1', '3']"));
}

// Issue #12 item 13: a player who never moves has no behaviour strategy, yet a payoff in
// every equilibrium; the CSV keeps it as one row with an empty strategy (README, "CSV").
// The game: chance picks A, C or D with probability 1/3 each (B and E have 0) and pays
// 0, 3, 3: expected payoff 2. It is Gambit's test_games/
// chance_root_5_moves_no_nonterm_player_nodes.efg, where the CSV used to be only the header.
TEST(TreeCsv, ATreeWithoutPlayerNodesStillGivesEachPlayersPayoff) {
  const fs::path game = WriteFile(
      "chance_root.efg",
      "EFG 2 R \"A chance node with 5 moves; no non-terminal player node\" { \"Player\" }\n"
      "\"\"\n\n"
      "c \"\" 1 \"\" { \"A\" 1/3 \"B\" 0 \"C\" 1/3 \"D\" 1/3 \"E\" 0 } 0\n"
      "t \"\" 1 \"A\" { 0 }\nt \"\" 2 \"B\" { 1 }\nt \"\" 3 \"C\" { 3 }\n"
      "t \"\" 4 \"D\" { 3 }\nt \"\" 5 \"E\" { 4 }\n");
  RunResult r = Simulate({"solve", game.string(), "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "equilibrium,kind,player,strategy,probability,payoff\n1,spe,Player,,1,2\n");
}

// Entry deterrence (Selten 1978) where the incumbent's move is cut: "in" ends the game at
// (1, 1). The incumbent never moves but is paid 0 in the one SPE (entrant stays out, 2 > 1).
TEST(TreeCsv, APlayerWhoNeverMovesKeepsAPayoffRow) {
  const fs::path game = WriteFile("entry_cut.efg",
                                  "EFG 2 R \"cut\" { \"entrant\" \"incumbent\" }\n\"\"\n"
                                  "p \"\" 1 1 \"\" { \"out\" \"in\" } 0\n"
                                  "t \"\" 1 \"\" { 2, 0 }\n"
                                  "t \"\" 2 \"\" { 1, 1 }\n");
  RunResult r = Simulate({"solve", game.string(), "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "equilibrium,kind,player,strategy,probability,payoff\n"
            "1,spe,entrant,root:out,1,2\n"
            "1,spe,entrant,root:in,0,2\n"
            "1,spe,incumbent,,1,0\n");
}

// Issue #12 item 10: numbers whose sums or products could leave the double range are
// refused where they are written (exit 2, FILE:LINE:COL), in every reader: scenario YAML,
// distributions, .nfg, .efg. Before, they ended in "check failed: RationalFromDouble needs
// a finite double" (exit 1) or printed nan/inf.
TEST(Magnitude, DblMaxPayoffsInAnNfgAreRefusedWhereWritten) {
  const fs::path game = WriteFile("p3_dblmax.nfg",
                                  "NFG 1 R \"big\" { \"a\" \"b\" \"c\" } { 2 2 2 }\n\n"
                                  "0 0 0 1.7976931348623157e308 1 1 1 1 1 1 1 1 1 1 1 1 1 1 "
                                  "1 1 1 1 1 -1.7976931348623157e308\n");
  RunResult r = Simulate({"solve", game.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("p3_dblmax.nfg:3:7: error: payoff '1.7976931348623157e308' is "
                               "beyond +-1e100"));
  EXPECT_THAT(r.err, HasSubstr("hint: numbers are limited to +-1e100"));
  EXPECT_THAT(r.err, Not(HasSubstr("check failed")));
}

TEST(Magnitude, EfgPayoffsThatCouldAddPastTheDoubleRangeAreRefused) {
  // Two outcomes of 1e308 on one path added up to inf.
  const fs::path game = WriteFile("sum.efg",
                                  "EFG 2 R \"sum\" { \"a\" }\n\"\"\n"
                                  "p \"\" 1 1 \"\" { \"l\" \"r\" } 1 \"o\" { 1e308 }\n"
                                  "t \"\" 2 \"\" { 1e308 }\nt \"\" 3 \"\" { 1 }\n");
  RunResult r = Simulate({"solve", game.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("sum.efg:3:33: error: invalid payoff '1e308': payoffs are "
                               "numbers within +-1e100"));
}

constexpr const char* kHugeScenario = R"(scenario: huge
title: "Huge"
actors:
  a: {name: "A", moves: [up, down]}
  b: {name: "B", moves: [left, right]}
payoffs:
  up, left: [PAYOFF, 0]
  up, right: [-1, 1]
  down, left: [0, 1]
  down, right: [1, 0]
)";

std::string Huge(const std::string& payoff) {
  std::string text = kHugeScenario;
  return text.replace(text.find("PAYOFF"), 6, payoff);
}

TEST(Magnitude, LogitOnDblMaxPayoffsIsRefusedAtThePayoff) {
  const fs::path file = WriteFile("huge.yaml", Huge("-1.797e308"));
  RunResult r = Simulate({"solve", file.string(), "-m", "logit"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("huge.yaml:7:14: error: 'payoff of a' is too large: -1.797e308 "
                               "is beyond +-1e100"));
}

TEST(Magnitude, DistributionsThatCanDrawBeyondTheBoundAreRefusedAtTheDistribution) {
  for (const auto& [distribution, message] : std::vector<std::pair<std::string, std::string>>{
           {"{uniform: [-1.7e308, 1.7e308]}", "huge.yaml:7:25: error: 'uniform' is too large: -1.7e308"},
           {"{normal: [0, 1e308]}", "huge.yaml:7:27: error: 'normal' is too large: 1e308"},
           {"{normal: [0, 1.2e99]}", "huge.yaml:7:14: error: bad distribution for 'payoffs.up, "
                                     "left.0': normal(0, 1.2e+99) can draw values beyond +-1e100"},
       }) {
    const fs::path file = WriteFile("huge.yaml", Huge(distribution));
    RunResult run = Simulate({file.string(), "--draws", "100"});
    EXPECT_EQ(run.status, 2) << distribution;
    EXPECT_THAT(run.err, HasSubstr(message)) << distribution;
  }
}

// At the bound every output stays finite: draws of payoffs near 1e99 (whose squares, summed
// for the intervals, would overflow at 1e160) and a beta with tiny shapes (item 11) give a
// JSON report that is valid JSON with no nan, inf or null.
TEST(Magnitude, MonteCarloAtTheBoundPrintsOnlyFiniteNumbers) {
  std::string text = Huge("{normal: [0, 1.1e99]}");
  text.replace(text.find("a: {name: \"A\", moves: [up, down]}"),
               std::string("a: {name: \"A\", moves: [up, down]}").size(),
               "a: {name: \"A\", moves: [up, down], unpredictability: {beta: [0.005, 0.005]}}");
  const fs::path file = WriteFile("finite.yaml", text);
  for (const char* format : {"json", "csv", "table"}) {
    RunResult r = Simulate({file.string(), "--draws", "400", "--format", format});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_THAT(r.out, Not(::testing::ContainsRegex("[^a-z](nan|inf)[^a-z]"))) << format;
    // null is the JSON writer's last-line stand-in for a non-finite number; the "why" block
    // (issue #13) uses it on purpose for "no pure deviation", so only the numbers are checked.
    const size_t numbers_end = std::min(r.out.find("\"why\""), r.out.size());
    EXPECT_THAT(r.out.substr(0, numbers_end), Not(::testing::ContainsRegex("[^a-z]null[^a-z]")))
        << format;
  }
  if (!HavePython()) GTEST_SKIP() << "python3 not installed";
  RunResult r = Simulate({file.string(), "--draws", "400", "--format", "json"});
  const fs::path json = WriteFile("finite.json", r.out);
  EXPECT_EQ(std::system(("python3 -c 'import json, sys; json.load(open(sys.argv[1]))' " +
                         ShellQuote(json.string())).c_str()),
            0);
}

// Issue #12 item 18: an actor moving at every node of a chain. With payoffs on every leaf
// the tree is valid; without them each leaf is one error (it was one per leaf and ancestor,
// quadratic), and only the first 50 are printed, then a count.
std::string Chain(int n, bool payoffs) {
  std::string text = "scenario: chain\nissues:\n  x: {status_quo: 0.5}\nactors:\n"
                     "  a: {stakes: {x: {ideal: 0, salience: 1}}, moves: {next: {}, stop: {}}}\n"
                     "  b: {stakes: {x: {ideal: 1, salience: 1}}, moves: [wait]}\ntree:\n";
  for (int i = 0; i < n; ++i) {
    text += "  - {node: n" + std::to_string(i) + ", actor: a, moves: {next: " +
            (i + 1 < n ? "n" + std::to_string(i + 1) : std::string("end")) + ", stop: l" +
            std::to_string(i) + "}}\n";
  }
  for (int i = 0; i <= n; ++i) {
    text += "  - {node: " + (i < n ? "l" + std::to_string(i) : std::string("end")) +
            (payoffs ? ", payoffs: {a: " + std::to_string(i < n ? i : -1) + ", b: 0}}\n" : "}\n");
  }
  return text;
}

TEST(ErrorFlood, ATreeWhereAnActorMovesAtEveryNodeIsValidWithLeafPayoffs) {
  const fs::path file = WriteFile("chain.yaml", Chain(1000, true));
  RunResult r = Simulate({"solve", file.string(), "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err.substr(0, 2000);
  // Leaf l_i pays a i, the end -1: backward induction goes on to n999 and stops there (999),
  // the one SPE; b never moves (one row, empty strategy).
  EXPECT_NE(r.out.find("1,spe,a,n998:next,1,999\n1,spe,a,n998:stop,0,999\n"), std::string::npos);
  EXPECT_NE(r.out.find("1,spe,a,n999:stop,1,999\n1,spe,b,,1,0\n"), std::string::npos);
  EXPECT_EQ(r.out.find("\n2,spe"), std::string::npos);
}

TEST(ErrorFlood, ErrorsAreCappedAtFiftyWithACount) {
  const fs::path file = WriteFile("chain_no_payoffs.yaml", Chain(1000, false));
  RunResult r = Simulate({"solve", file.string()});
  EXPECT_EQ(r.status, 2);
  // Leaves l1..l999 and end lack payoffs after a moved twice (l0 is derivable): 1000 errors.
  EXPECT_THAT(r.err, HasSubstr("chain_no_payoffs.yaml:1009:5: error: leaf 'l1' has no payoffs"));
  EXPECT_THAT(r.err, HasSubstr("chain_no_payoffs.yaml: error: ... and 950 more errors (only the "
                               "first 50 are shown)"));
  EXPECT_LT(r.err.size(), 20000u);
}

// `actors` actors with two moves each, all simultaneous (or in stages), optionally trembling.
std::string ManyActors(int actors, int moves, bool stages, double u) {
  std::string text = "scenario: many\nissues:\n  x: {status_quo: 0.5}\nactors:\n";
  for (int a = 0; a < actors; ++a) {
    text += "  a" + std::to_string(a) + ":\n    stakes: {x: {ideal: 0." + std::to_string(a % 10) +
            ", salience: 1}}\n    unpredictability: " + std::to_string(u) + "\n    moves:\n";
    for (int m = 0; m < moves; ++m)
      text += "      m" + std::to_string(m) + ": {effects: {x: 0.00" + std::to_string(m) + "}}\n";
  }
  if (stages) {
    text += "stages:\n";
    for (int a = 0; a < actors; ++a) text += "  - actor: a" + std::to_string(a) + "\n";
  }
  return text;
}

// Issue #12 item 16: 20 two-move actors exported as a tree (2^21 - 1 nodes) used 1.8 GB
// before the node limit refused it; 23 ran out of memory (exit 1). The size is now counted
// before anything is built: located exit 2, at once.
TEST(TreeSize, ExportOfTooManyActorsIsRefusedBeforeTheTreeIsBuilt) {
  for (int actors : {20, 23}) {
    const fs::path file = WriteFile("many.yaml", ManyActors(actors, 2, false, 0));
    RunResult r = Simulate({"export", file.string(), "--to", "efg"});
    EXPECT_EQ(r.status, 2) << actors;
    const std::string nodes = std::to_string((int64_t{1} << (actors + 1)) - 1);
    EXPECT_THAT(r.err, HasSubstr("many.yaml:5:3: error: the game tree would have up to " + nodes +
                                 " nodes, more than the limit of 1000000 (counted before "
                                 "building it)"));
    EXPECT_TRUE(r.out.empty());
  }
  // 19 actors (2^20 - 1 = 1048575 nodes) is just over; a small one is still exported.
  RunResult over = Simulate({"export", WriteFile("over.yaml", ManyActors(19, 2, false, 0)).string(),
                             "--to", "efg"});
  EXPECT_THAT(over.err, HasSubstr("would have up to 1048575 nodes"));
  RunResult ok = Simulate({"export", WriteFile("ok.yaml", ManyActors(10, 2, false, 0)).string(),
                           "--to", "efg"});
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_THAT(ok.out, ::testing::StartsWith("EFG 2 R"));
}

// Issue #12 item 15: 3 actors with 10 moves each in sequence, trembling at u = 0.2: every
// trembling node copies its subtree once per move, 1 + 10 + 100 (1 + 10 + 100 (1 + 10 +
// 100)) = 1,111,111 nodes (tremble_tree.h, TrembledSize). Refused with that estimate before
// the transformed tree is built (3 x 8 at u = 0.2 had run out of memory).
TEST(TreeSize, TrembledTreeBeyondTheLimitIsRefusedWithItsEstimate) {
  const fs::path file = WriteFile("tremble.yaml", ManyActors(3, 10, true, 0.2));
  RunResult r = Simulate({file.string(), "--draws", "10"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("tremble.yaml:5:3: error: the tree with trembles would have "
                               "1111111 nodes, more than the limit of 1000000"));
}

}  // namespace
