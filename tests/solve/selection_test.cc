// SPDX-License-Identifier: MIT
#include "sim/solve/selection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/solve/enumpoly.h"
#include "sim/solve/pure.h"
#include "tests/solve/game_fixtures.h"

namespace sim::solve {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::Bimatrix;

bool Has(const Equilibrium& e, const char* label) {
  return std::find(e.labels.begin(), e.labels.end(), label) != e.labels.end();
}

// Index of the equilibrium whose profile is the pure profile `s`, or -1.
int FindPure(const std::vector<Equilibrium>& eqs, const PureProfile& s) {
  for (size_t i = 0; i < eqs.size(); ++i) {
    if (eqs[i].kind == EquilibriumKind::kPure && eqs[i].profile.ArgMax() == s) return static_cast<int>(i);
  }
  return -1;
}

std::vector<Equilibrium> AllEquilibria(const NormalFormGame& game) {
  SolveResult r = SolveEnumPoly(game);
  EXPECT_EQ(r.status, SolveStatus::kComplete) << r.message;
  return r.equilibria;
}

// Harsanyi & Selten (1988), A General Theory of Equilibrium Selection in Games, ch. 3 and
// 5: in the stag hunt with stag/stag 4,4; stag/hare 0,3; hare/stag 3,0; hare/hare 3,3,
// stag/stag is payoff-dominant and hare/hare risk-dominant (deviation-loss products
// (4-3)(4-3) = 1 < (3-0)(3-0) = 9). The logit branch also ends at hare/hare (closed form in
// logit_test.cc).
TEST(LabelEquilibria, StagHuntPayoffDominantIsStagRiskDominantIsHare) {
  const NormalFormGame game = Bimatrix(2, 2, {{4, 4}, {0, 3}, {3, 0}, {3, 3}});
  std::vector<Equilibrium> eqs = AllEquilibria(game);
  ASSERT_EQ(eqs.size(), 3u);
  LabelEquilibria(game, eqs);
  ASSERT_EQ(eqs.size(), 3u);
  const int stag = FindPure(eqs, {0, 0}), hare = FindPure(eqs, {1, 1});
  ASSERT_GE(stag, 0);
  ASSERT_GE(hare, 0);
  EXPECT_THAT(eqs[stag].labels, ElementsAre(kPayoffDominant));
  EXPECT_THAT(eqs[hare].labels, ElementsAre(kRiskDominant, kQreLimit));
  for (const Equilibrium& e : eqs) {
    if (e.kind == EquilibriumKind::kMixed) {
      EXPECT_THAT(e.labels, IsEmpty());
    }
  }
}

// Battle of the sexes (Luce & Raiffa 1957, section 5.3) with payoffs 2,1 / 0,0 / 0,0 / 1,2:
// each pure equilibrium is better for a different player, so none is payoff-dominant, and
// the deviation-loss products tie (2*1 = 1*2), so none is risk-dominant. The game is
// invariant under swapping the players together with their strategies; the logit branch is
// unique near lambda = 0, hence invariant, and the only invariant equilibrium is the mixed
// one (row plays its favourite with 2/3, column plays the row's favourite with 1/3).
TEST(LabelEquilibria, BattleOfTheSexesHasOnlyTheQreLimitOnTheMixedEquilibrium) {
  const NormalFormGame game = Bimatrix(2, 2, {{2, 1}, {0, 0}, {0, 0}, {1, 2}});
  std::vector<Equilibrium> eqs = AllEquilibria(game);
  ASSERT_EQ(eqs.size(), 3u);
  LabelEquilibria(game, eqs);
  for (const Equilibrium& e : eqs) {
    if (e.kind == EquilibriumKind::kPure) {
      EXPECT_THAT(e.labels, IsEmpty());
    } else {
      EXPECT_THAT(e.labels, ElementsAre(kQreLimit));
      EXPECT_NEAR(e.profile.strategies[0](0), 2.0 / 3.0, 1e-12);
      EXPECT_NEAR(e.profile.strategies[1](0), 1.0 / 3.0, 1e-12);
    }
  }
}

// A pure coordination game 2,2 / 0,0 / 0,0 / 1,1: the (first, first) equilibrium is both
// payoff-dominant and risk-dominant (loss products 4 > 1).
TEST(LabelEquilibria, CoordinationGameLabelsTheBetterEquilibriumTwice) {
  const NormalFormGame game = Bimatrix(2, 2, {{2, 2}, {0, 0}, {0, 0}, {1, 1}});
  std::vector<Equilibrium> eqs = SolvePureNash(game).equilibria;
  SelectionOptions options;
  options.label_qre_limit = false;
  LabelEquilibria(game, eqs, options);
  ASSERT_EQ(eqs.size(), 2u);
  EXPECT_THAT(eqs[FindPure(eqs, {0, 0})].labels, ElementsAre(kPayoffDominant, kRiskDominant));
  EXPECT_THAT(eqs[FindPure(eqs, {1, 1})].labels, IsEmpty());
}

TEST(LabelEquilibria, RiskDominanceIsOnlyFor2x2Games) {
  const NormalFormGame game = testing::McKelveyMcLennan222();
  std::vector<Equilibrium> eqs = AllEquilibria(game);
  LabelEquilibria(game, eqs);
  for (const Equilibrium& e : eqs) EXPECT_FALSE(Has(e, kRiskDominant));
  EXPECT_EQ(std::count_if(eqs.begin(), eqs.end(), [](const auto& e) { return Has(e, kQreLimit); }), 1);
}

// Jordan's three-player pennies has no pure equilibrium: given only the (empty) pure list,
// the logit limit is appended with the single label qre-limit (the other criteria judge
// only the equilibria the caller listed).
TEST(LabelEquilibria, AppendsTheQreLimitWhenItIsNotListed) {
  const NormalFormGame game = testing::JordanPennies();
  std::vector<Equilibrium> eqs = SolvePureNash(game).equilibria;
  ASSERT_TRUE(eqs.empty());
  LabelEquilibria(game, eqs);
  ASSERT_EQ(eqs.size(), 1u);
  EXPECT_THAT(eqs[0].labels, ElementsAre(kQreLimit));
  EXPECT_NEAR(eqs[0].profile.strategies[2](0), 0.5, 1e-12);
}

TEST(LabelEquilibria, LabellingTwiceAddsNothing) {
  const NormalFormGame game = Bimatrix(2, 2, {{4, 4}, {0, 3}, {3, 0}, {3, 3}});
  std::vector<Equilibrium> eqs = AllEquilibria(game);
  LabelEquilibria(game, eqs);
  std::vector<Equilibrium> again = eqs;
  LabelEquilibria(game, again);
  ASSERT_EQ(again.size(), eqs.size());
  for (size_t i = 0; i < eqs.size(); ++i) EXPECT_EQ(again[i].labels, eqs[i].labels);
}

}  // namespace
}  // namespace sim::solve
