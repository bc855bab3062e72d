// SPDX-License-Identifier: MIT
// Equilibrium selection in the Monte Carlo (--select): every draw's equilibria are labelled
// on that draw's game, on the cached path (nothing varies), on the floating-point fast path
// and with trembles, so each rule picks the equilibrium its criterion names; draws without
// the label are counted as fallbacks.
#include <gtest/gtest.h>

#include "sim/montecarlo/run.h"
#include "tests/montecarlo/mc_testing.h"

namespace sim::montecarlo {
namespace {

using mc_testing::Bimatrix;
using mc_testing::Covers;
using mc_testing::OutcomeCount;

// Aumann's (1990) stag hunt, the standard example of payoff dominance against risk
// dominance (Harsanyi & Selten 1988, A General Theory of Equilibrium Selection in Games,
// sections 3.9 and 5.4; the example is Aumann, "Nash equilibria are not self-enforcing"):
//              stag    hare
//     stag    9, 9    0, 8
//     hare    8, 0    7, 7
// Equilibria: (stag, stag), (hare, hare), and the mixed one where each plays stag with
// probability p, 9p = 8p + 7(1 - p), p = 7/8.
//  - Payoff dominance: (stag, stag) pays both 9 > 7 (and > 63/8 = 7.875, the mixed payoff).
//  - Risk dominance (product of the deviation losses): at (stag, stag) (9 - 8)^2 = 1, at
//    (hare, hare) (7 - 0)^2 = 49, so (hare, hare).
//  - The logit branch starts at the centroid, where hare pays 7.5 > stag's 4.5, and stays
//    in hare's basin: its limit is (hare, hare) (McKelvey & Palfrey 1995; the logit QRE picks
//    the risk-dominant equilibrium of 2 x 2 coordination games).
// Uniform selection: P(stag, stag) = 1/3 + 1/3 * 0 + 1/3 * (7/8)^2 = 113/192.
Scenario StagHunt(double u_row = 0, double u_col = 0) {
  return Bimatrix({"stag", "hare"}, {"stag", "hare"}, {{9, 9}, {8, 0}, {0, 8}, {7, 7}},
                  {{0, 0, "stag_stag"}, {1, 1, "hare_hare"}}, u_row, u_col);
}

MonteCarloResult RunSelect(const Scenario& s, SelectRule rule, int64_t draws = 4000) {
  MonteCarloOptions options;
  options.draws = draws;
  options.seed = 1988;
  options.select = rule;
  return RunMonteCarlo(s, options);
}

TEST(Selection, EachRulePicksItsEquilibriumOfTheStagHunt) {
  const Scenario s = StagHunt();
  const MonteCarloResult payoff = RunSelect(s, SelectRule::kPayoffDominant);
  EXPECT_EQ(OutcomeCount(payoff, "stag_stag"), payoff.draws);
  EXPECT_EQ(payoff.selection_fallbacks, 0);
  for (SelectRule rule : {SelectRule::kRiskDominant, SelectRule::kQreLimit}) {
    const MonteCarloResult r = RunSelect(s, rule);
    EXPECT_EQ(OutcomeCount(r, "hare_hare"), r.draws) << SelectKey(rule);
    EXPECT_EQ(r.selection_fallbacks, 0) << SelectKey(rule);
  }
  const MonteCarloResult uniform = RunSelect(s, SelectRule::kUniform, 20000);
  EXPECT_TRUE(Covers(OutcomeCount(uniform, "stag_stag"), uniform.draws, 113.0 / 192));
}

// Draws that re-derive their game go through the floating-point fast path; its equilibria
// must be labelled too. Row's (stag, stag) payoff a ~ uniform(8.5, 9.5) keeps the game a stag
// hunt in every draw (a > 8), (stag, stag) payoff-dominant (a > 7 and 9 > 7) and (hare, hare)
// risk-dominant ((a - 8) * 1 <= 1.5 < 49), so the rules' answers stay certain.
TEST(Selection, FastPathDrawsAreLabelled) {
  Scenario s = StagHunt();
  UncertainNumber a;
  a.path = "payoffs.0.0";
  a.distribution.kind = Distribution::Kind::kUniform;
  a.distribution.params = {8.5, 9.5};
  s.uncertain = {a};
  const MonteCarloResult payoff = RunSelect(s, SelectRule::kPayoffDominant, 2000);
  EXPECT_TRUE(payoff.fast_path);
  EXPECT_EQ(payoff.games_solved, 2000);
  EXPECT_EQ(OutcomeCount(payoff, "stag_stag"), payoff.draws);
  EXPECT_EQ(payoff.selection_fallbacks, 0);
  for (SelectRule rule : {SelectRule::kRiskDominant, SelectRule::kQreLimit}) {
    const MonteCarloResult r = RunSelect(s, rule, 500);
    EXPECT_EQ(OutcomeCount(r, "hare_hare"), r.draws) << SelectKey(rule);
    EXPECT_EQ(r.selection_fallbacks, 0) << SelectKey(rule);
  }
}

// With trembles u = v = 0.2 the players face the perturbed game; each player's actual move is
// the intended one with probability 1 - u/2 = 0.9. Against a partner intending stag, stag
// pays 9 * 0.9 = 8.1 and hare 8 * 0.9 + 7 * 0.1 = 7.9, so (stag, stag) stays an equilibrium;
// in expected terms (stag, stag) pays 0.81*9 + 0.09*8 + 0.01*7 = 8.08 against (hare, hare)'s
// 0.01*9 + 0.09*8 + 0.81*7 = 6.48 (payoff-dominant), and the deviation losses are
// 0.8 * (8.1 - 7.9) = 0.16 at (stag, stag) against 0.8 * (7.1 - 0.9) = 4.96 at (hare, hare)
// (risk-dominant). Realized, independently per player:
//   payoff-dominant: P(stag, stag) = 0.9 * 0.9 = 0.81;  risk-dominant: 0.1 * 0.1 = 0.01.
TEST(Selection, RulesJudgeThePerturbedGameAndPlayTrembles) {
  const Scenario s = StagHunt(0.2, 0.2);
  const MonteCarloResult payoff = RunSelect(s, SelectRule::kPayoffDominant, 20000);
  EXPECT_EQ(payoff.selection_fallbacks, 0);
  EXPECT_TRUE(Covers(OutcomeCount(payoff, "stag_stag"), payoff.draws, 0.81));
  const MonteCarloResult risk = RunSelect(s, SelectRule::kRiskDominant, 20000);
  EXPECT_EQ(risk.selection_fallbacks, 0);
  EXPECT_TRUE(Covers(OutcomeCount(risk, "stag_stag"), risk.draws, 0.01));
}

// Risk dominance is defined (here) for 2 x 2 games only: on a 3 x 3 pure coordination game
// (both get 3, 2 or 1 on the diagonal, 0 off it) every draw falls back to uniform and says
// so, while payoff dominance picks the (3, 3) corner in every draw.
TEST(Selection, FallbacksAreCountedWhenNoEquilibriumCarriesTheLabel) {
  Scenario s = Bimatrix({"a", "b", "c"}, {"a", "b", "c"},
                        {{3, 3}, {0, 0}, {0, 0}, {0, 0}, {2, 2}, {0, 0}, {0, 0}, {0, 0}, {1, 1}},
                        {{0, 0, "aa"}});
  const MonteCarloResult risk = RunSelect(s, SelectRule::kRiskDominant, 1000);
  EXPECT_EQ(risk.selection_fallbacks, risk.draws);
  const MonteCarloResult payoff = RunSelect(s, SelectRule::kPayoffDominant, 1000);
  EXPECT_EQ(payoff.selection_fallbacks, 0);
  EXPECT_EQ(OutcomeCount(payoff, "aa"), payoff.draws);
  // The same on the per-draw path: an uncertain (a, a) payoff in [2.5, 3.5] keeps (a, a) the
  // best corner (> 2).
  UncertainNumber top;
  top.path = "payoffs.0.1";
  top.distribution.kind = Distribution::Kind::kUniform;
  top.distribution.params = {2.5, 3.5};
  s.uncertain = {top};
  const MonteCarloResult varying = RunSelect(s, SelectRule::kRiskDominant, 600);
  EXPECT_EQ(varying.games_solved, 600);
  EXPECT_EQ(varying.selection_fallbacks, varying.draws);
  const MonteCarloResult varying_payoff = RunSelect(s, SelectRule::kPayoffDominant, 600);
  EXPECT_EQ(varying_payoff.selection_fallbacks, 0);
  EXPECT_EQ(OutcomeCount(varying_payoff, "aa"), varying_payoff.draws);
}

TEST(Selection, LabelledRunsAreBitIdenticalForAnyThreadCount) {
  Scenario s = StagHunt(0.1, 0.3);
  UncertainNumber a;
  a.path = "payoffs.3.1";
  a.distribution.kind = Distribution::Kind::kTriangular;
  a.distribution.params = {6.0, 7.0, 7.9};
  s.uncertain = {a};
  MonteCarloOptions options;
  options.draws = 3 * kChunkDraws + 5;
  options.select = SelectRule::kQreLimit;
  const MonteCarloResult one = RunMonteCarlo(s, options);
  options.threads = 2;
  const MonteCarloResult two = RunMonteCarlo(s, options);
  EXPECT_EQ(one.outcome_counts, two.outcome_counts);
  EXPECT_EQ(one.move_counts, two.move_counts);
  EXPECT_EQ(one.selection_fallbacks, two.selection_fallbacks);
  EXPECT_EQ(one.payoffs[0].mean(), two.payoffs[0].mean());
}

}  // namespace
}  // namespace sim::montecarlo
