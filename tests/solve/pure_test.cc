// SPDX-License-Identifier: MIT
#include "sim/solve/pure.h"

#include <gtest/gtest.h>

#include <random>

namespace sim::solve {
namespace {

// A 2-player game from a row-major table of (row payoff, column payoff) pairs.
NormalFormGame Bimatrix(std::vector<std::string> rows, std::vector<std::string> cols,
                        const std::vector<std::pair<double, double>>& row_major) {
  NormalFormGame g({"row", "col"}, {rows, cols});
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < cols.size(); ++c) {
      int64_t i = g.ProfileIndex(std::vector<int>{int(r), int(c)});
      g.set_payoff(i, 0, row_major[r * cols.size() + c].first);
      g.set_payoff(i, 1, row_major[r * cols.size() + c].second);
    }
  return g;
}

std::vector<PureProfile> PureProfiles(const SolveResult& r) {
  std::vector<PureProfile> out;
  for (const Equilibrium& e : r.equilibria) out.push_back(e.profile.ArgMax());
  return out;
}

// Osborne, An Introduction to Game Theory (2004), §2.2 and §2.7: the classic 2x2 games.
TEST(PureNash, PrisonersDilemmaHasSingleDefectDefectEquilibrium) {
  auto g = Bimatrix({"quiet", "fink"}, {"quiet", "fink"}, {{2, 2}, {0, 3}, {3, 0}, {1, 1}});
  SolveResult r = SolvePureNash(g);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.equilibria[0].profile.ArgMax(), (PureProfile{1, 1}));
  EXPECT_EQ(r.equilibria[0].regret, 0.0);
  EXPECT_EQ(r.equilibria[0].kind, EquilibriumKind::kPure);
}

TEST(PureNash, BattleOfTheSexesHasTwoCoordinationEquilibria) {
  auto g = Bimatrix({"bach", "stravinsky"}, {"bach", "stravinsky"}, {{2, 1}, {0, 0}, {0, 0}, {1, 2}});
  EXPECT_EQ(PureProfiles(SolvePureNash(g)), (std::vector<PureProfile>{{0, 0}, {1, 1}}));
}

TEST(PureNash, ChickenHasTwoAsymmetricEquilibria) {
  // Osborne §2.7 (Hawk-Dove / chicken): each player swerves exactly when the other does not.
  auto g = Bimatrix({"swerve", "straight"}, {"swerve", "straight"}, {{0, 0}, {-1, 1}, {1, -1}, {-10, -10}});
  EXPECT_EQ(PureProfiles(SolvePureNash(g)), (std::vector<PureProfile>{{1, 0}, {0, 1}}));
}

TEST(PureNash, MatchingPenniesHasNoPureEquilibrium) {
  auto g = Bimatrix({"H", "T"}, {"H", "T"}, {{1, -1}, {-1, 1}, {-1, 1}, {1, -1}});
  SolveResult r = SolvePureNash(g);
  EXPECT_TRUE(r.equilibria.empty());
  EXPECT_EQ(r.status, SolveStatus::kComplete);
}

TEST(PureNash, StagHuntHasPayoffAndRiskDominantEquilibria) {
  // Skyrms, The Stag Hunt and the Evolution of Social Structure (2004): (stag, stag) and
  // (hare, hare) are both strict equilibria.
  auto g = Bimatrix({"stag", "hare"}, {"stag", "hare"}, {{4, 4}, {0, 3}, {3, 0}, {3, 3}});
  EXPECT_EQ(PureProfiles(SolvePureNash(g)), (std::vector<PureProfile>{{0, 0}, {1, 1}}));
}

TEST(PureNash, ThreePlayerEquilibriumFoundAndTiesKept) {
  // Three players each choose 0/1 and get 1 if all match, else 0: both unanimous profiles
  // are equilibria, and so is every profile where no single switch creates unanimity.
  NormalFormGame g({"a", "b", "c"}, {{"0", "1"}, {"0", "1"}, {"0", "1"}});
  for (int64_t i = 0; i < 8; ++i) {
    PureProfile s = g.ProfileAt(i);
    double v = (s[0] == s[1] && s[1] == s[2]) ? 1 : 0;
    for (int p = 0; p < 3; ++p) g.set_payoff(i, p, v);
  }
  SolveResult r = SolvePureNash(g);
  // Unanimous: 2. Two-against-one: the odd player could switch to unanimity -> not NE.
  EXPECT_EQ(PureProfiles(r), (std::vector<PureProfile>{{0, 0, 0}, {1, 1, 1}}));
}

TEST(PureNash, EveryReportedEquilibriumHasZeroRegretOnRandomGames) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> payoff(0, 3);  // few values: many ties
  for (int trial = 0; trial < 200; ++trial) {
    NormalFormGame g({"a", "b", "c"}, {{"0", "1", "2"}, {"0", "1"}, {"0", "1", "2"}});
    for (int64_t i = 0; i < g.num_profiles(); ++i)
      for (int p = 0; p < 3; ++p) g.set_payoff(i, p, payoff(rng));
    SolveResult r = SolvePureNash(g);
    std::vector<char> reported(g.num_profiles(), 0);
    for (const Equilibrium& e : r.equilibria) {
      EXPECT_EQ(Regret(g, e.profile), 0.0);
      EXPECT_EQ(e.regret, 0.0);
      reported[g.ProfileIndex(e.profile.ArgMax())] = 1;
    }
    // And every zero-regret profile is reported.
    for (int64_t i = 0; i < g.num_profiles(); ++i) {
      bool zero = Regret(g, MixedProfile::Pure(g, g.ProfileAt(i))) == 0.0;
      EXPECT_EQ(zero, reported[i] == 1) << "profile " << i;
    }
  }
}

TEST(Dominance, GibbonsIteratedEliminationLeavesUpMiddle) {
  // Gibbons, A Primer in Game Theory (1992), §1.1.B: R is dominated by M; then Down by Up;
  // then L by M, leaving (Up, Middle).
  auto g = Bimatrix({"up", "down"}, {"left", "middle", "right"},
                    {{1, 0}, {1, 2}, {0, 1}, {0, 3}, {0, 1}, {2, 0}});
  DominanceResult d = EliminateStrictlyDominated(g);
  ASSERT_EQ(d.removed.size(), 3u);
  EXPECT_EQ(d.removed[0].player, 1); EXPECT_EQ(d.removed[0].strategy, 2);
  EXPECT_EQ(d.removed[0].dominated_by, 1); EXPECT_EQ(d.removed[0].round, 1);
  EXPECT_EQ(d.removed[1].player, 0); EXPECT_EQ(d.removed[1].strategy, 1); EXPECT_EQ(d.removed[1].round, 2);
  EXPECT_EQ(d.removed[2].player, 1); EXPECT_EQ(d.removed[2].strategy, 0); EXPECT_EQ(d.removed[2].round, 3);
  EXPECT_EQ(d.surviving, (std::vector<std::vector<int>>{{0}, {1}}));
}

TEST(Dominance, PrisonersDilemmaCooperationIsDominated) {
  auto g = Bimatrix({"quiet", "fink"}, {"quiet", "fink"}, {{2, 2}, {0, 3}, {3, 0}, {1, 1}});
  DominanceResult d = EliminateStrictlyDominated(g);
  EXPECT_EQ(d.removed.size(), 2u);
  EXPECT_EQ(d.surviving, (std::vector<std::vector<int>>{{1}, {1}}));
}

TEST(Pareto, PrisonersDilemmaEquilibriumIsNotEfficient) {
  auto g = Bimatrix({"quiet", "fink"}, {"quiet", "fink"}, {{2, 2}, {0, 3}, {3, 0}, {1, 1}});
  std::vector<int64_t> efficient = *ParetoEfficientProfiles(g);
  // (quiet,quiet), (quiet,fink), (fink,quiet) are efficient; (fink,fink) is dominated.
  EXPECT_EQ(efficient.size(), 3u);
  EXPECT_EQ(std::count(efficient.begin(), efficient.end(), g.ProfileIndex(std::vector<int>{1, 1})), 0);
}

TEST(Security, ChickenSecurityLevelIsSwerving) {
  auto g = Bimatrix({"swerve", "straight"}, {"swerve", "straight"}, {{0, 0}, {-1, 1}, {1, -1}, {-10, -10}});
  auto levels = PureSecurityLevels(g);
  EXPECT_EQ(levels[0].value, -1); EXPECT_EQ(levels[0].strategy, 0);
  EXPECT_EQ(levels[1].value, -1); EXPECT_EQ(levels[1].strategy, 0);
}

}  // namespace
}  // namespace sim::solve

namespace sim::solve {
namespace {

// Brute force: i is efficient iff no j is >= everywhere and > somewhere.
std::vector<int64_t> ParetoBruteForce(const NormalFormGame& g) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < g.num_profiles(); ++i) {
    bool dominated = false;
    for (int64_t j = 0; j < g.num_profiles() && !dominated; ++j) {
      bool ge = true, gt = false;
      for (int p = 0; p < g.num_players(); ++p) {
        ge &= g.payoff(j, p) >= g.payoff(i, p);
        gt |= g.payoff(j, p) > g.payoff(i, p);
      }
      dominated = ge && gt;
    }
    if (!dominated) out.push_back(i);
  }
  return out;
}

TEST(Pareto, SweepAndPairwiseSearchMatchBruteForceOnRandomGamesWithTies) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> payoff(0, 2);  // many ties
  for (int players : {2, 3}) {
    for (int trial = 0; trial < 100; ++trial) {
      std::vector<std::vector<std::string>> moves(players, {"a", "b", "c", "d"});
      std::vector<std::string> names(players, "p");
      for (int p = 0; p < players; ++p) names[p] += std::to_string(p);
      NormalFormGame g(names, moves);
      for (int64_t i = 0; i < g.num_profiles(); ++i)
        for (int p = 0; p < players; ++p) g.set_payoff(i, p, payoff(rng));
      EXPECT_EQ(*ParetoEfficientProfiles(g), ParetoBruteForce(g)) << players << " players";
    }
  }
}

TEST(Pareto, GivesUpPastTheComparisonBudget) {
  // A 3-player constant-sum game: every profile is efficient, so the pairwise search is
  // quadratic and a small budget must stop it.
  NormalFormGame g({"a", "b", "c"}, {{"0", "1", "2", "3"}, {"0", "1", "2", "3"}, {"0", "1", "2", "3"}});
  for (int64_t i = 0; i < g.num_profiles(); ++i) {
    g.set_payoff(i, 0, static_cast<double>(i));
    g.set_payoff(i, 1, -static_cast<double>(i));
  }
  EXPECT_FALSE(ParetoEfficientProfiles(g, /*max_comparisons=*/100).has_value());
  EXPECT_EQ(ParetoEfficientProfiles(g)->size(), 64u);
}

}  // namespace
}  // namespace sim::solve
