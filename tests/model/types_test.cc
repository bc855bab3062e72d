// SPDX-License-Identifier: MIT
// Private types written in a scenario (`types:`): the loader's checks and the Harsanyi game
// model/build_tree.h makes of them, on tests/data/good/types_concede.yaml.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sim/game/strategic_form.h"
#include "sim/model/build_game.h"
#include "sim/model/build_tree.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"
#include "tests/model/tree_choice.h"

namespace sim::model {
namespace {

using ::testing::HasSubstr;
using Node = GameTree::Node;

const char* const kConcede = SIM_SOURCE_DIR "/tests/data/good/types_concede.yaml";

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The file with the dealmaker's prior replaced (the hawk's becomes 1 - it).
Scenario ConcedeWithPrior(const std::string& dealmaker, const std::string& hawk) {
  std::string text = Slurp(kConcede);
  // The hawk's first: the dealmaker's new prior may read like the hawk's old one.
  text.replace(text.find("prior: 1/4"), 10, "prior: " + hawk);
  text.replace(text.find("prior: 3/4"), 10, "prior: " + dealmaker);
  return ParseScenario(text, "types_concede.yaml");
}

using ::sim::testing::Choice;

TEST(ScenarioTypes, LoaderReadsPriorsStakesAndTerms) {
  const Scenario s = LoadScenario(kConcede);
  ASSERT_TRUE(s.has_types());
  EXPECT_TRUE(s.tree_game());
  EXPECT_FALSE(s.sequential());
  const Actor& usa = s.actors[0];
  ASSERT_EQ(usa.types.size(), 2u);
  EXPECT_EQ(usa.types[0].id, "dealmaker");
  EXPECT_EQ(usa.types[0].prior, "3/4");
  EXPECT_EQ(usa.types[1].prior, "1/4");
  ASSERT_EQ(usa.types[0].terms.size(), 1u);
  EXPECT_EQ(usa.types[0].terms[0].value, 1.0);
}

// Solved by hand: each US type has a strictly dominant move (the dealmaker relief, the hawk
// pressure; their terms pay 1 for it and nothing else differs). Russia, knowing only the
// prior q of the dealmaker, gets 2q - 1 from conceding and 0 from holding, so the unique
// Bayesian Nash equilibrium has Russia concede when q > 1/2 and hold when q < 1/2
// (Harsanyi 1967-68; Gibbons 1992, section 3.1 for the method).
TEST(ScenarioTypes, RussiaConcedesOnlyWhenTheDealmakerIsLikely) {
  for (const auto& [dealmaker, hawk, russia_move, russia_payoff] :
       std::vector<std::tuple<std::string, std::string, std::string, double>>{
           {"3/4", "1/4", "concede", 0.5}, {"1/4", "3/4", "hold", 0.0}}) {
    const DerivedTree derived = BuildSequentialGame(ConcedeWithPrior(dealmaker, hawk));
    const solve::SpeResult r = solve::SolveSubgamePerfect(derived.tree);
    ASSERT_EQ(r.equilibria.size(), 1u) << dealmaker;
    const solve::TreeEquilibrium& eq = r.equilibria[0];
    EXPECT_EQ(Choice(derived.tree, eq, "dealmaker/usa"), "relief");
    EXPECT_EQ(Choice(derived.tree, eq, "hawk/usa"), "pressure");
    EXPECT_EQ(Choice(derived.tree, eq, "dealmaker/russia@relief"), russia_move) << dealmaker;
    EXPECT_NEAR(eq.payoffs(0), 1.0, 1e-12);  // each type gets its favourite move
    EXPECT_NEAR(eq.payoffs(1), russia_payoff, 1e-12) << dealmaker;
  }
}

TEST(ScenarioTypes, RussiaCannotTellTheTypesApartAndBelievesThePrior) {
  const DerivedTree derived = BuildSequentialGame(LoadScenario(kConcede));
  const GameTree& tree = derived.tree;
  // Nature moves first; Russia has one information set across both types and US moves.
  EXPECT_EQ(tree.kind(tree.root()), NodeKind::kChance);
  EXPECT_EQ(tree.name(tree.root()), "usa_type");
  int russia_sets = 0, russia_set = -1;
  for (int set = 0; set < tree.num_infosets(); ++set) {
    if (tree.infoset(set).player == 1) ++russia_sets, russia_set = set;
  }
  ASSERT_EQ(russia_sets, 1);
  EXPECT_EQ(tree.infoset(russia_set).nodes.size(), 4u);
  const solve::SpeResult r = solve::SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  // On the path Russia is at dealmaker/relief with 3/4 and hawk/pressure with 1/4.
  const Eigen::VectorXd& belief = r.equilibria[0].beliefs[russia_set];
  double on_relief = 0.0, on_pressure = 0.0;
  for (size_t k = 0; k < tree.infoset(russia_set).nodes.size(); ++k) {
    const std::string& name = tree.name(tree.infoset(russia_set).nodes[k]);
    if (name == "dealmaker/russia@relief") on_relief = belief(static_cast<Eigen::Index>(k));
    if (name == "hawk/russia@pressure") on_pressure = belief(static_cast<Eigen::Index>(k));
  }
  EXPECT_NEAR(on_relief, 0.75, 1e-12);
  EXPECT_NEAR(on_pressure, 0.25, 1e-12);
}

// When Russia learns the type too (types_known_to), it best-responds to each type: concede to
// the dealmaker (1 > 0), hold against the hawk (0 > -1); its expected payoff is the prior
// of the dealmaker, 3/4, instead of 2q - 1 = 1/2 when uninformed.
TEST(ScenarioTypes, AnActorWhoLearnsTheTypeRepliesToEachType) {
  std::string text = Slurp(kConcede);
  text.replace(text.find("    types:"), 10, "    types_known_to: [russia]\n    types:");
  const DerivedTree derived = BuildSequentialGame(ParseScenario(text, "known.yaml"));
  const solve::SpeResult r = solve::SolveSubgamePerfect(derived.tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  const solve::TreeEquilibrium& eq = r.equilibria[0];
  EXPECT_EQ(Choice(derived.tree, eq, "dealmaker/russia@relief"), "concede");
  EXPECT_EQ(Choice(derived.tree, eq, "hawk/russia@pressure"), "hold");
  EXPECT_NEAR(eq.payoffs(1), 0.75, 1e-12);
}

TEST(ScenarioTypes, LeavesKeepTheirPositionsAndOutcomeClasses) {
  const DerivedTree derived = BuildSequentialGame(LoadScenario(kConcede));
  int leaves = 0;
  for (Node n = 0; n < static_cast<Node>(derived.tree.num_nodes()); ++n) {
    if (derived.tree.kind(n) != NodeKind::kTerminal) continue;
    ++leaves;
    ASSERT_EQ(derived.moves[n].size(), 2u);
    const bool conceded = derived.moves[n][1] == 1;
    EXPECT_EQ(derived.outcome_names[derived.outcome_class[n]],
              conceded ? "concession" : "other");
    EXPECT_EQ(derived.positions[n].size(), 1u);
  }
  EXPECT_EQ(leaves, 8);  // 2 types x 2 US moves x 2 Russian moves
}

// A type's stakes replace the actor's issue by issue; a field left out keeps the actor's.
TEST(ScenarioTypes, TypeStakesOverrideFieldByField) {
  const Scenario s = ParseScenario(R"(
issues:
  a: {status_quo: 0.5}
  b: {status_quo: 0.5}
actors:
  x:
    stakes: {a: {ideal: 0.2, salience: 0.3}, b: {ideal: 0.9, salience: 0.4}}
    moves: {stay: {}}
    types:
      soft: {prior: 0.5, stakes: {a: {salience: 0.8}}}
      hard: {prior: 0.5, stakes: {b: {ideal: 0.1}}}
  y:
    moves: {stay: {}}
)", "override.yaml");
  const DerivedTree derived = BuildSequentialGame(s);
  // One leaf per type; x's utility there is -sum salience (x - ideal)^2 at the status quo.
  std::vector<double> utilities;
  for (Node n = 0; n < static_cast<Node>(derived.tree.num_nodes()); ++n) {
    if (derived.tree.kind(n) != NodeKind::kTerminal) continue;
    utilities.push_back(derived.tree.outcome(derived.tree.node(n).outcome).payoffs[0]);
  }
  ASSERT_EQ(utilities.size(), 2u);
  EXPECT_NEAR(utilities[0], -(0.8 * 0.09 + 0.4 * 0.16), 1e-12);  // soft: salience of a
  EXPECT_NEAR(utilities[1], -(0.3 * 0.09 + 0.4 * 0.16), 1e-12);  // hard: ideal of b
}

// A simultaneous scenario as stages: one information set per actor, and the reduced
// strategic form is the scenario's normal form (same strategies, same payoffs).
TEST(ScenarioTypes, SimultaneousStagesGiveTheNormalForm) {
  const Scenario s = LoadScenario(SIM_SOURCE_DIR "/scenarios/detente.yaml");
  const DerivedGame direct = BuildGame(s);
  const ReducedStrategicForm form = ToStrategicForm(BuildSequentialGame(AsSimultaneousStages(s)).tree);
  ASSERT_EQ(form.game.num_profiles(), direct.game.num_profiles());
  for (int p = 0; p < direct.game.num_players(); ++p) {
    ASSERT_EQ(form.game.num_strategies(p), direct.game.num_strategies(p));
  }
  for (int64_t profile = 0; profile < direct.game.num_profiles(); ++profile) {
    for (int p = 0; p < direct.game.num_players(); ++p) {
      EXPECT_NEAR(form.game.payoff(profile, p), direct.game.payoff(profile, p), 1e-12);
    }
  }
}

TEST(ScenarioTypes, BadTypeSetsAreRefusedWithTheirLocation) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"types_priors.yaml", "types_priors.yaml:8:5: error: the priors of types of actor 'usa' "
                            "sum to 3/4, not exactly 1"},
      {"types_unknown_issue.yaml", "types_unknown_issue.yaml:9:40: error: unknown issue "
                                   "'sanction' in stakes of type 'dealmaker' of actor 'usa'"},
      {"types_single.yaml", "types_single.yaml:8:5: error: types of actor 'usa' lists 1 type"},
      {"types_negative_prior.yaml", "types_negative_prior.yaml:10:21: error: probability "
                                    "'-1/4' of type 'hawk' of actor 'usa' is negative"},
      {"types_known_to_unknown.yaml", "types_known_to_unknown.yaml:8:22: error: unknown actor "
                                      "'rusia' in 'types_known_to' of actor 'usa'"},
  };
  for (const auto& [file, message] : cases) {
    try {
      LoadScenario(std::string(SIM_SOURCE_DIR "/tests/data/bad/") + file);
      ADD_FAILURE() << file << " was accepted";
    } catch (const InputError& e) {
      EXPECT_THAT(e.what(), HasSubstr(message)) << e.what();
    }
  }
}

}  // namespace
}  // namespace sim::model
