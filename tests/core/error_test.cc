// SPDX-License-Identifier: MIT
#include "sim/core/error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sim {
namespace {

using ::testing::HasSubstr;

TEST(Diagnostic, FormatsLikeACompiler) {
  Diagnostic d{{"s.yaml", 14, 7}, "unknown actor 'rusia'", "did you mean 'russia'?"};
  EXPECT_EQ(d.ToString(), "s.yaml:14:7: error: unknown actor 'rusia'\n  hint: did you mean 'russia'?");
}

TEST(DiagnosticSink, ThrowsAllErrorsSortedByLocation) {
  DiagnosticSink sink;
  sink.Error({"f", 9, 1}, "second");
  sink.Error({"f", 2, 3}, "first");
  try {
    sink.ThrowIfAny();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].message, "first");
    EXPECT_THAT(e.what(), HasSubstr("f:2:3: error: first\nf:9:1: error: second"));
  }
}

// Issue #12 item 18: a broken input can have errors quadratic in its size (a 112 KB tree
// printed 499,499 of them, 76 MB). The sink keeps the first kMaxReported distinct ones and
// counts the rest; the message ends by saying how many were left out.
TEST(DiagnosticSink, KeepsTheFirstFiftyAndCountsTheRest) {
  DiagnosticSink sink;
  for (int i = 1000; i > 0; --i) sink.Error({"f", i, 1}, "problem " + std::to_string(i));
  sink.Error({"f", 1000, 1}, "problem 1000");  // the same problem again: not a new one
  EXPECT_EQ(sink.diagnostics().size(), DiagnosticSink::kMaxReported);
  EXPECT_EQ(sink.omitted(), 950u);
  EXPECT_EQ(sink.size(), 1000u);
  DiagnosticSink outer;
  outer.Error({"g", 1, 1}, "first");
  outer.Merge(sink);
  EXPECT_EQ(outer.omitted(), 951u);
  try {
    outer.ThrowIfAny();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 50u);
    const std::string what = e.what();
    // The first 50 found, sorted: "first", then the sink's first 49 (1000 down to 952).
    EXPECT_THAT(what, ::testing::StartsWith("f:952:1: error: problem 952\n"));
    EXPECT_THAT(what, HasSubstr("f:1000:1: error: problem 1000\ng:1:1: error: first\n"));
    EXPECT_THAT(what, ::testing::EndsWith(
                          "\ng: error: ... and 951 more errors (only the first 50 are shown)"));
    EXPECT_LT(what.size(), 3000u);
  }
}

TEST(DiagnosticSink, EmptySinkDoesNotThrow) {
  DiagnosticSink sink;
  EXPECT_NO_THROW(sink.ThrowIfAny());
}

TEST(NearestWord, FindsTyposButNotUnrelatedWords) {
  std::vector<std::string> keys = {"issues", "actors", "outcomes", "payoffs"};
  EXPECT_EQ(NearestWord("actros", keys), "actors");
  EXPECT_EQ(NearestWord("outcome", keys), "outcomes");
  EXPECT_EQ(NearestWord("zzzzzzzz", keys), "");
}

TEST(SimCheck, ThrowsInternalErrorWithLocation) {
  try {
    SIM_CHECK(1 + 1 == 3, "arithmetic");
    FAIL();
  } catch (const InternalError& e) {
    EXPECT_THAT(e.what(), HasSubstr("check failed: 1 + 1 == 3: arithmetic"));
    EXPECT_THAT(e.what(), HasSubstr("error_test.cc:"));
  }
}

}  // namespace
}  // namespace sim
