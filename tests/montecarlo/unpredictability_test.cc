// SPDX-License-Identifier: MIT
// The logit and type unpredictability models (scenarios/README.md, "Unpredictability
// models") against closed forms, and the perturbed-game construction they share with the
// tremble model (sim/montecarlo/perturb.h).
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/build_game.h"
#include "sim/montecarlo/perturb.h"
#include "sim/montecarlo/run.h"
#include "tests/montecarlo/mc_testing.h"

namespace sim::montecarlo {
namespace {

using mc_testing::Bimatrix;
using mc_testing::Covers;
using mc_testing::OutcomeCount;

MonteCarloResult RunModel(const Scenario& s, int64_t draws, double lambda0 = kLogitLambda0) {
  MonteCarloOptions options;
  options.draws = draws;
  options.seed = 1995;
  options.logit_lambda0 = lambda0;
  return RunMonteCarlo(s, options);
}

// The logit test game, payoffs (row, col):
//            L        R
//     T    1, 1    1, 0.5
//     B    0, 0    0, 0.5
// Row's payoff is 1 for T and 0 for B whatever col does, so its logit response does not
// depend on col: with precision lambda, P(T) = e^(lambda*1) / (e^(lambda*1) + e^(lambda*0))
// = 1 / (1 + e^-lambda) (McKelvey & Palfrey 1995, the logit choice rule). The payoff range is
// R = 1 - 0 = 1, so lambda = lambda0 (1 - u) / u. Col best-responds (model tremble, v = 0):
// L pays P(T), R pays 0.5, so col plays L when P(T) > 1/2, which holds for every u < 1; at
// u = 1 row is uniform, col indifferent, and the QRE has col uniform too (its logit choice
// between equal payoffs). Hence P(T, L) = 1 / (1 + e^-lambda) for u < 1 (col's QRE
// probability of R is below exp(-1e4 * (P(T) - 1/2)), < 1e-100 here), and 1/4 at u = 1.
Scenario LogitGame(double u) {
  Scenario s = Bimatrix({"T", "B"}, {"L", "R"}, {{1, 1}, {0, 0}, {1, 0.5}, {0, 0.5}},
                        {{0, 0, "TL"}}, u, 0.0);
  s.montecarlo.models = {{"row", UnpredictabilityModel::kLogit}};
  return s;
}

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(LogitModel, ChoiceProbabilityIsTheLogitOfThePayoffGap) {
  for (double u : {0.5, 0.8, 0.9, 0.95}) {
    const MonteCarloResult r = RunModel(LogitGame(u), 20000);
    const double lambda = kLogitLambda0 * (1 - u) / u;
    EXPECT_TRUE(Covers(r.move_counts[0][0], r.solved, Logistic(lambda))) << "u=" << u;
    EXPECT_TRUE(Covers(OutcomeCount(r, "TL"), r.draws, Logistic(lambda))) << "u=" << u;
    EXPECT_EQ(r.qre_draws, r.draws) << "u=" << u;
    EXPECT_EQ(r.qre_failures, 0) << "u=" << u;
  }
}

TEST(LogitModel, UOfOneIsUniformPlayAndUOfZeroIsNash) {
  const MonteCarloResult uniform = RunModel(LogitGame(1.0), 20000);
  EXPECT_TRUE(Covers(OutcomeCount(uniform, "TL"), uniform.draws, 0.25));
  EXPECT_TRUE(Covers(uniform.move_counts[0][0], uniform.draws, 0.5));
  // u = 0: no noise, the Nash equilibrium (T, L) in every draw, solved as a Nash game.
  const MonteCarloResult nash = RunModel(LogitGame(0.0), 1000);
  EXPECT_EQ(OutcomeCount(nash, "TL"), nash.draws);
  EXPECT_EQ(nash.qre_draws, 0);
}

TEST(LogitModel, Lambda0ScalesThePrecision) {
  // u = 1/2: lambda = lambda0. With lambda0 = 1, P(T) = 1 / (1 + e^-1) = 0.731.
  const MonteCarloResult r = RunModel(LogitGame(0.5), 20000, /*lambda0=*/1.0);
  EXPECT_TRUE(Covers(r.move_counts[0][0], r.solved, Logistic(1.0)));
  EXPECT_EQ(r.models[0], "logit u=0.5 lambda0=1");
}

// The precision is unit-free: multiplying every payoff by 100 leaves lambda * R, and with it
// the choice probabilities, unchanged.
TEST(LogitModel, PrecisionIsScaledByThePayoffRange) {
  Scenario s = LogitGame(0.9);
  for (std::vector<double>& profile : s.payoff_table->payoffs)
    for (double& x : profile) x *= 100;
  const MonteCarloResult r = RunModel(s, 20000);
  EXPECT_TRUE(Covers(r.move_counts[0][0], r.solved, Logistic(kLogitLambda0 * 0.1 / 0.9)));
}

// A logit row with a trembling col: col's trembles do not touch row's payoffs (they do not
// depend on col), col intends L as before and plays it with probability 1 - v/2, so
// P(T, L) = (1 / (1 + e^-lambda)) (1 - v/2).
TEST(LogitModel, MixesWithTremblingActors) {
  const double u = 0.9, v = 0.4;
  Scenario s = LogitGame(u);
  s.actors[1].unpredictability = v;
  const MonteCarloResult r = RunModel(s, 20000);
  const double lambda = kLogitLambda0 * (1 - u) / u;
  EXPECT_TRUE(Covers(OutcomeCount(r, "TL"), r.draws, Logistic(lambda) * (1 - v / 2)));
}

// An uncertain u re-traces the QRE in every draw, and the run stays bit-identical across
// thread counts.
TEST(LogitModel, UncertainUnpredictabilityIsTracedPerDrawAndReproducible) {
  Scenario s = LogitGame(0.5);
  UncertainNumber u;
  u.path = "actors.row.unpredictability";
  u.distribution.kind = Distribution::Kind::kUniform;
  u.distribution.params = {0.6, 1.0};
  s.uncertain = {u};
  MonteCarloOptions options;
  options.draws = 2 * kChunkDraws + 3;
  const MonteCarloResult one = RunMonteCarlo(s, options);
  options.threads = 2;
  const MonteCarloResult two = RunMonteCarlo(s, options);
  EXPECT_EQ(one.qre_draws, options.draws);
  EXPECT_EQ(one.outcome_counts, two.outcome_counts);
  EXPECT_EQ(one.payoffs[1].mean(), two.payoffs[1].mean());
  // Higher u, less T: a negative rank correlation with TL.
  EXPECT_LT(one.sensitivity[0][0].value(), -0.1);
}

// The type model's test game, payoffs (row, col):
//            L       R
//     T    1, 0    0, 1
//     B    0, 2    1, 0
// Row is erratic (uniform) with probability u, else the normal type playing T with
// probability s. Col sees row's actual mix q = P(T) = (1 - u) s + u/2 (it knows the prior,
// not the draw) and is indifferent when its L and R pay the same: 2 (1 - q) = q, q = 2/3.
// Row's normal type is indifferent when col plays L with probability 1/2. So, while
// s = (2/3 - u/2) / (1 - u) is a probability (u <= 2/3), the equilibrium has col at 1/2 and
// the realized frequency of T is u/2 + (1 - u) s = 2/3 for every u: the normal type offsets
// the erratic one. Above u = 2/3 even s = 1 leaves q = 1 - u/2 < 2/3, col plays L for sure
// (2 (1 - q) = u > q), the normal type plays T, and P(T) = 1 - u/2, P(L) = 1.
Scenario TypeGame(double u) {
  Scenario s = Bimatrix({"T", "B"}, {"L", "R"}, {{1, 0}, {0, 2}, {0, 1}, {1, 0}}, {{0, 0, "TL"}},
                        u, 0.0);
  s.montecarlo.model = UnpredictabilityModel::kType;
  return s;
}

TEST(TypeModel, ErraticMoveFrequencyIsHalfUPlusTheNormalTypesShare) {
  for (double u : {0.0, 0.2, 0.5}) {
    const MonteCarloResult r = RunModel(TypeGame(u), 20000);
    const double s = (2.0 / 3 - u / 2) / (1 - u);
    EXPECT_TRUE(Covers(r.move_counts[0][0], r.solved, u / 2 + (1 - u) * s)) << "u=" << u;
    EXPECT_TRUE(Covers(r.move_counts[1][0], r.solved, 0.5)) << "u=" << u;
  }
  for (double u : {0.8, 0.9}) {
    const MonteCarloResult r = RunModel(TypeGame(u), 20000);
    EXPECT_TRUE(Covers(r.move_counts[0][0], r.solved, 1 - u / 2)) << "u=" << u;
    EXPECT_EQ(r.move_counts[1][0], r.solved) << "u=" << u;
    EXPECT_TRUE(Covers(OutcomeCount(r, "TL"), r.draws, 1 - u / 2)) << "u=" << u;
  }
}

// Per draw (fast floating-point path): with u ~ uniform(0, 2/3) every draw is in the regime
// where the normal type offsets the erratic one, so P(T) = 2/3 and P(L) = 1/2 whatever u is
// drawn (closed form above).
TEST(TypeModel, UncertainPriorIsSampledPerDrawOnTheFastPath) {
  Scenario s = TypeGame(0.3);
  UncertainNumber u;
  u.path = "actors.row.unpredictability";
  u.distribution.kind = Distribution::Kind::kUniform;
  u.distribution.params = {0.0, 2.0 / 3};
  s.uncertain = {u};
  const MonteCarloResult r = RunModel(s, 20000);
  EXPECT_TRUE(r.fast_path);
  EXPECT_EQ(r.games_solved, 20000);
  EXPECT_TRUE(Covers(r.move_counts[0][0], r.solved, 2.0 / 3));
  EXPECT_TRUE(Covers(r.move_counts[1][0], r.solved, 0.5));
}

// The perturbed game: a tremble enters every player's payoffs, an erratic type only the
// others' (the normal type knows it is normal). Row randomizes with u = 0.4 over 2 moves, so
// along row's axis an entry becomes 0.6 * itself + 0.4 * (column mean).
TEST(PerturbGame, TrembleChangesEveryonesPayoffsTypeOnlyTheOthers) {
  const Scenario s = TypeGame(0.4);
  const NormalFormGame game = model::BuildGame(s).game;
  NormalFormGame tremble = game, type = game;
  detail::PerturbGame({{0.4, true}, {0.0, true}}, &tremble);
  detail::PerturbGame({{0.4, false}, {0.0, true}}, &type);
  // Col's payoff at (T, L): 0.6 * 0 + 0.4 * (0 + 2) / 2 = 0.4, in both.
  EXPECT_DOUBLE_EQ(tremble.payoff(0, 1), 0.4);
  EXPECT_DOUBLE_EQ(type.payoff(0, 1), 0.4);
  // Row's own payoff at (T, L): 0.6 * 1 + 0.4 * (1 + 0) / 2 = 0.8 under the tremble, 1 as an
  // erratic type's normal self.
  EXPECT_DOUBLE_EQ(tremble.payoff(0, 0), 0.8);
  EXPECT_DOUBLE_EQ(type.payoff(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(detail::PayoffRange(game), 2.0);
}

}  // namespace
}  // namespace sim::montecarlo
