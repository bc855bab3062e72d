// SPDX-License-Identifier: MIT
#include "sim/core/atomic_file.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
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

// Issue 12 item 3: temporaries are created O_EXCL|O_NOFOLLOW. Links planted under the
// names a writer would try are skipped (never opened, never followed), and their targets
// keep their bytes.
TEST(AtomicFile, PlantedTemporaryLinksAreNeverFollowed) {
  fs::path dir = FreshDir("planted");
  std::ofstream(dir / "victim") << "keep";
  const std::string prefix = ".out.csv.tmp." + std::to_string(::getpid());
  fs::create_symlink(dir / "victim", dir / prefix);
  for (int n = 0; n < 40; ++n) fs::create_symlink(dir / "victim", dir / (prefix + "." + std::to_string(n)));
  WriteFileAtomically((dir / "out.csv").string(), "new\n");
  EXPECT_EQ(Slurp(dir / "out.csv"), "new\n");
  EXPECT_EQ(Slurp(dir / "victim"), "keep");
  EXPECT_TRUE(fs::is_symlink(dir / prefix));  // a live writer's (ours): not removed
}

// Item 6: temporaries of writers that died are removed by the next writer of the target;
// another target's, and a live writer's, are not.
TEST(AtomicFile, StaleTemporariesOfDeadPidsAreRemoved) {
  fs::path dir = FreshDir("stale");
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  ASSERT_GT(dead, 0);
  waitpid(dead, nullptr, 0);
  const std::string pid = std::to_string(dead);
  for (const std::string name : {".out.csv.tmp." + pid, ".out.csv.tmp." + pid + ".3",
                                 ".other.csv.tmp." + pid, std::string(".out.csv.tmp.1"),  // init: alive
                                 ".out.csv.tmp." + pid + "x"}) {
    std::ofstream(dir / name) << "half";
  }
  WriteFileAtomically((dir / "out.csv").string(), "x");
  EXPECT_FALSE(fs::exists(dir / (".out.csv.tmp." + pid)));
  EXPECT_FALSE(fs::exists(dir / (".out.csv.tmp." + pid + ".3")));
  EXPECT_TRUE(fs::exists(dir / (".other.csv.tmp." + pid)));
  EXPECT_TRUE(fs::exists(dir / ".out.csv.tmp.1"));
  EXPECT_TRUE(fs::exists(dir / (".out.csv.tmp." + pid + "x")));
}

// Item 2: a link is followed to its target, and the temporary is made in the target's
// directory (so the rename stays on one file system); the link itself stays.
TEST(AtomicFile, SymlinkIsFollowedAndTemporaryGoesBesideItsTarget) {
  fs::path dir = FreshDir("symlink");
  fs::create_directories(dir / "a" / "b");
  fs::create_symlink("b/real.csv", dir / "a" / "hop");
  fs::create_symlink("a/hop", dir / "link.csv");
  {
    AtomicFile file((dir / "link.csv").string());
    EXPECT_EQ(fs::path(file.temporary_path()).parent_path(), dir / "a" / "b");
    file.stream() << "through";
    file.Commit();
  }
  EXPECT_TRUE(fs::is_symlink(dir / "link.csv"));
  EXPECT_TRUE(fs::is_symlink(dir / "a" / "hop"));
  EXPECT_EQ(Slurp(dir / "a" / "b" / "real.csv"), "through");
  fs::create_symlink("loop2", dir / "loop1");
  fs::create_symlink("loop1", dir / "loop2");
  EXPECT_THROW({ AtomicFile file((dir / "loop1").string()); }, Error);
}

// Item 2: a character device is written through, never replaced by a regular file. The
// devices are made here with mknod: (1,3) discards writes like a null device, (1,7) fails
// them with ENOSPC like a full one.
TEST(AtomicFile, CharacterDeviceIsWrittenThroughAndItsErrorsReported) {
  fs::path dir = FreshDir("device");
  if (::mknod((dir / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) GTEST_SKIP() << "needs root";
  ASSERT_EQ(::mknod((dir / "full").c_str(), S_IFCHR | 0666, makedev(1, 7)), 0);
  {
    AtomicFile file((dir / "null").string());
    EXPECT_EQ(file.temporary_path(), "");
    file.stream() << "discarded";
    file.Commit();
  }
  EXPECT_TRUE(fs::is_character_file(dir / "null"));
  try {
    WriteFileAtomically((dir / "full").string(), "no room");
    FAIL() << "a write to a full device must fail";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("No space left on device"));
  }
  EXPECT_TRUE(fs::is_character_file(dir / "full"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 2);
}

// Item 1: stdout's writes are checked: a full device on descriptor 1 is an Error.
TEST(AtomicFile, FailedStandardOutputWriteThrows) {
  fs::path dir = FreshDir("stdout");
  if (::mknod((dir / "full").c_str(), S_IFCHR | 0666, makedev(1, 7)) != 0) GTEST_SKIP() << "needs root";
  std::fflush(stdout);
  const int saved = ::dup(STDOUT_FILENO);
  const int full = ::open((dir / "full").c_str(), O_WRONLY);
  ASSERT_GE(full, 0);
  ::dup2(full, STDOUT_FILENO);
  ::close(full);
  bool threw = false;
  try {
    WriteStandardOutput("a report");
  } catch (const Error& e) {
    threw = std::string(e.what()).find("cannot write to standard output") != std::string::npos;
  }
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  EXPECT_TRUE(threw);
}

// Item 4: the files of one run are committed together. When the second cannot be renamed
// (a directory took its name after it was opened), the first is put back as it was.
TEST(AtomicFile, CommitTogetherIsAllOrNothing) {
  fs::path dir = FreshDir("together");
  std::ofstream(dir / "out.csv") << "old";
  {
    AtomicFile csv((dir / "out.csv").string());
    AtomicFile manifest((dir / "out.csv.manifest.json").string());
    AtomicFile fresh((dir / "new.txt").string());
    csv.stream() << "new csv";
    fresh.stream() << "new file";
    manifest.stream() << "{}";
    fs::create_directories(dir / "out.csv.manifest.json" / "blocker");
    EXPECT_THROW(CommitTogether({&csv, &fresh, &manifest}), Error);
  }
  EXPECT_EQ(Slurp(dir / "out.csv"), "old");
  EXPECT_FALSE(fs::exists(dir / "new.txt"));
  // Nothing else is left: no temporary, no backup.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 2);
  {
    AtomicFile csv((dir / "out.csv").string());
    AtomicFile fresh((dir / "new.txt").string());
    csv.stream() << "new csv";
    fresh.stream() << "new file";
    CommitTogether({&csv, &fresh});
  }
  EXPECT_EQ(Slurp(dir / "out.csv"), "new csv");
  EXPECT_EQ(Slurp(dir / "new.txt"), "new file");
}

}  // namespace
}  // namespace sim
