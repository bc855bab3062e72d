// SPDX-License-Identifier: MIT
#include "sim/game/normal_form.h"

#include <gtest/gtest.h>

#include "sim/game/profile.h"

namespace sim {
namespace {

// Selten (IJGT 1975), Figure 2 in Gambit's payoff layout: see shared/design/gambit-formats.md.
NormalFormGame SeltenFigure2() {
  NormalFormGame g({"1", "2"}, {{"1", "2", "3"}, {"1", "2"}});
  const double body[] = {1, 1, 0, 2, 0, 2, 1, 1, 0, 3, 2, 0};
  for (int i = 0; i < 6; ++i) {
    g.set_payoff(i, 0, body[2 * i]);
    g.set_payoff(i, 1, body[2 * i + 1]);
  }
  return g;
}

TEST(NormalFormGame, ProfilesRunWithPlayerZeroFastest) {
  NormalFormGame g({"a", "b", "c"}, {{"x", "y"}, {"x", "y", "z"}, {"x", "y"}});
  EXPECT_EQ(g.num_profiles(), 12);
  EXPECT_EQ(g.ProfileIndex(std::vector<int>{1, 0, 0}), 1);
  EXPECT_EQ(g.ProfileIndex(std::vector<int>{0, 1, 0}), 2);
  EXPECT_EQ(g.ProfileIndex(std::vector<int>{0, 0, 1}), 6);
  for (int64_t i = 0; i < g.num_profiles(); ++i) EXPECT_EQ(g.ProfileIndex(g.ProfileAt(i)), i);
}

TEST(NormalFormGame, PayoffMatrixIsTheBimatrixOfGambitsColumnMajorOrder) {
  // gambit-formats.md checks this table against gambit-convert.
  Eigen::MatrixXd a = SeltenFigure2().PayoffMatrix(0), b = SeltenFigure2().PayoffMatrix(1);
  EXPECT_EQ(a(1, 0), 0); EXPECT_EQ(b(1, 0), 2);
  EXPECT_EQ(a(0, 1), 1); EXPECT_EQ(b(0, 1), 1);
  EXPECT_EQ(a(2, 1), 2); EXPECT_EQ(b(2, 1), 0);
  EXPECT_EQ(b(1, 1), 3);
}

TEST(NormalFormGame, CountProfilesRefusesOverflow) {
  std::vector<int> shape(40, 1000);
  EXPECT_EQ(CountProfiles(shape, 10'000'000), -1);
  std::vector<int> small = {4, 4};
  EXPECT_EQ(CountProfiles(small, 10'000'000), 16);
}

TEST(Profile, MatchingPenniesUniformMixHasZeroRegret) {
  NormalFormGame g({"1", "2"}, {{"H", "T"}, {"H", "T"}});
  const double a[2][2] = {{1, -1}, {-1, 1}};
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 2; ++c) {
      int64_t i = g.ProfileIndex(std::vector<int>{r, c});
      g.set_payoff(i, 0, a[r][c]);
      g.set_payoff(i, 1, -a[r][c]);
    }
  MixedProfile uniform = MixedProfile::Uniform(g);
  EXPECT_DOUBLE_EQ(Regret(g, uniform), 0.0);
  EXPECT_DOUBLE_EQ(Regret(g, MixedProfile::Pure(g, {0, 0})), 2.0);
  EXPECT_TRUE(g.traits().constant_sum);
}

TEST(Profile, ThreePlayerExpectedPayoffMatchesBruteForce) {
  NormalFormGame g({"a", "b", "c"}, {{"0", "1"}, {"0", "1", "2"}, {"0", "1"}});
  for (int64_t i = 0; i < g.num_profiles(); ++i)
    for (int p = 0; p < 3; ++p) g.set_payoff(i, p, static_cast<double>((i * 7 + p * 3) % 11));
  MixedProfile m;
  m.strategies = {Eigen::Vector2d(0.3, 0.7), Eigen::Vector3d(0.2, 0.5, 0.3), Eigen::Vector2d(0.6, 0.4)};
  Eigen::VectorXd expected = Eigen::VectorXd::Zero(3);
  for (int64_t i = 0; i < g.num_profiles(); ++i) {
    PureProfile s = g.ProfileAt(i);
    double prob = m.strategies[0](s[0]) * m.strategies[1](s[1]) * m.strategies[2](s[2]);
    for (int p = 0; p < 3; ++p) expected(p) += prob * g.payoff(i, p);
  }
  EXPECT_TRUE(ExpectedPayoffs(g, m).isApprox(expected, 1e-12));
  Eigen::VectorXd dev = DeviationPayoffs(g, m, 1);
  EXPECT_NEAR(dev.dot(m.strategies[1]), expected(1), 1e-12);
}

}  // namespace
}  // namespace sim
