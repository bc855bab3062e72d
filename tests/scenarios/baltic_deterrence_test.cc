// SPDX-License-Identifier: MIT
// Expected result R6 of the domain brief on scenarios/baltic_deterrence.yaml (simultaneous)
// and scenarios/baltic_resolve.yaml (sequential, Washington's resolve a private type): ambiguity
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

// ---- scenarios/baltic_resolve.yaml: the same bargain with Washington's resolve private ----

// The subgame-perfect play when Moscow believes Washington resolute with prior `resolute`
// (a fraction such as "1/2"); the doubtful type has the rest. Each type's reply to a probe
// is strict (resolute defends, doubtful stands aside), so the equilibrium is unique unless
// Moscow is exactly indifferent, which the priors below avoid.
Play ResolvePlayAt(const std::string& resolute, const std::string& doubtful,
                   std::vector<std::string> sets = {}) {
  sets.push_back("actors.usa.types.resolute.prior=" + resolute);
  sets.push_back("actors.usa.types.doubtful.prior=" + doubtful);
  const SolvedTree solved = SolveTree("baltic_resolve.yaml", sets);
  EXPECT_EQ(solved.result.equilibria.size(), 1u) << resolute;
  if (solved.result.equilibria.empty()) return {};
  return {solved.MoveProbability("russia", "probe"),
          solved.outcomes.count("clash") ? solved.outcomes.at("clash") : 0.0};
}

// R6 (D1.3) with resolve as a private type: Moscow, not knowing which Washington it faces,
// probes when resolve is in doubt and holds back when it is clear (D0.3). A probe against
// a resolute type meets force: the clash is the miscalculation, and it has positive
// probability only under ambiguity (a clear commitment deters; a surely doubtful US is
// probed without a fight).
TEST(BalticResolve, R6AmbiguityInvitesProbingAndMiscalculation) {
  const Play clear = ResolvePlayAt("9/10", "1/10");
  const Play ambiguous = ResolvePlayAt("1/2", "1/2");  // the scenario's base
  const Play hollow = ResolvePlayAt("1/20", "19/20");
  EXPECT_DOUBLE_EQ(clear.probe, 0.0);
  EXPECT_DOUBLE_EQ(clear.clash, 0.0);
  EXPECT_DOUBLE_EQ(ambiguous.probe, 1.0);
  EXPECT_NEAR(ambiguous.clash, 0.5, 1e-12);  // the probe meets the resolute type
  EXPECT_DOUBLE_EQ(hollow.probe, 1.0);
  EXPECT_GT(ambiguous.clash, hollow.clash);
  EXPECT_GT(ambiguous.clash, clear.clash);
}

// The same with any one salience of Moscow's 25% lower or higher: ambiguity still invites
// the probe that a clear commitment deters.
TEST(BalticResolve, R6SurvivesAQuarterChangeInMoscowsSaliences) {
  for (const char* issue : {"borderland", "clash", "credibility"}) {
    const Scenario base =
        LoadScenario(std::string(SIM_SOURCE_DIR "/scenarios/baltic_resolve.yaml"));
    const double salience =
        base.actors[base.FindActor("russia")].stakes[base.FindIssue(issue)].salience;
    for (double factor : {0.75, 1.25}) {
      const std::string set = std::string("actors.russia.stakes.") + issue +
                              ".salience=" + std::to_string(salience * factor);
      EXPECT_DOUBLE_EQ(ResolvePlayAt("1/2", "1/2", {set}).probe, 1.0) << set;
      EXPECT_DOUBLE_EQ(ResolvePlayAt("9/10", "1/10", {set}).probe, 0.0) << set;
    }
  }
}

}  // namespace
}  // namespace sim::scenario_testing
