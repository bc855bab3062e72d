// SPDX-License-Identifier: MIT
// Known answers for `enum` (all extreme equilibria of 2-player games), each from its source.
#include "sim/solve/bimatrix_enum.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/io/gambit_nfg.h"
#include "sim/solve/registry.h"
#include "tests/solve/lrsnash.h"

namespace sim::solve {
namespace {

using ::testing::HasSubstr;
using sim::testing::KeysOf;

// A 2-player game from row-major (row payoff, column payoff) pairs written as exact strings.
NormalFormGame Bimatrix(int m, int n, const std::vector<std::pair<std::string, std::string>>& cells) {
  std::vector<std::string> rows, cols;
  for (int i = 0; i < m; ++i) rows.push_back("r" + std::to_string(i + 1));
  for (int j = 0; j < n; ++j) cols.push_back("c" + std::to_string(j + 1));
  NormalFormGame g({"row", "col"}, {rows, cols});
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      const int64_t k = g.ProfileIndex(std::vector<int>{i, j});
      g.set_exact_payoff(k, 0, *ParseRational(cells[i * n + j].first));
      g.set_exact_payoff(k, 1, *ParseRational(cells[i * n + j].second));
    }
  }
  return g;
}

std::set<std::string> Keys(const NormalFormGame& g) { return KeysOf(EnumerateExtremeEquilibria(g)); }

// Osborne, An Introduction to Game Theory (2004), ch. 4 (mixed-strategy equilibria of BoS):
// two pure equilibria and the mixed one (2/3, 1/3), (1/3, 2/3).
TEST(EnumMixed, BattleOfTheSexesHasThreeEquilibria) {
  auto g = Bimatrix(2, 2, {{"2", "1"}, {"0", "0"}, {"0", "0"}, {"1", "2"}});
  EXPECT_EQ(Keys(g), (std::set<std::string>{"1,0|1,0", "0,1|0,1", "2/3,1/3|1/3,2/3"}));
  SolveResult r = SolveEnumMixed(g);
  ASSERT_EQ(r.equilibria.size(), 3u);
  EXPECT_EQ(r.status, SolveStatus::kComplete);
  EXPECT_THAT(r.message, HasSubstr("nondegenerate game"));
  for (const Equilibrium& e : r.equilibria) {
    EXPECT_TRUE(e.exact);
    EXPECT_EQ(e.regret, 0.0);
  }
  // Sorted by player 0's strategy, decreasing: (1,0), (2/3,1/3), (0,1).
  EXPECT_EQ(r.equilibria[0].kind, EquilibriumKind::kPure);
  EXPECT_EQ(r.equilibria[1].kind, EquilibriumKind::kMixed);
  EXPECT_NEAR(r.equilibria[1].payoffs(0), 2.0 / 3.0, 1e-15);
}

// Osborne (2004) §2.7 and §4.5 (Hawk-Dove / chicken): two asymmetric pure equilibria and a
// symmetric mixed one. With swerve/straight payoffs (0,0) (-1,1) (1,-1) (-10,-10) the mixed
// equilibrium swerves with probability 9/10.
TEST(EnumMixed, ChickenHasThreeEquilibria) {
  auto g = Bimatrix(2, 2, {{"0", "0"}, {"-1", "1"}, {"1", "-1"}, {"-10", "-10"}});
  EXPECT_EQ(Keys(g), (std::set<std::string>{"1,0|0,1", "0,1|1,0", "9/10,1/10|9/10,1/10"}));
}

// Osborne (2004) §4.1: matching pennies has the unique equilibrium (1/2, 1/2) for both.
TEST(EnumMixed, MatchingPenniesHasUniqueMixedEquilibrium) {
  auto g = Bimatrix(2, 2, {{"1", "-1"}, {"-1", "1"}, {"-1", "1"}, {"1", "-1"}});
  EXPECT_EQ(Keys(g), (std::set<std::string>{"1/2,1/2|1/2,1/2"}));
}

// Rock-paper-scissors (Osborne 2004, ch. 4): the symmetric zero-sum game with a cyclic best
// reply; its unique equilibrium is uniform for both players.
TEST(EnumMixed, RockPaperScissorsHasUniformEquilibrium) {
  auto g = Bimatrix(3, 3, {{"0", "0"}, {"-1", "1"}, {"1", "-1"},
                           {"1", "-1"}, {"0", "0"}, {"-1", "1"},
                           {"-1", "1"}, {"1", "-1"}, {"0", "0"}});
  EXPECT_EQ(Keys(g), (std::set<std::string>{"1/3,1/3,1/3|1/3,1/3,1/3"}));
}

// Shapley (1964), "Some topics in two-person games", Advances in Game Theory: the 3x3 game
// A = I, B = cyclic shift has a unique equilibrium, uniform for both players.
TEST(EnumMixed, ShapleysGameHasUniqueUniformEquilibrium) {
  auto g = Bimatrix(3, 3, {{"1", "0"}, {"0", "1"}, {"0", "0"},
                           {"0", "0"}, {"1", "0"}, {"0", "1"},
                           {"0", "1"}, {"0", "0"}, {"1", "0"}});
  EXPECT_EQ(Keys(g), (std::set<std::string>{"1/3,1/3,1/3|1/3,1/3,1/3"}));
}

// The n x n coordination game A = B = I has one equilibrium per nonempty support S (both
// players uniform on S): 2^n - 1 in all (Quint & Shubik 1997, "A theorem on the number of
// Nash equilibria in a bimatrix game", IJGT 26: the bound is attained).
class CoordinationGame : public ::testing::TestWithParam<int> {};

TEST_P(CoordinationGame, HasTwoToTheNMinusOneEquilibria) {
  const int n = GetParam();
  std::vector<std::pair<std::string, std::string>> cells;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) cells.push_back(i == j ? std::pair{"1", "1"} : std::pair{"0", "0"});
  BimatrixEnumeration e = EnumerateExtremeEquilibria(Bimatrix(n, n, cells));
  EXPECT_EQ(e.equilibria.size(), (size_t{1} << n) - 1);
  EXPECT_FALSE(e.degenerate);
  EXPECT_EQ(e.num_components, static_cast<int>(e.equilibria.size()));
  for (const ExtremeEquilibrium& eq : e.equilibria) {
    EXPECT_EQ(e.points[0][eq.x], e.points[1][eq.y]);  // the same uniform mix for both
  }
}
INSTANTIATE_TEST_SUITE_P(SizesOneToSix, CoordinationGame, ::testing::Range(1, 7));

// von Stengel (1999), "New maximal numbers of equilibria in bimatrix games", DCG 21: a 6x6
// game with 75 equilibria (the file is Gambit's catalog copy of it); lrsnash agrees.
TEST(EnumMixed, VonStengelSixBySixGameHas75Equilibria) {
  NormalFormGame g =
      io::ReadNfgFile(std::string(SIM_SOURCE_DIR "/tests/data/vonstengel1999_75eq.nfg"));
  BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
  EXPECT_EQ(e.equilibria.size(), 75u);
  EXPECT_FALSE(e.degenerate);
  if (!sim::testing::LrsnashAvailable()) GTEST_SKIP() << "lrsnash (lrslib) is not installed";
  EXPECT_EQ(KeysOf(e), *sim::testing::LrsnashEquilibria(g));
}

// Selten (1975), IJGT 4, Figure 2 in normal form (the example of gambit-formats.md): with
// player 1 on the top row, player 2 is indifferent and top stays a best reply while
// 2 * y2 <= 1, so the equilibria form one segment y in [(1,0), (1/2,1/2)]: one component,
// two extreme points. The game is degenerate (top has two best replies).
TEST(EnumMixed, SeltenGameHasContinuumWithTwoExtremePoints) {
  auto g = Bimatrix(3, 2, {{"1", "1"}, {"1", "1"}, {"0", "2"}, {"0", "3"}, {"0", "2"}, {"2", "0"}});
  BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
  EXPECT_TRUE(e.degenerate);
  EXPECT_EQ(KeysOf(e), (std::set<std::string>{"1,0,0|1,0", "1,0,0|1/2,1/2"}));
  EXPECT_EQ(e.num_components, 1);
  ASSERT_EQ(e.subsets.size(), 1u);
  EXPECT_EQ(e.subsets[0].x_points.size(), 1u);
  EXPECT_EQ(e.subsets[0].y_points.size(), 2u);
  SolveResult r = SolveEnumMixed(g);
  EXPECT_THAT(r.message, HasSubstr("degenerate game"));
  EXPECT_THAT(r.message, HasSubstr("continua: component 0 (2 extreme points)"));
  ASSERT_EQ(r.equilibria.size(), 2u);
  EXPECT_EQ(r.equilibria[0].component, r.equilibria[1].component);
}

// Matching pennies with player 1's first strategy duplicated: player 1 may split the weight
// of "heads" between the two copies in any proportion, so the unique equilibrium of the
// original becomes a segment with extreme points (1/2,0,1/2) and (0,1/2,1/2).
TEST(EnumMixed, DuplicatedStrategyGivesOneComponentWithTwoExtremePoints) {
  auto g = Bimatrix(3, 2, {{"1", "-1"}, {"-1", "1"}, {"1", "-1"}, {"-1", "1"}, {"-1", "1"}, {"1", "-1"}});
  BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
  EXPECT_TRUE(e.degenerate);
  EXPECT_EQ(KeysOf(e), (std::set<std::string>{"1/2,0,1/2|1/2,1/2", "0,1/2,1/2|1/2,1/2"}));
  EXPECT_EQ(e.num_components, 1);
}

// O'Neill (1987), "Nonmetric test of the minimax theory of two-person zerosum games", PNAS
// 84: cards 1, 2, 3, J; player 1 wins (+1) on J-J or on two different number cards, loses
// otherwise. The unique equilibrium plays J with 2/5 and each number with 1/5; value -1/5.
TEST(EnumMixed, ONeillGameHasUniqueEquilibrium) {
  std::vector<std::pair<std::string, std::string>> cells;
  const int win[4][4] = {{-1, 1, 1, -1}, {1, -1, 1, -1}, {1, 1, -1, -1}, {-1, -1, -1, 1}};
  for (auto& row : win)
    for (int v : row) cells.push_back({std::to_string(v), std::to_string(-v)});
  auto g = Bimatrix(4, 4, cells);
  EXPECT_EQ(Keys(g), (std::set<std::string>{"1/5,1/5,1/5,2/5|1/5,1/5,1/5,2/5"}));
  BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
  EXPECT_EQ(e.equilibria[0].payoff0, Rational(-1, 5));
}

TEST(EnumMixed, ExactPayoffsAreUsedAsWritten) {
  // Battle of the sexes scaled by 1/10 with decimal payoffs: same equilibria, payoff 0.2/3.
  auto g = Bimatrix(2, 2, {{".2", "0.1"}, {"0", "0"}, {"0", "0"}, {"1e-1", "2/10"}});
  BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
  EXPECT_EQ(KeysOf(e), (std::set<std::string>{"1,0|1,0", "0,1|0,1", "2/3,1/3|1/3,2/3"}));
  EXPECT_EQ(e.equilibria[1].payoff0, Rational(1, 15));
}

TEST(EnumMixed, GameBuiltFromDoublesIsExactInItsDoubleValues) {
  // 0.1 and 0.2 as doubles are not 1/10 and 2/10; the equilibria are those of the doubles,
  // found with GMP pivoting because the denominators are 2^55 or so.
  NormalFormGame g({"a", "b"}, {{"x", "y"}, {"x", "y"}});
  const double p[4][2] = {{0.2, 0.1}, {0, 0}, {0, 0}, {0.1, 0.2}};
  for (int k = 0; k < 4; ++k) {
    const int i = k / 2, j = k % 2;
    g.set_payoff(g.ProfileIndex(std::vector<int>{i, j}), 0, p[k][0]);
    g.set_payoff(g.ProfileIndex(std::vector<int>{i, j}), 1, p[k][1]);
  }
  BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
  ASSERT_EQ(e.equilibria.size(), 3u);
  const Rational a = Rational(0.1), b = Rational(0.2);
  EXPECT_EQ(e.points[0][1][0], b / (a + b));  // the mix that makes player 1 indifferent
  SolveResult r = SolveEnumMixed(g);
  for (const Equilibrium& eq : r.equilibria) EXPECT_TRUE(eq.exact);
}

TEST(EnumMixed, RefusesGamesWithoutTwoPlayers) {
  NormalFormGame g({"a", "b", "c"}, {{"x"}, {"x"}, {"x"}});
  SolveResult r = SolveEnumMixed(g);
  EXPECT_EQ(r.status, SolveStatus::kFailed);
  EXPECT_THAT(r.message, HasSubstr("2-player"));
}

TEST(EnumMixed, RegistryDefaultForTwoPlayersIsEnum) {
  GameTraits traits;
  traits.num_players = 2;
  EXPECT_EQ(DefaultMethods(traits), std::vector<std::string>{"enum"});
  ASSERT_NE(FindSolver("enum"), nullptr);
  ASSERT_NE(FindSolver("lemke-howson"), nullptr);
  EXPECT_FALSE(FindSolver("enum")->description.empty());
  traits.num_players = 3;
  EXPECT_FALSE(FindSolver("enum")->supports(traits));
}

}  // namespace
}  // namespace sim::solve
