// SPDX-License-Identifier: MIT
// Library-level limits that the scenario tests do not already cover: diagnostics reached
// many times through YAML aliases, and binary input handed to ParseScenario directly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/core/error.h"
#include "sim/scenario/load.h"

namespace sim {
namespace {

using ::testing::HasSubstr;

// Number of times `needle` occurs in `text`.
int Count(const std::string& text, const std::string& needle) {
  int count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

TEST(Limits, ProblemReachedThroughAnAliasIsReportedOnce) {
  // Found by fuzz_scenario: a bad move inside an aliased map was reported once per alias use.
  const std::string text = R"(actors:
  a: &A
    moves:
      ok: {}
      bad~name: {}
  b: *A
  c: *A
  d: *A
)";
  try {
    ParseScenario(text, "alias.yaml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(Count(e.what(), "alias.yaml:5:7: error: invalid move name 'bad~name'"), 1) << e.what();
    EXPECT_EQ(e.diagnostics().size(), 1u);
  }
}

TEST(Limits, DifferentProblemsAtOneLocationAreAllKept) {
  DiagnosticSink sink;
  sink.Error({"f.yaml", 2, 3}, "first");
  sink.Error({"f.yaml", 2, 3}, "second");
  sink.Error({"f.yaml", 2, 3}, "first");
  sink.Error({"f.yaml", 2, 3}, "first", "with a hint");
  try {
    sink.ThrowIfAny();
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 3u);
    EXPECT_EQ(e.diagnostics()[0].message, "first");
    EXPECT_EQ(e.diagnostics()[1].message, "second");
    EXPECT_EQ(e.diagnostics()[2].hint, "with a hint");
  }
}

TEST(Limits, BinaryBytesAreRefusedAsNotText) {
  // A PNG signature: high bytes first (not UTF-8), then control bytes and NULs.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  try {
    ParseScenario(png, "picture.yaml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("picture.yaml:3:1: error: the file contains a NUL byte"));
  }
  const std::string high("\xff\xfe\xfd", 3);
  EXPECT_THROW(ParseScenario(high, "high.yaml"), InputError);
}

}  // namespace
}  // namespace sim
