// SPDX-License-Identifier: MIT
// Issue #7 item 3 for Gambit inputs: every class of hostile or oversized .nfg / .efg file
// through the real `simulate solve` must end with exit status 2 and a located message
// (FILE[:LINE:COL]: error: ...), never a crash, a hang or partial output. The scenario
// (.yaml) twins of these tests are in cli_limits_test.cc. Classes that do not exist in
// Gambit's formats: alias bombs (no aliases: .efg outcomes and information sets are reused
// by number, which costs nothing extra), and draws x grid points (`sweep` takes scenarios
// only; its limit is tested in sweep_resume_test.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/run_simulate.h"

namespace sim {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using test::RunResult;
using test::Simulate;
using test::WriteFile;

constexpr const char* kNfgHeader = "NFG 1 R \"g\" { \"A\" \"B\" } { 2 2 }\n";

// Refusal: exit 2, nothing on stdout, the message on stderr.
void ExpectRefused(const RunResult& run, const std::string& message) {
  EXPECT_EQ(run.status, 2) << run.err;
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, HasSubstr(message));
}

TEST(CliGambitLimits, NfgWithHugeStrategyCountsIsRefusedAtTheStrategies) {
  const auto path = WriteFile("huge.nfg", "NFG 1 R \"\" { \"A\" \"B\" }\n{ 100000 100000 }\n0\n");
  ExpectRefused(Simulate({"solve", path.string()}),
                "huge.nfg:2:1: error: game too large: more than 10000000 pure profiles");
}

TEST(CliGambitLimits, MaxProfilesCapsAnNfgGame) {
  const auto path = WriteFile("small.nfg", std::string(kNfgHeader) + "1 1 0 0 0 0 1 1\n");
  ExpectRefused(Simulate({"solve", path.string(), "--max-profiles", "3"}),
                "small.nfg:1:25: error: game too large: more than 3 pure profiles");
}

TEST(CliGambitLimits, NfgNestedDeeperThanTheFormatIsASyntaxError) {
  const auto path = WriteFile("nested.nfg", "NFG 1 R \"\" { \"A\" } { { { { { 1 } } } } }\n");
  const RunResult run = Simulate({"solve", path.string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("nested\\.nfg:1:[0-9]+: error: expected a quoted strategy label"));
}

// IEEE 754 binary64 has no NaN or infinity literal in Gambit's number syntax, and nothing
// beyond 1.7976931348623157e308; the reader stops at +-1e100 (core/magnitude.h).
TEST(CliGambitLimits, NfgNanInfinityAndOverflowingPayoffsAreLocated) {
  for (const auto& [payoff, message] :
       {std::pair<std::string, std::string>{"nan", "invalid number 'nan'"},
        {"inf", "invalid number 'inf'"},
        {"1e309", "payoff '1e309' is beyond +-1e100"},
        {"1.797e308", "payoff '1.797e308' is beyond +-1e100"}}) {
    const auto path = WriteFile("bad.nfg", std::string(kNfgHeader) + "1 1 0 0 0 0 1 " + payoff + "\n");
    ExpectRefused(Simulate({"solve", path.string()}), "bad.nfg:2:15: error: " + message);
  }
}

TEST(CliGambitLimits, NfgWithBytesThatAreNotUtf8IsRefusedAtTheByte) {
  const auto path = WriteFile("latin1.nfg", "NFG 1 R \"Caf\xe9\" { \"A\" } { 1 }\n0\n");
  ExpectRefused(Simulate({"solve", path.string()}),
                "latin1.nfg:1:13: error: the file is not valid UTF-8 (byte 0xE9)");
}

TEST(CliGambitLimits, NfgDirectoryAndMissingFileAreRefused) {
  const auto dir = test::TempDir() / "folder.nfg";
  std::filesystem::create_directories(dir);
  ExpectRefused(Simulate({"solve", dir.string()}), "folder.nfg: error: is a directory");
  ExpectRefused(Simulate({"solve", (test::TempDir() / "none.nfg").string()}),
                "none.nfg: error: no such file");
}

// A chain of `depth` unnamed decision nodes ("continue" / "stop"), then its terminals.
std::string Chain(int depth) {
  std::string text = "EFG 2 R \"chain\" { \"A\" }\n";
  for (int k = 1; k <= depth; ++k) {
    text += "p \"\" 1 " + std::to_string(k) + " \"\" { \"continue\" \"stop\" } 0\n";
  }
  text += "t \"\" 1 \"end\" { 1 }\n";
  for (int k = 0; k < depth; ++k) text += "t \"\" 0\n";
  return text;
}

TEST(CliGambitLimits, MaxProfilesCapsTheNodesOfAnEfgTreeWhileReading) {
  const auto path = WriteFile("chain.efg", Chain(10));
  const RunResult run = Simulate({"solve", path.string(), "--max-profiles", "5"});
  ExpectRefused(run, "chain.efg:7:1: error: the game tree has more than 5 nodes");
  EXPECT_THAT(run.err, HasSubstr("--max-profiles"));
}

TEST(CliGambitLimits, DeepEfgChainIsSolvedWithShortNodeNames) {
  // 5000 levels: full path names would total ~10^8 bytes; bounded ones stay short, and the
  // subgame-perfect play (continue to the only positive payoff) comes out.
  const auto path = WriteFile("deep.efg", Chain(5000));
  const RunResult run = Simulate({"solve", path.string(), "--format", "csv"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr(",L5001C1:continue,1,"));  // the 5000th node, line 5001
  EXPECT_LT(run.out.size(), 200u * 5000 * 2);
}

TEST(CliGambitLimits, EfgNanInfinityAndOverflowingPayoffsAreLocated) {
  for (const std::string payoff : {"nan", "inf", "1e309", "1e400/7"}) {
    const auto path = WriteFile("bad.efg", "EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { " + payoff + " }\n");
    ExpectRefused(Simulate({"solve", path.string()}), "bad.efg:2:14: error: invalid payoff");
  }
}

TEST(CliGambitLimits, EfgWithBytesThatAreNotUtf8IsRefusedAtTheByte) {
  const auto path = WriteFile("latin1.efg", "EFG 2 R \"\" { \"Jos\xe9\" }\nt \"\" 0\n");
  ExpectRefused(Simulate({"solve", path.string()}),
                "latin1.efg:1:18: error: the file is not valid UTF-8 (byte 0xE9)");
}

TEST(CliGambitLimits, EfgDirectoryAndMissingFileAreRefused) {
  const auto dir = test::TempDir() / "folder.efg";
  std::filesystem::create_directories(dir);
  ExpectRefused(Simulate({"solve", dir.string()}), "folder.efg: error: is a directory");
  ExpectRefused(Simulate({"solve", (test::TempDir() / "none.efg").string()}),
                "none.efg: error: no such file");
}

// `validate` reads Gambit files with the same checks as `solve`, reporting every file: here
// one good tree and one game with a payoff beyond the largest double (exit 2 as for any bad
// input).
TEST(CliGambitLimits, ValidateChecksGambitFilesToo) {
  const auto good = WriteFile("ok.efg", Chain(3));
  const auto bad = WriteFile("big.nfg", std::string(kNfgHeader) + "1 1 0 0 0 0 1 1e400\n");
  const RunResult run = Simulate({"validate", good.string(), bad.string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.out, HasSubstr("ok.efg: ok (Gambit game tree: 1 players, 7 nodes)"));
  EXPECT_THAT(run.err, HasSubstr("big.nfg:2:15: error: payoff '1e400' is beyond +-1e100"));
}

}  // namespace
}  // namespace sim
