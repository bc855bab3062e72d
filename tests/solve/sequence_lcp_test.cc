// SPDX-License-Identifier: MIT
// Sequence-form Lemke (solve/sequence_lcp.h): literature games with their published
// equilibria, and a property on random 2-player trees with chance and information sets:
// every equilibrium it reports is a Nash equilibrium of the reduced strategic form,
// re-checked there in exact arithmetic (an independent route: plans, not sequences).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "sim/game/sequence_form.h"
#include "sim/game/strategic_form.h"
#include "sim/io/gambit_efg.h"
#include "sim/solve/exact_check.h"
#include "sim/solve/sequence_lcp.h"
#include "sim/solve/spe.h"
#include "tests/solve/random_tree.h"
#include "tests/bench/card_trees.h"

namespace sim::solve {
namespace {

std::string DataPath(const std::string& name) {
  return std::string(SIM_SOURCE_DIR) + "/tests/data/efg/" + name;
}

// The exact mixed profile of the reduced strategic form that the exact behaviour means
// (Kuhn's theorem: each plan gets the product of its actions' probabilities).
ExactProfile ExactMixed(const ReducedStrategicForm& form,
                        const std::vector<std::vector<Rational>>& behaviour) {
  ExactProfile mixed(form.plans.size());
  for (size_t p = 0; p < form.plans.size(); ++p) {
    for (const std::vector<int>& plan : form.plans[p]) {
      Rational prob = 1;
      for (size_t k = 0; k < plan.size(); ++k) {
        if (plan[k] >= 0) prob *= behaviour[form.infosets[p][k]][plan[k]];
      }
      mixed[p].push_back(prob);
    }
  }
  return mixed;
}

TEST(SequenceLcp, RandomTreesGiveExactNashEquilibriaOfTheStrategicForm) {
  int with_sets = 0, checked = 0;
  for (unsigned seed = 1; seed <= 150; ++seed) {
    RandomTreeBuilder b(seed);
    b.tree.set_root(b.Build(3 + static_cast<int>(seed % 2), "", ""));
    if (!b.tree.Check().empty()) continue;  // (a key collision across depths: skip)
    bool has_set = false;
    for (int i = 0; i < b.tree.num_infosets(); ++i) {
      has_set = has_set || (b.tree.infoset(i).player >= 0 && b.tree.infoset(i).nodes.size() > 1);
    }
    with_sets += has_set;
    SequenceLcpOptions options;
    options.starts = 3;
    const SequenceLcpResult r = SolveSequenceLcp(b.tree, b.tree.root(), {}, options);
    ASSERT_FALSE(r.equilibria.empty()) << "seed " << seed;
    ReducedStrategicForm form;
    StrategicFormLimits small;  // small enough to be built in exact arithmetic
    small.max_profiles = 5'000;
    try {
      form = ToStrategicForm(b.tree, GameTree::kNoNode, {}, small);
    } catch (const Error&) {
      continue;  // strategic form beyond these limits: nothing to compare with
    }
    for (const SequenceEquilibrium& eq : r.equilibria) {
      ASSERT_TRUE(eq.exact_certified) << "seed " << seed;
      const ExactCheck check = CheckExactly(form.game, ExactMixed(form, eq.exact));
      EXPECT_TRUE(check.is_equilibrium) << "seed " << seed << " regret " << check.regret.get_d();
      EXPECT_NEAR(check.payoffs[0].get_d(), eq.payoffs(0), 1e-12);
      ++checked;
    }
  }
  EXPECT_GE(with_sets, 30);
  EXPECT_GE(checked, 30);
}

// Kuhn (1950): in every equilibrium player 1's value is -1/18; player 1 never bets the
// queen, bets the king 3 times as often as it bluffs the jack, and calls a bet after
// checking the queen with probability alpha + 1/3 (alpha the jack's bluff); player 2 always
// bets or calls the king, bluffs the jack 1/3 after a check, calls with the queen 1/3.
TEST(SequenceLcp, KuhnPokerHasItsPublishedValueAndFamily) {
  const GameTree tree = io::ReadEfgFile(DataPath("kuhn_poker.efg"));
  SequenceLcpOptions options;
  options.starts = 4;
  const SequenceLcpResult r = SolveSequenceLcp(tree, tree.root(), {}, options);
  ASSERT_FALSE(r.equilibria.empty());
  auto set = [&](const std::string& label) {
    for (int i = 0; i < tree.num_infosets(); ++i) {
      if (tree.infoset(i).label == label) return i;
    }
    ADD_FAILURE() << label;
    return 0;
  };
  for (const SequenceEquilibrium& eq : r.equilibria) {
    ASSERT_TRUE(eq.exact_certified);
    const std::vector<std::vector<Rational>>& b = eq.exact;
    EXPECT_DOUBLE_EQ(eq.payoffs(0), -1.0 / 18.0);
    const Rational alpha = b[set("1J")][0];  // bet
    EXPECT_LE(alpha, Rational(1, 3));
    EXPECT_EQ(b[set("1K")][0], 3 * alpha);
    EXPECT_EQ(b[set("1Q")][0], 0);
    EXPECT_EQ(b[set("1Q:check,bet")][0], alpha + Rational(1, 3));
    EXPECT_EQ(b[set("2K:bet")][0], 1);
    EXPECT_EQ(b[set("2K:check")][0], 1);
    EXPECT_EQ(b[set("2J:check")][0], Rational(1, 3));
    EXPECT_EQ(b[set("2Q:bet")][0], Rational(1, 3));
  }
}

// Cho & Kreps (1987): every equilibrium of beer-quiche pools, on beer (sender 2.9 ex ante)
// or on quiche (2.1); the receiver gets 0.9 and does not duel on the path.
TEST(SequenceLcp, BeerQuicheEquilibriaPool) {
  const GameTree tree = io::ReadEfgFile(DataPath("beer_quiche.efg"));
  SequenceLcpOptions options;
  options.starts = 6;
  const SequenceLcpResult r = SolveSequenceLcp(tree, tree.root(), {}, options);
  ASSERT_FALSE(r.equilibria.empty());
  for (const SequenceEquilibrium& eq : r.equilibria) {
    EXPECT_TRUE(eq.exact_certified);
    EXPECT_NEAR(eq.payoffs(1), 0.9, 1e-12);
    const bool beer = std::abs(eq.payoffs(0) - 2.9) < 1e-12;
    const bool quiche = std::abs(eq.payoffs(0) - 2.1) < 1e-12;
    EXPECT_TRUE(beer || quiche) << eq.payoffs(0);
  }
}

// Selten (1975): (C, c, R) is sequential; (D, c, L) is a Nash equilibrium whose c is not
// sequentially rational (d would give player 2 4 instead of 1 against L): the assessment's
// sequential regret must say so, and certify the first.
TEST(Assessment, SeltenHorseSeparatesSequentialFromNash) {
  const GameTree tree = io::ReadEfgFile(DataPath("selten_horse.efg"));
  const SpeResult r = SolveSubgamePerfect(tree);
  bool sequential = false, not_sequential = false;
  for (const TreeEquilibrium& eq : r.equilibria) {
    EXPECT_LE(eq.regret, 1e-6);
    const double p1_d = eq.behaviour.actions[tree.node(tree.root()).infoset](1);
    if (eq.behaviour.IsPure() && p1_d == 1.0) {
      EXPECT_DOUBLE_EQ(eq.sequential_regret, 3.0);
      not_sequential = true;
    }
    if (eq.behaviour.IsPure() && p1_d == 0.0 && eq.sequential_regret == 0.0) sequential = true;
  }
  EXPECT_TRUE(sequential);
  EXPECT_TRUE(not_sequential);
}

// Issue #17 regression: a tree with rational chance probabilities and payoffs gives an
// exact strategic form (2/3 * 3/2 + 1/3 * 7/2 = 13/6 exactly, not its nearest double's
// neighbour).
TEST(SequenceForm, StrategicFormOfATreeIsExact) {
  GameTree tree({"A", "B"});
  const GameTree::Node c = tree.AddChance("c", {"x", "y"}, {Probability::Exact(Rational(2, 3)),
                                                           Probability::Exact(Rational(1, 3))});
  const GameTree::Node t1 = tree.AddTerminal("t1", {1.5, 0});
  const GameTree::Node t2 = tree.AddTerminal("t2", {3.5, 0});
  tree.Connect(c, "x", t1);
  tree.Connect(c, "y", t2);
  tree.Validate();
  const ReducedStrategicForm form = ToStrategicForm(tree);
  EXPECT_EQ(form.game.exact_payoff(0, 0), Rational(13, 6));
}

// A sequence form beyond the limit is refused before it is built, with its size.
TEST(SequenceForm, RefusedUpFrontWithItsSize) {
  const GameTree tree = io::ReadEfgFile(DataPath("kuhn_poker.efg"));
  SequenceFormLimits limits;
  limits.max_dimension = 10;
  try {
    ToSequenceForm(tree, tree.root(), {}, limits);
    FAIL() << "not refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("40 sequences and information sets (limit 10)"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace sim::solve

namespace sim::solve {
namespace {

// Issue #17 regression (artist1 was refused at "about 65536" for a 4x4 form): one set of
// player A spanning 16 chance branches is one choice, so A has 2 reduced strategies, not
// 2^16; the form is built under a limit of 4 strategies per player.
TEST(SequenceForm, ReducedStrategiesAreCountedExactly) {
  GameTree tree({"A", "B"});
  std::vector<std::string> draws;
  std::vector<Probability> probs;
  for (int i = 0; i < 16; ++i) {
    draws.push_back("d" + std::to_string(i));
    probs.push_back(Probability::Exact(Rational(1, 16)));
  }
  const GameTree::Node root = tree.AddChance("root", draws, probs);
  const int set = tree.AddInfoSet(0, {"x", "y"}, "A");
  for (int i = 0; i < 16; ++i) {
    const GameTree::Node n = tree.AddNode(NodeKind::kDecision, "n" + std::to_string(i), set);
    tree.AddMove(root, i, n);
    tree.Connect(n, "x", tree.AddTerminal("x" + std::to_string(i), {double(i % 3), 0}));
    tree.Connect(n, "y", tree.AddTerminal("y" + std::to_string(i), {double(i % 2), 0}));
  }
  tree.Validate();
  StrategicFormLimits limits;
  limits.max_strategies = 4;
  const ReducedStrategicForm form = ToStrategicForm(tree, GameTree::kNoNode, {}, limits);
  EXPECT_EQ(form.game.num_strategies(0), 2);
}

}  // namespace
}  // namespace sim::solve

namespace sim::solve {
namespace {

// Payoffs of 1e18 beside payoffs of 1 are beyond double precision once scaled: whatever
// Lemke's path in floating point ends at, the result is complete only if every reported
// equilibrium is exactly certified (issue #17: a partial solve must not look complete).
TEST(SequenceLcp, NeverCallsAnUncertifiedEndComplete) {
  GameTree tree({"A", "B"});
  const GameTree::Node root = tree.AddChance(
      "root", {"l", "r"}, {Probability::Exact(Rational(1, 2)), Probability::Exact(Rational(1, 2))});
  const int a1 = tree.AddInfoSet(0, {"p", "q"}, "a1");
  const int a2 = tree.AddInfoSet(0, {"p", "q"}, "a2");
  const int b1 = tree.AddInfoSet(1, {"x", "y"}, "b1");
  const int b2 = tree.AddInfoSet(1, {"x", "y"}, "b2");
  const double big = 1e18;
  const std::vector<std::vector<double>> pay = {{big, 2}, {-3, 0}, {-2, 3}, {0, big}};
  int k = 0;
  for (int c = 0; c < 2; ++c) {
    const GameTree::Node a = tree.AddNode(NodeKind::kDecision, "a" + std::to_string(c), c == 0 ? a1 : a2);
    tree.AddMove(root, c, a);
    for (int m = 0; m < 2; ++m) {
      const GameTree::Node b =
          tree.AddNode(NodeKind::kDecision, "b" + std::to_string(c) + std::to_string(m), m == 0 ? b1 : b2);
      tree.AddMove(a, m, b);
      for (int x = 0; x < 2; ++x) {
        const double v = pay[k / 2][x];
        tree.AddMove(b, x, tree.AddTerminal("t" + std::to_string(k) + std::to_string(x), {v, -v}));
      }
      ++k;
    }
  }
  tree.Validate();
  const SequenceLcpResult r = SolveSequenceLcp(tree, tree.root(), {});
  if (r.status == SolveStatus::kComplete) {
    ASSERT_FALSE(r.equilibria.empty());
    for (const SequenceEquilibrium& eq : r.equilibria) EXPECT_TRUE(eq.exact_certified);
  } else {
    EXPECT_FALSE(r.message.empty());
  }
}

// Issue #17's random card games (a private card for player 1, rounds of simultaneous moves)
// above dimension 300 run on the sparse LU path. Property: the equilibrium it ends at is a
// Nash equilibrium of the sequence form, re-checked here in rational arithmetic from the
// reported exact behaviour (regret exactly 0; independent of the solver's own check).
TEST(SequenceLcp, SparsePathGivesExactEquilibriaOfLargeRandomTrees) {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    const GameTree tree = bench::RandomCardTree({3, 4, 2, 2}, seed);  // 1,534 nodes
    const SequenceLcpResult r = SolveSequenceLcp(tree, tree.root(), {});
    ASSERT_GT(r.dimension, 300);
    ASSERT_EQ(r.status, SolveStatus::kComplete) << r.message;
    ASSERT_EQ(r.equilibria.size(), 1u);
    EXPECT_EQ(r.sparse_paths, 1) << "seed " << seed;
    const SequenceEquilibrium& eq = r.equilibria[0];
    EXPECT_TRUE(eq.exact_certified);
    const SequenceForm form = ToSequenceForm(tree);
    ExactRealisationPlans plans;
    for (int p = 0; p < 2; ++p) {
      const SequenceForm::Side& sd = form.side[p];
      plans[p].assign(sd.num_sequences(), Rational(0));
      plans[p][0] = 1;
      for (int h = 0; h < sd.num_infosets(); ++h) {
        const std::vector<Rational>& b = eq.exact[sd.infosets[h]];
        ASSERT_EQ(static_cast<int>(b.size()), sd.num_actions(h));
        for (int a = 0; a < sd.num_actions(h); ++a) {
          plans[p][sd.first[h] + a] = plans[p][sd.parent[h]] * b[a];
        }
      }
    }
    const SequenceCheck check = CheckSequenceForm(form, plans);
    EXPECT_EQ(sgn(check.regret), 0) << "seed " << seed;
  }
}

}  // namespace
}  // namespace sim::solve

namespace sim::solve {
namespace {

// Issue #17's "memory without bound" (tim, caro2, palf3 grew past 16 GB through their
// strategic forms; montyhal stopped at enum's 128-strategy cap): a 2-player subgame with
// information sets is solved on its sequence form, never through its strategic form. Here
// player A sees one of 10 cards and bids high or low (2^10 = 1024 reduced strategies), B
// sees only the bid and calls or folds: spe solves it by sequence-lcp, exactly.
TEST(SequenceLcp, SpeSolvesAWideSubgameWithoutItsStrategicForm) {
  GameTree tree({"A", "B"});
  std::vector<std::string> cards;
  std::vector<Probability> probs;
  for (int k = 0; k < 10; ++k) {
    cards.push_back("card" + std::to_string(k));
    probs.push_back(Probability::Exact(Rational(1, 10)));
  }
  const GameTree::Node deal = tree.AddChance("deal", cards, probs);
  const int after_high = tree.AddInfoSet(1, {"call", "fold"}, "after high");
  const int after_low = tree.AddInfoSet(1, {"call", "fold"}, "after low");
  for (int k = 0; k < 10; ++k) {
    const GameTree::Node a = tree.AddDecision(0, "A" + std::to_string(k), {"high", "low"});
    tree.AddMove(deal, k, a);
    for (int bid = 0; bid < 2; ++bid) {
      const std::string name = "A" + std::to_string(k) + (bid ? "low" : "high");
      const GameTree::Node b = tree.AddNode(NodeKind::kDecision, name, bid ? after_low : after_high);
      tree.AddMove(a, bid, b);
      const double stake = bid ? 1 : 2;
      const double win = k >= 5 ? stake : -stake;  // high cards win a call
      tree.AddMove(b, 0, tree.AddTerminal(name + "c", {win, -win}));
      tree.AddMove(b, 1, tree.AddTerminal(name + "f", {1, -1}));
    }
  }
  tree.set_root(deal);
  tree.Validate();
  const SpeResult r = SolveSubgamePerfect(tree);
  ASSERT_FALSE(r.equilibria.empty()) << r.summary.message;
  EXPECT_NE(r.summary.message.find("sequence-lcp"), std::string::npos) << r.summary.message;
  for (const TreeEquilibrium& eq : r.equilibria) {
    EXPECT_TRUE(eq.exact);
    EXPECT_EQ(eq.regret, 0.0);
  }
}

}  // namespace
}  // namespace sim::solve
