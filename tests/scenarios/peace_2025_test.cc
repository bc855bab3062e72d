// SPDX-License-Identifier: MIT
// Expected result R7 and claim D2.1 of the domain brief on scenarios/peace_2025.yaml: a deal
// on Russia's terms needs Trump to deliver Kyiv, which makes banking on him a gamble; the
// Kremlin's best course is to temper its demands; the nationalists can block a ceasefire.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

const char* const kUsMoves[] = {"broker", "press_kyiv", "turn_on_moscow"};

// R7 (D2.2, D2.4): banking on Trump pays best only if he presses Kyiv; if he turns on
// Moscow it is Russia's worst course, so the hedge, not the bet, is the Kremlin's secure
// choice (its maxmin move).
TEST(Peace2025, R7BankingOnTrumpIsAGamble) {
  const Loaded g = Load("peace_2025.yaml");
  const PureProfile pressed = g.Profile({{"usa", "press_kyiv"}, {"russia", "hedge"}, {"kyiv", "ceasefire"}});
  EXPECT_EQ(g.BestReplies(pressed, "russia"), std::vector<std::string>{"bank_on_trump"});
  auto worst = [&](const char* russia) {
    double w = 1e300;
    for (const char* usa : kUsMoves) {
      for (const char* kyiv : {"fight_on", "ceasefire"}) {
        w = std::min(w, g.Payoff(g.Profile({{"usa", usa}, {"russia", russia}, {"kyiv", kyiv}}), "russia"));
      }
    }
    return w;
  };
  EXPECT_GT(worst("hedge"), worst("bank_on_trump"));
  EXPECT_GT(worst("hedge"), worst("escalate"));
}

// R7 (D2.2): the Kremlin tempers its expectations: the best equilibrium for everyone is a
// ceasefire reached by hedging, and no equilibrium gives Russia a deal on its own terms.
TEST(Peace2025, R7KremlinTempersExpectations) {
  const Loaded g = Load("peace_2025.yaml");
  const PureProfile hedged = g.Profile({{"usa", "broker"}, {"russia", "hedge"}, {"kyiv", "ceasefire"}});
  ASSERT_TRUE(g.IsEquilibrium(hedged));
  EXPECT_EQ(g.Outcome(hedged), "ceasefire");
  for (const PureProfile& e : g.PureEquilibria()) {
    EXPECT_NE(g.Outcome(e), "deal_on_russias_terms");
    if (e != hedged) {
      EXPECT_TRUE(PayoffDominates(g, hedged, e)) << g.Outcome(e);
    }
  }
}

// R7's channel, at a predictable Trump: if Kyiv could be coerced (defying Trump costs it
// more), pressing Kyiv and banking on Trump would be an equilibrium with a deal on Russia's
// terms — the deal Moscow does not count on at the base, where Kyiv holds out.
TEST(Peace2025, R7WithACoercibleKyivBankingOnAPredictableTrumpPays) {
  const Loaded g = Load("peace_2025.yaml", {"actors.kyiv.terms.0.value=-0.4"});
  const PureProfile deal = g.Profile({{"usa", "press_kyiv"}, {"russia", "bank_on_trump"},
                                      {"kyiv", "ceasefire"}});
  EXPECT_TRUE(g.IsEquilibrium(deal));
  EXPECT_EQ(g.Outcome(deal), "deal_on_russias_terms");
  const Loaded base = Load("peace_2025.yaml");
  const PureProfile base_deal = base.Profile({{"usa", "press_kyiv"}, {"russia", "bank_on_trump"},
                                              {"kyiv", "ceasefire"}});
  EXPECT_FALSE(base.IsBestReply(base_deal, "kyiv", "ceasefire"));
}

// D2.1: the elite split constrains Putin: when the nationalists' verdict on a compromise
// weighs enough, no ceasefire is an equilibrium any more.
TEST(Peace2025, D21NationalistVerdictCanBlockTheCeasefire) {
  const Loaded strong = Load("peace_2025.yaml", {"actors.russia.terms.0.value=-0.3"});
  const std::vector<std::string> outcomes = strong.EquilibriumOutcomes();
  ASSERT_FALSE(outcomes.empty());
  for (const std::string& o : outcomes) EXPECT_NE(o, "ceasefire");
  const Loaded technocrats = Load("peace_2025.yaml", {"actors.russia.terms.0.value=0"});
  const std::vector<std::string> calm = technocrats.EquilibriumOutcomes();
  EXPECT_NE(std::find(calm.begin(), calm.end(), "ceasefire"), calm.end());
}

// R7 at the base is not knife-edge: with any one salience 25% lower or higher, no
// equilibrium hands Russia a deal on its own terms and the hedged ceasefire remains one.
TEST(Peace2025, R7SurvivesAQuarterChangeInAnySalience) {
  ForEachSalienceScaling("peace_2025.yaml", [](const Loaded& g, const std::string& set) {
    EXPECT_TRUE(g.IsEquilibrium(g.Profile({{"usa", "broker"}, {"russia", "hedge"},
                                           {"kyiv", "ceasefire"}}))) << set;
    for (const std::string& outcome : g.EquilibriumOutcomes()) {
      EXPECT_NE(outcome, "deal_on_russias_terms") << set;
    }
  });
}

}  // namespace
}  // namespace sim::scenario_testing
