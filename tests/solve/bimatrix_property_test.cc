// SPDX-License-Identifier: MIT
// Property tests of the 2-player methods on random games (fixed seeds): the enumerated set
// equals lrsnash's, every equilibrium is exact with regret <= 1e-9, every Lemke-Howson end
// point is in the enumerated set, and permuting strategies permutes the equilibria. Small
// payoff ranges (0..2) make ties, hence degenerate games, common.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>

#include "sim/solve/bimatrix_enum.h"
#include "sim/solve/exact_check.h"
#include "sim/solve/lemke_howson.h"
#include "tests/solve/lrsnash.h"

namespace sim::solve {
namespace {

using sim::testing::JoinRationals;
using sim::testing::KeysOf;

struct Config {
  const char* name;
  unsigned seed;
  int games;
  int min_size, max_size;
  int low, high;  // integer payoffs drawn uniformly from [low, high]
};

NormalFormGame RandomGame(std::mt19937& rng, int m, int n, int low, int high) {
  std::vector<std::string> rows(m), cols(n);
  for (int i = 0; i < m; ++i) rows[i] = std::to_string(i + 1);
  for (int j = 0; j < n; ++j) cols[j] = std::to_string(j + 1);
  NormalFormGame g({"1", "2"}, {rows, cols});
  std::uniform_int_distribution<int> payoff(low, high);
  for (int64_t k = 0; k < g.num_profiles(); ++k) {
    g.set_payoff(k, 0, payoff(rng));
    g.set_payoff(k, 1, payoff(rng));
  }
  return g;
}

// The game with rows and columns reordered: new row i is old row row_perm[i].
NormalFormGame Permuted(const NormalFormGame& g, const std::vector<int>& row_perm,
                        const std::vector<int>& col_perm) {
  const int m = g.num_strategies(0), n = g.num_strategies(1);
  NormalFormGame out({"1", "2"}, {g.strategy_names(0), g.strategy_names(1)});
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      for (int p = 0; p < 2; ++p) {
        out.set_payoff(out.ProfileIndex(std::vector<int>{i, j}), p,
                       g.payoff(g.ProfileIndex(std::vector<int>{row_perm[i], col_perm[j]}), p));
      }
    }
  }
  return out;
}

class RandomBimatrix : public ::testing::TestWithParam<Config> {};

TEST_P(RandomBimatrix, EnumerationMatchesLrsnashExactly) {
  if (!sim::testing::LrsnashAvailable()) GTEST_SKIP() << "lrsnash (lrslib) is not installed";
  const Config c = GetParam();
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> size(c.min_size, c.max_size);
  int degenerate = 0;
  std::set<std::string> arithmetic;
  for (int t = 0; t < c.games; ++t) {
    NormalFormGame g = RandomGame(rng, size(rng), size(rng), c.low, c.high);
    BimatrixEnumeration e = EnumerateExtremeEquilibria(g);
    degenerate += e.degenerate;
    arithmetic.insert(e.arithmetic);
    auto reference = sim::testing::LrsnashEquilibria(g);
    ASSERT_TRUE(reference.has_value());
    ASSERT_EQ(KeysOf(e), *reference) << c.name << " game " << t << ":\n"
                                     << g.num_strategies(0) << "x" << g.num_strategies(1);
  }
  // The tie-heavy configurations must really exercise degenerate games.
  if (c.high - c.low <= 3) {
    EXPECT_GE(degenerate, c.games / 3) << c.name;
  }
  // Large payoffs overflow 64-bit (then 128-bit) pivoting part-way: the search must resume
  // in wider integers and still agree with lrsnash.
  if (c.high == 3000) {
    EXPECT_TRUE(arithmetic.count("int128")) << c.name;
  }
  if (c.high >= 1000000000) {
    EXPECT_TRUE(arithmetic.count("gmp")) << c.name;
  }
  std::printf("%s: %d of %d games degenerate; arithmetic:", c.name, degenerate, c.games);
  for (const std::string& a : arithmetic) std::printf(" %s", a.c_str());
  std::printf("\n");
}

// The reverse search (bounded memory; what large games get) on the same games: complete
// and equal to lrsnash's set, or incomplete ("degenerate": a vertex whose partners form a
// continuum it does not enumerate) with a subset of it. Never complete and short.
TEST_P(RandomBimatrix, ReverseSearchMatchesLrsnash) {
  if (!sim::testing::LrsnashAvailable()) GTEST_SKIP() << "lrsnash (lrslib) is not installed";
  const Config c = GetParam();
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> size(c.min_size, c.max_size);
  EnumLimits reverse;
  reverse.search_memory_bytes = 0;
  int complete = 0;
  for (int t = 0; t < c.games; ++t) {
    NormalFormGame g = RandomGame(rng, size(rng), size(rng), c.low, c.high);
    BimatrixEnumeration e = EnumerateExtremeEquilibria(g, reverse);
    auto reference = sim::testing::LrsnashEquilibria(g);
    ASSERT_TRUE(reference.has_value());
    const std::set<std::string> found = KeysOf(e);
    if (e.complete) {
      ++complete;
      EXPECT_EQ(e.search, "reverse search");
      ASSERT_EQ(found, *reference) << c.name << " game " << t << "\n" << sim::testing::LrsnashInput(g);
    } else {
      EXPECT_EQ(e.stopped_by, "degenerate") << c.name << " game " << t;
      for (const std::string& key : found) EXPECT_TRUE(reference->count(key)) << key;
    }
  }
  std::printf("%s: reverse search complete on %d of %d games\n", c.name, complete, c.games);
  // Ties make continua; without them (payoffs from 100 values or more) it always completes.
  if (c.high - c.low >= 99) {
    EXPECT_EQ(complete, c.games) << c.name;
  }
}

TEST_P(RandomBimatrix, EveryEquilibriumIsExactWithTinyRegret) {
  const Config c = GetParam();
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> size(c.min_size, c.max_size);
  for (int t = 0; t < c.games; ++t) {
    NormalFormGame g = RandomGame(rng, size(rng), size(rng), c.low, c.high);
    SolveResult r = SolveEnumMixed(g);
    ASSERT_FALSE(r.equilibria.empty()) << "every finite game has an equilibrium";
    // The exact regret is 0; recomputed in doubles from rounded probabilities it is within
    // rounding of the payoff scale (payoffs reach 1e9 in one configuration).
    const double scale = std::max(1.0, g.payoffs().cwiseAbs().maxCoeff());
    for (const Equilibrium& eq : r.equilibria) {
      EXPECT_TRUE(eq.exact);
      EXPECT_EQ(eq.regret, 0.0);
      EXPECT_LE(Regret(g, eq.profile), 1e-9 * scale);
      EXPECT_TRUE(eq.profile.IsDistribution(1e-12));
    }
  }
}

TEST_P(RandomBimatrix, EveryLemkeHowsonEndPointIsAnEnumeratedEquilibrium) {
  const Config c = GetParam();
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> size(c.min_size, c.max_size);
  for (int t = 0; t < c.games; ++t) {
    NormalFormGame g = RandomGame(rng, size(rng), size(rng), c.low, c.high);
    const std::set<std::string> all = KeysOf(EnumerateExtremeEquilibria(g));
    const int labels = g.num_strategies(0) + g.num_strategies(1);
    for (int k = 0; k < labels; ++k) {
      LemkeHowsonPath path = RunLemkeHowson(g, k);
      ASSERT_TRUE(path.found);
      ASSERT_TRUE(path.exact) << c.name << " game " << t << " label " << k;
      const std::string key = JoinRationals(path.exact_profile[0]) + "|" +
                              JoinRationals(path.exact_profile[1]);
      EXPECT_TRUE(all.count(key)) << c.name << " game " << t << " label " << k << ": " << key;
    }
  }
}

TEST_P(RandomBimatrix, PermutingStrategiesPermutesEquilibria) {
  const Config c = GetParam();
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> size(c.min_size, c.max_size);
  for (int t = 0; t < c.games; ++t) {
    NormalFormGame g = RandomGame(rng, size(rng), size(rng), c.low, c.high);
    const int m = g.num_strategies(0), n = g.num_strategies(1);
    std::vector<int> rows(m), cols(n);
    std::iota(rows.begin(), rows.end(), 0);
    std::iota(cols.begin(), cols.end(), 0);
    std::shuffle(rows.begin(), rows.end(), rng);
    std::shuffle(cols.begin(), cols.end(), rng);
    BimatrixEnumeration original = EnumerateExtremeEquilibria(g);
    BimatrixEnumeration permuted = EnumerateExtremeEquilibria(Permuted(g, rows, cols));
    // Map the permuted game's equilibria back: its strategy i is the original rows[i].
    std::set<std::string> back;
    for (const ExtremeEquilibrium& eq : permuted.equilibria) {
      std::vector<Rational> x(m), y(n);
      for (int i = 0; i < m; ++i) x[rows[i]] = permuted.points[0][eq.x][i];
      for (int j = 0; j < n; ++j) y[cols[j]] = permuted.points[1][eq.y][j];
      back.insert(JoinRationals(x) + "|" + JoinRationals(y));
    }
    EXPECT_EQ(back, KeysOf(original)) << c.name << " game " << t;
    EXPECT_EQ(permuted.num_components, original.num_components);
    EXPECT_EQ(permuted.degenerate, original.degenerate);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, RandomBimatrix,
    ::testing::Values(Config{"ties_0_2", 11, 40, 1, 6, 0, 2}, Config{"ties_0_3", 12, 30, 1, 8, 0, 3},
                      Config{"digits", 13, 30, 1, 8, 0, 9}, Config{"wide", 14, 25, 1, 8, -50, 50},
                      Config{"binary_square", 15, 20, 1, 5, 0, 1},
                      // 64-bit pivoting overflows part-way (Hadamard's bound fits 128 bits).
                      Config{"thousands", 16, 6, 8, 8, 0, 3000},
                      // 128-bit pivoting overflows part-way.
                      Config{"billions", 17, 4, 8, 8, -1000000000, 1000000000}),
    [](const ::testing::TestParamInfo<Config>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sim::solve
