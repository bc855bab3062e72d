// SPDX-License-Identifier: MIT
// Games of the literature, written into tests/data/efg from their papers and books (each
// file's comment cites the source and states the result), solved by the existing solvers:
// each test checks the published equilibrium. (Kuhn poker, beer-quiche and Selten's horse
// are in sequence_lcp_test.cc; the imperfect-recall games in the CLI tests.)
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <set>
#include <string>

#include "sim/game/sequence_form.h"
#include "sim/io/gambit_efg.h"
#include "sim/solve/sequence_lcp.h"
#include "sim/solve/spe.h"

namespace sim::solve {
namespace {

GameTree Read(const std::string& name) {
  return io::ReadEfgFile(std::string(SIM_SOURCE_DIR) + "/tests/data/efg/" + name);
}

// The information set of the node named `name`.
int SetAt(const GameTree& tree, const std::string& name) {
  for (int n = 0; n < tree.num_nodes(); ++n) {
    if (tree.name(n) == name) return tree.node(n).infoset;
  }
  ADD_FAILURE() << "no node " << name;
  return 0;
}

SpeResult AllBySequenceForm(const GameTree& tree) {
  SpeOptions options;
  options.sequence_all = true;
  return SolveNashViaSequenceForm(tree, options);
}

// McKelvey & Palfrey (1992), Econometrica 60, Fig. 1: the four-move centipede's unique
// subgame-perfect equilibrium takes at every node; Red takes at once, (0.40, 0.10).
TEST(Literature, CentipedeTakesAtOnce) {
  const GameTree tree = Read("centipede4.efg");
  const SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  const TreeEquilibrium& eq = r.equilibria[0];
  EXPECT_DOUBLE_EQ(eq.payoffs(0), 0.40);
  EXPECT_DOUBLE_EQ(eq.payoffs(1), 0.10);
  for (const char* node : {"1", "2", "3", "4"}) {
    EXPECT_EQ(eq.behaviour.actions[SetAt(tree, node)](0), 1.0) << node;  // take
  }
}

// Myerson (1991), Game Theory, section 2.1 and Fig. 2.1: player 1 raises red always and
// black with probability 1/3, player 2 meets with 2/3, value 1/3 to player 1; the
// equilibrium is unique, so sequence-enum lists exactly it.
TEST(Literature, MyersonCardGameHasItsUniqueEquilibrium) {
  const GameTree tree = Read("myerson_card.efg");
  const SequenceLcpResult lemke = SolveSequenceLcp(tree, tree.root(), {});
  ASSERT_EQ(lemke.equilibria.size(), 1u);
  const SequenceEquilibrium& eq = lemke.equilibria[0];
  ASSERT_TRUE(eq.exact_certified);
  EXPECT_EQ(eq.exact[SetAt(tree, "red")][0], 1);
  EXPECT_EQ(eq.exact[SetAt(tree, "black")][0], Rational(1, 3));
  EXPECT_EQ(eq.exact[SetAt(tree, "red/raise")][0], Rational(2, 3));
  EXPECT_DOUBLE_EQ(eq.payoffs(0), 1.0 / 3.0);
  const SpeResult all = AllBySequenceForm(tree);
  EXPECT_EQ(all.summary.status, SolveStatus::kComplete);
  ASSERT_EQ(all.equilibria.size(), 1u);
  EXPECT_TRUE(all.equilibria[0].exact);
  EXPECT_DOUBLE_EQ(all.equilibria[0].payoffs(0), 1.0 / 3.0);
}

// Selten (1978), Theory and Decision 9, section 2: the stage game's unique subgame-perfect
// equilibrium is (in, cooperative) with (2, 2); (out, aggressive) is a Nash equilibrium
// resting on a threat that is not credible.
TEST(Literature, ChainStoreStageGameHasOneCredibleEquilibrium) {
  const GameTree tree = Read("chain_store_stage.efg");
  const SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.equilibria[0].payoffs, Eigen::Vector2d(2, 2));
  EXPECT_EQ(r.equilibria[0].behaviour.actions[SetAt(tree, "root")](1), 1.0);  // in
  EXPECT_EQ(r.equilibria[0].behaviour.actions[SetAt(tree, "in")](0), 1.0);    // cooperative
  bool threat = false;
  for (const StrategicNash& nash : r.nash) {
    if (nash.payoffs == Eigen::Vector2d(1, 5)) {
      threat = !nash.non_credible.empty();
      EXPECT_EQ(nash.subgame_perfect, std::optional<bool>(false));
    }
  }
  EXPECT_TRUE(threat);
}

// Kreps & Wilson (1982), JET 27, section 2's stage game (a = 2, b = 1/2, delta = 1/4): in
// its sequential equilibrium the entrant enters since delta < b, the weak incumbent
// acquiesces, the strong one fights; the entrant expects b - delta = 1/4. The other Nash
// equilibria keep the entrant out by the threat to fight off the path (the strong type with
// s, the weak with q, s/4 + 3q/4 >= 1/2, so the weak type fights with q >= 1/3), which the
// weak type would not carry out: their sequential regret is positive.
TEST(Literature, EntryAgainstAPossiblyStrongIncumbent) {
  const GameTree tree = Read("kreps_wilson_entry.efg");
  const SpeResult all = AllBySequenceForm(tree);
  EXPECT_EQ(all.summary.status, SolveStatus::kComplete);
  int entering = 0;
  for (const TreeEquilibrium& eq : all.equilibria) {
    EXPECT_TRUE(eq.exact);
    if (eq.behaviour.actions[SetAt(tree, "strong")](1) == 1.0) {  // in
      ++entering;
      EXPECT_DOUBLE_EQ(eq.payoffs(0), 0.25);
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "strong/in")](0), 1.0);  // strong fights
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "weak/in")](1), 1.0);    // weak acquiesces
      EXPECT_LE(eq.sequential_regret, 1e-12);
    } else {
      EXPECT_EQ(eq.payoffs(0), 0.0);
      // Entering would give 1/4 (1/2 - s) + 3/4 (1/2 - q) <= 0 (s, q: the types' fighting).
      const double s = eq.behaviour.actions[SetAt(tree, "strong/in")](0);
      const double q = eq.behaviour.actions[SetAt(tree, "weak/in")](0);
      EXPECT_GE(s / 4 + 3 * q / 4, 0.5 - 1e-12);
      EXPECT_GT(eq.sequential_regret, 0.1);
    }
  }
  EXPECT_EQ(entering, 1);
  EXPECT_GE(all.equilibria.size(), 2u);
}

// Guth, Schmittberger & Schwarze (1982); Osborne (2004) section 6.1.1: with whole coins
// the subgame-perfect equilibria are (offer 0, accept all) with (4, 0) and (offer 1,
// reject only 0) with (3, 1).
TEST(Literature, UltimatumGameHasTheTwoTextbookEquilibria) {
  const GameTree tree = Read("ultimatum4.efg");
  const SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 2u);
  std::set<std::pair<double, double>> payoffs;
  for (const TreeEquilibrium& eq : r.equilibria) {
    payoffs.insert({eq.payoffs(0), eq.payoffs(1)});
    for (const char* offer : {"1", "2", "3", "4"}) {
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, offer)](0), 1.0) << offer;  // accept
    }
  }
  EXPECT_EQ(payoffs, (std::set<std::pair<double, double>>{{4, 0}, {3, 1}}));
}

// Spence (1973), QJE 87, in the two-type, two-level version of spence_job_market.efg: the
// separating equilibrium (only the able get educated, wage 2 after education and 1 without)
// gives (5/4, 0) and is sequential; every other extreme equilibrium pools on no education,
// where the employer, believing the prior, loses 1/2.
TEST(Literature, SpenceJobMarketHasItsSeparatingEquilibrium) {
  const GameTree tree = Read("spence_job_market.efg");
  const SpeResult all = AllBySequenceForm(tree);
  EXPECT_EQ(all.summary.status, SolveStatus::kComplete);
  int separating = 0;
  for (const TreeEquilibrium& eq : all.equilibria) {
    EXPECT_TRUE(eq.exact);
    if (eq.payoffs(1) == 0.0) {
      ++separating;
      EXPECT_EQ(eq.payoffs(0), 1.25);
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "able")](0), 1.0);              // educate
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "unable")](1), 1.0);            // none
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "able/educate")](0), 1.0);      // wage 2
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "able/none")](1), 1.0);         // wage 1
      EXPECT_LE(eq.sequential_regret, 1e-12);
    } else {
      EXPECT_EQ(eq.payoffs(1), -0.5);
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "able")](1), 1.0);
      EXPECT_EQ(eq.behaviour.actions[SetAt(tree, "unable")](1), 1.0);
    }
  }
  EXPECT_EQ(separating, 1);
  EXPECT_GE(all.equilibria.size(), 2u);
}

// Cho & Kreps (1987): beer-quiche's equilibria all pool; sequence-enum's extreme ones give
// the sender 2.9 (beer) or 2.1 (quiche) and the receiver 0.9, and both kinds occur.
TEST(Literature, BeerQuicheHasBothPoolingKindsAmongItsExtremeEquilibria) {
  const GameTree tree = Read("beer_quiche.efg");
  const SpeResult all = AllBySequenceForm(tree);
  EXPECT_EQ(all.summary.status, SolveStatus::kComplete);
  bool beer = false, quiche = false;
  for (const TreeEquilibrium& eq : all.equilibria) {
    EXPECT_TRUE(eq.exact);
    EXPECT_NEAR(eq.payoffs(1), 0.9, 1e-12);
    beer = beer || std::abs(eq.payoffs(0) - 2.9) < 1e-12;
    quiche = quiche || std::abs(eq.payoffs(0) - 2.1) < 1e-12;
    EXPECT_TRUE(std::abs(eq.payoffs(0) - 2.9) < 1e-12 || std::abs(eq.payoffs(0) - 2.1) < 1e-12);
  }
  EXPECT_TRUE(beer);
  EXPECT_TRUE(quiche);
}

}  // namespace
}  // namespace sim::solve
