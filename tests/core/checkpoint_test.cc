// SPDX-License-Identifier: MIT
#include "sim/core/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/error.h"

namespace sim {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / (std::string("checkpoint_") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "out.csv.checkpoint").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read() {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void Overwrite(const std::string& bytes) { std::ofstream(path_, std::ios::binary) << bytes; }

  fs::path dir_;
  std::string path_;
};

TEST(Fingerprint, DependsOnEveryPartAndOnWherePartsSplit) {
  EXPECT_EQ(Fingerprint({"a", "b"}), Fingerprint({"a", "b"}));
  EXPECT_NE(Fingerprint({"a", "b"}), Fingerprint({"a", "c"}));
  EXPECT_NE(Fingerprint({"ab", "c"}), Fingerprint({"a", "bc"}));
  EXPECT_EQ(Fingerprint({}).size(), 16u);
}

TEST_F(CheckpointTest, RecordedChunksComeBackOnResumeInOrder) {
  {
    Checkpoint first(path_, "fp");
    first.Open(/*resume=*/false);
    first.Record("0.1,a\n");
    first.Record(std::string("binary\0\nsafe", 12));
  }  // the process "dies" here: the sidecar stays
  Checkpoint again(path_, "fp");
  again.Open(/*resume=*/true);
  EXPECT_THAT(again.chunks(), ElementsAre("0.1,a\n", std::string("binary\0\nsafe", 12)));
  again.Record("last\n");
  Checkpoint third(path_, "fp");
  third.Open(/*resume=*/true);
  EXPECT_EQ(third.chunks().size(), 3u);
}

TEST_F(CheckpointTest, ResumeWithoutASidecarStartsEmpty) {
  Checkpoint checkpoint(path_, "fp");
  checkpoint.Open(/*resume=*/true);
  EXPECT_TRUE(checkpoint.chunks().empty());
  EXPECT_TRUE(fs::exists(path_));
}

TEST_F(CheckpointTest, FreshStartReplacesAnOldSidecar) {
  Checkpoint old(path_, "fp");
  old.Open(false);
  old.Record("stale");
  Checkpoint fresh(path_, "fp");
  fresh.Open(/*resume=*/false);
  Checkpoint reread(path_, "fp");
  reread.Open(true);
  EXPECT_TRUE(reread.chunks().empty());
}

TEST_F(CheckpointTest, TornLastRecordIsDroppedAndOverwritten) {
  {
    Checkpoint checkpoint(path_, "fp");
    checkpoint.Open(false);
    checkpoint.Record("whole");
    checkpoint.Record("torn-in-half");
  }
  const std::string text = Read();
  Overwrite(text.substr(0, text.size() - 5));  // a kill in the middle of the last write
  Checkpoint resumed(path_, "fp");
  resumed.Open(true);
  EXPECT_THAT(resumed.chunks(), ElementsAre("whole"));
  resumed.Record("next");
  Checkpoint reread(path_, "fp");
  reread.Open(true);
  EXPECT_THAT(reread.chunks(), ElementsAre("whole", "next"));
}

TEST_F(CheckpointTest, CorruptedRecordIsNotTrusted) {
  {
    Checkpoint checkpoint(path_, "fp");
    checkpoint.Open(false);
    checkpoint.Record("good");
    checkpoint.Record("12345");
  }
  std::string text = Read();
  text[text.size() - 3] = '9';  // same length, other bytes: the digest no longer matches
  Overwrite(text);
  Checkpoint resumed(path_, "fp");
  resumed.Open(true);
  EXPECT_THAT(resumed.chunks(), ElementsAre("good"));
}

TEST_F(CheckpointTest, OtherArgumentsAreRefusedWithALocatedMessage) {
  Checkpoint old(path_, "one");
  old.Open(false);
  old.Record("x");
  Checkpoint other(path_, "two");
  try {
    other.Open(/*resume=*/true);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path_ + ":1:1: error: this checkpoint was written for "
                                            "different arguments"));
  }
}

TEST_F(CheckpointTest, SomethingElseIsNotMistakenForACheckpoint) {
  Overwrite("x,y\n1,2\n");
  Checkpoint checkpoint(path_, "fp");
  EXPECT_THROW(checkpoint.Open(true), InputError);
}

TEST_F(CheckpointTest, EmptySidecarMeansNothingWasDone) {
  Overwrite("");
  Checkpoint checkpoint(path_, "fp");
  checkpoint.Open(true);
  EXPECT_TRUE(checkpoint.chunks().empty());
}

TEST_F(CheckpointTest, DiscardRemovesTheSidecar) {
  Checkpoint checkpoint(path_, "fp");
  checkpoint.Open(false);
  checkpoint.Record("x");
  checkpoint.Discard();
  EXPECT_FALSE(fs::exists(path_));
}

// Issue 12 item 9: records whose own digests were valid, but duplicated or swapped, were
// resumed and the CSV came out wrong. Each record is bound to its index and to the run:
// the valid prefix ends at the first record out of place, and the rest is computed again.
TEST_F(CheckpointTest, RecordsOutOfPlaceOrFromAnotherRunEndTheValidPrefix) {
  const std::string header = EncodeCheckpointHeader("fp");
  const std::string r0 = EncodeCheckpointRecord("fp", 0, "p0"),
                    r1 = EncodeCheckpointRecord("fp", 1, "p1"),
                    r2 = EncodeCheckpointRecord("fp", 2, "p2");
  auto chunks = [&](const std::string& text) { return ParseCheckpoint(text, path_, "fp").chunks; };
  EXPECT_THAT(chunks(header + r0 + r1 + r2), ElementsAre("p0", "p1", "p2"));
  EXPECT_THAT(chunks(header + r0 + r2 + r1), ElementsAre("p0"));        // swapped
  EXPECT_THAT(chunks(header + r0 + r0 + r1), ElementsAre("p0"));        // duplicated
  EXPECT_THAT(chunks(header + r0 + r2), ElementsAre("p0"));             // one dropped
  EXPECT_THAT(chunks(header + r1 + r0), ElementsAre());                 // starts wrong
  // The same bytes at the same index, but recorded by another run (other fingerprint).
  EXPECT_THAT(chunks(header + r0 + EncodeCheckpointRecord("other", 1, "p1")), ElementsAre("p0"));
  // A swapped pair with the index rewritten to fit is caught by the digest.
  std::string forged = EncodeCheckpointRecord("fp", 2, "p1");
  forged.replace(forged.find(" 2 "), 3, " 1 ");
  EXPECT_THAT(chunks(header + r0 + forged), ElementsAre("p0"));
  const CheckpointContents prefix = ParseCheckpoint(header + r0 + r2 + r1, path_, "fp");
  EXPECT_EQ(prefix.valid_bytes, header.size() + r0.size());
}

// The fuzz target's seeds (tests/fuzz/seeds/checkpoint, fingerprint 0123456789abcdef)
// are real checkpoints: the whole file, or the valid prefix the file's name describes.
TEST(CheckpointSeeds, SeedsAreTheCheckpointsTheirNamesDescribe) {
  const fs::path seeds = fs::path(SIM_SOURCE_DIR) / "tests/fuzz/seeds/checkpoint";
  auto chunks = [&](const std::string& name) {
    std::ifstream in(seeds / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return ParseCheckpoint(text.str(), name, "0123456789abcdef").chunks.size();
  };
  EXPECT_EQ(chunks("three_records"), 3u);
  EXPECT_EQ(chunks("header_only"), 0u);
  EXPECT_EQ(chunks("torn_last"), 1u);
  EXPECT_EQ(chunks("swapped"), 1u);
  EXPECT_EQ(chunks("duplicated"), 1u);
  EXPECT_EQ(chunks("other_run_record"), 1u);
  EXPECT_EQ(chunks("json_points"), 2u);
  EXPECT_THROW(chunks("other_fingerprint"), InputError);
}

// Item 3: a link planted as the sidecar used to have its target truncated; a FIFO would
// block the run. Both are refused, and nothing is written through them.
TEST_F(CheckpointTest, LinksAndNonRegularFilesAreRefused) {
  const fs::path victim = dir_ / "victim.txt";
  std::ofstream(victim) << "keep me";
  fs::create_symlink(victim, path_);
  for (bool resume : {false, true}) {
    Checkpoint checkpoint(path_, "fp");
    try {
      checkpoint.Open(resume);
      FAIL() << "a link must be refused";
    } catch (const InputError& e) {
      EXPECT_THAT(e.what(), HasSubstr("the checkpoint file is a symbolic link"));
    }
  }
  EXPECT_EQ(Read(), "keep me");  // read through the link by the test only
  fs::remove(path_);
  ASSERT_EQ(::mkfifo(path_.c_str(), 0644), 0);
  for (bool resume : {false, true}) {
    Checkpoint checkpoint(path_, "fp");
    EXPECT_THROW(checkpoint.Open(resume), InputError);
  }
}

}  // namespace
}  // namespace sim
