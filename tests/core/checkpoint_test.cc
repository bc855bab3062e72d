// SPDX-License-Identifier: MIT
#include "sim/core/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sim
