// SPDX-License-Identifier: MIT
// Expected result R5 of the domain brief on scenarios/small_steps.yaml: with deep distrust
// (no enforcement) small steps are self-enforcing and a grand bargain is not; Moscow avoids
// public confrontation.
#include <gtest/gtest.h>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// R5 (D3.8): returned small steps are an equilibrium, and the best one for both sides.
TEST(SmallSteps, R5SmallStepsAreTheBestSelfEnforcingDeal) {
  const Loaded g = Load("small_steps.yaml");
  const PureProfile steps = g.Profile({{"usa", "small_step"}, {"russia", "quick_win"}});
  ASSERT_TRUE(g.IsEquilibrium(steps));
  EXPECT_EQ(g.Outcome(steps), "small_steps");
  for (const PureProfile& e : g.PureEquilibria()) {
    if (e != steps) {
      EXPECT_TRUE(PayoffDominates(g, steps, e)) << g.Outcome(e);
    }
  }
  for (const solve::Equilibrium& e : g.AllEquilibria()) {  // mixed ones too
    EXPECT_LE(e.payoffs(g.Actor("usa")), g.Payoff(steps, "usa") + 1e-12);
    EXPECT_LE(e.payoffs(g.Actor("russia")), g.Payoff(steps, "russia") + 1e-12);
    EXPECT_LT(g.ExpectedPosition(e.profile, "relief"), 0.5);
    EXPECT_LT(g.ExpectedPosition(e.profile, "ukraine_settlement"), 0.5);
  }
}

// R5 (D3.8): a grand bargain would leave both better off than the stalemate, but with no
// enforcement each side pockets the other's concession: it is not an equilibrium, and no
// equilibrium contains a big concession.
TEST(SmallSteps, R5GrandBargainIsUnrealizableUnderDistrust) {
  const Loaded g = Load("small_steps.yaml");
  const PureProfile bargain = g.Profile({{"usa", "grand_offer"}, {"russia", "grand_offer"}});
  const PureProfile stalemate = g.Profile({{"usa", "stand_pat"}, {"russia", "stand_pat"}});
  EXPECT_EQ(g.Outcome(bargain), "grand_bargain");
  EXPECT_TRUE(PayoffDominates(g, bargain, stalemate));
  EXPECT_FALSE(g.IsEquilibrium(bargain));
  EXPECT_FALSE(g.IsBestReply(bargain, "usa", "grand_offer"));
  EXPECT_FALSE(g.IsBestReply(bargain, "russia", "grand_offer"));
  for (const std::string& outcome : g.EquilibriumOutcomes()) {
    EXPECT_NE(outcome, "grand_bargain");
    EXPECT_NE(outcome, "one_sided_concession");
  }
}

// R5 in the sequence the file plays (Washington first, Moscow answers): the path is returned
// small steps, and Washington makes no grand offer because Moscow would pocket it (its answer
// off the path), not because the offer could never pay: the test above shows the bargain
// leaves both better off.
TEST(SmallSteps, R5WashingtonForeseesThatAGrandOfferWouldBePocketed) {
  const SolvedTree solved = SolveTree("small_steps.yaml");
  ASSERT_EQ(solved.result.equilibria.size(), 1u);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("usa", "small_step"), 1.0);
  EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "quick_win"), 1.0);
  EXPECT_DOUBLE_EQ(solved.outcomes.at("small_steps"), 1.0);
  // Forced to offer (every other US move made prohibitively costly), Washington is exploited.
  const SolvedTree forced = SolveTree("small_steps.yaml", {"actors.usa.moves.stand_pat.cost=1",
                                                           "actors.usa.moves.small_step.cost=1",
                                                           "actors.usa.moves.confront.cost=1"});
  EXPECT_DOUBLE_EQ(forced.MoveProbability("usa", "grand_offer"), 1.0);
  EXPECT_DOUBLE_EQ(forced.MoveProbability("russia", "grand_offer"), 0.0);
  EXPECT_DOUBLE_EQ(forced.outcomes.at("one_sided_concession"), 1.0);
}

// R5 (D3.8): Moscow avoids public confrontation: retaliating is strictly dominated.
TEST(SmallSteps, R5MoscowAvoidsPublicConfrontation) {
  const Loaded g = Load("small_steps.yaml");
  const solve::DominanceResult dominance = solve::EliminateStrictlyDominated(g.game());
  const int russia = g.Actor("russia");
  const int retaliate = g.Move("russia", "retaliate");
  bool removed = false;
  for (const solve::DominanceStep& step : dominance.removed) {
    if (step.player == russia && step.strategy == retaliate) removed = true;
  }
  EXPECT_TRUE(removed);
  for (const std::string& outcome : g.EquilibriumOutcomes()) EXPECT_NE(outcome, "feud");
}

// R5 is not knife-edge: small steps stay an equilibrium and no big concession is ever made
// with any one salience 25% lower or higher.
TEST(SmallSteps, R5SurvivesAQuarterChangeInAnySalience) {
  ForEachSalienceScaling("small_steps.yaml", [](const Loaded& g, const std::string& set) {
    EXPECT_TRUE(g.IsEquilibrium(g.Profile({{"usa", "small_step"}, {"russia", "quick_win"}}))) << set;
    for (const std::string& outcome : g.EquilibriumOutcomes()) {
      EXPECT_NE(outcome, "grand_bargain") << set;
      EXPECT_NE(outcome, "one_sided_concession") << set;
    }
  });
}

}  // namespace
}  // namespace sim::scenario_testing
