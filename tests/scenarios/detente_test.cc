// SPDX-License-Identifier: MIT
// Expected results R1 and R2 of the domain brief (shared/design/domain-brief.md) on
// scenarios/detente.yaml: partial relief for Syria de-escalation is the deal; no big Ukraine
// concession; the grand bargain is not stable.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// R1 (D0.4): Trump eases sanctions partly, Russia de-escalates somewhat in Syria.
TEST(Detente, R1PartialReliefForSyriaDeescalation) {
  const Loaded g = Load("detente.yaml");
  const PureProfile detente = g.Profile({{"usa", "partial_relief"}, {"russia", "deescalate_syria"}});
  ASSERT_TRUE(g.IsEquilibrium(detente));
  EXPECT_EQ(g.Outcome(detente), "detente");
  EXPECT_LT(g.Position(detente, "sanctions"), 1.0);   // relief, but
  EXPECT_GT(g.Position(detente, "sanctions"), 0.0);   // only partial
  // Among the equilibria it is the one both sides prefer and the one that risk-dominates:
  // the likely deal, not just a possible one.
  for (const PureProfile& e : g.PureEquilibria()) {
    if (e == detente) continue;
    EXPECT_TRUE(PayoffDominates(g, detente, e)) << g.Outcome(e);
    EXPECT_TRUE(RiskDominates(g, detente, e)) << g.Outcome(e);
  }
  // Mixed equilibria included: no equilibrium pays either side more than the détente.
  const std::vector<solve::Equilibrium> all = g.AllEquilibria();
  EXPECT_GE(all.size(), 2u);
  for (const solve::Equilibrium& e : all) {
    for (const char* actor : {"usa", "russia"}) {
      EXPECT_LE(e.payoffs(g.Actor(actor)), g.Payoff(detente, actor) + 1e-12) << actor;
    }
  }
}

// R1 (D0.4): no big concession in eastern Ukraine, Russia's buffer.
TEST(Detente, R1NoEquilibriumConcedesUkraine) {
  const Loaded g = Load("detente.yaml");
  const std::vector<PureProfile> equilibria = g.PureEquilibria();
  ASSERT_FALSE(equilibria.empty());
  for (const PureProfile& e : equilibria) {
    EXPECT_GE(g.Position(e, "ukraine"), 1.0) << g.Outcome(e);
  }
  for (const solve::Equilibrium& e : g.AllEquilibria()) {  // mixed ones too
    EXPECT_GE(g.ExpectedPosition(e.profile, "ukraine"), 1.0 - 1e-12);
  }
}

// R2 (D0.6, D1.7): the grand bargain is not an equilibrium, and it fails on both sides'
// domestic lines: Washington will not pay with sphere recognition, and without the grand
// bargain Moscow will not concede in Ukraine.
TEST(Detente, R2GrandBargainIsNotAnEquilibrium) {
  const Loaded g = Load("detente.yaml");
  for (const char* russia : {"concede_ukraine", "deescalate_and_concede"}) {
    const PureProfile bargain = g.Profile({{"usa", "grand_bargain"}, {"russia", russia}});
    EXPECT_EQ(g.Outcome(bargain), "grand_bargain");
    EXPECT_FALSE(g.IsEquilibrium(bargain)) << russia;
    EXPECT_FALSE(g.IsBestReply(bargain, "usa", "grand_bargain")) << russia;
  }
  EXPECT_FALSE(Contains(g.EquilibriumOutcomes(), "grand_bargain"));
  for (const char* usa : {"hold", "partial_relief"}) {
    for (const char* russia : {"status_quo", "deescalate_syria"}) {
      const PureProfile p = g.Profile({{"usa", usa}, {"russia", russia}});
      EXPECT_FALSE(g.IsBestReply(p, "russia", "concede_ukraine")) << usa;
      EXPECT_FALSE(g.IsBestReply(p, "russia", "deescalate_and_concede")) << usa;
    }
  }
}

// R2 (D0.6): the grand bargain fails on the domestic lines, not on the game's form (both
// big concessions are exchanges, so neither can be pocketed), and each side's line is enough
// on its own: Washington will not recognise a sphere (D0.3), and the relief the president can
// give without Congress is too little for Putin to sell a Ukraine concession at home (D0.4,
// D0.6). Only when both lines are relaxed does the grand bargain become an equilibrium.
TEST(Detente, R2GrandBargainFailsOnEachSidesDomesticLine) {
  struct Case {
    std::vector<std::string> sets;
    bool usa_offers;
    bool russia_accepts;
  };
  const Case cases[] = {
      {{}, false, false},
      {{"actors.usa.stakes.sphere.salience=0.2"}, true, false},
      {{"actors.russia.terms.0.value=-0.3"}, false, true},
      {{"actors.usa.stakes.sphere.salience=0.2", "actors.russia.terms.0.value=-0.3"}, true, true},
  };
  for (const Case& c : cases) {
    const Loaded g = Load("detente.yaml", c.sets);
    const PureProfile bargain = g.Profile({{"usa", "grand_bargain"}, {"russia", "concede_ukraine"}});
    const std::string label = c.sets.empty() ? "base" : c.sets.back();
    EXPECT_EQ(g.IsBestReply(bargain, "usa", "grand_bargain"), c.usa_offers) << label;
    EXPECT_EQ(g.IsBestReply(bargain, "russia", "concede_ukraine"), c.russia_accepts) << label;
    EXPECT_EQ(Contains(g.EquilibriumOutcomes(), "grand_bargain"), c.usa_offers && c.russia_accepts)
        << label;
  }
}

// R1 and R2 are not knife-edge: they survive scaling any one salience by 0.75 or 1.25.
TEST(Detente, R1AndR2SurviveAQuarterChangeInAnySalience) {
  const Loaded base = Load("detente.yaml");
  for (double factor : {0.75, 1.25}) {
    for (const std::string& set : SalienceScalings(base, factor)) {
      const Loaded g = Load("detente.yaml", {set});
      const std::vector<std::string> outcomes = g.EquilibriumOutcomes();
      EXPECT_TRUE(Contains(outcomes, "detente")) << set;
      EXPECT_FALSE(Contains(outcomes, "grand_bargain")) << set;
      EXPECT_FALSE(Contains(outcomes, "ukraine_concession")) << set;
    }
  }
}

}  // namespace
}  // namespace sim::scenario_testing
