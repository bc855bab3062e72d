// SPDX-License-Identifier: MIT
// The expected results across the Monte Carlo over unpredictability (tremble model,
// scenarios/montecarlo.md): each scenario is run at US unpredictability u = 0, 0.1, ..., 0.9
// with a fixed seed, every equilibrium of a draw equally likely to be selected (uniform
// selection; detente_test.cc runs R1 with payoff-dominant selection and its closed forms).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/montecarlo/run.h"
#include "sim/montecarlo/run_tree.h"
#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

constexpr int64_t kDraws = 4000;

struct SweepPoint {
  double u = 0;
  montecarlo::MonteCarloResult result;

  double Outcome(const std::string& name) const {
    for (size_t i = 0; i < result.outcome_names.size(); ++i) {
      if (result.outcome_names[i] == name) return double(result.outcome_counts[i]) / result.draws;
    }
    ADD_FAILURE() << "no outcome " << name;
    return 0;
  }
  std::string Modal() const {
    size_t best = 0;
    for (size_t i = 1; i < result.outcome_counts.size(); ++i) {
      if (result.outcome_counts[i] > result.outcome_counts[best]) best = i;
    }
    return result.outcome_names[best];
  }
  double Move(const std::string& actor, const std::string& move) const {
    for (size_t a = 0; a < result.actor_names.size(); ++a) {
      if (result.actor_names[a] != actor) continue;
      for (size_t m = 0; m < result.move_names[a].size(); ++m) {
        if (result.move_names[a][m] == move) return double(result.move_counts[a][m]) / result.draws;
      }
    }
    ADD_FAILURE() << "no move " << actor << "." << move;
    return 0;
  }
};

// The Monte Carlo of FILE at `actor`'s unpredictability u = 0, 0.1, ..., 0.9.
std::vector<SweepPoint> Sweep(const std::string& file, const std::string& actor,
                              std::vector<std::string> sets = {}) {
  std::vector<SweepPoint> points;
  for (int k = 0; k <= 9; ++k) {
    const double u = k / 10.0;
    std::vector<std::string> s = sets;
    s.push_back("actors." + actor + ".unpredictability=" + std::to_string(u));
    const Loaded g = Load(file, s);
    montecarlo::MonteCarloOptions options;
    options.draws = kDraws;
    options.seed = 20170522;
    points.push_back({u, g.scenario.tree_game() ? montecarlo::RunTreeMonteCarlo(g.scenario, options)
                                                : montecarlo::RunMonteCarlo(g.scenario, options)});
  }
  return points;
}

// R1 across the sweep (D0.4): a Ukraine concession (alone or in a grand bargain) stays below
// 10% at every unpredictability, and from the scenario's own u = 0.3 up Moscow keeps offering
// its Syria chip. The détente is the modal outcome for u in [0.3, 0.7]. Below 0.3 the
// standoff is an equilibrium too and uniform selection splits the draws (payoff-dominant
// selection picks the detente: Detente.R1ModalOutcomeIsTheDetenteAndUkraineConcessions...
// in detente_test.cc); from 0.8 up an erratic Trump withholds the relief more often than he
// grants it, and Russia's de-escalation mostly goes unrequited — the model's answer,
// reported as a limit of R1, not hidden.
TEST(Detente, R1HoldsAcrossTheUnpredictabilitySweep) {
  for (const SweepPoint& p : Sweep("detente.yaml", "usa")) {
    EXPECT_LT(p.Outcome("ukraine_concession") + p.Outcome("grand_bargain"), 0.10) << "u=" << p.u;
    if (p.u < 0.3 - 1e-9) continue;
    EXPECT_GT(p.Move("russia", "deescalate_syria"), 0.5) << "u=" << p.u;
    if (p.u < 0.75) {
      EXPECT_EQ(p.Modal(), "detente") << "u=" << p.u;
    } else {
      EXPECT_EQ(p.Modal(), "unrequited_deescalation") << "u=" << p.u;
    }
  }
}

// R3 across the sweep (D1.5): Russia hands the east back in fewer than 10% of draws at every
// US unpredictability.
TEST(UkraineBuffer, R3HoldsAcrossTheUnpredictabilitySweep) {
  for (const SweepPoint& p : Sweep("ukraine_buffer.yaml", "usa")) {
    EXPECT_LT(p.Outcome("handover"), 0.10) << "u=" << p.u;
    EXPECT_EQ(p.Modal(), "frozen_conflict") << "u=" << p.u;
  }
}

// R5 across the sweep (D3.8): no grand bargain in 10% of draws or more, whatever the US
// unpredictability.
TEST(SmallSteps, R5HoldsAcrossTheUnpredictabilitySweep) {
  for (const SweepPoint& p : Sweep("small_steps.yaml", "usa")) {
    EXPECT_LT(p.Outcome("grand_bargain"), 0.10) << "u=" << p.u;
  }
}

// R8 across the sweep (D4.2, D4.6): however erratic the president, relief stays below 10%
// and Moscow mostly weathers the sanctions: permanent sanctions are the modal outcome and
// courting in vain stays rare (the scenario is a sequence, so outcomes, not move counts over
// every information set, say what Moscow does on the path).
TEST(SanctionsPermanent, R8HoldsAcrossTheUnpredictabilitySweep) {
  for (const SweepPoint& p : Sweep("sanctions_permanent.yaml", "president")) {
    EXPECT_LT(p.Outcome("relief"), 0.10) << "u=" << p.u;
    EXPECT_LT(p.Outcome("courting_in_vain"), 0.10) << "u=" << p.u;
    EXPECT_EQ(p.Modal(), "permanent_sanctions") << "u=" << p.u;
  }
}

// R7 (D2.2, D2.4): with a Kyiv that can be coerced, banking on Trump is an equilibrium while
// he is predictable; as his unpredictability rises the Kremlin banks on him less, and at the
// top of the sweep it no longer does (beyond its own trembles).
TEST(Peace2025, R7UnpredictabilityMakesTheKremlinStopBankingOnTrump) {
  const std::vector<SweepPoint> points =
      Sweep("peace_2025.yaml", "usa", {"actors.kyiv.terms.0.value=-0.4"});
  double previous = 1;
  for (const SweepPoint& p : points) {
    EXPECT_LE(p.Move("russia", "bank_on_trump"), previous + 0.03) << "u=" << p.u;  // MC noise
    previous = p.Move("russia", "bank_on_trump");
  }
  EXPECT_GT(points.front().Move("russia", "bank_on_trump"), 0.3);
  EXPECT_LT(points.back().Move("russia", "bank_on_trump"), 0.1);
  EXPECT_GT(points.back().Move("russia", "hedge"), 0.8);
}

// D4.3: the treaty is dead whatever Washington's unpredictability. With the violation
// dispute unsettled Moscow builds in every equilibrium, so at every point of the sweep it
// builds but for its own trembles (u = 0.1 over 2 moves: 5%), and the treaty holds only when
// both tremble into it (at most 0.05 x 0.9 x 0.5 at u = 0.9, plus MC noise). Washington's
// trembles (into staying in) only turn part of the race into a Russian build-up.
TEST(InfArmsRace, D43TheTreatyIsDeadAtEveryUnpredictability) {
  const std::vector<SweepPoint> points = Sweep("inf_arms_race.yaml", "usa");
  for (const SweepPoint& p : points) {
    EXPECT_GT(p.Move("russia", "build"), 0.9) << "u=" << p.u;
    EXPECT_LT(p.Outcome("treaty_holds"), 0.04) << "u=" << p.u;
  }
  EXPECT_LT(points.back().Outcome("arms_race"), points.front().Outcome("arms_race"));
}

// R4 across the sweep (D1.6, D4.4, D3.5, D3.6): at every US unpredictability Russia joins a
// containment of China only by its own trembles (u = 0.1 over 5 moves: 2% expected), before
// and after the thaw; and the thaw makes Russia the pivot of a romantic triangle less often
// at every unpredictability — its value as the swing state falls.
TEST(ChinaTriangle, R4HoldsAcrossTheUnpredictabilitySweep) {
  const std::vector<SweepPoint> before = Sweep("china_triangle.yaml", "usa");
  const std::vector<SweepPoint> after =
      Sweep("china_triangle.yaml", "usa", {"actors.usa.stakes.us_china.ideal=0.8"});
  for (size_t k = 0; k < before.size(); ++k) {
    EXPECT_LT(before[k].Move("russia", "join_containment"), 0.05) << "u=" << before[k].u;
    EXPECT_LT(after[k].Move("russia", "join_containment"), 0.05) << "u=" << after[k].u;
    EXPECT_LT(after[k].Outcome("romantic_russia_pivot"), before[k].Outcome("romantic_russia_pivot"))
        << "u=" << before[k].u;
  }
}

// R6 across the sweep (D1.3): ambiguity about the guarantee (Washington values its
// credibility at 0.3, the scenario's base) invites more probing and more clashes than a clear
// commitment (1.0) at every US unpredictability up to 0.8. At u = 0.9 the two coincide: a
// president who acts at random nine times in ten makes his commitment worthless whatever he
// values, and Moscow probes almost always — ambiguity by erratic behaviour rather than by
// indifference, the same R6 reached the other way.
TEST(BalticDeterrence, R6HoldsAcrossTheUnpredictabilitySweep) {
  const std::vector<SweepPoint> ambiguous = Sweep("baltic_deterrence.yaml", "usa");
  const std::vector<SweepPoint> clear = Sweep("baltic_deterrence.yaml", "usa",
                                              {"actors.usa.stakes.credibility.salience=1.0"});
  for (size_t k = 0; k < ambiguous.size(); ++k) {
    const double u = ambiguous[k].u;
    if (u > 0.85) {
      EXPECT_GT(ambiguous[k].Move("russia", "probe"), 0.8) << "u=" << u;
      EXPECT_GT(clear[k].Move("russia", "probe"), 0.8) << "u=" << u;
      continue;
    }
    EXPECT_GT(ambiguous[k].Move("russia", "probe"), clear[k].Move("russia", "probe") + 0.1)
        << "u=" << u;
    EXPECT_GT(ambiguous[k].Outcome("clash"), clear[k].Outcome("clash")) << "u=" << u;
  }
}

}  // namespace
}  // namespace sim::scenario_testing
