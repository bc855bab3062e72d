// SPDX-License-Identifier: MIT
#include "sim/core/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "sim/core/error.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sim {
namespace {

namespace fs = std::filesystem;

fs::path FreshDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("sim_atomic_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(AtomicFile, CommitReplacesTargetWhole) {
  fs::path dir = FreshDir("commit");
  fs::path target = dir / "out.csv";
  std::ofstream(target) << "old";
  WriteFileAtomically(target.string(), "new content\n");
  EXPECT_EQ(Slurp(target), "new content\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
}

TEST(AtomicFile, AbandonedWriteLeavesNoFileBehind) {
  fs::path dir = FreshDir("abandon");
  fs::path target = dir / "out.csv";
  {
    AtomicFile file(target.string());
    file.stream() << "half a table";
    // Destroyed without Commit(), as when an exception unwinds a failed run.
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(AtomicFile, AbandonedWriteKeepsOldTarget) {
  fs::path dir = FreshDir("keep");
  fs::path target = dir / "out.csv";
  std::ofstream(target) << "old";
  { AtomicFile file(target.string()); file.stream() << "partial"; }
  EXPECT_EQ(Slurp(target), "old");
}

TEST(AtomicFile, UnwritableDirectoryThrows) {
  EXPECT_THROW({ AtomicFile file("/nonexistent-dir-for-sim/out.csv"); }, Error);
}

}  // namespace
}  // namespace sim
