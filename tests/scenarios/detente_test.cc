// SPDX-License-Identifier: MIT
// Expected results R1 and R2 of the domain brief (shared/design/domain-brief.md) on
// scenarios/detente.yaml: partial relief for Syria de-escalation is the deal; no big Ukraine
// concession; the grand bargain is not stable.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sim/montecarlo/run.h"
#include "sim/montecarlo/stats.h"
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

// R1 (D0.4) in the Monte Carlo over Trump's unpredictability (tremble model, u = 0, 0.1, ...,
// 0.9; Russia's own u = 0.1 from the file), with payoff-dominant selection (Harsanyi &
// Selten 1988): the detente (partial_relief, deescalate_syria) payoff-dominates every other
// equilibrium of each draw's perturbed game (R1PartialReliefForSyriaDeescalation above; no
// draw falls back). Realized play then trembles: the US plays partial_relief with
// probability 1 - u + u/3 = 1 - 2u/3 (a tremble lands on one of its 3 moves); Russia
// de-escalates (deescalate_syria, or deescalate_and_concede, which carries the same Syria
// effect) with probability 0.9 + 0.1 * 2/4 = 0.95. Hence, closed forms:
//   P(detente)                 = (1 - 2u/3) * 0.95
//   P(unrequited_deescalation) = (2u/3) * 0.95          (US trembles to hold or grand_bargain)
//   P(grand_bargain)           = (u/3) * (0.1 * 2/4) = u/60   (both tremble into the bargain)
//   P(ukraine_concession)      = 0   (a concession is only delivered inside the grand bargain)
// So a Ukraine concession of any kind stays below u/60 <= 1.5% < 10% at every u, as R1 says.
// The detente is the modal outcome while 1 - 2u/3 > 2u/3, i.e. u < 3/4; at u = 0.8 and 0.9 an
// erratic Trump withholds the relief (trembles off partial_relief) more often than he grants
// it, and Russia's de-escalation mostly goes unrequited. That is the tremble model's answer,
// asserted as it is rather than bent: R1's deal holds as the intended play at every u, but
// above u = 3/4 it is no longer the most likely realized outcome.
TEST(Detente, R1ModalOutcomeIsTheDetenteAndUkraineConcessionsStayRareAcrossTheSweep) {
  constexpr double kZ999 = 3.2905267314919255;  // 30 interval checks: 99.9% each
  for (int k = 0; k <= 9; ++k) {
    const double u = k / 10.0;
    const Loaded g = Load("detente.yaml", {"actors.usa.unpredictability=" + std::to_string(u)});
    montecarlo::MonteCarloOptions options;
    options.draws = 4000;
    options.seed = 20170522;
    options.select = SelectRule::kPayoffDominant;
    const montecarlo::MonteCarloResult r = montecarlo::RunMonteCarlo(g.scenario, options);
    EXPECT_EQ(r.selection_fallbacks, 0) << "u=" << u;
    auto share = [&](const std::string& name) -> std::pair<int64_t, double> {
      for (size_t i = 0; i < r.outcome_names.size(); ++i)
        if (r.outcome_names[i] == name) return {r.outcome_counts[i], double(r.outcome_counts[i]) / r.draws};
      ADD_FAILURE() << "no outcome " << name;
      return {0, 0.0};
    };
    auto covers = [&](const std::string& name, double p) {
      const montecarlo::Interval ci = montecarlo::WilsonInterval(share(name).first, r.draws, kZ999);
      EXPECT_LE(ci.low, p + 1e-12) << name << " u=" << u;
      EXPECT_GE(ci.high, p - 1e-12) << name << " u=" << u;
    };
    covers("detente", (1 - 2 * u / 3) * 0.95);
    covers("unrequited_deescalation", (2 * u / 3) * 0.95);
    covers("grand_bargain", u / 60);
    EXPECT_EQ(share("ukraine_concession").first, 0) << "u=" << u;
    EXPECT_LT(share("ukraine_concession").second + share("grand_bargain").second, 0.10) << "u=" << u;
    size_t modal = 0;
    for (size_t i = 1; i < r.outcome_counts.size(); ++i)
      if (r.outcome_counts[i] > r.outcome_counts[modal]) modal = i;
    EXPECT_EQ(r.outcome_names[modal], u < 0.75 ? "detente" : "unrequited_deescalation") << "u=" << u;
  }
}

}  // namespace
}  // namespace sim::scenario_testing
