// SPDX-License-Identifier: MIT
// Expected result R6 of the domain brief on scenarios/baltic_deterrence.yaml: ambiguity
// about whether Washington would defend an ally invites probing and raises the risk that a
// probe meets force (miscalculation).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// How much Washington values the credibility of its guarantees: low = ambiguous (D1.3),
// high = a clear commitment (D0.3). The scenario's base is 0.3.
const double kCommitments[] = {0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5};

struct Play {
  double probe = 0;  // probability that Russia probes
  double clash = 0;  // probability that a probe meets force
};

// The equilibrium play at one commitment level: the game has a unique equilibrium (pure
// when Washington would never defend, else completely mixed), found by vertex enumeration.
// A 2x2 indifference calculation (Osborne 2004, sec. 4.3) cross-checks the mixed case.
Play PlayAt(double commitment, std::vector<std::string> sets = {}) {
  sets.push_back("actors.usa.stakes.credibility.salience=" + std::to_string(commitment));
  const Loaded g = Load("baltic_deterrence.yaml", sets);
  const int defend = g.Move("usa", "defend_if_probed");
  const int probe = g.Move("russia", "probe");
  const std::vector<solve::Equilibrium> all = g.AllEquilibria();
  EXPECT_EQ(all.size(), 1u) << commitment;
  if (all.empty()) return {};
  const MixedProfile& p = all[0].profile;
  const double p_defend = p.strategies[g.Actor("usa")](defend);
  const double p_probe = p.strategies[g.Actor("russia")](probe);
  if (all[0].kind == solve::EquilibriumKind::kMixed) {
    const Mixed2x2 check = CompletelyMixed2x2(g.game());
    EXPECT_NEAR(check.row_first, p.strategies[0](0), 1e-9);
    EXPECT_NEAR(check.col_first, p.strategies[1](0), 1e-9);
  }
  return {p_probe, p_defend * p_probe};
}

// R6 (D1.3, D0.5): the less Washington values its word, the more Moscow probes; with a
// cavalier enough president the probe is certain.
TEST(BalticDeterrence, R6AmbiguityInvitesProbing) {
  double previous = 2;
  for (double commitment : kCommitments) {
    const double probe = PlayAt(commitment).probe;
    EXPECT_LE(probe, previous + 1e-12) << commitment;
    previous = probe;
  }
  EXPECT_DOUBLE_EQ(PlayAt(0.1).probe, 1.0);
  EXPECT_GT(PlayAt(0.3).probe, PlayAt(1.0).probe);
}

// R6 (D1.3): ambiguity breeds miscalculation: at the base (an ambiguous guarantor) a probe
// that meets force is likelier than under a clear commitment.
TEST(BalticDeterrence, R6AmbiguityRaisesTheRiskOfAClash) {
  const Play ambiguous = PlayAt(0.3), committed = PlayAt(1.0);
  EXPECT_GT(ambiguous.clash, 0.0);
  EXPECT_GT(ambiguous.clash, committed.clash);
}

// R6 is not knife-edge: with any one salience 25% lower or higher (the commitment itself
// excepted), an ambiguous guarantor is still probed more often than a committed one.
TEST(BalticDeterrence, R6SurvivesAQuarterChangeInAnySalience) {
  const Loaded base = Load("baltic_deterrence.yaml");
  for (double factor : {0.75, 1.25}) {
    for (const std::string& set : SalienceScalings(base, factor)) {
      if (set.rfind("actors.usa.stakes.credibility.", 0) == 0) continue;
      EXPECT_GT(PlayAt(0.3, {set}).probe, PlayAt(1.0, {set}).probe) << set;
    }
  }
}

}  // namespace
}  // namespace sim::scenario_testing
