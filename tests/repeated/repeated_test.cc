// SPDX-License-Identifier: MIT
// The repeated game with noise against closed forms: grim trigger's critical discount in the
// prisoner's dilemma (Friedman 1971; Osborne 2004, ch. 14), tit-for-tat's values under
// noise (two interleaved two-state Markov chains), agreement with Monte Carlo play.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/repeated/build.h"
#include "sim/repeated/repeated.h"
#include "sim/scenario/load.h"

namespace sim::repeated {
namespace {

// Prisoner's dilemma T > R > P > S with both actors trembling with u.
std::string PrisonersDilemma(double T, double R, double P, double S, double u,
                             const std::string& extra = "") {
  auto num = [](double x) { return std::to_string(x); };
  return "actors:\n"
         "  row: {unpredictability: " + num(u) + ", moves: [c, d]}\n"
         "  col: {unpredictability: " + num(u) + ", moves: [c, d]}\n"
         "payoffs:\n"
         "  c c: [" + num(R) + ", " + num(R) + "]\n"
         "  c d: [" + num(S) + ", " + num(T) + "]\n"
         "  d c: [" + num(T) + ", " + num(S) + "]\n"
         "  d d: [" + num(P) + ", " + num(P) + "]\n"
         "repeated:\n"
         "  cooperate: {row: c, col: c}\n"
         "  defect: {row: d, col: d}\n" + extra;
}

RepeatedGame Build(const std::string& yaml, const std::vector<std::string>& only = {}) {
  return BuildRepeatedGame(ParseScenario(yaml, "pd.yaml"), only);
}

struct Payoffs {
  double T, R, P, S;
};

class GrimTrigger : public ::testing::TestWithParam<Payoffs> {};

// Friedman (1971); Osborne (2004) ch. 14: without noise, (grim, grim) is a subgame-perfect
// equilibrium iff delta >= (T - R) / (T - P).
TEST_P(GrimTrigger, CriticalDiscountIsTMinusROverTMinusP) {
  const Payoffs p = GetParam();
  const RepeatedGame game = Build(PrisonersDilemma(p.T, p.R, p.P, p.S, 0.0), {"grim"});
  const double closed = (p.T - p.R) / (p.T - p.P);
  AnalysisOptions options;
  options.discount = 0.5 * (closed + 1.0);
  const std::vector<int> profile = {0, 0};
  const PairAnalysis above = AnalysePair(game, profile, options);
  ASSERT_TRUE(above.critical_discount.has_value());
  EXPECT_NEAR(*above.critical_discount, closed, 1e-9);
  EXPECT_TRUE(above.equilibrium);
  EXPECT_DOUBLE_EQ(above.values[0], p.R);  // cooperation forever without noise
  options.discount = 0.9 * closed;
  EXPECT_FALSE(AnalysePair(game, profile, options).equilibrium);
}

INSTANTIATE_TEST_SUITE_P(PrisonersDilemmas, GrimTrigger,
                         ::testing::Values(Payoffs{5, 3, 1, 0}, Payoffs{4, 3, 0, -1},
                                           Payoffs{10, 2, 1, 0}, Payoffs{3.5, 3, 1, 0.5}));

// Tit-for-tat against itself with trembles u (each move flips with probability e = u/2 in a
// two-move stage). Round t's moves are two independent two-state Markov chains read
// crosswise (row's move at t echoes col's at t - 1), each in C with probability
// p_t = 1/2 + h_t, h_t = r^(t+1) / 2, r = 1 - 2e. Row's expected stage payoff is
// (R+S+T+P)/4 + h_t (R - P) + h_t^2 (R + P - S - T), whose normalised discounted sum is
//   (R+S+T+P)/4 + (R-P)(1-d) r/2 / (1 - d r) + (R+P-S-T)(1-d) r^2/4 / (1 - d r^2).
// (Molander 1985 uses the same chain for generous tit-for-tat.)
TEST(TitForTat, ValuesUnderNoiseMatchTheTwoStateChain) {
  const double T = 5, R = 3, P = 1, S = 0;
  for (double u : {0.0, 0.02, 0.1, 0.3}) {
    for (double d : {0.0, 0.5, 0.9, 0.99}) {
      const RepeatedGame game = Build(PrisonersDilemma(T, R, P, S, u), {"tft"});
      const std::vector<int> profile = {0, 0};
      const std::vector<double> values = PairValues(game, profile, d);
      const double r = 1.0 - u;  // 1 - 2e with e = u/2
      const double closed = (R + S + T + P) / 4 + (R - P) * (1 - d) * (r / 2) / (1 - d * r) +
                            (R + P - S - T) * (1 - d) * (r * r / 4) / (1 - d * r * r);
      EXPECT_NEAR(values[0], closed, 1e-12) << "u=" << u << " d=" << d;
      EXPECT_NEAR(values[1], closed, 1e-12) << "u=" << u << " d=" << d;
    }
  }
}

// Always defect against itself is an equilibrium at every discount (the stage equilibrium
// repeated), so its critical discount is 0; always cooperate against itself never is.
TEST(RepeatedEquilibrium, StageEquilibriumRepeatedHoldsAtEveryDiscount) {
  const RepeatedGame game = Build(PrisonersDilemma(5, 3, 1, 0, 0.1), {"allc", "alld"});
  AnalysisOptions options;
  options.discount = 0.95;
  const PairAnalysis defect = AnalysePair(game, std::vector<int>{1, 1}, options);
  EXPECT_TRUE(defect.equilibrium);
  ASSERT_TRUE(defect.critical_discount.has_value());
  EXPECT_EQ(*defect.critical_discount, 0.0);
  const PairAnalysis cooperate = AnalysePair(game, std::vector<int>{0, 0}, options);
  EXPECT_FALSE(cooperate.equilibrium);
  EXPECT_FALSE(cooperate.critical_discount.has_value());
}

// Noise makes grim trigger harder to sustain: its critical discount rises with u (the
// punishment phase comes anyway, so keeping the peace is worth less), and past some u no
// discount sustains it.
TEST(GrimTrigger, NoiseRaisesTheCriticalDiscount) {
  double previous = (5.0 - 3.0) / (5.0 - 1.0);
  for (double u : {0.01, 0.05, 0.1}) {
    const RepeatedGame game = Build(PrisonersDilemma(5, 3, 1, 0, u), {"grim"});
    const PairAnalysis a = AnalysePair(game, std::vector<int>{0, 0}, AnalysisOptions{});
    ASSERT_TRUE(a.critical_discount.has_value()) << u;
    EXPECT_GT(*a.critical_discount, previous) << u;
    previous = *a.critical_discount;
  }
  const RepeatedGame noisy = Build(PrisonersDilemma(5, 3, 1, 0, 0.9), {"grim"});
  EXPECT_FALSE(AnalysePair(noisy, std::vector<int>{0, 0}, AnalysisOptions{})
                   .critical_discount.has_value());
}

// The exact values agree with long Monte Carlo play within its 99.9% interval
// (z = 3.2905), for every pair of a small tournament under noise.
TEST(RepeatedValues, AgreeWithMonteCarloWithin999PercentInterval) {
  const RepeatedGame game = Build(PrisonersDilemma(5, 3, 1, 0, 0.1),
                                  {"tft", "grim", "gtft:0.3", "wsls", "steps:2"});
  const double d = 0.8;
  uint64_t slot = 0;
  for (int a = 0; a < game.num_strategies(); ++a) {
    for (int b = 0; b < game.num_strategies(); ++b) {
      const std::vector<int> profile = {a, b};
      const std::vector<double> exact = PairValues(game, profile, d);
      const SimulatedValues mc = SimulatePair(game, profile, d, 4000, 7, slot++);
      for (int i = 0; i < 2; ++i) {
        EXPECT_NEAR(mc.mean[i], exact[i], 3.2905 * mc.std_error[i] + 1e-9)
            << game.strategy_names[a] << "/" << game.strategy_names[b] << " player " << i;
      }
    }
  }
}

// A user automaton that spells out tit-for-tat (Axelrod 1984) earns exactly what the
// built-in earns against every opponent.
TEST(RepeatedValues, UserAutomatonEqualsTheBuiltInItSpellsOut) {
  const std::string automata =
      "  automata:\n"
      "    my_tft:\n"
      "      start: nice\n"
      "      states:\n"
      "        nice: {play: cooperate, next: [{when: {other: defect}, go: nasty}]}\n"
      "        nasty: {play: defect, next: [{when: {other: cooperate}, go: nice}]}\n";
  const RepeatedGame game =
      Build(PrisonersDilemma(5, 3, 1, 0, 0.2, automata), {"tft", "my_tft", "grim", "wsls"});
  for (int other = 0; other < game.num_strategies(); ++other) {
    const std::vector<double> builtin = PairValues(game, std::vector<int>{0, other}, 0.9);
    const std::vector<double> user = PairValues(game, std::vector<int>{1, other}, 0.9);
    EXPECT_NEAR(builtin[0], user[0], 1e-12);
    EXPECT_NEAR(builtin[1], user[1], 1e-12);
  }
}

}  // namespace
}  // namespace sim::repeated
