// SPDX-License-Identifier: MIT
// Hostile and malformed inputs through the real `simulate` binary (SIM_SIMULATE, set by
// tests/CMakeLists.txt): each must end with exit status 2 and a located message on stderr
// (FILE:LINE:COL: error: ...), never a crash, a hang or a file left behind. One test per
// limit or class of bad input; the library-level twins live in tests/scenario/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sim {
namespace {

namespace fs = std::filesystem;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

const fs::path kSource = SIM_SOURCE_DIR;

struct RunResult {
  int status = -1;  // exit status, or 128 + signal
  std::string err;
  std::string out;
};

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A scratch folder per test, removed afterwards.
class CliLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / (std::string("cli_limits_") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `simulate ARGS` (ARGS already shell-quoted) and captures both streams.
  RunResult Simulate(const std::string& args) {
    const char* simulate = std::getenv("SIM_SIMULATE");
    EXPECT_NE(simulate, nullptr) << "SIM_SIMULATE is not set (run through ctest)";
    if (simulate == nullptr) return {};
    const fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    const std::string command = std::string("'") + simulate + "' " + args + " >'" +
                                out.string() + "' 2>'" + err.string() + "'";
    const int raw = std::system(command.c_str());
    RunResult run;
    if (WIFEXITED(raw)) run.status = WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) run.status = 128 + WTERMSIG(raw);
    run.out = Slurp(out);
    run.err = Slurp(err);
    return run;
  }

  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static std::string Quote(const fs::path& path) { return "'" + path.string() + "'"; }
  static std::string Data(const std::string& relative) {
    return Quote(kSource / "tests/data" / relative);
  }

  fs::path dir_;
};

TEST_F(CliLimits, AliasBombIsRefusedWithExit2AndALocation) {
  const RunResult run = Simulate(Data("bad/alias_bomb.yaml"));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("alias_bomb\\.yaml:[0-9]+:[0-9]+: error: .*too large to check"));
}

TEST_F(CliLimits, DeepNestingIsRefusedWithExit2AndALocation) {
  const RunResult run = Simulate(Data("bad/deep_nesting.yaml"));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("deep_nesting\\.yaml:[0-9]+:[0-9]+: error: .*nests deeper"));
}

TEST_F(CliLimits, HugeStrategyCountsAreRefusedBeforeAnyAllocation) {
  const RunResult run = Simulate(Data("bad/oversize_game.yaml"));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("oversize_game\\.yaml:[0-9]+:[0-9]+: error: .*27000000"));
  EXPECT_THAT(run.err, HasSubstr("max_profiles"));
}

TEST_F(CliLimits, ProfileLimitFromTheCommandLineIsEnforced) {
  const RunResult run = Simulate(Data("good/small_bargain.yaml") + " --max-profiles 3");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("more than the limit of 3"));
}

// Huge trees: --max-profiles caps the nodes of an explicit `tree:` and the paths of
// `stages:` (each refused at its section, with the move-profile limit reported as well).
TEST_F(CliLimits, ExplicitTreeBeyondTheLimitIsRefusedAtTheTree) {
  const fs::path file = Write("tree.yaml", R"(scenario: tree_limit
actors:
  a: {moves: [go, stay]}
  b: {moves: [yes, no]}
tree:
  - {node: start, actor: a, moves: {go: second, stay: end1}}
  - {node: second, actor: b, moves: {yes: end2, no: end3}}
  - {node: end1, payoffs: {a: 0, b: 0}}
  - {node: end2, payoffs: {a: 1, b: 1}}
  - {node: end3, payoffs: {a: -1, b: 2}}
)");
  EXPECT_EQ(Simulate(Quote(file)).status, 0);  // 5 nodes: fine by default
  const RunResult run = Simulate(Quote(file) + " --max-profiles 3");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("tree.yaml:5:1: error: the tree has more than 3 nodes"));
  EXPECT_TRUE(run.out.empty());
}

TEST_F(CliLimits, StagesWithMorePathsThanTheLimitAreRefusedAtTheStages) {
  const RunResult run =
      Simulate(Quote(kSource / "scenarios/detente_sequential.yaml") + " --max-profiles 2");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("detente_sequential\\.yaml:[0-9]+:1: error: the sequential "
                                     "game has more than 2 paths"));
  EXPECT_TRUE(run.out.empty());
}

TEST_F(CliLimits, NanAndInfinityAreRefusedAtTheirNodes) {
  const RunResult run = Simulate(Data("bad/nan_inf.yaml"));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("nan_inf\\.yaml:3:[0-9]+: error: 'status_quo' must be a finite"));
  EXPECT_THAT(run.err, ContainsRegex("nan_inf\\.yaml:9:[0-9]+: error: 'cost' is out of range"));
}

// Issue #12 item 10: numbers beyond +-1e100 are refused where written (core/magnitude.h),
// so a utility (a sum of them) can no longer overflow to inf.
TEST_F(CliLimits, HugeNumbersAreRefusedWhereWrittenInsteadOfPrintingInf) {
  const fs::path file = Write("overflow.yaml", R"(issues:
  x: {status_quo: 1}
actors:
  big:
    stakes: {x: {ideal: 0, salience: 1.5e308}}
    moves: {hold: {cost: 1e308}, push: {}}
  other: {moves: [wait]}
)");
  const RunResult run = Simulate(Quote(file) + " --format csv");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("overflow.yaml:5:38: error: 'salience' is too large: 1.5e308 "
                                 "is beyond +-1e100"));
  EXPECT_THAT(run.err, HasSubstr("overflow.yaml:6:26: error: 'cost' is too large"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("inf")));
}

TEST_F(CliLimits, OverrideWithAnOverflowingNumberIsLocatedInTheArgument) {
  const RunResult run = Simulate(Data("good/small_bargain.yaml") +
                           " --set actors.usa.moves.relief.cost=1e400");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("<--set actors.usa.moves.relief.cost=1e400>:1:"));
  EXPECT_THAT(run.err, HasSubstr("out of range"));
}

TEST_F(CliLimits, MalformedOverrideIsBadUsage) {
  const RunResult run = Simulate(Data("good/small_bargain.yaml") + " --set novalue");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("<--set novalue>:1:8: error: expected PATH=VALUE"));
}

TEST_F(CliLimits, NonUtf8BytesAreRefusedWithTheirPosition) {
  const RunResult run = Simulate(Data("bad/non_utf8.yaml"));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("non_utf8\\.yaml:[0-9]+:[0-9]+: error: the file is not valid UTF-8"));
}

TEST_F(CliLimits, DirectoryAsInputIsRefused) {
  const RunResult run = Simulate(Data("bad"));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("bad: error: is a directory, not a scenario file"));
}

TEST_F(CliLimits, MissingFileIsRefused) {
  const RunResult run = Simulate(Quote(dir_ / "nowhere.yaml"));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("nowhere.yaml: error: no such file"));
}

TEST_F(CliLimits, BinaryFileIsRefusedAtItsFirstNulByte) {
  // The start of a gzip stream: not text at all.
  const fs::path file = Write("archive.yaml", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8));
  const RunResult run = Simulate(Quote(file));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("archive.yaml:1:4: error: the file contains a NUL byte"));
}

TEST_F(CliLimits, ExecutableAsInputIsRefused) {
  const RunResult run = Simulate(Quote(std::getenv("SIM_SIMULATE")));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("error: the file"));
}

TEST_F(CliLimits, EndlessInputStopsAtTheSizeLimit) {
  const RunResult run = Simulate("/dev/zero");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("/dev/zero: error: the file is too large"));
}

TEST_F(CliLimits, TextThatIsNotYamlIsASyntaxErrorOrAShapeError) {
  const fs::path file = Write("notes.yaml", "{ this: [is, not, closed\n");
  const RunResult run = Simulate(Quote(file));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, ContainsRegex("notes\\.yaml:[0-9]+:[0-9]+: error: YAML syntax error"));
  const fs::path prose = Write("prose.yaml", "Dear reader, this is a letter.\n");
  const RunResult second = Simulate(Quote(prose));
  EXPECT_EQ(second.status, 2);
  EXPECT_THAT(second.err, HasSubstr("prose.yaml:1:1: error: expected a map of scenario keys"));
}

TEST_F(CliLimits, BadInputWithOutputLeavesNoFileBehind) {
  const fs::path output = dir_ / "result.csv";
  const RunResult run = Simulate(Data("bad/nan_inf.yaml") + " --format csv --output " + Quote(output));
  EXPECT_EQ(run.status, 2);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "stdout.txt" || name == "stderr.txt")
        << "left behind: " << name;
  }
  EXPECT_FALSE(fs::exists(output));
}

}  // namespace
}  // namespace sim
