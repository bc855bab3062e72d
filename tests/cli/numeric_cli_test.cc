// SPDX-License-Identifier: MIT
// End-to-end tests of issue #12's numeric and output-shape items: CSV cells a spreadsheet
// would run, players who never move, numbers too large for the solvers' sums, and trees
// too large to build.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

}  // namespace
