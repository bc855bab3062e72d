// SPDX-License-Identifier: MIT
// No lost data in long sweeps, through the real `simulate` binary: a sweep stopped by
// SIGTERM or SIGINT exits at once, leaves no half output, keeps its finished points in
// OUTPUT.checkpoint, and `--resume` with the same arguments writes exactly the bytes an
// uninterrupted run writes. Also the limit on draws x grid points.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace sim {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kSource = SIM_SOURCE_DIR;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int Count(const std::string& text, const std::string& needle) {
  int count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

class SweepResume : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / (std::string("sweep_resume_") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const char* simulate = std::getenv("SIM_SIMULATE");
    ASSERT_NE(simulate, nullptr) << "SIM_SIMULATE is not set (run through ctest)";
    simulate_ = simulate;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The sweep under test: 24 points of the detente scenario, enough draws per point that
  // the whole run takes a while, written to `output`.
  std::vector<std::string> SweepArgs(const fs::path& output, const std::string& format) const {
    return {simulate_, "sweep", (kSource / "scenarios/detente.yaml").string(),
            "--vary", "actors.usa.unpredictability=0:0.92:24", "--draws", "20000", "--seed", "7",
            "--threads", "1", "--quiet", "--format", format, "--output", output.string()};
  }

  // Starts `args` with stdout and stderr going to files in dir_; returns the pid.
  pid_t Start(const std::vector<std::string>& args) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string out = (dir_ / "stdout.txt").string(), err = (dir_ / "stderr.txt").string();
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
  }

  // Exit status of `pid` (128 + signal when killed by one).
  static int Wait(pid_t pid) {
    int raw = 0;
    waitpid(pid, &raw, 0);
    if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
    return WEXITSTATUS(raw);
  }

  int Run(const std::vector<std::string>& args) { return Wait(Start(args)); }
  std::string Stderr() const { return Slurp(dir_ / "stderr.txt"); }

  // Runs the sweep to `output`, stops it with `signal` once at least two points are in the
  // checkpoint, checks that it stopped cleanly, then resumes it. Returns the resumed output.
  std::string InterruptAndResume(const fs::path& output, const std::string& format, int signal) {
    const fs::path checkpoint = output.string() + ".checkpoint";
    const pid_t pid = Start(SweepArgs(output, format));
    bool stopped_midway = false;
    for (int i = 0; i < 60000 && !stopped_midway; ++i) {
      if (Count(Slurp(checkpoint), "chunk ") >= 2) {
        stopped_midway = kill(pid, signal) == 0;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const int status = Wait(pid);
    EXPECT_TRUE(stopped_midway) << "the sweep finished before it could be interrupted";
    EXPECT_EQ(status, 128 + signal) << Stderr();
    EXPECT_FALSE(fs::exists(output)) << "an interrupted sweep must not leave its output";
    EXPECT_TRUE(fs::exists(checkpoint));
    for (const auto& entry : fs::directory_iterator(dir_)) {
      EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos)
          << "temporary file left behind: " << entry.path();
    }
    std::vector<std::string> resume = SweepArgs(output, format);
    resume.push_back("--resume");
    EXPECT_EQ(Run(resume), 0) << Stderr();
    EXPECT_FALSE(fs::exists(checkpoint)) << "the checkpoint outlives a finished sweep";
    return Slurp(output);
  }

  fs::path dir_;
  std::string simulate_;
};

TEST_F(SweepResume, CsvSweepStoppedBySigtermResumesToIdenticalBytes) {
  const fs::path full = dir_ / "full.csv", part = dir_ / "part.csv";
  ASSERT_EQ(Run(SweepArgs(full, "csv")), 0) << Stderr();
  const std::string resumed = InterruptAndResume(part, "csv", SIGTERM);
  EXPECT_EQ(resumed, Slurp(full));
  EXPECT_GT(resumed.size(), 1000u);
  EXPECT_EQ(Slurp(part.string() + ".manifest.json"), Slurp(full.string() + ".manifest.json"));
}

TEST_F(SweepResume, JsonSweepStoppedBySigintResumesToIdenticalBytes) {
  const fs::path full = dir_ / "full.json", part = dir_ / "part.json";
  ASSERT_EQ(Run(SweepArgs(full, "json")), 0) << Stderr();
  EXPECT_EQ(InterruptAndResume(part, "json", SIGINT), Slurp(full));
}

TEST_F(SweepResume, ResumeWithOtherArgumentsIsRefusedAtTheCheckpoint) {
  const fs::path output = dir_ / "out.csv";
  const std::string checkpoint = output.string() + ".checkpoint";
  std::ofstream(checkpoint) << "sim-checkpoint 1 0000000000000000\n";
  std::vector<std::string> args = SweepArgs(output, "csv");
  args.push_back("--resume");
  EXPECT_EQ(Run(args), 2);
  EXPECT_THAT(Stderr(), HasSubstr(checkpoint + ":1:1: error: this checkpoint was written for "
                                                 "different arguments"));
  EXPECT_FALSE(fs::exists(output));
}

TEST_F(SweepResume, ResumeWithoutOutputIsBadUsage) {
  EXPECT_EQ(Run({simulate_, "sweep", (kSource / "scenarios/detente.yaml").string(), "--vary",
                 "actors.usa.unpredictability=0:1:3", "--resume"}),
            2);
  EXPECT_THAT(Stderr(), HasSubstr("--resume needs --output FILE"));
}

TEST_F(SweepResume, DrawsTimesGridPointsBeyondTheLimitAreRefused) {
  EXPECT_EQ(Run({simulate_, "sweep", (kSource / "scenarios/detente.yaml").string(), "--vary",
                 "actors.usa.unpredictability=0:1:100000", "--draws", "100000"}),
            2);
  EXPECT_THAT(Stderr(), HasSubstr("<command line>: error: the sweep would run 100000 points x "
                                  "100000 draws, more than the limit of"));
}

}  // namespace
}  // namespace sim
