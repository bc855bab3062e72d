// SPDX-License-Identifier: MIT
// Sequential scenarios: the `stages` form, its translation into a game tree, and the
// domain brief's R3 on scenarios/detente_sequential.yaml.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/model/build_tree.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"
#include "tests/model/tree_choice.h"

namespace sim::model {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Node = GameTree::Node;
using ::sim::testing::Choice;

TEST(DetenteSequential, R3EarlyReliefIsExploited) {
  // Domain brief R3 (D1.5): relief granted before Russia acts is exploited. After relief,
  // whether or not Congress blocks it (D4.6), Russia's best reply gives nothing: no Ukraine
  // concession, not even Syria de-escalation; so the US, looking ahead, holds.
  Scenario scenario = LoadScenario(SIM_SOURCE_DIR "/scenarios/detente_sequential.yaml");
  DerivedTree us_first = BuildSequentialGame(scenario);
  solve::SpeResult r = solve::SolveSubgamePerfect(us_first.tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  const solve::TreeEquilibrium& eq = r.equilibria[0];
  EXPECT_EQ(Choice(us_first.tree, eq, "russia@relief/pass"), "status_quo");
  EXPECT_EQ(Choice(us_first.tree, eq, "russia@relief/block"), "status_quo");
  EXPECT_EQ(Choice(us_first.tree, eq, "usa"), "hold");
  TreeMeaning meaning = DescribePlay(us_first, eq.reach);
  EXPECT_EQ(us_first.outcome_names[meaning.modal_outcome], "standoff");

  // The same bargain with Russia moving first (then the US, then Congress): what Russia
  // offers changes — it de-escalates in Syria to earn relief — but still no Ukraine
  // concession (R1).
  std::vector<Stage>& stages = scenario.sequence->stages;
  std::rotate(stages.begin(), stages.begin() + 2, stages.end());
  ASSERT_EQ(stages[0].name, "russia");
  DerivedTree russia_first = BuildSequentialGame(scenario);
  solve::SpeResult reversed = solve::SolveSubgamePerfect(russia_first.tree);
  ASSERT_EQ(reversed.equilibria.size(), 1u);
  const solve::TreeEquilibrium& eq2 = reversed.equilibria[0];
  EXPECT_EQ(Choice(russia_first.tree, eq2, "russia"), "deescalate_syria");
  EXPECT_EQ(Choice(russia_first.tree, eq2, "usa@deescalate_syria"), "relief");
  EXPECT_EQ(Choice(russia_first.tree, eq2, "usa@status_quo"), "hold");
  TreeMeaning meaning2 = DescribePlay(russia_first, eq2.reach);
  // Congress passes the relief with probability 3/4: détente; blocked: unrequited.
  EXPECT_NEAR(meaning2.outcome_probability[0], 0.0, 1e-12);  // ukraine_concession
  EXPECT_NEAR(meaning2.outcome_probability[1], 0.75, 1e-12);  // detente
  EXPECT_NEAR(meaning2.outcome_probability[3], 0.25, 1e-12);  // unrequited_deescalation
  // Moving second, Russia is better off than facing the US first.
  EXPECT_GT(eq2.payoffs(1), eq.payoffs(1));
}

constexpr const char* kHeader = R"(
issues:
  x: {status_quo: 0.5}
actors:
  a:
    stakes: {x: {ideal: 1, salience: 1}}
    moves:
      up: {effects: {x: 0.5}}
      down: {effects: {x: -0.5}}
  b:
    stakes: {x: {ideal: 0, salience: 1}}
    moves: [stay, leave]
)";

std::string LoadError(const std::string& stages) {
  try {
    ParseScenario(std::string(kHeader) + stages, "s.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Stages, ChanceEffectsAccumulateAlongThePath) {
  Scenario s = ParseScenario(std::string(kHeader) + R"(stages:
  - actor: a
  - chance: shock
    branches:
      bump: {probability: 1/4, effects: {x: 0.25}}
      none: {probability: 0.75}
  - actor: b
    observes: none
)", "s.yaml");
  DerivedTree d = BuildSequentialGame(s);
  // 1 + 2 chance nodes + 4 decision nodes of b + 8 leaves.
  EXPECT_EQ(d.tree.num_nodes(), 15);
  // b sees nothing: all four of its nodes form one information set.
  const int set = d.tree.node(d.tree.Children(d.tree.Children(d.tree.root())[0])[0]).infoset;
  EXPECT_EQ(d.tree.infoset(set).nodes.size(), 4u);
  for (Node n = 0; n < static_cast<Node>(d.tree.num_nodes()); ++n) {
    if (d.tree.name(n) == "end@down/bump/stay") {
      EXPECT_DOUBLE_EQ(d.positions[n][0], 0.25);  // 0.5 - 0.5 + 0.25
      EXPECT_DOUBLE_EQ(d.tree.PathPayoffs(n)(0), -0.5625);  // -(0.25 - 1)^2
    }
  }
  solve::SpeResult r = solve::SolveSubgamePerfect(d.tree);
  ASSERT_FALSE(r.equilibria.empty());
  EXPECT_EQ(Choice(d.tree, r.equilibria[0], "a"), "up");
}

TEST(Stages, UnknownActorIsLocated) {
  EXPECT_THAT(LoadError("stages:\n  - actor: c\n"),
              HasSubstr("s.yaml:14:12: error: unknown actor 'c' in 'stages'"));
}

TEST(Stages, ProbabilitiesMustSumToExactlyOne) {
  EXPECT_THAT(LoadError(R"(stages:
  - chance: shock
    branches:
      bump: {probability: 1/3}
      none: {probability: 0.5}
  - actor: a
)"),
              HasSubstr("s.yaml:15:5: error: the probabilities of chance stage 'shock' sum to "
                        "5/6, not exactly 1"));
}

TEST(Stages, NegativeProbabilityIsLocated) {
  EXPECT_THAT(LoadError(R"(stages:
  - chance: shock
    branches:
      bump: {probability: -1/4}
      none: {probability: 5/4}
)"),
              HasSubstr("s.yaml:16:27: error: probability '-1/4' of branch 'bump' of chance "
                        "stage 'shock' is negative"));
}

TEST(Stages, ActorMovingTwiceAndUnknownObservedStageAreRefused) {
  std::string error = LoadError(R"(stages:
  - actor: a
  - actor: b
    observes: [c]
  - actor: a
)");
  EXPECT_THAT(error, HasSubstr("s.yaml:16:16: error: stage 'b' cannot observe 'c'"));
  EXPECT_THAT(error, HasSubstr("s.yaml:17:12: error: actor 'a' already moves in stage 1"));
}

TEST(Stages, TooManyPathsAreRefused) {
  EXPECT_THAT(LoadError("limits: {max_profiles: 3}\nstages:\n  - actor: a\n  - actor: b\n"),
              HasSubstr("the sequential game has more than 3 paths"));
}

TEST(ExplicitTree, LeavesDeriveTheirPayoffsFromThePath) {
  // a moves first; b sees it. After "up", b's "leave" ends the game; after "down" a fixed
  // payoff is written out. Leaf payoffs: x = 0.5 + 0.5 = 1 after up: a -(1-1)^2 = 0,
  // b -(1-0)^2 = -1.
  Scenario s = ParseScenario(std::string(kHeader) + R"(tree:
  - node: start
    actor: a
    moves: {up: b_after_up, down: fixed}
  - node: b_after_up
    actor: b
    moves: {stay: end_stay, leave: end_leave}
  - node: end_stay
  - node: end_leave
  - node: fixed
    payoffs: {a: -2, b: 5}
)", "s.yaml");
  DerivedTree d = BuildSequentialGame(s);
  EXPECT_EQ(d.tree.num_nodes(), 5);
  EXPECT_EQ(d.tree.PathPayoffs(3), Eigen::Vector2d(0, -1));
  EXPECT_EQ(d.tree.PathPayoffs(4), Eigen::Vector2d(-2, 5));
  solve::SpeResult r = solve::SolveSubgamePerfect(d.tree);
  ASSERT_EQ(r.equilibria.size(), 2u);  // b is indifferent between stay and leave
  EXPECT_EQ(Choice(d.tree, r.equilibria[0], "start"), "up");
}

// Issue #12 item 18: a leaf's payoffs derive from one move per actor, so only a leaf
// WITHOUT payoffs needs each actor to move once on its path (scenarios/sequential.md). Here a
// moves twice (start, then again) and every leaf has payoffs: a valid tree. Backward
// induction: at again a takes up (3 > 1); at b_turn b leaves (2 > 0); at start a compares
// up (then b leaves: 0) with down (-1): up.
std::string LoadAndBuildError(const std::string& tree);

TEST(ExplicitTree, AnActorMayMoveTwiceWhenTheLeavesHavePayoffs) {
  Scenario s = ParseScenario(std::string(kHeader) + R"(tree:
  - node: start
    actor: a
    moves: {up: b_turn, down: end_first}
  - node: b_turn
    actor: b
    moves: {stay: again, leave: end_b}
  - node: again
    actor: a
    moves: {up: end_up, down: end_down}
  - node: end_first
    payoffs: {a: -1, b: 0}
  - node: end_b
    payoffs: {a: 0, b: 2}
  - node: end_up
    payoffs: {a: 3, b: 0}
  - node: end_down
    payoffs: {a: 1, b: 1}
)", "s.yaml");
  DerivedTree d = BuildSequentialGame(s);
  solve::SpeResult r = solve::SolveSubgamePerfect(d.tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(Choice(d.tree, r.equilibria[0], "start"), "up");
  EXPECT_EQ(Choice(d.tree, r.equilibria[0], "b_turn"), "leave");
  EXPECT_EQ(Choice(d.tree, r.equilibria[0], "again"), "up");
  // Positions and outcome classes take each actor's last move on the path: a's "up" at
  // again gives x = 0.5 + 0.5 = 1 at end_up.
  EXPECT_EQ(d.positions[5], std::vector<double>{1.0});
}

TEST(ExplicitTree, ALeafWithoutPayoffsAfterTwoMovesIsLocatedOncePerLeaf) {
  const std::string error = LoadAndBuildError(R"(tree:
  - node: start
    actor: a
    moves: {up: again, down: end_first}
  - node: again
    actor: a
    moves: {up: end_up, down: end_down}
  - node: end_first
  - node: end_up
  - node: end_down
    payoffs: {a: 1, b: 1}
)");
  EXPECT_THAT(error, HasSubstr("s.yaml:21:5: error: leaf 'end_up' has no payoffs, and actor 'a' "
                               "moves more than once on its path (last at 'again')"));
  EXPECT_THAT(error, Not(HasSubstr("end_first")));  // a moved once on its path
  EXPECT_THAT(error, Not(HasSubstr("end_down")));   // it has payoffs
}

std::string LoadAndBuildError(const std::string& tree) {
  try {
    BuildSequentialGame(ParseScenario(std::string(kHeader) + tree, "s.yaml"));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ExplicitTree, CycleIsRefusedWithItsLocation) {
  EXPECT_THAT(LoadAndBuildError(R"(tree:
  - node: start
    actor: a
    moves: {up: loop, down: start}
  - node: loop
    payoffs: {a: 0, b: 0}
)"),
              HasSubstr("s.yaml:14:5: error: the moves form a cycle: 'start' -> 'start'"));
}

TEST(ExplicitTree, DanglingMoveIsRefusedWithItsLocation) {
  EXPECT_THAT(LoadAndBuildError(R"(tree:
  - node: start
    actor: a
    moves: {up: nowhere, down: end}
  - node: end
)"),
              HasSubstr("s.yaml:16:13: error: move 'up' of node 'start' leads to unknown node "
                        "'nowhere'"));
}

TEST(ExplicitTree, UnknownMoveAndActorAreLocated) {
  std::string error = LoadAndBuildError(R"(tree:
  - node: start
    actor: a
    moves: {upp: end}
  - node: end
    actor: c
)");
  EXPECT_THAT(error, HasSubstr("s.yaml:16:13: error: actor 'a' has no move 'upp'"));
  EXPECT_THAT(error, HasSubstr("s.yaml:18:12: error: unknown actor 'c' at node 'end'"));
}

}  // namespace
}  // namespace sim::model
