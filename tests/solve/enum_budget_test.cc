// SPDX-License-Identifier: MIT
// Issue #12 items 7 and 14 at the solver level: the budgets of `enum` (bases, time,
// equilibria) give an incomplete result with a reason, never an empty list called complete;
// the reverse search that large games get runs in memory independent of the number of bases;
// `pure` counts every equilibrium and stores a capped list; the default for large 2-player
// games is pure + Lemke-Howson.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/solve/bimatrix_enum.h"
#include "sim/solve/pure.h"
#include "sim/solve/registry.h"
#include "tests/bench/random_games.h"

namespace sim::solve {
namespace {

using ::testing::HasSubstr;

// Every finite game has an equilibrium (Nash 1951). A budget of one basis stops the
// enumeration before any vertex pairs: the result is incomplete, says why, and still holds
// an equilibrium (Lemke-Howson's).
TEST(EnumBudget, OneBasisBudgetIsIncompleteButNeverEmpty) {
  const NormalFormGame g = bench::RandomBimatrix(8, 3);
  SolveOptions options;
  options.max_iterations = 1;
  const SolveResult r = SolveEnumMixed(g, options);
  EXPECT_EQ(r.status, SolveStatus::kPartial);
  EXPECT_THAT(r.message, HasSubstr("incomplete: stopped after 1 bases"));
  ASSERT_FALSE(r.equilibria.empty());
  for (const Equilibrium& eq : r.equilibria) EXPECT_TRUE(eq.exact);
}

// The time budget stops the reverse search on a 20x20 game (minutes to enumerate).
TEST(EnumBudget, TimeBudgetStopsTheReverseSearch) {
  const NormalFormGame g = bench::RandomBimatrix(20, 4);
  EnumLimits limits;
  limits.max_seconds = 0.3;
  const BimatrixEnumeration e = EnumerateExtremeEquilibria(g, limits);
  EXPECT_FALSE(e.complete);
  EXPECT_EQ(e.stopped_by, "max_seconds");
}

// max_equilibria stops the reverse search itself (not only the listing).
TEST(EnumBudget, MaxEquilibriaStopsTheReverseSearch) {
  const NormalFormGame g = bench::RandomBimatrix(12, 5);
  EnumLimits limits;
  limits.search_memory_bytes = 0;  // reverse search from the start
  const BimatrixEnumeration all = EnumerateExtremeEquilibria(g, limits);
  ASSERT_TRUE(all.complete);
  ASSERT_GE(all.equilibria.size(), 3u);
  limits.max_equilibria = 2;
  const BimatrixEnumeration two = EnumerateExtremeEquilibria(g, limits);
  EXPECT_FALSE(two.complete);
  EXPECT_EQ(two.stopped_by, "max_equilibria");
  EXPECT_EQ(two.equilibria.size(), 2u);
  EXPECT_LT(two.bases[0], all.bases[0]);
}

// Every profile of a game with constant payoffs is a pure equilibrium: 2^14 of them,
// counted; 1000 stored by default, N with max_equilibria = N; both incomplete lists.
TEST(PureCap, CountsEveryEquilibriumAndStoresACappedList) {
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  for (int p = 0; p < 14; ++p) {
    players.push_back("p" + std::to_string(p));
    strategies.push_back({"a", "b"});
  }
  const NormalFormGame g(players, strategies);
  const SolveResult r = SolvePureNash(g);
  EXPECT_EQ(r.status, SolveStatus::kPartial);
  EXPECT_EQ(r.counted, 16384);
  EXPECT_EQ(r.equilibria.size(), static_cast<size_t>(kPureListedByDefault));
  EXPECT_THAT(r.BriefReport(), HasSubstr("1000 of 16384 equilibria listed (incomplete)"));
  SolveOptions three;
  three.max_equilibria = 3;
  const SolveResult r3 = SolvePureNash(g, three);
  EXPECT_EQ(r3.counted, 16384);
  EXPECT_EQ(r3.equilibria.size(), 3u);
  // Under the cap: complete, nothing counted beyond the list.
  const SolveResult small = SolvePureNash(bench::RandomBimatrix(4, 1));
  EXPECT_EQ(small.status, SolveStatus::kComplete);
  EXPECT_EQ(small.counted, -1);
}

// The default method switch, at the documented bound: 16x16 (upper bound 9.8e5 vertices)
// still enum, 17x17 (1.8e6) pure + lemke-howson; lopsided games by their smaller polytope.
TEST(DefaultMethods, LargeTwoPlayerGamesGetPureAndLemkeHowson) {
  EXPECT_LT(EnumUpperBoundVertices(16, 16), kEnumDefaultMaxVertices);
  EXPECT_GT(EnumUpperBoundVertices(17, 17), kEnumDefaultMaxVertices);
  EXPECT_EQ(DefaultMethods(bench::RandomBimatrix(16, 1).traits()), std::vector<std::string>{"enum"});
  EXPECT_EQ(DefaultMethods(bench::RandomBimatrix(17, 1).traits()),
            (std::vector<std::string>{"pure", "lemke-howson"}));
  // 3 x 200: P has dimension 3 and at most 402 vertices.
  EXPECT_LT(EnumUpperBoundVertices(3, 200), 1000);
}

}  // namespace
}  // namespace sim::solve
