// SPDX-License-Identifier: MIT
// PerfectInformationSpe (solve/spe_perfect.h) against SolveSubgamePerfect (solve/spe.h), its
// definition: on random perfect-information trees with chance nodes, outcomes at inner nodes,
// fractional payoffs and frequent ties (small integers), both give the same equilibria in the
// same order, with the same payoffs bit for bit, and the same capping; one prepared solver
// reused across many trees of one shape (payoffs redrawn in place) stays equal. A property on
// random games (fixed seeds).
#include "sim/solve/spe_perfect.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "sim/solve/spe.h"

namespace sim::solve {
namespace {

using Node = GameTree::Node;

struct Maker {
  std::mt19937 rng;
  int players;
  GameTree tree;
  int count = 0;

  Maker(unsigned seed, int n) : rng(seed), players(n), tree(Names(n)) {}

  static std::vector<std::string> Names(int n) {
    std::vector<std::string> names;
    for (int p = 0; p < n; ++p) names.push_back("P" + std::to_string(p + 1));
    return names;
  }

  std::vector<double> Payoffs() {
    std::uniform_int_distribution<int> pay(0, 3), coin(0, 9);
    std::vector<double> v;
    // Mostly small integers (ties); sometimes thirds and negative zeros (rounding, signs).
    for (int p = 0; p < players; ++p) {
      const int c = coin(rng);
      v.push_back(c == 0 ? pay(rng) / 3.0 : c == 1 ? -0.0 : static_cast<double>(pay(rng)));
    }
    return v;
  }

  Node Build(int depth) {
    std::uniform_int_distribution<int> coin(0, 99);
    const std::string name = "n" + std::to_string(count++);
    if (depth == 0 || coin(rng) < 20) return tree.AddTerminal(name, Payoffs());
    const int k = std::uniform_int_distribution<int>(1, 3)(rng);
    Node n;
    if (coin(rng) < 20) {
      static const std::vector<std::vector<Rational>> kChance = {
          {Rational(1)}, {Rational(1, 3), Rational(2, 3)}, {Rational(1, 10), Rational(3, 10), Rational(3, 5)}};
      std::vector<std::string> actions;
      std::vector<Probability> p;
      for (size_t a = 0; a < kChance[k - 1].size(); ++a) {
        actions.push_back("c" + std::to_string(a));
        p.push_back(Probability::Exact(kChance[k - 1][a]));
      }
      n = tree.AddChance(name, actions, p);
    } else {
      std::vector<std::string> actions;
      for (int a = 0; a < k; ++a) actions.push_back("a" + std::to_string(a));
      n = tree.AddDecision(std::uniform_int_distribution<int>(0, players - 1)(rng), name, actions);
    }
    if (coin(rng) < 15) tree.SetOutcome(n, tree.AddOutcome(Payoffs()));  // adds along the path
    for (int a = 0; a < k; ++a) tree.AddMove(n, a, Build(depth - 1));
    return n;
  }
};

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Every equilibrium of `fast` is SolveSubgamePerfect's, in order, bit for bit.
void ExpectSame(const GameTree& tree, const SpeOptions& options,
                const PerfectInformationSpe& fast, const std::string& what) {
  SpeOptions lean = options;
  lean.describe = false;
  lean.analyse_threats = false;
  const SpeResult slow = SolveSubgamePerfect(tree, lean);
  ASSERT_EQ(fast.num_equilibria(), static_cast<int>(slow.equilibria.size())) << what;
  EXPECT_EQ(fast.capped(), slow.summary.status == SolveStatus::kPartial) << what;
  for (int e = 0; e < fast.num_equilibria(); ++e) {
    const TreeEquilibrium& eq = slow.equilibria[e];
    for (int p = 0; p < tree.num_players(); ++p)
      EXPECT_TRUE(SameBits(fast.payoffs(e)[p], eq.payoffs(p)))
          << what << " equilibrium " << e << " player " << p << ": " << fast.payoffs(e)[p]
          << " vs " << eq.payoffs(p);
    for (int s = 0; s < tree.num_infosets(); ++s) {
      if (tree.infoset(s).player == kChancePlayer) {
        EXPECT_EQ(fast.action(e, s), -1);
        continue;
      }
      Eigen::Index best = 0;
      ASSERT_EQ(eq.behaviour.actions[s].maxCoeff(&best), 1.0) << what;  // pure
      EXPECT_EQ(fast.action(e, s), best) << what << " equilibrium " << e << " set " << s;
    }
  }
}

TEST(PerfectInformationSpe, EqualsSolveSubgamePerfectOnRandomTrees) {
  int compared = 0, with_ties = 0, capped = 0;
  for (unsigned seed = 1; seed <= 150; ++seed) {
    Maker m(seed, 1 + static_cast<int>(seed % 3));
    m.tree.set_root(m.Build(5));
    m.tree.Validate();
    SpeOptions options;
    if (seed % 5 == 0) options.max_equilibria = 3;  // capping, subgame by subgame
    PerfectInformationSpe fast;
    ASSERT_TRUE(fast.Prepare(m.tree));
    fast.Solve(m.tree, options);
    ExpectSame(m.tree, options, fast, "seed " + std::to_string(seed));
    ++compared;
    with_ties += fast.num_equilibria() > 1;
    capped += fast.capped();
  }
  EXPECT_EQ(compared, 150);
  EXPECT_GT(with_ties, 30);  // the property is exercised on ties,
  EXPECT_GT(capped, 0);      // and on capping
}

TEST(PerfectInformationSpe, ReusedAcrossTreesOfOneShape) {
  // One preparation, many payoff draws in place: buffers reused, results unchanged.
  Maker m(7, 2);
  m.tree.set_root(m.Build(6));
  m.tree.Validate();
  PerfectInformationSpe fast;
  ASSERT_TRUE(fast.Prepare(m.tree));
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::uniform_int_distribution<int> coin(0, 2);
  const SpeOptions options;
  for (int draw = 0; draw < 60; ++draw) {
    for (int o = 0; o < m.tree.num_outcomes(); ++o) {
      double* payoffs = m.tree.mutable_outcome_payoffs(o);
      for (int p = 0; p < 2; ++p) payoffs[p] = draw % 2 ? u(rng) : coin(rng);
    }
    fast.Solve(m.tree, options);
    ExpectSame(m.tree, options, fast, "draw " + std::to_string(draw));
  }
}

TEST(PerfectInformationSpe, RefusesInformationSets) {
  // Matching pennies in sequence, the second mover not seeing the first: not its business.
  GameTree tree({"A", "B"});
  const Node root = tree.AddDecision(0, "a", {"h", "t"});
  const int set = tree.AddInfoSet(1, {"h", "t"}, "b");
  for (int a = 0; a < 2; ++a) {
    const Node b = tree.AddNode(NodeKind::kDecision, "b" + std::to_string(a), set);
    tree.AddMove(root, a, b);
    for (int c = 0; c < 2; ++c)
      tree.AddMove(b, c, tree.AddTerminal("z" + std::to_string(a) + std::to_string(c),
                                          {a == c ? 1.0 : -1.0, a == c ? -1.0 : 1.0}));
  }
  tree.Validate();
  PerfectInformationSpe fast;
  EXPECT_FALSE(fast.Prepare(tree));
  EXPECT_FALSE(fast.prepared());
}

}  // namespace
}  // namespace sim::solve
