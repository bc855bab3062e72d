// SPDX-License-Identifier: MIT
// Sequence-form vertex enumeration (solve/sequence_enum.h, method sequence-enum), against
// `enum` on the reduced strategic form of random 2-player trees with chance and information
// sets: the strategic form's extreme equilibria, mapped to realisation plans (a linear map),
// are the sequence form's equilibria (Koller, Megiddo & von Stengel 1996, Thm 3.2: plans
// realise exactly the mixed strategies' outcomes), and every reported one has exact regret 0.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <set>
#include <string>

#include "sim/game/sequence_form.h"
#include "sim/game/strategic_form.h"
#include "sim/io/gambit_efg.h"
#include "sim/solve/bimatrix_enum.h"
#include "sim/solve/sequence_enum.h"
#include "sim/solve/spe.h"
#include "tests/solve/random_tree.h"

namespace sim::solve {
namespace {

using PlanPair = std::vector<std::string>;  // both plans, each entry printed exactly

PlanPair Key(const ExactRealisationPlans& plans) {
  PlanPair key;
  for (int p = 0; p < 2; ++p) {
    for (const Rational& v : plans[p]) key.push_back(v.get_str());
    key.push_back("|");
  }
  return key;
}

// The realisation plan of a mixed strategy of the reduced strategic form: each sequence
// gets the probability of the plans that play it (Koller, Megiddo & von Stengel 1996, §3).
std::vector<Rational> PlanOf(const SequenceForm& seq, const ReducedStrategicForm& form, int p,
                             const std::vector<Rational>& mixed) {
  const SequenceForm::Side& side = seq.side[p];
  std::vector<Rational> x(side.num_sequences(), Rational(0));
  x[0] = 1;
  for (size_t s = 0; s < form.plans[p].size(); ++s) {
    for (size_t k = 0; k < form.plans[p][s].size(); ++k) {
      const int a = form.plans[p][s][k];
      if (a < 0) continue;
      const int h = seq.local_index[form.infosets[p][k]];
      x[side.first[h] + a] += mixed[s];
    }
  }
  return x;
}

struct Compared {
  int trees = 0, with_sets = 0, equal = 0;
};

TEST(SequenceEnum, RandomTreesGiveEnumsEquilibriaOnTheReducedStrategicForm) {
  Compared c;
  // Under a sanitizer the first 45 seeds (33 trees compared, 10 with information sets, 7 with
  // equal sets in a Release run), against 110.
  const unsigned seeds = SIM_SANITIZED ? 45 : 110;
  for (unsigned seed = 1; seed <= seeds; ++seed) {
    RandomTreeBuilder b(seed);
    b.pay_range = 30;  // mostly generic payoffs: isolated sequence-form equilibria
    b.tree.set_root(b.Build(3 + static_cast<int>(seed % 2), "", ""));
    if (!b.tree.Check().empty()) continue;
    ReducedStrategicForm form;
    StrategicFormLimits small;
    small.max_profiles = 600;
    small.max_strategies = 40;
    try {
      form = ToStrategicForm(b.tree, GameTree::kNoNode, {}, small);
    } catch (const Error&) {
      continue;
    }
    bool has_set = false;
    for (int i = 0; i < b.tree.num_infosets(); ++i) {
      has_set = has_set || (b.tree.infoset(i).player >= 0 && b.tree.infoset(i).nodes.size() > 1);
    }
    const SequenceForm seq = ToSequenceForm(b.tree);
    SequenceEnumLimits limits;
    limits.max_bases = 5'000;  // a few very degenerate trees take longer: skipped
    const SequenceEnumeration all = EnumerateSequenceForm(seq, limits);
    if (!all.complete) {
      EXPECT_EQ(all.stopped_by, "max_bases");
      continue;
    }
    ASSERT_FALSE(all.equilibria.empty()) << "seed " << seed;
    std::set<PlanPair> found;
    // Extreme payoffs over the equilibrium set: a bilinear payoff is extremal over a product
    // of polytopes at a pair of vertices, so both lists must reach the same maxima and minima.
    std::array<std::set<Rational>, 2> found_payoffs, enum_payoffs;
    for (const ExactRealisationPlans& plans : all.equilibria) {
      const SequenceCheck check = CheckSequenceForm(seq, plans);
      EXPECT_EQ(sgn(check.regret), 0) << "seed " << seed;  // exact regret 0
      for (int p = 0; p < 2; ++p) found_payoffs[p].insert(check.payoffs[p]);
      found.insert(Key(plans));
    }
    EXPECT_EQ(found.size(), all.equilibria.size()) << "seed " << seed << ": a repeated pair";
    EnumLimits budget;
    budget.max_bases = 200'000;
    budget.max_seconds = 2;
    const BimatrixEnumeration reference = EnumerateExtremeEquilibria(form.game, budget);
    if (!reference.complete) continue;  // (enum's reverse search stops at double degeneracy)
    std::set<PlanPair> mapped;
    for (const ExtremeEquilibrium& eq : reference.equilibria) {
      ExactRealisationPlans plans = {PlanOf(seq, form, 0, reference.points[0][eq.x]),
                                     PlanOf(seq, form, 1, reference.points[1][eq.y])};
      // Each of enum's equilibria realises a sequence-form equilibrium, same payoffs.
      const SequenceCheck check = CheckSequenceForm(seq, plans);
      EXPECT_EQ(sgn(check.regret), 0) << "seed " << seed;
      EXPECT_EQ(check.payoffs[0], eq.payoff0) << "seed " << seed;
      enum_payoffs[0].insert(eq.payoff0);
      enum_payoffs[1].insert(eq.payoff1);
      mapped.insert(Key(plans));
    }
    for (int p = 0; p < 2; ++p) {
      EXPECT_EQ(*found_payoffs[p].begin(), *enum_payoffs[p].begin()) << "seed " << seed;
      EXPECT_EQ(*found_payoffs[p].rbegin(), *enum_payoffs[p].rbegin()) << "seed " << seed;
    }
    // Where every component of the strategic form realises one pair of plans (the sequence
    // form's equilibria are isolated), the two sets are the same.
    if (reference.num_components == static_cast<int>(mapped.size())) {
      EXPECT_EQ(found, mapped) << "seed " << seed;
      ++c.equal;
    }
    ++c.trees;
    c.with_sets += has_set;
  }
  EXPECT_GE(c.trees, SIM_SANITIZED ? 25 : 60);
  EXPECT_GE(c.with_sets, SIM_SANITIZED ? 8 : 20);
  EXPECT_GE(c.equal, SIM_SANITIZED ? 5 : 15);
  std::printf("compared %d trees (%d with information sets), sets equal on %d\n", c.trees,
              c.with_sets, c.equal);
}

// Kuhn (1950): player 1's equilibrium strategies are the segment alpha in [0, 1/3] (the
// jack's bluff), player 2's strategy is unique: exactly 2 extreme equilibria, value -1/18.
TEST(SequenceEnum, KuhnPokerHasTwoExtremeEquilibria) {
  const GameTree tree =
      io::ReadEfgFile(std::string(SIM_SOURCE_DIR) + "/tests/data/efg/kuhn_poker.efg");
  SpeOptions options;
  options.sequence_all = true;
  const SpeResult r = SolveNashViaSequenceForm(tree, options);
  EXPECT_EQ(r.summary.status, SolveStatus::kComplete);
  ASSERT_EQ(r.equilibria.size(), 2u);
  for (const TreeEquilibrium& eq : r.equilibria) {
    EXPECT_TRUE(eq.exact);
    EXPECT_DOUBLE_EQ(eq.payoffs(0), -1.0 / 18.0);
  }
}

// A budget that stops the search makes the result partial; what it lists is still exact.
TEST(SequenceEnum, BudgetsMakeThePartialResultExplicit) {
  const GameTree tree =
      io::ReadEfgFile(std::string(SIM_SOURCE_DIR) + "/tests/data/efg/kuhn_poker.efg");
  SpeOptions options;
  options.sequence_all = true;
  options.sequence_enum_limits.max_bases = 50;
  SpeResult r = SolveNashViaSequenceForm(tree, options);
  EXPECT_EQ(r.summary.status, SolveStatus::kPartial);
  EXPECT_NE(r.summary.message.find("max_bases"), std::string::npos) << r.summary.message;
  for (const TreeEquilibrium& eq : r.equilibria) EXPECT_TRUE(eq.exact);
  options.sequence_enum_limits.max_bases = 1'000'000;
  options.sequence_enum_limits.max_equilibria = 1;
  r = SolveNashViaSequenceForm(tree, options);
  EXPECT_EQ(r.summary.status, SolveStatus::kPartial);
  EXPECT_EQ(r.equilibria.size(), 1u);
}

}  // namespace
}  // namespace sim::solve
