// SPDX-License-Identifier: MIT
// The Monte Carlo's floating-point support enumeration against the exact `enum` method: on
// every game where it answers (it declines degenerate ones) it must list the same equilibria.
#include "sim/montecarlo/fast_bimatrix.h"

#include <gtest/gtest.h>

#include "sim/montecarlo/random.h"
#include "sim/solve/bimatrix_enum.h"

namespace sim::montecarlo::detail {
namespace {

NormalFormGame Game(int m, int n, Stream& stream, bool integers, int values = 3) {
  std::vector<std::string> rows, cols;
  for (int i = 0; i < m; ++i) rows.push_back("r" + std::to_string(i));
  for (int j = 0; j < n; ++j) cols.push_back("c" + std::to_string(j));
  NormalFormGame game({"row", "col"}, {rows, cols});
  for (int64_t i = 0; i < game.num_profiles(); ++i)
    for (int p = 0; p < 2; ++p)
      game.set_payoff(i, p, integers ? stream.Below(values) : stream.Uniform() * 2 - 1);
  return game;
}

// True when every equilibrium of `a` is within 1e-7 of one of `b` and the counts agree.
bool SameSet(const std::vector<solve::Equilibrium>& a, const std::vector<solve::Equilibrium>& b) {
  if (a.size() != b.size()) return false;
  for (const solve::Equilibrium& x : a) {
    bool matched = false;
    for (const solve::Equilibrium& y : b) {
      bool same = true;
      for (int p = 0; p < 2; ++p)
        same &= (x.profile.strategies[p] - y.profile.strategies[p]).cwiseAbs().maxCoeff() < 1e-7;
      matched |= same;
    }
    if (!matched) return false;
  }
  return true;
}

TEST(FastBimatrix, MatchesExactEnumOnRandomContinuousGames) {
  Stream stream(/*seed=*/31, 0, 0);
  int answered = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const int m = 2 + trial % 3, n = 2 + (trial / 3) % 3;
    const NormalFormGame game = Game(m, n, stream, /*integers=*/false);
    const auto fast = SolveNondegenerateBimatrix(game);
    const solve::SolveResult exact = solve::SolveEnumMixed(game);
    // Continuous random payoffs are nondegenerate with probability 1.
    ASSERT_TRUE(fast.has_value()) << "trial " << trial;
    ++answered;
    EXPECT_TRUE(SameSet(*fast, exact.equilibria)) << "trial " << trial;
  }
  EXPECT_EQ(answered, 300);
}

TEST(FastBimatrix, DeclinesOrMatchesOnDegenerateIntegerGames) {
  // Payoffs in {0, 1, 2}: many ties, many degenerate games (continua, unequal supports).
  Stream stream(/*seed=*/32, 0, 0);
  int declined = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int m = 2 + trial % 3, n = 2 + (trial / 3) % 3;
    const NormalFormGame game = Game(m, n, stream, /*integers=*/true);
    const auto fast = SolveNondegenerateBimatrix(game);
    if (!fast) {
      ++declined;
      continue;
    }
    const solve::SolveResult exact = solve::SolveEnumMixed(game);
    EXPECT_TRUE(SameSet(*fast, exact.equilibria)) << "trial " << trial << ": " << exact.message;
  }
  EXPECT_GT(declined, 50);  // the degeneracy checks do fire
}

TEST(FastBimatrix, DeclinesOrMatchesOnZeroOneGamesUpToFiveByFive) {
  Stream stream(/*seed=*/33, 0, 0);
  for (int trial = 0; trial < 400; ++trial) {
    const int m = 2 + trial % 4, n = 2 + (trial / 4) % 4;
    const NormalFormGame game = Game(m, n, stream, /*integers=*/true, /*values=*/2);
    const auto fast = SolveNondegenerateBimatrix(game);
    if (!fast) continue;
    const solve::SolveResult exact = solve::SolveEnumMixed(game);
    EXPECT_TRUE(SameSet(*fast, exact.equilibria)) << "trial " << trial << ": " << exact.message;
  }
}

}  // namespace
}  // namespace sim::montecarlo::detail
