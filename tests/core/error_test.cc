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
