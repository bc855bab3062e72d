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

// The equilibrium play at one commitment level: the unique pure equilibrium if there is
// one, else the completely mixed equilibrium of the 2x2 game.
Play PlayAt(double commitment, std::vector<std::string> sets = {}) {
  sets.push_back("actors.usa.stakes.credibility.salience=" + std::to_string(commitment));
  const Loaded g = Load("baltic_deterrence.yaml", sets);
  EXPECT_EQ(g.Move("usa", "defend_if_probed"), 0);
  EXPECT_EQ(g.Move("russia", "restrain"), 0);
  const std::vector<PureProfile> pure = g.PureEquilibria();
  double defend = 0, restrain = 0;
  if (!pure.empty()) {
    EXPECT_EQ(pure.size(), 1u) << commitment;
    defend = pure[0][0] == 0 ? 1 : 0;
    restrain = pure[0][1] == 0 ? 1 : 0;
  } else {
    const Mixed2x2 mixed = CompletelyMixed2x2(g.game());
    defend = mixed.row_first;
    restrain = mixed.col_first;
  }
  return {1 - restrain, defend * (1 - restrain)};
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
