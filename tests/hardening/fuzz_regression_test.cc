// SPDX-License-Identifier: MIT
// Replays, through the same entry points the libFuzzer targets use (tests/fuzz/entries.h),
// every input a fuzzer once crashed on (tests/data/fuzz-regressions/TARGET/) and every seed
// it starts from. Each must be accepted or refused with an InputError: the entries let
// nothing else through, so any other exception, or a sanitizer report in the ASan build,
// fails the test. This runs with g++ in the normal and the sanitizer builds, so a fixed
// fuzz finding stays fixed even where clang is not installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/fuzz/entries.h"

namespace sim {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every regular file under `dir` (recursively), sorted so failures are reproducible.
std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs `entry` on every file under `dir`; returns how many files it ran.
int ReplayAll(fuzz::Entry entry, const fs::path& dir) {
  int count = 0;
  for (const fs::path& file : FilesUnder(dir)) {
    SCOPED_TRACE(file.string());
    EXPECT_NO_THROW(entry(ReadBytes(file)));
    ++count;
  }
  return count;
}

const fs::path kSource = SIM_SOURCE_DIR;

TEST(FuzzRegression, EveryRegressionInputIsAcceptedOrRefusedWithAnInputError) {
  const fs::path root = kSource / "tests/data/fuzz-regressions";
  int count = 0;
  for (const auto& folder : fs::directory_iterator(root)) {
    if (!folder.is_directory()) continue;
    const fuzz::Entry entry = fuzz::EntryByName(folder.path().filename().string());
    ASSERT_NE(entry, nullptr) << "no fuzz entry named after " << folder.path();
    count += ReplayAll(entry, folder.path());
  }
  EXPECT_GT(count, 0) << "tests/data/fuzz-regressions holds no inputs";
}

TEST(FuzzRegression, ScenarioSeedsAreAcceptedOrRefusedWithAnInputError) {
  int count = 0;
  for (const char* dir : {"scenarios", "tests/data/good", "tests/data/bad"}) {
    count += ReplayAll(fuzz::ScenarioEntry, kSource / dir);
  }
  EXPECT_GT(count, 0);
}

TEST(FuzzRegression, EverySeedOfEveryTargetIsAcceptedOrRefusedWithAnInputError) {
  int folders = 0;
  for (const auto& folder : fs::directory_iterator(kSource / "tests/fuzz/seeds")) {
    const fuzz::Entry entry = fuzz::EntryByName(folder.path().filename().string());
    ASSERT_NE(entry, nullptr) << "no fuzz entry named after " << folder.path();
    EXPECT_GT(ReplayAll(entry, folder.path()), 0) << folder.path();
    ++folders;
  }
  EXPECT_GE(folders, 4);
}

TEST(FuzzRegression, EntriesRefuseHostileTextWithoutThrowingAnythingElse) {
  // Shapes the fuzzers reach only slowly: empty input, a lone NUL, unbalanced brackets.
  for (const std::string& text : {std::string(), std::string(1, '\0'), std::string("[[[{"),
                                 std::string("%%\n"), std::string("a.b=1\n%%\n{")}) {
    EXPECT_NO_THROW(fuzz::ScenarioEntry(text));
    EXPECT_NO_THROW(fuzz::OverrideEntry(text));
    EXPECT_NO_THROW(fuzz::PredicateEntry(text));
    EXPECT_NO_THROW(fuzz::NfgEntry(text));
  }
}

}  // namespace
}  // namespace sim
