// SPDX-License-Identifier: MIT
// `rounds:` with private types (reputation), short-run players, sequential stages,
// position-dependent costs and snap-back: the chain store's published sequential equilibrium
// (Kreps & Wilson 1982; Milgrom & Roberts 1982), a hand-solved two-round snap-back game,
// and perfect recall in every tree these tests generate.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/model/build_rounds.h"
#include "sim/model/rounds_play.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"
#include "sim/solve/tree_logit.h"

namespace sim::model {
namespace {

const std::string kChainStore = SIM_SOURCE_DIR "/tests/data/repeated/chain_store.yaml";
const std::string kSnapBack = SIM_SOURCE_DIR "/tests/data/repeated/snapback_rounds.yaml";

DerivedTree Load(const std::string& path, std::vector<Override> overrides = {}) {
  LoadOptions load;
  load.overrides = std::move(overrides);
  DerivedTree derived = BuildSequentialGame(LoadScenario(path, load));
  // Perfect recall (and every other structural property) of each generated tree.
  EXPECT_TRUE(derived.tree.Check().empty()) << path;
  return derived;
}

// The probability of `action` in the round table's row for (round, history, player, type).
double Plays(const DerivedTree& d, const RoundsPlay& play, int round, const std::string& history,
             const std::string& player, int type, const std::string& action) {
  for (const RoundAction& row : play.actions) {
    if (row.round != round || row.history != history || d.tree.player_name(row.player) != player ||
        row.type != type)
      continue;
    for (size_t a = 0; a < row.actions.size(); ++a) {
      if (row.actions[a] == action) return row.probabilities[a];
    }
  }
  ADD_FAILURE() << "no row for round " << round << " after '" << history << "', " << player;
  return -1;
}

double Belief(const RoundsPlay& play, int round, const std::string& history, int type) {
  for (const RoundBelief& b : play.beliefs) {
    if (b.round == round && b.history == history && b.type == type) return b.belief;
  }
  ADD_FAILURE() << "no belief for round " << round << " after '" << history << "'";
  return -1;
}

struct Solved {
  DerivedTree derived;
  solve::SpeResult result;
  RoundsPlay play;
};

// The chain store with N rounds and prior p of the tough type, solved by the agent QRE's
// limit (a sequential equilibrium: regret and sequential regret 0 are checked).
Solved ChainStore(int rounds, const std::string& prior) {
  Solved s;
  const Rational p = *ParseRational(prior);
  s.derived = Load(kChainStore, {{"rounds.count", std::to_string(rounds)},
                                 {"actors.incumbent.types.tough.prior", prior},
                                 {"actors.incumbent.types.weak.prior", RationalToString(1 - p)}});
  s.result = solve::SolveAgentLogit(s.derived.tree, {});
  EXPECT_EQ(s.result.equilibria.size(), 1u) << s.result.summary.message;
  if (s.result.equilibria.empty()) return s;
  const solve::TreeEquilibrium& eq = s.result.equilibria[0];
  EXPECT_LT(eq.regret, 1e-7);
  EXPECT_LT(eq.sequential_regret, 1e-7);
  s.play = DescribeRounds(s.derived, eq.behaviour, eq.reach);
  return s;
}

constexpr int kWeak = 0, kTough = 1;

// Kreps & Wilson (1982), in Fudenberg & Tirole (1991, sec. 9.2, Game Theory): with a = 2,
// b = 1/2 and k rounds to go, belief p_k that the incumbent is tough:
//   - the entrant stays out if p_k > b^k and enters if p_k < b^k;
//   - a weak incumbent entered with k >= 2 rounds to go fights for sure if p_k >= b^(k-1),
//     otherwise with probability beta_k = p_k (1 - b^(k-1)) / ((1 - p_k) b^(k-1)), so that
//     after a fight p_(k-1) = b^(k-1) (Bayes), after accommodation p_(k-1) = 0; in the last
//     round it accommodates;
//   - an entrant who meets p_k = b^k exactly enters with probability 1 - 1/a.
// So entry is deterred in the first round iff the prior exceeds b^N (here 1/8 for N = 3).
TEST(ChainStore, EntryIsDeterredEarlyForPriorsAboveTheThreshold) {
  // p = 1/3 > b^2 = 1/4: deterred in rounds 1 and 2 (1/3 > 1/8, 1/4); round 3 (1/3 < 1/2):
  // entry, and the weak incumbent accommodates. Beliefs stay at the prior. (At p = 3/10 the
  // agent QRE's trace stalls near its limit, lambda 1.7e6: the solver reports failure, and
  // the test avoids that prior rather than loosen the solver.)
  const Solved high = ChainStore(3, "1/3");
  EXPECT_NEAR(Plays(high.derived, high.play, 1, "", "entrant@r1", -1, "out"), 1, 1e-6);
  EXPECT_NEAR(Plays(high.derived, high.play, 2, "out", "entrant@r2", -1, "out"), 1, 1e-6);
  EXPECT_NEAR(Plays(high.derived, high.play, 3, "out|out", "entrant@r3", -1, "in"), 1, 1e-6);
  EXPECT_NEAR(Plays(high.derived, high.play, 3, "out|out|in", "incumbent", kWeak, "acc"), 1, 1e-6);
  EXPECT_NEAR(Belief(high.play, 3, "out|out", kTough), 1.0 / 3, 1e-9);

  // p = 1/5 in (b^3, b^2): deterred in round 1 only. Round 2 (k = 2): entry; the weak
  // incumbent fights with beta_2 = 0.2 (1/2) / (0.8 (1/2)) = 1/4, so the belief after a fight
  // is 1/2 = b and after accommodation 0. Round 3 after a fight: the entrant meets p = b and
  // enters with probability 1 - 1/a = 1/2; after accommodation it enters.
  const Solved mid = ChainStore(3, "1/5");
  EXPECT_NEAR(Plays(mid.derived, mid.play, 1, "", "entrant@r1", -1, "out"), 1, 1e-6);
  EXPECT_NEAR(Plays(mid.derived, mid.play, 2, "out", "entrant@r2", -1, "in"), 1, 1e-6);
  EXPECT_NEAR(Plays(mid.derived, mid.play, 2, "out|in", "incumbent", kWeak, "fight"), 0.25, 1e-6);
  EXPECT_NEAR(Plays(mid.derived, mid.play, 2, "out|in", "incumbent", kTough, "fight"), 1, 1e-6);
  EXPECT_NEAR(Belief(mid.play, 1, "", kTough), 0.2, 1e-9);
  EXPECT_NEAR(Belief(mid.play, 2, "out", kTough), 0.2, 1e-9);
  EXPECT_NEAR(Belief(mid.play, 3, "out|in,fight", kTough), 0.5, 1e-6);
  EXPECT_NEAR(Belief(mid.play, 3, "out|in,acc", kTough), 0.0, 1e-9);
  EXPECT_NEAR(Plays(mid.derived, mid.play, 3, "out|in,fight", "entrant@r3", -1, "in"), 0.5, 1e-6);
  EXPECT_NEAR(Plays(mid.derived, mid.play, 3, "out|in,acc", "entrant@r3", -1, "in"), 1, 1e-6);

  // p = 1/10 < b^3 = 1/8: the first entrant enters; the weak incumbent fights with
  // beta_3 = 0.1 (3/4) / (0.9 (1/4)) = 1/3, lifting the belief after a fight to b^2 = 1/4.
  const Solved low = ChainStore(3, "1/10");
  EXPECT_NEAR(Plays(low.derived, low.play, 1, "", "entrant@r1", -1, "in"), 1, 1e-6);
  EXPECT_NEAR(Plays(low.derived, low.play, 1, "in", "incumbent", kWeak, "fight"), 1.0 / 3, 1e-6);
  EXPECT_NEAR(Belief(low.play, 2, "in,fight", kTough), 0.25, 1e-6);
  // ... and the second entrant, at p = b^2 exactly, enters with probability 1 - 1/a = 1/2.
  EXPECT_NEAR(Plays(low.derived, low.play, 2, "in,fight", "entrant@r2", -1, "in"), 0.5, 1e-6);

  // Two rounds, p = 1/5 < b^2 = 1/4: no deterrence even in round 1.
  const Solved two = ChainStore(2, "1/5");
  EXPECT_NEAR(Plays(two.derived, two.play, 1, "", "entrant@r1", -1, "in"), 1, 1e-6);
}

TEST(ChainStore, EveryRoundHasOneInformationSetPerHistoryAndOwnType) {
  const DerivedTree d = Load(kChainStore);
  // Entrants: one set per public history before their round (1 + 3 + 9), shared by the two
  // types; the incumbent: one per history after entry and own type (2 x 13).
  int entrant = 0, incumbent = 0;
  for (int s = 0; s < d.tree.num_infosets(); ++s) {
    const InfoSet& info = d.tree.infoset(s);
    if (info.player == kChancePlayer) continue;
    (d.tree.player_name(info.player) == "incumbent" ? incumbent : entrant) += 1;
    EXPECT_EQ(info.nodes.size(), d.tree.player_name(info.player) == "incumbent" ? 1u : 2u);
  }
  EXPECT_EQ(entrant, 13);
  EXPECT_EQ(incumbent, 26);
  EXPECT_EQ(d.tree.num_players(), 4);  // entrant@r1..r3, incumbent
}

// Hand solution of snapback_rounds.yaml (2 rounds, Moscow then Washington in each, positions
// carried, delta = 1). Per round: Moscow +1 while relief > 0.5, +0.5 while syria > 0.5;
// Washington +1 while syria < 0.5, -1 while relief is in force and syria escalated; costs
// deescalate 0.2, escalate 0.1, relieve 0.1, snap_back 0.05 + c when relief is in force at
// the start of the round (c = 0.3 in the file).
// Round 2 from each state (relief r, syria s), Washington answering Moscow's move:
//   A (1,0): wait -> hold (1 > 1 - 0.05 - c); escalate -> snap back iff 0.05 + c < 1, then
//            Moscow gets 0.5 - 0.1 = 0.4 < 1 (wait). Values (Moscow, Washington) = (1, 1).
//   B (0,0): Moscow escalates (0.4; Washington holds): (0.4, 0).
//   C (1,1): wait -> snap back (-0.35 > -1): Moscow 0.5; deescalate -> hold: 0.8. (0.8, 1).
//   D (0,1): wait, hold: (0.5, 0).
// Round 1 from (0,1): after deescalate Washington relieves (0.9 + A's 1 = 1.9 > hold 1 + 0);
// after wait it holds (0 + 0 > relieve -1.1 + 1 = -0.1). Moscow: deescalate 0.8 + 1 = 1.8 >
// wait 0.5 + 0.5 = 1. Path (deescalate, relieve), (wait, hold); payoffs (1.8, 1.9).
// With c = 1.2 snap-back is not credible (1.25 > 1): A becomes (1.4, -1) (Moscow escalates),
// so Washington holds after de-escalation (1 + 0 > 0.9 - 1) and Moscow waits (1 > -0.2 +
// 0.4): path (wait, hold) twice, payoffs (1, 0).
TEST(SnapBack, HandSolvedTwoRoundGame) {
  for (const std::string cost : {"0.3", "1.2"}) {
    const DerivedTree d = Load(kSnapBack, {{"rounds.costs.0.cost", cost}});
    const solve::SpeResult result = solve::SolveSubgamePerfect(d.tree);
    ASSERT_EQ(result.equilibria.size(), 1u) << cost;  // perfect information, no ties
    const solve::TreeEquilibrium& eq = result.equilibria[0];
    const RoundsPlay play = DescribeRounds(d, eq.behaviour, eq.reach);
    const bool credible = cost == "0.3";
    EXPECT_NEAR(eq.payoffs(0), credible ? 1.8 : 1.0, 1e-12) << cost;
    EXPECT_NEAR(eq.payoffs(1), credible ? 1.9 : 0.0, 1e-12) << cost;
    const std::string first = credible ? "deescalate,relieve" : "wait,hold";
    EXPECT_EQ(Plays(d, play, 1, "", "russia", -1, credible ? "deescalate" : "wait"), 1);
    EXPECT_EQ(Plays(d, play, 2, first, "russia", -1, "wait"), 1);
    // Off the path, the threat that keeps Moscow calm: after a round-2 escalation with relief
    // in force, Washington snaps back (c = 0.3) or lets it stand (c = 1.2).
    for (int s = 0; s < d.tree.num_infosets(); ++s) {
      if (d.tree.InfoSetName(s) != "deescalate,relieve|r2:usa@escalate") continue;
      const int snap = 2;
      EXPECT_EQ(eq.behaviour.actions[s](snap), credible ? 1.0 : 0.0) << cost;
    }
  }
}

}  // namespace
}  // namespace sim::model
