// SPDX-License-Identifier: MIT
// Lemke-Howson: known answers, degenerate games (lexicographic pivoting must not cycle),
// exactness of the end points, and the method's contract in the registry.
#include "sim/solve/lemke_howson.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "sim/solve/bimatrix_enum.h"
#include "tests/solve/lrsnash.h"

namespace sim::solve {
namespace {

using ::testing::HasSubstr;
using sim::testing::JoinRationals;
using sim::testing::KeysOf;

NormalFormGame Bimatrix(int m, int n, const std::vector<int>& a, const std::vector<int>& b) {
  std::vector<std::string> rows, cols;
  for (int i = 0; i < m; ++i) rows.push_back(std::to_string(i + 1));
  for (int j = 0; j < n; ++j) cols.push_back(std::to_string(j + 1));
  NormalFormGame g({"1", "2"}, {rows, cols});
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      const int64_t k = g.ProfileIndex(std::vector<int>{i, j});
      g.set_payoff(k, 0, a[i * n + j]);
      g.set_payoff(k, 1, b[i * n + j]);
    }
  }
  return g;
}

std::string Key(const LemkeHowsonPath& path) {
  return JoinRationals(path.exact_profile[0]) + "|" + JoinRationals(path.exact_profile[1]);
}

// von Stengel (2002), "Computing equilibria for two-person games", Handbook of Game Theory
// vol. 3, ch. 45: the running 3x2 example, A = [3 3; 2 5; 0 6], B = [3 2; 2 6; 3 1], has
// three equilibria (checked with lrsnash); every Lemke-Howson path ends at one of them.
TEST(LemkeHowson, VonStengelExampleEveryLabelEndsAtAKnownEquilibrium) {
  NormalFormGame g = Bimatrix(3, 2, {3, 3, 2, 5, 0, 6}, {3, 2, 2, 6, 3, 1});
  const std::set<std::string> known = {"1,0,0|1,0", "4/5,1/5,0|2/3,1/3", "0,1/3,2/3|1/3,2/3"};
  EXPECT_EQ(KeysOf(EnumerateExtremeEquilibria(g)), known);
  std::set<std::string> reached;
  for (int k = 0; k < 5; ++k) {
    LemkeHowsonPath path = RunLemkeHowson(g, k);
    ASSERT_TRUE(path.found && path.exact) << "label " << k;
    EXPECT_FALSE(path.exact_rerun);
    EXPECT_TRUE(known.count(Key(path))) << Key(path);
    reached.insert(Key(path));
  }
  // The middle equilibrium has the opposite index to the artificial one's neighbours
  // (Shapley 1974): paths from (0, 0) never end there.
  EXPECT_FALSE(reached.count("4/5,1/5,0|2/3,1/3"));
}

// The degenerate variant of the same example (B's first row 3 3): player 2 is indifferent
// against the top row, so (top, y) is an equilibrium for y from (1,0) to (2/3,1/3)
// (lrsnash agrees). Lexicographic pivoting must still end every path at an extreme one.
TEST(LemkeHowson, DegenerateVariantTerminatesAtExtremeEquilibria) {
  NormalFormGame g = Bimatrix(3, 2, {3, 3, 2, 5, 0, 6}, {3, 3, 2, 6, 3, 1});
  BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
  EXPECT_TRUE(e.degenerate);
  EXPECT_EQ(KeysOf(e), (std::set<std::string>{"1,0,0|1,0", "1,0,0|2/3,1/3", "0,1/3,2/3|1/3,2/3"}));
  for (int k = 0; k < 5; ++k) {
    LemkeHowsonPath path = RunLemkeHowson(g, k);
    ASSERT_TRUE(path.found && path.exact) << "label " << k;
    EXPECT_TRUE(KeysOf(e).count(Key(path))) << Key(path);
  }
}

TEST(LemkeHowson, HighlyDegenerateGamesNeverCycle) {
  // Payoffs in {0, 1} on 8x8: ties everywhere. Every path must end (well below the cap)
  // at an exactly verified extreme equilibrium.
  std::mt19937 rng(21);
  std::uniform_int_distribution<int> bit(0, 1);
  for (int t = 0; t < 10; ++t) {
    std::vector<int> a(64), b(64);
    for (int k = 0; k < 64; ++k) a[k] = bit(rng), b[k] = bit(rng);
    NormalFormGame g = Bimatrix(8, 8, a, b);
    const std::set<std::string> all = KeysOf(EnumerateExtremeEquilibria(g));
    for (int k = 0; k < 16; ++k) {
      LemkeHowsonPath path = RunLemkeHowson(g, k, /*max_pivots=*/10000);
      ASSERT_TRUE(path.found) << "game " << t << " label " << k;
      ASSERT_TRUE(path.exact);
      EXPECT_TRUE(all.count(Key(path)));
    }
  }
}

TEST(LemkeHowson, LargeRandomGameGivesExactEquilibrium) {
  // 60x60 with payoffs 0..999: no enumeration possible, but the end point is re-checked in
  // exact arithmetic (CheckExactly) and must pass.
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> payoff(0, 999);
  std::vector<int> a(3600), b(3600);
  for (int k = 0; k < 3600; ++k) a[k] = payoff(rng), b[k] = payoff(rng);
  NormalFormGame g = Bimatrix(60, 60, a, b);
  LemkeHowsonPath path = RunLemkeHowson(g, 7);
  ASSERT_TRUE(path.found);
  EXPECT_TRUE(path.exact);
  EXPECT_TRUE(CheckExactly(g, path.exact_profile).is_equilibrium);
  EXPECT_LE(Regret(g, path.profile), 1e-9 * 999);
}

TEST(LemkeHowson, FloatingPointFailureIsCaughtAndRerunExactly) {
  // One payoff of 10^17 squeezes all the others into the same double after scaling (the
  // float path sees ties that are not there). The exact re-check notices, and the path is
  // rerun in integer arithmetic: the answer is still an exact extreme equilibrium.
  std::mt19937 rng(8);
  std::uniform_int_distribution<int> payoff(0, 5);
  int reruns = 0;
  for (int t = 0; t < 20; ++t) {
    std::vector<int> a(25), b(25);
    for (int k = 0; k < 25; ++k) a[k] = payoff(rng), b[k] = payoff(rng);
    NormalFormGame g = Bimatrix(5, 5, a, b);
    g.set_payoff(g.ProfileIndex(std::vector<int>{4, 4}), 0, 1e17);
    const std::set<std::string> all = KeysOf(EnumerateExtremeEquilibria(g));
    for (int k = 0; k < 10; ++k) {
      LemkeHowsonPath path = RunLemkeHowson(g, k);
      ASSERT_TRUE(path.found && path.exact) << "game " << t << " label " << k;
      EXPECT_TRUE(all.count(Key(path)));
      reruns += path.exact_rerun;
    }
  }
  EXPECT_GT(reruns, 0) << "the test no longer exercises the exact rerun";
}

TEST(LemkeHowson, RaceOfLabelsEndsAtAnEnumeratedEquilibrium) {
  std::mt19937 rng(31);
  std::uniform_int_distribution<int> payoff(0, 9);
  for (int t = 0; t < 20; ++t) {
    std::vector<int> a(49), b(49);
    for (int k = 0; k < 49; ++k) a[k] = payoff(rng), b[k] = payoff(rng);
    NormalFormGame g = Bimatrix(7, 7, a, b);
    LemkeHowsonPath path = RunLemkeHowsonRace(g, /*num_labels=*/4);
    ASSERT_TRUE(path.found && path.exact);
    EXPECT_LT(path.missing_label, 4);
    EXPECT_TRUE(KeysOf(EnumerateExtremeEquilibria(g)).count(Key(path)));
  }
}

TEST(LemkeHowson, MethodReturnsOneEquilibriumUnlessAskedForMore) {
  NormalFormGame g = Bimatrix(3, 2, {3, 3, 2, 5, 0, 6}, {3, 2, 2, 6, 3, 1});
  SolveResult one = SolveLemkeHowson(g);
  ASSERT_EQ(one.equilibria.size(), 1u);
  EXPECT_TRUE(one.equilibria[0].exact);
  EXPECT_EQ(one.equilibria[0].regret, 0.0);
  EXPECT_THAT(one.message, HasSubstr("4 of 5 starting labels tried"));  // the race
  SolveOptions options;
  options.max_equilibria = 3;
  SolveResult more = SolveLemkeHowson(g, options);
  // Only two equilibria are reachable from the artificial one (see above).
  EXPECT_EQ(more.equilibria.size(), 2u);
  EXPECT_THAT(more.message, HasSubstr("every label tried"));
}

TEST(LemkeHowson, RefusesGamesWithoutTwoPlayers) {
  NormalFormGame g({"a", "b", "c"}, {{"x"}, {"x"}, {"x"}});
  SolveResult r = SolveLemkeHowson(g);
  EXPECT_EQ(r.status, SolveStatus::kFailed);
  EXPECT_THAT(r.message, HasSubstr("2-player"));
}

TEST(LemkeHowson, PivotCapIsReportedNotThrown) {
  NormalFormGame g = Bimatrix(3, 2, {3, 3, 2, 5, 0, 6}, {3, 2, 2, 6, 3, 1});
  LemkeHowsonPath path = RunLemkeHowson(g, 0, /*max_pivots=*/1);
  EXPECT_FALSE(path.found);
  SolveOptions options;
  options.max_iterations = 1;
  SolveResult r = SolveLemkeHowson(g, options);
  EXPECT_EQ(r.status, SolveStatus::kFailed);
  EXPECT_THAT(r.message, HasSubstr("hit max_iterations"));
}

}  // namespace
}  // namespace sim::solve
