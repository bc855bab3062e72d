// SPDX-License-Identifier: MIT
// Expected result R3 and claim D1.4 of the domain brief on scenarios/ukraine_buffer.yaml:
// relief granted up front is pocketed, Russia keeps its leverage in the east, and a Moscow
// that no longer fears sanctions is readier to drop the ceasefire.
#include <gtest/gtest.h>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// R3 (D1.5): whatever Kyiv does, Russia's best reply to relief up front keeps the buffer,
// and Russia ends up better off than under upheld sanctions: it gets the relief anyway.
TEST(UkraineBuffer, R3UpfrontReliefIsPocketedWithoutWithdrawal) {
  const Loaded g = Load("ukraine_buffer.yaml");
  for (const char* kyiv : {"refuse_elections", "hold_elections"}) {
    const PureProfile upfront = g.Profile({{"usa", "relief_upfront"}, {"russia", "hold"}, {"kyiv", kyiv}});
    const PureProfile upheld = g.Profile({{"usa", "uphold"}, {"russia", "hold"}, {"kyiv", kyiv}});
    EXPECT_FALSE(g.IsBestReply(upfront, "russia", "withdraw")) << kyiv;
    double best_upfront = -1e300, best_upheld = -1e300;
    for (const std::string& reply : g.BestReplies(upfront, "russia")) {
      PureProfile p = upfront;
      p[g.Actor("russia")] = g.Move("russia", reply);
      EXPECT_GT(g.Position(p, "buffer"), 0.5) << kyiv << " " << reply;  // still Russia's
      EXPECT_LT(g.Position(p, "sanctions"), g.Position(upheld, "sanctions")) << kyiv;
      best_upfront = g.Payoff(p, "russia");
    }
    for (const std::string& reply : g.BestReplies(upheld, "russia")) {
      PureProfile p = upheld;
      p[g.Actor("russia")] = g.Move("russia", reply);
      best_upheld = g.Payoff(p, "russia");
    }
    EXPECT_GT(best_upfront, best_upheld) << kyiv;
  }
}

// R3: Russia keeps its leverage in every equilibrium, and relief up front is never part of one.
TEST(UkraineBuffer, R3RussiaKeepsTheBufferInEveryEquilibrium) {
  const Loaded g = Load("ukraine_buffer.yaml");
  const std::vector<PureProfile> equilibria = g.PureEquilibria();
  ASSERT_FALSE(equilibria.empty());
  for (const PureProfile& e : equilibria) {
    EXPECT_GT(g.Position(e, "buffer"), 0.5) << g.Outcome(e);
    EXPECT_NE(g.MoveName(g.Actor("usa"), e[g.Actor("usa")]), "relief_upfront");
  }
}

// R3 derived in the sequence the file plays (Washington first): relief up front would be
// answered by dropping the ceasefire (no snap-back once relief is given, D1.4, D1.5), so no
// subgame-perfect equilibrium gives it, and Russia keeps the buffer on every path.
TEST(UkraineBuffer, R3WashingtonForeseesThatUpfrontReliefIsExploited) {
  const SolvedTree solved = SolveTree("ukraine_buffer.yaml");
  ASSERT_FALSE(solved.result.equilibria.empty());
  EXPECT_DOUBLE_EQ(solved.MoveProbability("usa", "relief_upfront"), 0.0);
  EXPECT_EQ(solved.outcomes.count("relief_pocketed"), 0u);
  EXPECT_EQ(solved.outcomes.count("handover"), 0u);
  // Off the path: after relief up front Moscow escalates.
  const SolvedTree forced = SolveTree("ukraine_buffer.yaml", {"actors.usa.moves.uphold.cost=1",
                                                              "actors.usa.moves.arm_kyiv.cost=1",
                                                              "actors.usa.moves.relief_for_delivery.cost=1"});
  EXPECT_DOUBLE_EQ(forced.MoveProbability("usa", "relief_upfront"), 1.0);
  EXPECT_DOUBLE_EQ(forced.MoveProbability("russia", "drop_ceasefire"), 1.0);
}

// D1.4: if Kyiv refuses Minsk elections, Moscow drops the ceasefire when sanctions are not
// upheld, but not when they are (or when Kyiv gets arms).
TEST(UkraineBuffer, D14CeasefireCollapsesOnlyWhenSanctionsAreNotUpheld) {
  const Loaded g = Load("ukraine_buffer.yaml");
  auto refused = [&](const char* usa) {
    return g.Profile({{"usa", usa}, {"russia", "hold"}, {"kyiv", "refuse_elections"}});
  };
  EXPECT_EQ(g.BestReplies(refused("relief_upfront"), "russia"),
            std::vector<std::string>{"drop_ceasefire"});
  for (const char* usa : {"uphold", "arm_kyiv", "relief_for_delivery"}) {
    EXPECT_EQ(g.BestReplies(refused(usa), "russia"), std::vector<std::string>{"hold"}) << usa;
  }
}

// R3 is not knife-edge: with any one salience 25% lower or higher, Russia still keeps the
// buffer in every equilibrium and relief up front is still never played.
TEST(UkraineBuffer, R3SurvivesAQuarterChangeInAnySalience) {
  ForEachSalienceScaling("ukraine_buffer.yaml", [](const Loaded& g, const std::string& set) {
    const std::vector<PureProfile> equilibria = g.PureEquilibria();
    EXPECT_FALSE(equilibria.empty()) << set;
    for (const PureProfile& e : equilibria) {
      EXPECT_GT(g.Position(e, "buffer"), 0.5) << set;
      EXPECT_NE(g.MoveName(g.Actor("usa"), e[g.Actor("usa")]), "relief_upfront") << set;
    }
  });
}

}  // namespace
}  // namespace sim::scenario_testing
