// SPDX-License-Identifier: MIT
// `mpiexec -n K simulate ...` (MPI builds): for K = 1, 2 and 3 (3 oversubscribes this
// 2-core machine) and with threads inside the ranks, a sweep, a Monte Carlo, a tree Monte
// Carlo, a tree sweep and robustness runs write the bytes of one process (the chunk tallies are merged on
// rank 0 in chunk order, sim/parallel/runner.h), also with more ranks than blocks of work;
// rank 0 alone writes and reports errors; a rank killed midway fails the whole run with no
// output file, and --resume then finishes it under MPI to the same bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli/run_simulate.h"

extern char** environ;

namespace sim {
namespace {

namespace fs = std::filesystem;
using test::ShellQuote;
using test::Slurp;
using test::TempDir;
using ::testing::HasSubstr;

// Runs `simulate args` under `mpiexec -n ranks` (ranks == 0: without mpiexec).
test::RunResult Mpi(int ranks, const std::vector<std::string>& args) {
  const fs::path out = TempDir() / "stdout", err = TempDir() / "stderr";
  std::string command = "cd " + ShellQuote(SIM_SOURCE_DIR) + " && ";
  if (ranks > 0) command += ShellQuote(SIM_MPIEXEC) + " -n " + std::to_string(ranks) + " ";
  command += ShellQuote(test::SimulateBinary());
  for (const std::string& a : args) command += " " + ShellQuote(a);
  command += " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string()) + " </dev/null";
  const int raw = std::system(command.c_str());
  test::RunResult run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  run.out = Slurp(out);
  run.err = Slurp(err);
  return run;
}

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// One process with 1 thread is the reference; K = 1, 2, 3 ranks of 1 thread and 2 ranks of 2
// threads must print the same bytes on stdout and write them to --output.
void ExpectSameBytesOnAnyRanks(const std::vector<std::string>& args) {
  const test::RunResult reference = Mpi(0, With(args, {"--threads", "1", "--quiet"}));
  ASSERT_EQ(reference.status, 0) << reference.err;
  ASSERT_GT(reference.out.size(), 200u);
  for (const auto& [ranks, threads] : std::vector<std::pair<int, int>>{{1, 1}, {2, 1}, {3, 1}, {2, 2}}) {
    const test::RunResult run = Mpi(ranks, With(args, {"--threads", std::to_string(threads), "--quiet"}));
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out, reference.out) << ranks << " ranks x " << threads << " threads";
    EXPECT_EQ(run.err, "");
  }
  const std::string file = (TempDir() / "mpi_output").string();
  const test::RunResult run = Mpi(3, With(args, {"--threads", "1", "--quiet", "--output", file}));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "") << "only rank 0 writes, and only to --output";
  EXPECT_EQ(Slurp(file), reference.out);
}

TEST(Mpi, SweepIsByteIdenticalOnAnyNumberOfRanks) {
  ExpectSameBytesOnAnyRanks({"sweep", "scenarios/detente.yaml", "--vary",
                             "actors.usa.unpredictability=0:1:7", "--draws", "30000", "--format", "csv"});
}

TEST(Mpi, MonteCarloIsByteIdenticalOnAnyNumberOfRanks) {
  ExpectSameBytesOnAnyRanks({"scenarios/detente.yaml", "--draws", "40000", "--seed", "9"});
}

TEST(Mpi, TreeMonteCarloIsByteIdenticalOnAnyNumberOfRanks) {
  ExpectSameBytesOnAnyRanks({"scenarios/detente_sequential.yaml", "--draws", "12000", "--format", "json"});
}

TEST(Mpi, TreeSweepIsByteIdenticalOnAnyNumberOfRanks) {
  ExpectSameBytesOnAnyRanks({"sweep", "scenarios/peace_2025_types.yaml", "--vary",
                             "actors.usa.unpredictability=0:0.5:3", "--draws", "3000"});
}

TEST(Mpi, RobustnessIsByteIdenticalOnAnyNumberOfRanks) {
  // Its samples (chunks of 256) and its tipping points (one chunk per ranged number) are
  // spread over the ranks; rank 0 merges them in chunk order (issues 13 and 16).
  ExpectSameBytesOnAnyRanks({"robustness", "scenarios/detente.yaml", "--samples", "1500", "--seed", "4",
                             "--format", "csv"});
}

TEST(Mpi, RobustnessWithAnInnerMonteCarloIsByteIdenticalOnAnyNumberOfRanks) {
  // Under a sanitizer fewer inner draws: the same chunks and merge, a fifth of the time.
  ExpectSameBytesOnAnyRanks({"robustness", "scenarios/baltic_deterrence.yaml", "--samples", "200",
                             "--draws", SIM_SANITIZED ? "60" : "200", "--format", "json"});
}

TEST(Mpi, TreeRobustnessIsByteIdenticalOnAnyNumberOfRanks) {
  // 600 samples are three chunks of 256; under a sanitizer two (300 samples) still cross ranks.
  ExpectSameBytesOnAnyRanks({"robustness", "scenarios/detente_sequential.yaml", "--samples",
                             SIM_SANITIZED ? "300" : "600"});
}

TEST(Mpi, MoreRanksThanGridPointsAndBlocks) {
  // 2 points of one chunk each: 2 blocks of work for 3 ranks.
  ExpectSameBytesOnAnyRanks({"sweep", "scenarios/detente.yaml", "--vary",
                             "actors.usa.unpredictability=0:1:2", "--draws", "100", "--format", "csv"});
}

TEST(Mpi, InputErrorsAreReportedOnceByRankZeroWithExitTwo) {
  const test::RunResult run = Mpi(3, {"sweep", "scenarios/no_such_file.yaml", "--vary",
                                      "actors.usa.unpredictability=0:1:2"});
  EXPECT_EQ(run.status, 2);
  const std::string message = "scenarios/no_such_file.yaml: error: no such file";
  ASSERT_THAT(run.err, HasSubstr(message));
  EXPECT_EQ(run.err.find(message), run.err.rfind(message)) << "reported by one rank only:\n" << run.err;
}

TEST(Mpi, AnErrorAtALaterPointIsReportedAsOneProcessReportsIt) {
  // The last grid value is out of range: the point fails on whichever rank computes it, and
  // rank 0 reports that rank's located error as one process does (exit 2, no output).
  const std::string output = (TempDir() / "never.csv").string();
  const std::vector<std::string> args = {"sweep", "scenarios/detente.yaml", "--vary",
      "actors.usa.unpredictability=0:2:3", "--draws", "100000", "--quiet", "--threads", "1",
      "--format", "csv", "--output", output};
  const test::RunResult one = Mpi(0, args);
  ASSERT_EQ(one.status, 2);
  ASSERT_THAT(one.err, HasSubstr("error: 'unpredictability' must be in [0, 1], got 2"));
  for (int ranks : {2, 3}) {
    const test::RunResult run = Mpi(ranks, args);
    EXPECT_EQ(run.status, 2) << run.err;
    EXPECT_THAT(run.err, HasSubstr(one.err));
    EXPECT_FALSE(fs::exists(output));
  }
}

TEST(Mpi, VersionSaysMpiIsCompiledIn) {
  const test::RunResult run = Mpi(2, {"--version"});
  EXPECT_EQ(run.status, 0);
  EXPECT_THAT(run.out, ::testing::MatchesRegex("simulate [0-9.]+ \\(MPI support: yes\\)\n"));
}

// The children of `pid` (Linux /proc).
std::vector<pid_t> Children(pid_t pid) {
  std::istringstream in(Slurp("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children"));
  std::vector<pid_t> out;
  for (pid_t child; in >> child;) out.push_back(child);
  return out;
}

// The process under `mpiexec` (its proxy's children) that is MPI rank `rank`, or -1.
pid_t FindRank(pid_t mpiexec, int rank) {
  for (pid_t proxy : Children(mpiexec)) {
    for (pid_t child : Children(proxy)) {
      std::string environment = Slurp("/proc/" + std::to_string(child) + "/environ");
      for (char& c : environment) c = c == '\0' ? '\n' : c;
      if (("\n" + environment).find("\nPMI_RANK=" + std::to_string(rank) + "\n") != std::string::npos)
        return child;
    }
  }
  return -1;
}

int Count(const std::string& text, const std::string& needle) {
  int count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

TEST(Mpi, AKilledRankFailsTheRunWithoutOutputAndResumeFinishesIt) {
  // Long enough for rank 1 to be caught midway; the sanitizer build runs about ten times
  // slower, so a third of the draws gives it the same length.
  const char* kDraws = SIM_SANITIZED ? "200000" : "600000";
  const fs::path dir = TempDir() / "killed";
  fs::create_directories(dir);
  const std::string output = (dir / "out.csv").string();
  const std::vector<std::string> sweep = {"sweep", "scenarios/detente.yaml", "--vary",
      "actors.usa.unpredictability=0:1:21", "--draws", kDraws, "--format", "csv", "--quiet",
      "--output", output};
  std::vector<std::string> args = {SIM_MPIEXEC, "-n", "2", test::SimulateBinary()};
  args.insert(args.end(), sweep.begin(), sweep.end());
  for (const char* a : {"--threads", "1"}) args.push_back(a);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string log = (dir / "log").string();
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, SIM_SOURCE_DIR);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  // Kill rank 1 once two points are in the checkpoint: midway through 21.
  bool killed = false;
  for (int i = 0; i < 60000 && !killed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (Count(Slurp(output + ".checkpoint"), "chunk ") < 2) continue;
    const pid_t victim = FindRank(pid, 1);
    killed = victim > 0 && kill(victim, SIGKILL) == 0;
    if (!killed) break;
  }
  int raw = 0;
  waitpid(pid, &raw, 0);
  ASSERT_TRUE(killed) << "the run ended before rank 1 could be killed:\n" << Slurp(log);
  EXPECT_TRUE(!WIFEXITED(raw) || WEXITSTATUS(raw) != 0) << "a run with a killed rank must fail";
  EXPECT_THAT(Slurp(log), HasSubstr("BAD TERMINATION")) << "mpiexec names the failed rank";
  EXPECT_FALSE(fs::exists(output));
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << entry.path();

  // --resume under 3 ranks finishes it with the bytes of one uninterrupted process.
  ASSERT_TRUE(fs::exists(output + ".checkpoint"));
  const test::RunResult resumed = Mpi(3, With(sweep, {"--threads", "1", "--resume"}));
  EXPECT_EQ(resumed.status, 0) << resumed.err;
  const std::string reference = (dir / "reference.csv").string();
  std::vector<std::string> single = sweep;
  single.back() = reference;
  const test::RunResult one = Mpi(0, With(single, {"--threads", "2"}));
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(Slurp(output), Slurp(reference));
  EXPECT_GT(Slurp(reference).size(), 1000u);
}

}  // namespace
}  // namespace sim
