// SPDX-License-Identifier: MIT
#include "sim/solve/logit.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/solve/game_fixtures.h"

namespace sim::solve {
namespace {

using testing::Bimatrix;
using testing::JordanPennies;
using testing::RandomGame;

double Logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }
double Logit(double p) { return std::log(p / (1.0 - p)); }

// Stag hunt with the usual payoffs (Harsanyi & Selten 1988; Skyrms 2004): stag/stag 4,4;
// stag/hare 0,3; hare/stag 3,0; hare/hare 3,3.
NormalFormGame StagHunt() { return Bimatrix(2, 2, {{4, 4}, {0, 3}, {3, 0}, {3, 3}}); }

// Closed form for the principal branch of a symmetric 2x2 game. The branch starts at the
// symmetric centroid and the game is symmetric, so it stays symmetric: both players play
// stag with the same probability p. Stag earns 4p, hare earns 3, and the logit condition
//   p = 1 / (1 + exp(-lambda (4p - 3)))
// inverts to lambda(p) = logit(p) / (4p - 3), which increases as p falls from 1/2 to 0
// (logit(p) -> -inf while 4p - 3 stays in [-3, -1]). So choosing p gives the lambda at which
// the branch passes through p, with no solver involved.
TEST(LogitQre, StagHuntMatchesClosedFormAtSeveralLambdas) {
  const NormalFormGame game = StagHunt();
  for (double p : {0.45, 0.3, 0.2, 0.1, 0.01}) {
    SolveOptions options;
    options.qre_lambda = Logit(p) / (4 * p - 3);
    SolveResult r = SolveLogitQre(game, options);
    ASSERT_EQ(r.status, SolveStatus::kComplete) << r.message;
    ASSERT_EQ(r.equilibria.size(), 1u);
    EXPECT_NEAR(r.equilibria[0].profile.strategies[0](0), p, 1e-10) << "lambda " << options.qre_lambda;
    EXPECT_NEAR(r.equilibria[0].profile.strategies[1](0), p, 1e-10);
    EXPECT_EQ(r.equilibria[0].labels, std::vector<std::string>{"qre"});
  }
}

TEST(LogitQre, StagHuntLimitIsHareHare) {
  // Follows from the closed form above: p -> 0 as lambda -> infinity.
  SolveResult r = SolveLogitQre(StagHunt());
  ASSERT_EQ(r.status, SolveStatus::kComplete) << r.message;
  EXPECT_EQ(r.equilibria[0].profile.ArgMax(), (PureProfile{1, 1}));
  EXPECT_EQ(r.equilibria[0].kind, EquilibriumKind::kPure);
  EXPECT_EQ(r.equilibria[0].regret, 0.0);
  EXPECT_EQ(r.equilibria[0].labels, std::vector<std::string>{"qre-limit"});
}

// Asymmetric matching pennies (McKelvey & Palfrey 1995, section 4.1 uses this family):
// (U,L) = 9,0; (U,R) = 0,1; (D,L) = 0,1; (D,R) = 1,0. With p = P(U), q = P(L) the logit
// conditions are logit(p) = lambda (9q - (1 - q)) and logit(q) = lambda ((1 - p) - p).
// Substituting the second into the first gives one increasing function of p, solved here by
// bisection, independently of the path follower. The Nash limit is p = 1/2, q = 1/10.
TEST(LogitQre, AsymmetricPenniesMatchesBisectionAndConvergesToNash) {
  const NormalFormGame game = Bimatrix(2, 2, {{9, 0}, {0, 1}, {0, 1}, {1, 0}});
  for (double lambda : {0.5, 1.0, 2.0, 5.0, 20.0}) {
    auto q_of = [&](double p) { return Logistic(lambda * (1 - 2 * p)); };
    auto g = [&](double p) { return Logit(p) - lambda * (10 * q_of(p) - 1); };
    double lo = 1e-15, hi = 1 - 1e-15;
    for (int it = 0; it < 200; ++it) {
      const double mid = 0.5 * (lo + hi);
      (g(mid) < 0 ? lo : hi) = mid;
    }
    const double p = 0.5 * (lo + hi);
    SolveOptions options;
    options.qre_lambda = lambda;
    SolveResult r = SolveLogitQre(game, options);
    ASSERT_EQ(r.status, SolveStatus::kComplete) << r.message;
    EXPECT_NEAR(r.equilibria[0].profile.strategies[0](0), p, 1e-9) << "lambda " << lambda;
    EXPECT_NEAR(r.equilibria[0].profile.strategies[1](0), q_of(p), 1e-9) << "lambda " << lambda;
  }
  SolveResult limit = SolveLogitQre(game);
  ASSERT_EQ(limit.status, SolveStatus::kComplete) << limit.message;
  EXPECT_NEAR(limit.equilibria[0].profile.strategies[0](0), 0.5, 1e-12);
  EXPECT_NEAR(limit.equilibria[0].profile.strategies[1](0), 0.1, 1e-12);
  EXPECT_LE(limit.equilibria[0].regret, 1e-12);
}

TEST(LogitQre, LambdaZeroIsTheCentroid) {
  SolveOptions options;
  options.qre_lambda = 0.0;
  SolveResult r = SolveLogitQre(RandomGame({3, 2, 4}, 5, false), options);
  ASSERT_EQ(r.status, SolveStatus::kComplete);
  EXPECT_NEAR(r.equilibria[0].profile.strategies[2](3), 0.25, 1e-15);
}

// Matching pennies (von Neumann & Morgenstern 1944): the unique equilibrium is 1/2-1/2, and
// by symmetry every QRE on the branch is too.
TEST(LogitNash, MatchingPenniesGivesHalfHalf) {
  SolveResult r = SolveLogitNash(Bimatrix(2, 2, {{1, -1}, {-1, 1}, {-1, 1}, {1, -1}}));
  ASSERT_EQ(r.status, SolveStatus::kComplete) << r.message;
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_NEAR(r.equilibria[0].profile.strategies[0](0), 0.5, 1e-12);
  EXPECT_NEAR(r.equilibria[0].profile.strategies[1](0), 0.5, 1e-12);
  EXPECT_EQ(r.equilibria[0].kind, EquilibriumKind::kMixed);
}

TEST(LogitNash, JordanThreePlayerPenniesGivesItsUniqueMixedEquilibrium) {
  SolveResult r = SolveLogitNash(JordanPennies());
  ASSERT_EQ(r.status, SolveStatus::kComplete) << r.message;
  for (int p = 0; p < 3; ++p) EXPECT_NEAR(r.equilibria[0].profile.strategies[p](0), 0.5, 1e-12);
  EXPECT_LE(r.equilibria[0].regret, 1e-12);
}

// Property: on random 3- and 4-player games (fixed seeds, generic real payoffs and integer
// payoffs with ties) the method returns an equilibrium with regret <= 1e-9.
TEST(LogitNash, RandomThreeAndFourPlayerGamesHaveRegretBelow1e9) {
  const std::vector<std::vector<int>> shapes = {{2, 2, 2}, {3, 3, 3}, {4, 4, 4}, {2, 3, 4},
                                                {2, 2, 2, 2}, {3, 2, 3, 2}, {3, 3, 3, 3}};
  for (unsigned seed = 1; seed <= 6; ++seed) {
    for (const auto& shape : shapes) {
      for (bool integer : {false, true}) {
        SolveResult r = SolveLogitNash(RandomGame(shape, seed, integer));
        ASSERT_EQ(r.equilibria.size(), 1u);
        EXPECT_EQ(r.status, SolveStatus::kComplete) << r.message;
        EXPECT_LE(r.equilibria[0].regret, 1e-9)
            << "seed " << seed << " players " << shape.size() << " integer " << integer;
        EXPECT_TRUE(r.equilibria[0].profile.IsDistribution(1e-12));
      }
    }
  }
}

// Degenerate games still get an equilibrium: Nau's 2x2x2 game (Gambit's
// contrib/games/2x2x2-nau.nfg: a continuum of totally mixed equilibria) and a game whose
// payoffs are all equal (every profile is an equilibrium; the branch stays at the centroid).
TEST(LogitNash, DegenerateGamesStillGetAVerifiedEquilibrium) {
  const NormalFormGame nau = testing::FromGambitOrder(
      {2, 2, 2}, {0, 0, 2, 3, 0, 0, 0, 3, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3});
  const NormalFormGame flat = testing::FromGambitOrder({2, 3, 2}, std::vector<double>(36, 5.0));
  for (const NormalFormGame* game : {&nau, &flat}) {
    SolveResult r = SolveLogitNash(*game);
    ASSERT_EQ(r.equilibria.size(), 1u);
    EXPECT_EQ(r.status, SolveStatus::kComplete) << r.message;
    EXPECT_LE(r.equilibria[0].regret, 1e-9);
  }
}

TEST(LogitTrace, RecordsAPathWithRisingLambdaFromTheCentroid) {
  LogitTraceOptions options;
  options.record_path = true;
  LogitTrace trace = TraceLogitBranch(RandomGame({3, 3, 3}, 11, false), options);
  ASSERT_TRUE(trace.ok) << trace.message;
  ASSERT_GE(trace.path.size(), 3u);
  EXPECT_EQ(trace.path.front().lambda, 0.0);
  EXPECT_GT(trace.path.back().lambda, trace.path[1].lambda);
  ASSERT_TRUE(trace.limit.has_value());
  EXPECT_LE(Regret(RandomGame({3, 3, 3}, 11, false), *trace.limit), 1e-9);
}

}  // namespace
}  // namespace sim::solve
