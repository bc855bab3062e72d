// SPDX-License-Identifier: MIT
// Sharding for job arrays, through the real `simulate` binary: `--shard I/3` for I = 1..3
// then `simulate merge` writes the bytes one process writes (the chunk tallies merged in
// chunk order: sim/parallel/part_file.h), for a sweep, a Monte Carlo and a tree; parts that
// are corrupted, truncated, foreign, missing or given twice are refused with a located
// message and exit 2, and no output is written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/run_simulate.h"

namespace sim {
namespace {

namespace fs = std::filesystem;
using test::Simulate;
using test::Slurp;
using test::TempDir;
using ::testing::HasSubstr;

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Runs `args` in one process to `name`.ref, then as three shards merged to `name`.merged;
// expects equal bytes (and equal manifests beside CSV). Returns the part paths.
std::vector<std::string> ShardAndMerge(const std::vector<std::string>& args, const std::string& name) {
  const std::string ref = (TempDir() / (name + ".ref")).string();
  const std::string merged = (TempDir() / (name + ".merged")).string();
  test::RunResult run = Simulate(With(args, {"--threads", "2", "--quiet", "--output", ref}));
  EXPECT_EQ(run.status, 0) << run.err;
  std::vector<std::string> parts;
  for (int i = 1; i <= 3; ++i) {
    parts.push_back((TempDir() / (name + ".part" + std::to_string(i))).string());
    run = Simulate(With(args, {"--threads", std::to_string(i), "--quiet", "--shard",
                               std::to_string(i) + "/3", "--output", parts.back()}));
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_FALSE(fs::exists(parts.back() + ".manifest.json")) << "a part is not an output";
  }
  run = Simulate({"merge", parts[2], parts[0], parts[1], "--output", merged});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_GT(Slurp(ref).size(), 200u);
  EXPECT_EQ(Slurp(merged), Slurp(ref));
  EXPECT_EQ(Slurp(merged + ".manifest.json"), Slurp(ref + ".manifest.json"));
  return parts;
}

const std::vector<std::string> kSweep = {"sweep", "scenarios/detente.yaml", "--vary",
                                         "actors.usa.unpredictability=0:1:5", "--draws", "20000",
                                         "--seed", "3", "--format", "csv"};

TEST(Shard, SweepSlicesMergeToTheBytesOfOneProcess) { ShardAndMerge(kSweep, "sweep"); }

TEST(Shard, MonteCarloSlicesMergeToTheBytesOfOneProcess) {
  ShardAndMerge({"scenarios/detente.yaml", "--draws", "30000", "--format", "json"}, "run");
}

TEST(Shard, TreeSweepSlicesMergeToTheBytesOfOneProcess) {
  ShardAndMerge({"sweep", "scenarios/detente_sequential.yaml", "--vary",
                 "actors.usa.unpredictability=0:0.6:3", "--draws", "9000"},
                "tree");
}

TEST(Shard, RobustnessSlicesMergeToTheBytesOfOneProcess) {
  // 1,200 samples (5 chunks) and 30 tipping-point chunks (one per ranged number).
  ShardAndMerge({"robustness", "scenarios/detente.yaml", "--samples", "1200", "--format", "json"}, "robust");
}

TEST(Shard, MoreSlicesThanBlocksStillMerge) {
  // 2 points of 1 chunk: slice 3 holds nothing, and is still required.
  ShardAndMerge({"sweep", "scenarios/detente.yaml", "--vary", "actors.usa.unpredictability=0:1:2",
                 "--draws", "300", "--format", "csv"},
                "small");
}

class BadParts : public ::testing::Test {
 protected:
  void SetUp() override { parts_ = ShardAndMerge(kSweep, "bad"); }
  // Runs merge on `parts` to a fresh output; expects exit 2, `message`, and no output.
  void ExpectRefused(const std::vector<std::string>& parts, const std::string& message) {
    const std::string out = (TempDir() / "refused.csv").string();
    std::vector<std::string> args = {"merge"};
    args.insert(args.end(), parts.begin(), parts.end());
    const test::RunResult run = Simulate(With(args, {"--output", out}));
    EXPECT_EQ(run.status, 2) << run.err;
    EXPECT_THAT(run.err, HasSubstr(message));
    EXPECT_FALSE(fs::exists(out));
  }
  std::vector<std::string> parts_;
};

TEST_F(BadParts, AMissingSliceIsRefused) {
  ExpectRefused({parts_[0], parts_[2]}, parts_[0] + ":3:1: error: slice 2/3 of this run is missing");
}

TEST_F(BadParts, ARepeatedSliceIsRefused) {
  ExpectRefused({parts_[0], parts_[1], parts_[1], parts_[2]},
                parts_[1] + ":3:1: error: slice 2/3 is given twice");
}

TEST_F(BadParts, ACorruptedPartIsRefusedAtItsChecksum) {
  std::string bytes = Slurp(parts_[1]);
  bytes[bytes.size() / 2] ^= 0x01;  // one bit inside a chunk tally
  const std::string corrupted = test::WriteFile("corrupted", bytes).string();
  ExpectRefused({parts_[0], corrupted, parts_[2]}, "error: checksum mismatch: the part is corrupted");
}

TEST_F(BadParts, ATruncatedPartIsRefused) {
  const std::string bytes = Slurp(parts_[1]);
  const std::string truncated = test::WriteFile("truncated", bytes.substr(0, bytes.size() - 30)).string();
  ExpectRefused({parts_[0], truncated, parts_[2]}, truncated + ":");
  ExpectRefused({parts_[0], truncated, parts_[2]}, "truncated");
}

TEST_F(BadParts, APartOfAnotherRunIsRefused) {
  const std::string foreign = (TempDir() / "foreign").string();
  const test::RunResult run = Simulate(With({"sweep", "scenarios/detente.yaml", "--vary",
                                             "actors.usa.unpredictability=0:1:5", "--draws", "20000",
                                             "--seed", "4", "--format", "csv"},
                                            {"--quiet", "--shard", "2/3", "--output", foreign}));
  ASSERT_EQ(run.status, 0) << run.err;
  ExpectRefused({parts_[0], foreign, parts_[2]},
                foreign + ":2:1: error: this part belongs to another run than " + parts_[0]);
}

TEST_F(BadParts, AFileThatIsNoPartIsRefused) {
  const std::string other = test::WriteFile("not_a_part", "hello\n").string();
  ExpectRefused({other}, other + ":1:1: error: not a part file of simulate");
}

TEST(Shard, VersionSaysWhetherMpiIsCompiledIn) {
  // The build's SIM_MPI setting (CMake) against what the binary says.
  const test::RunResult run = Simulate({"--version"});
  EXPECT_EQ(run.status, 0);
  EXPECT_THAT(run.out, HasSubstr(SIM_EXPECT_MPI ? "(MPI support: yes)" : "(MPI support: no)"));
}

TEST(Shard, BadShardArgumentsAreBadUsage) {
  test::RunResult run = Simulate(With(kSweep, {"--shard", "4/3", "--output", (TempDir() / "x").string()}));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("<--shard 4/3>:1:1: error: expected --shard I/N"));
  run = Simulate(With(kSweep, {"--shard", "1/3"}));
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("--shard needs --output PART"));
}

}  // namespace
}  // namespace sim
