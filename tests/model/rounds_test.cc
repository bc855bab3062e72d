// SPDX-License-Identifier: MIT
// Finitely repeated play (`rounds:`) as a game tree, solved by the subgame-perfect solver:
// the finitely repeated prisoner's dilemma defects after every history (Luce & Raiffa 1957;
// Osborne 2004, ch. 14: backward induction from the last round), every generated tree has
// perfect recall, and `carry: positions` keeps a concession in force in later rounds.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/build_tree.h"
#include "sim/repeated/stage_induction.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"

namespace sim::model {
namespace {

const std::string kPd = SIM_SOURCE_DIR "/tests/data/repeated/pd_rounds.yaml";

DerivedTree Rounds(int count, const std::string& carry = "reset") {
  LoadOptions load;
  load.overrides = {{"rounds.count", std::to_string(count)}, {"rounds.carry", carry}};
  return BuildSequentialGame(LoadScenario(kPd, load));
}

TEST(Rounds, FinitelyRepeatedPrisonersDilemmaDefectsAfterEveryHistory) {
  for (int T = 1; T <= 6; ++T) {
    const DerivedTree derived = Rounds(T);
    EXPECT_TRUE(derived.tree.Check().empty()) << "T=" << T;  // perfect recall included
    solve::SpeOptions options;
    options.analyse_threats = false;
    options.normal_form_methods = {"enum"};  // every equilibrium of every round's subgame
    const solve::SpeResult result = solve::SolveSubgamePerfect(derived.tree, options);
    EXPECT_EQ(result.summary.status, solve::SolveStatus::kComplete) << result.summary.message;
    ASSERT_EQ(result.equilibria.size(), 1u) << "T=" << T;  // unique
    const solve::TreeEquilibrium& eq = result.equilibria[0];
    for (int s = 0; s < derived.tree.num_infosets(); ++s) {
      const InfoSet& set = derived.tree.infoset(s);
      ASSERT_EQ(set.actions[1], "d");
      EXPECT_NEAR(eq.behaviour.actions[s](1), 1.0, 1e-12) << "T=" << T << " set " << set.label;
    }
    // Mutual defection pays P = 1 a round: sum_{t<T} 0.9^t.
    const double value = (1 - std::pow(0.9, T)) / (1 - 0.9);
    EXPECT_NEAR(eq.payoffs(0), value, 1e-9);
    EXPECT_NEAR(eq.payoffs(1), value, 1e-9);
  }
}

// T = 1..10 by backward induction on the stage (repeated/stage_induction.h): the stage PD has
// one equilibrium (d, d), so the unique SPE defects in every round after every history. The
// trees of T = 7..10 (up to 4^10 histories) are too large to solve node by node in a unit
// test (T = 8 takes ~35 s); for T <= 6 the induction agrees with the tree solver above.
TEST(Rounds, FinitelyRepeatedPrisonersDilemmaUpToTenRoundsByStageInduction) {
  for (int T = 1; T <= 10; ++T) {
    LoadOptions load;
    load.overrides = {{"rounds.count", std::to_string(T)}};
    const repeated::StageInduction induction =
        repeated::SolveRoundsByStageInduction(LoadScenario(kPd, load));
    ASSERT_TRUE(induction.applies && induction.unique) << induction.message;
    EXPECT_EQ(induction.stage_equilibrium.profile.strategies[0](1), 1.0);  // d
    EXPECT_EQ(induction.stage_equilibrium.profile.strategies[1](1), 1.0);
    EXPECT_EQ(induction.histories, std::pow(4.0, T));
    const double value = (1 - std::pow(0.9, T)) / (1 - 0.9);
    EXPECT_NEAR(induction.values(0), value, 1e-9);
    EXPECT_NEAR(induction.values(1), value, 1e-9);
    if (T <= 6) {
      const solve::SpeResult tree = solve::SolveSubgamePerfect(Rounds(T).tree);
      ASSERT_EQ(tree.equilibria.size(), 1u);
      EXPECT_NEAR(tree.equilibria[0].payoffs(0), induction.values(0), 1e-9);
    }
  }
  // A stage with two equilibria (coordination) is declined: play may depend on history.
  LoadOptions load;
  load.overrides = {{"payoffs.c d.1", "0"}, {"payoffs.d c.0", "0"}};  // c c 3, d d 1, else 0
  const repeated::StageInduction two = repeated::SolveRoundsByStageInduction(LoadScenario(kPd, load));
  EXPECT_TRUE(two.applies);
  EXPECT_FALSE(two.unique);
}

TEST(Rounds, TheRoundsOfAGameHaveOneInformationSetPerActorAndHistory) {
  const DerivedTree derived = Rounds(3);
  // 1 + 4 + 16 histories before rounds 1, 2, 3; two actors each.
  EXPECT_EQ(derived.tree.num_infosets(), 2 * (1 + 4 + 16));
  EXPECT_EQ(derived.tree.num_nodes(), (1 + 2) * (1 + 4 + 16) + 64);
}

}  // namespace
}  // namespace sim::model

namespace sim::model {
namespace {

// Hand-solved: with carry the best plan is relieve, then hold (relief stays at 0.6 free):
// -0.1 + 0 = -0.1. With reset relief must be granted again each round: -0.1 - 0.1 = -0.2.
TEST(Rounds, CarriedPositionsKeepReliefInForceUntilSnappedBack) {
  const std::string path = SIM_SOURCE_DIR "/tests/data/repeated/relief_rounds.yaml";
  for (const std::string carry : {"positions", "reset"}) {
    LoadOptions load;
    load.overrides = {{"rounds.carry", carry}};
    const DerivedTree derived = BuildSequentialGame(LoadScenario(path, load));
    ASSERT_TRUE(derived.tree.Check().empty());
    const solve::SpeResult result = solve::SolveSubgamePerfect(derived.tree);
    ASSERT_EQ(result.equilibria.size(), 1u) << carry;
    EXPECT_NEAR(result.equilibria[0].payoffs(0), carry == "positions" ? -0.1 : -0.2, 1e-12);
    // The leaf after relieve then hold: relief 0.6 carried, or back at the status quo 0.
    for (int n = 0; n < derived.tree.num_nodes(); ++n) {
      if (derived.tree.name(n) != "relieve,wait|hold,wait") continue;
      EXPECT_NEAR(derived.positions[n][0], carry == "positions" ? 0.6 : 0.0, 1e-12);
    }
  }
}

}  // namespace
}  // namespace sim::model

namespace sim::model {
namespace {

std::string LoadError(const std::string& path, const LoadOptions& options = {}) {
  try {
    LoadScenario(path, options);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

TEST(RoundsErrors, BadRoundsInputIsLocated) {
  const std::string carry = SIM_SOURCE_DIR "/tests/data/bad/rounds_bad_carry.yaml";
  EXPECT_EQ(LoadError(carry),
            carry + ":10:27: error: unknown carry 'keep' in 'rounds'\n  hint: carry: positions "
                    "(effects apply to the current positions) or reset (each round starts at the "
                    "status quo)");
  const std::string zero = SIM_SOURCE_DIR "/tests/data/bad/rounds_zero_count.yaml";
  EXPECT_EQ(LoadError(zero), zero + ":10:17: error: 'count' must be in [1, 1000], got 0");
  // Too many histories: refused with the count, before the tree is built.
  LoadOptions load;
  load.overrides = {{"rounds.count", "12"}};
  EXPECT_EQ(LoadError(kPd, load),
            kPd + ":13:1: error: the 12-round game has 4^12 = 16777216 histories, more than the "
                  "limit of 10000000\n  hint: fewer rounds or moves, or raise --max-profiles");
}

}  // namespace
}  // namespace sim::model
