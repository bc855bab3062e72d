// SPDX-License-Identifier: MIT
#include "sim/solve/enumpoly.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/solve/logit.h"
#include "sim/solve/pure.h"
#include "tests/solve/game_fixtures.h"

namespace sim::solve {
namespace {

using testing::Bimatrix;
using testing::FromGambitOrder;
using testing::JordanPennies;
using testing::McKelveyMcLennan222;
using testing::RandomGame;

int CountTotallyMixed(const SolveResult& r) {
  return static_cast<int>(std::count_if(r.equilibria.begin(), r.equilibria.end(), [](const auto& e) {
    for (const Eigen::VectorXd& s : e.profile.strategies) {
      if (s.minCoeff() <= 0.0) return false;
    }
    return true;
  }));
}

double Distance(const MixedProfile& a, const MixedProfile& b) {
  double d = 0.0;
  for (size_t p = 0; p < a.strategies.size(); ++p) {
    d = std::max(d, (a.strategies[p] - b.strategies[p]).lpNorm<Eigen::Infinity>());
  }
  return d;
}

bool Contains(const SolveResult& r, const MixedProfile& profile, double tolerance) {
  return std::any_of(r.equilibria.begin(), r.equilibria.end(),
                     [&](const auto& e) { return Distance(e.profile, profile) <= tolerance; });
}

void ExpectAllVerifiedAndDistinct(const SolveResult& r) {
  for (size_t a = 0; a < r.equilibria.size(); ++a) {
    EXPECT_LE(r.equilibria[a].regret, 1e-9);
    EXPECT_TRUE(r.equilibria[a].profile.IsDistribution(1e-12));
    for (size_t b = 0; b < a; ++b) EXPECT_GT(Distance(r.equilibria[a].profile, r.equilibria[b].profile), 1e-7);
  }
}

// McKelvey & McLennan (1997), JET 72(2), and the description of Gambit's
// contrib/games/2x2x2.nfg: 9 Nash equilibria, exactly 2 of them totally mixed.
TEST(EnumPoly, McKelveyMcLennanGameHasNineEquilibriaTwoTotallyMixed) {
  const NormalFormGame game = McKelveyMcLennan222();
  SolveResult r = SolveEnumPoly(game);
  EXPECT_EQ(r.status, SolveStatus::kComplete) << r.message;
  EXPECT_EQ(r.equilibria.size(), 9u);
  EXPECT_EQ(CountTotallyMixed(r), 2);
  ExpectAllVerifiedAndDistinct(r);
  for (const Equilibrium& pure : SolvePureNash(game).equilibria) {
    EXPECT_TRUE(Contains(r, pure.profile, 0.0));
  }
}

// Jordan (1993): three-player matching pennies has a unique equilibrium, all mixing 1/2.
TEST(EnumPoly, JordanPenniesHasOnlyTheCentroid) {
  SolveResult r = SolveEnumPoly(JordanPennies());
  EXPECT_EQ(r.status, SolveStatus::kComplete) << r.message;
  ASSERT_EQ(r.equilibria.size(), 1u);
  for (int p = 0; p < 3; ++p) EXPECT_NEAR(r.equilibria[0].profile.strategies[p](0), 0.5, 1e-12);
}

// Matching pennies (von Neumann & Morgenstern 1944): unique equilibrium 1/2-1/2; also a
// check that enumpoly handles 2-player games (linear indifference systems).
TEST(EnumPoly, MatchingPenniesHasOneMixedEquilibrium) {
  SolveResult r = SolveEnumPoly(Bimatrix(2, 2, {{1, -1}, {-1, 1}, {-1, 1}, {1, -1}}));
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_NEAR(r.equilibria[0].profile.strategies[0](0), 0.5, 1e-15);
  EXPECT_EQ(r.equilibria[0].kind, EquilibriumKind::kMixed);
}

// Nau's game (Gambit's contrib/games/2x2x2-nau.nfg, described there as having 3 pure and
// 2 incompletely mixed equilibria plus a continuum of totally mixed ones): the isolated
// equilibria are all found and the continuum makes the answer partial, never a flood of
// points.
TEST(EnumPoly, NauGameReportsIsolatedEquilibriaAndFlagsTheContinuum) {
  const NormalFormGame game = FromGambitOrder({2, 2, 2}, {0, 0, 2, 3, 0, 0, 0, 3, 0, 0, 0, 0,
                                                          1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3});
  SolveResult r = SolveEnumPoly(game);
  EXPECT_EQ(r.status, SolveStatus::kPartial);
  EXPECT_THAT(r.message, ::testing::HasSubstr("continuum"));
  ExpectAllVerifiedAndDistinct(r);
  const auto pure = std::count_if(r.equilibria.begin(), r.equilibria.end(),
                                  [](const auto& e) { return e.kind == EquilibriumKind::kPure; });
  EXPECT_EQ(pure, 3);
  EXPECT_EQ(r.equilibria.size() - pure, 2u);
  EXPECT_EQ(CountTotallyMixed(r), 0);
}

// Property (random generic games, fixed seeds): every equilibrium verified; the pure ones
// and the logit limit are among them; the count is odd (Wilson 1971: generic games have an
// odd number of equilibria).
TEST(EnumPoly, RandomGenericGamesContainPureAndLogitEquilibriaAndAnOddCount) {
  const std::vector<std::vector<int>> shapes = {{2, 2, 2}, {3, 3, 2}, {3, 3, 3}, {2, 2, 2, 2}};
  for (unsigned seed = 1; seed <= 5; ++seed) {
    for (const auto& shape : shapes) {
      const NormalFormGame game = RandomGame(shape, seed, false);
      SolveResult r = SolveEnumPoly(game);
      ASSERT_EQ(r.status, SolveStatus::kComplete) << r.message;
      ExpectAllVerifiedAndDistinct(r);
      EXPECT_EQ(r.equilibria.size() % 2, 1u) << "seed " << seed << " players " << shape.size();
      for (const Equilibrium& pure : SolvePureNash(game).equilibria) {
        EXPECT_TRUE(Contains(r, pure.profile, 0.0));
      }
      SolveResult logit = SolveLogitNash(game);
      EXPECT_TRUE(Contains(r, logit.equilibria[0].profile, 1e-9)) << "seed " << seed;
    }
  }
}

// Integer payoffs in {0..9} have many ties; every reported profile must still verify.
TEST(EnumPoly, RandomGamesWithTiesReportOnlyVerifiedEquilibria) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    for (const auto& shape : std::vector<std::vector<int>>{{2, 2, 2}, {3, 2, 3}, {2, 2, 2, 2}}) {
      const NormalFormGame game = RandomGame(shape, seed, true);
      SolveResult r = SolveEnumPoly(game);
      ExpectAllVerifiedAndDistinct(r);
      for (const Equilibrium& pure : SolvePureNash(game).equilibria) {
        EXPECT_TRUE(Contains(r, pure.profile, 0.0)) << "seed " << seed;
      }
    }
  }
}

TEST(EnumPoly, RefusesGamesBeyondItsLimits) {
  // 12x12x12: too many support profiles; 5x5x5: 12 unknowns, above the limit of 9.
  for (const auto& shape : std::vector<std::vector<int>>{{12, 12, 12}, {5, 5, 5}}) {
    SolveResult r = SolveEnumPoly(RandomGame(shape, 1, false));
    EXPECT_EQ(r.status, SolveStatus::kFailed);
    EXPECT_THAT(r.message, ::testing::HasSubstr("too large for enumpoly"));
    EXPECT_TRUE(r.equilibria.empty());
  }
}

TEST(EnumPoly, StopsAtMaxEquilibria) {
  SolveOptions options;
  options.max_equilibria = 2;
  SolveResult r = SolveEnumPoly(McKelveyMcLennan222(), options);
  EXPECT_EQ(r.status, SolveStatus::kPartial);
  EXPECT_EQ(r.equilibria.size(), 2u);
}

}  // namespace
}  // namespace sim::solve
