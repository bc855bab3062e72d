// SPDX-License-Identifier: MIT
// Expected result R4 and claims D1.6, D3.5, D3.6, D4.4 of the domain brief on
// scenarios/china_triangle.yaml: Russia will not join a containment of China, it can be the
// pivot of the triangle, and a US–China thaw lowers its value as the swing state.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// Washington's ideal for its relationship with Beijing: 0.1 before the Xi–Trump summit
// (D3.5), rising with the thaw (D3.6).
const double kThaws[] = {0.1, 0.3, 0.5, 0.7, 0.9};

Loaded AtThaw(double thaw) {
  return Load("china_triangle.yaml",
              {"actors.usa.stakes.us_china.ideal=" + std::to_string(thaw)});
}

// Russia's value to Washington as the swing state: how much better Washington does (at its
// best reply) when Moscow courts both capitals than when Moscow courts Beijing alone, with
// Beijing courting both.
double SwingValue(const Loaded& g) {
  auto best_usa = [&](const char* russia) {
    double best = -1e300;
    for (const char* usa : {"aloof", "court_russia", "court_china", "court_both"}) {
      best = std::max(best, g.Payoff(g.Profile({{"usa", usa}, {"russia", russia},
                                                {"china", "court_both"}}), "usa"));
    }
    return best;
  };
  return best_usa("court_both") - best_usa("court_china");
}

// R4 (D3.3, D1.6, D4.4), derived from what each side will pay: joining a containment of China
// is Russia's best reply exactly when Washington offers the reverse Nixon (full relief and a
// privileged relationship, only against containment), never otherwise; Washington never
// offers it in equilibrium (its price, Congress's full relief, exceeds what it gains), so in
// no equilibrium does Russia join or Russia-China relations fall below amity.
TEST(ChinaTriangle, R4RussiaNeverJoinsContainmentOfChina) {
  for (double thaw : kThaws) {
    const Loaded g = AtThaw(thaw);
    const int russia = g.Actor("russia"), usa = g.Actor("usa");
    int offered = 0;
    for (int64_t i = 0; i < g.game().num_profiles(); ++i) {
      const PureProfile p = g.game().ProfileAt(i);
      if (p[russia] != 0) continue;  // each profile of the others once
      const bool reverse_nixon = g.MoveName(usa, p[usa]) == "reverse_nixon";
      EXPECT_EQ(g.IsBestReply(p, "russia", "join_containment"), reverse_nixon) << "thaw " << thaw;
      offered += reverse_nixon;
    }
    EXPECT_EQ(offered, 4);  // one per move of China
    const std::vector<PureProfile> equilibria = g.PureEquilibria();
    ASSERT_FALSE(equilibria.empty()) << "thaw " << thaw;
    for (const PureProfile& e : equilibria) {
      EXPECT_NE(g.MoveName(usa, e[usa]), "reverse_nixon") << "thaw " << thaw;
      EXPECT_NE(g.MoveName(russia, e[russia]), "join_containment") << "thaw " << thaw;
      EXPECT_GE(g.Position(e, "russia_china"), 0.5) << "thaw " << thaw << " " << g.Outcome(e);
    }
  }
}

// R4 (D3.5, D3.6): the more Washington warms to Beijing, the less Moscow's courtship is
// worth to it; after the thaw it is worth less than before.
TEST(ChinaTriangle, R4UsChinaThawLowersRussiasValueAsSwingState) {
  double previous = 1e300;
  for (double thaw : kThaws) {
    const double value = SwingValue(AtThaw(thaw));
    EXPECT_LE(value, previous + 1e-12) << "thaw " << thaw;
    previous = value;
  }
  EXPECT_LT(SwingValue(AtThaw(0.8)), SwingValue(AtThaw(0.1)));
  EXPECT_GT(SwingValue(AtThaw(0.1)), 0.0);
}

// R4 (D3.6): after the thaw Washington and Beijing can settle without Moscow: an equilibrium
// appears that is worse for Russia than any before the thaw (Russia left out).
TEST(ChinaTriangle, R4AfterTheThawRussiaCanBeLeftOut) {
  auto worst_for_russia = [](const Loaded& g) {
    double worst = 1e300;
    for (const PureProfile& e : g.PureEquilibria()) worst = std::min(worst, g.Payoff(e, "russia"));
    return worst;
  };
  EXPECT_LT(worst_for_russia(AtThaw(0.8)), worst_for_russia(AtThaw(0.1)));
}

// D1.6, D3.5: before the thaw Russia can be the pivot of a romantic triangle — closer to
// each capital than they are to each other — and that is the equilibrium Russia likes best.
TEST(ChinaTriangle, D16RussiaCanBeThePivotBeforeTheThaw) {
  const Loaded g = Load("china_triangle.yaml");
  const std::vector<PureProfile> equilibria = g.PureEquilibria();
  ASSERT_FALSE(equilibria.empty());
  const PureProfile* russias_best = &equilibria.front();
  for (const PureProfile& e : equilibria) {
    if (g.Payoff(e, "russia") > g.Payoff(*russias_best, "russia")) russias_best = &e;
  }
  EXPECT_EQ(g.Outcome(*russias_best), "romantic_russia_pivot");
  EXPECT_GT(g.Position(*russias_best, "us_russia"), g.Position(*russias_best, "us_china"));
  EXPECT_GT(g.Position(*russias_best, "russia_china"), g.Position(*russias_best, "us_china"));
}

// R4 is not knife-edge: with any one salience 25% lower or higher, Russia–China relations
// stay friendly in every equilibrium and Russia's swing value still falls with the thaw.
TEST(ChinaTriangle, R4SurvivesAQuarterChangeInAnySalience) {
  ForEachSalienceScaling("china_triangle.yaml", [](const Loaded& g, const std::string& set) {
    for (const PureProfile& e : g.PureEquilibria()) {
      EXPECT_GE(g.Position(e, "russia_china"), 0.5) << set;
    }
    const Loaded thawed = Load("china_triangle.yaml", {set, "actors.usa.stakes.us_china.ideal=0.8"});
    EXPECT_LT(SwingValue(thawed), SwingValue(g)) << set;
  });
}

}  // namespace
}  // namespace sim::scenario_testing
