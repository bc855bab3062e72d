// SPDX-License-Identifier: MIT
// The `rounds:` scenarios of the library, solved as game trees: detente_rounds.yaml (R1
// without a binding contract, D1.5/D4.6 snap-back) and reputation_rounds.yaml (R8/D3.1:
// Moscow's expectations fall after observed moves). The thresholds are the ones derived by
// hand in each file's header.
#include <gtest/gtest.h>

#include "sim/model/build_rounds.h"
#include "sim/model/rounds_play.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"
#include "sim/solve/tree_logit.h"

namespace sim::model {
namespace {

struct Solved {
  DerivedTree derived;
  solve::SpeResult result;
  RoundsPlay play;
};

// Games with types are solved as the CLI does by default: the agent QRE's limit (a
// sequential equilibrium); the others by the subgame-perfect solver.
Solved Solve(const std::string& name, std::vector<Override> overrides = {}) {
  LoadOptions load;
  load.overrides = std::move(overrides);
  Solved s;
  s.derived = BuildSequentialGame(LoadScenario(SIM_SOURCE_DIR "/scenarios/" + name, load));
  EXPECT_TRUE(s.derived.tree.Check().empty());  // perfect recall included
  const bool types = s.derived.rounds.type_profiles.size() > 1;
  s.result = types ? solve::SolveAgentLogit(s.derived.tree, {}) : solve::SolveSubgamePerfect(s.derived.tree);
  EXPECT_FALSE(s.result.equilibria.empty()) << s.result.summary.message;
  if (s.result.equilibria.empty()) return s;
  const solve::TreeEquilibrium& eq = s.result.equilibria[0];
  s.play = DescribeRounds(s.derived, eq.behaviour, eq.reach);
  return s;
}

// The probability that `actor` (any type) plays `move` at round `round` after `history`
// (the first matching row), or -1.
double Plays(const Solved& s, int round, const std::string& history, const std::string& player,
             const std::string& move, int type = -1) {
  for (const RoundAction& row : s.play.actions) {
    if (row.round != round || row.history != history || row.type != type ||
        s.derived.tree.player_name(row.player) != player)
      continue;
    for (size_t a = 0; a < row.actions.size(); ++a)
      if (row.actions[a] == move) return row.probabilities[a];
  }
  return -1;
}

// detente_rounds.yaml: the détente holds iff delta > 0.1 and the snap-back surcharge c < 0.95.
TEST(DetenteRounds, ReliefWithoutContractHoldsAboveTheDiscountAndSnapBackThresholds) {
  const Solved base = Solve("detente_rounds.yaml");
  ASSERT_EQ(base.result.equilibria.size(), 1u);
  EXPECT_EQ(Plays(base, 1, "", "moscow", "deescalate"), 1);
  EXPECT_EQ(Plays(base, 1, "deescalate", "washington", "relief"), 1);
  EXPECT_EQ(Plays(base, 2, "deescalate,relief", "moscow", "wait"), 1);
  EXPECT_EQ(Plays(base, 2, "deescalate,relief|wait", "washington", "hold"), 1);
  for (const auto& [discount, cost, holds] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"0.11", "0.3", true},
                                                               {"0.09", "0.3", false},
                                                               {"0.9", "0.94", true},
                                                               {"0.9", "0.96", false}}) {
    const Solved s = Solve("detente_rounds.yaml",
                           {{"rounds.discount", discount}, {"rounds.costs.0.cost", cost}});
    EXPECT_EQ(Plays(s, 1, "", "moscow", "deescalate"), holds ? 1 : 0)
        << "discount " << discount << ", snap-back surcharge " << cost;
  }
}

// reputation_rounds.yaml: a dealmaker answers de-escalation with relief, the resolute type
// holds; Moscow offers while P(dealmaker) > 1/2. Prior of the resolute type 0.3.
TEST(ReputationRounds, ExpectationsFallAfterAnObservedHold) {
  const Solved s = Solve("reputation_rounds.yaml");
  ASSERT_FALSE(s.result.equilibria.empty());
  const solve::TreeEquilibrium& eq = s.result.equilibria[0];
  EXPECT_LT(eq.regret, 1e-7);
  EXPECT_LT(eq.sequential_regret, 1e-7);
  const int normal = 0, resolute = 1;
  EXPECT_NEAR(Plays(s, 1, "", "moscow", "deescalate"), 1, 1e-6);
  EXPECT_NEAR(Plays(s, 1, "deescalate", "washington", "relief", normal), 1, 1e-6);
  EXPECT_NEAR(Plays(s, 1, "deescalate", "washington", "hold", resolute), 1, 1e-6);
  // After relief Moscow knows the dealmaker and goes on; after a hold it stops.
  EXPECT_NEAR(Plays(s, 2, "deescalate,relief", "moscow", "deescalate"), 1, 1e-6);
  EXPECT_NEAR(Plays(s, 2, "deescalate,hold", "moscow", "wait"), 1, 1e-6);
  bool fell = false;
  for (const RoundBelief& b : s.play.beliefs) {
    if (b.type != resolute) continue;
    if (b.round == 1) EXPECT_NEAR(b.belief, 0.3, 1e-9);
    if (b.round == 2 && b.history == "deescalate,relief") EXPECT_NEAR(b.belief, 0, 1e-6);
    if (b.round == 2 && b.history == "deescalate,hold") {
      EXPECT_NEAR(b.belief, 1, 1e-6);
      fell = true;
    }
  }
  EXPECT_TRUE(fell);
}

}  // namespace
}  // namespace sim::model
