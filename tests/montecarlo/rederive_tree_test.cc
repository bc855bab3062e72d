// SPDX-License-Identifier: MIT
// The tree Monte Carlo's in-place path (issue #17 item 5) against building anew, on random
// draws of the numbers of the shipped sequential scenarios: model::RederiveTree gives the
// tree BuildSequentialGame gives (positions, classes and payoffs bit for bit);
// ReweightTransforms gives the probabilities WithTrembles / WithErraticTypes give for the new
// u (the same fractions); and the subgame-perfect equilibria of the re-derived, re-weighted
// tree (solved by solve::PerfectInformationSpe where it applies, as the draws do) are those of
// the tree built anew, payoffs bit for bit. A property on random draws (fixed seeds).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "sim/model/build_tree.h"
#include "sim/montecarlo/tremble_tree.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"
#include "sim/solve/spe_perfect.h"

namespace sim::montecarlo {
namespace {

using Node = GameTree::Node;

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The shipped scenarios whose trees RederiveTree refreshes (stages without types).
std::vector<Scenario> StageScenarios() {
  std::vector<Scenario> out;
  for (const char* name : {"detente_sequential", "aleppo_linkage", "baltic_resolve", "detente_caatsa",
                           "sanctions_permanent", "small_steps", "syria_astana", "ukraine_buffer"}) {
    Scenario s = LoadScenario(std::string(SIM_SOURCE_DIR "/scenarios/") + name + ".yaml");
    if (model::CanRederiveTree(s)) out.push_back(std::move(s));
  }
  return out;
}

// A random draw of every number the Monte Carlo may sample (scenario/uncertainty.h): status
// quos, ideals, saliences, costs, move effects (plain and conditional), term values and
// payoff-table entries. Chance branches and the structure stay.
void Perturb(Scenario& s, std::mt19937& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0), sym(-1.0, 1.0);
  for (Issue& issue : s.issues) issue.status_quo = unit(rng);
  for (Actor& a : s.actors) {
    for (Stake& stake : a.stakes) {
      stake.ideal = unit(rng);
      stake.salience = 2 * unit(rng);
    }
    for (Move& m : a.moves) {
      m.cost = 0.1 * sym(rng);
      for (Effect& e : m.effects) e.delta = sym(rng);
      for (ConditionalEffect& c : m.conditional_effects)
        for (Effect& e : c.effects) e.delta = sym(rng);
    }
    for (UtilityTerm& t : a.terms) t.value = sym(rng);
  }
  if (s.payoff_table)
    for (std::vector<double>& row : s.payoff_table->payoffs)
      for (double& v : row) v = sym(rng);
}

void ExpectSameTree(const model::DerivedTree& got, const model::DerivedTree& want, const std::string& what) {
  ASSERT_EQ(got.tree.num_nodes(), want.tree.num_nodes()) << what;
  ASSERT_EQ(got.tree.num_outcomes(), want.tree.num_outcomes()) << what;
  for (Node n = 0; n < static_cast<Node>(want.tree.num_nodes()); ++n) {
    ASSERT_EQ(got.tree.node(n).outcome, want.tree.node(n).outcome) << what;
    EXPECT_EQ(got.outcome_class[n], want.outcome_class[n]) << what << " node " << n;
    EXPECT_EQ(got.moves[n], want.moves[n]) << what;
    ASSERT_EQ(got.positions[n].size(), want.positions[n].size()) << what;
    for (size_t k = 0; k < want.positions[n].size(); ++k)
      EXPECT_TRUE(SameBits(got.positions[n][k], want.positions[n][k])) << what << " node " << n;
  }
  for (int o = 0; o < want.tree.num_outcomes(); ++o)
    for (size_t p = 0; p < want.tree.outcome(o).payoffs.size(); ++p)
      EXPECT_TRUE(SameBits(got.tree.outcome(o).payoffs[p], want.tree.outcome(o).payoffs[p]))
          << what << " outcome " << o << " player " << p;
}

void ExpectSameWeights(const GameTree& got, const GameTree& want, const std::string& what) {
  ASSERT_EQ(got.num_infosets(), want.num_infosets()) << what;
  for (int s = 0; s < want.num_infosets(); ++s) {
    const std::vector<Probability>& g = got.infoset(s).probabilities;
    const std::vector<Probability>& w = want.infoset(s).probabilities;
    ASSERT_EQ(g.size(), w.size()) << what;
    for (size_t a = 0; a < w.size(); ++a) {
      EXPECT_TRUE(SameBits(g[a].value, w[a].value)) << what << " set " << s;
      ASSERT_EQ(g[a].exact.has_value(), w[a].exact.has_value()) << what;
      if (w[a].exact) EXPECT_TRUE(*g[a].exact == *w[a].exact) << what << " set " << s;
    }
  }
}

TEST(RederiveTree, EqualsBuildingAnewOnRandomDraws) {
  const std::vector<Scenario> scenarios = StageScenarios();
  ASSERT_GE(scenarios.size(), 5u);
  std::mt19937 rng(17);
  for (const Scenario& base : scenarios) {
    model::DerivedTree derived = model::BuildSequentialGame(base);
    for (int draw = 0; draw < 25; ++draw) {
      Scenario s = base;
      Perturb(s, rng);
      model::RederiveTree(s, &derived);
      ExpectSameTree(derived, model::BuildSequentialGame(s), base.id + " draw " + std::to_string(draw));
    }
  }
}

TEST(RederiveTree, OnlyStagesWithoutTypes) {
  const Scenario types = LoadScenario(SIM_SOURCE_DIR "/scenarios/peace_2025_types.yaml");
  EXPECT_FALSE(model::CanRederiveTree(types));
  const Scenario simultaneous = LoadScenario(SIM_SOURCE_DIR "/scenarios/detente.yaml");
  EXPECT_FALSE(model::CanRederiveTree(simultaneous));
}

// WithTrembles over WithErraticTypes, origins and erratic marks composed back to `tree`, as
// the tree Monte Carlo builds it (run_tree.cc).
TrembledTree TypedAndTrembled(const GameTree& tree, const std::vector<double>& tremble,
                              const std::vector<double>& types) {
  const TrembledTree typed = WithErraticTypes(tree, types, {}, {}, CopySets::kSeparateSingletons);
  TrembledTree out = WithTrembles(typed.tree, tremble, {}, {}, CopySets::kSeparateSingletons);
  out.erratic.resize(out.origin.size());
  for (size_t n = 0; n < out.origin.size(); ++n) {
    out.erratic[n] = typed.erratic[out.origin[n]];
    out.origin[n] = typed.origin[out.origin[n]];
  }
  return out;
}

// Draws with the same players trembling (or typed) as the first: re-derived, payoffs copied
// into the transformed tree and re-weighted, then solved as the draws solve it; against the
// whole chain built anew and SolveSubgamePerfect.
TEST(RederiveTree, EquilibriaOfTheRefreshedTreeEqualThoseBuiltAnew) {
  std::mt19937 rng(29);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int solved = 0, fast = 0;
  for (const Scenario& base : StageScenarios()) {
    const int n = static_cast<int>(base.actors.size());
    model::DerivedTree derived = model::BuildSequentialGame(base);
    for (int pattern = 0; pattern < 3; ++pattern) {
      // pattern 0: one actor trembles; 1: one has an erratic type; 2: both, different actors.
      std::vector<char> trembles(n, 0), typed(n, 0);
      const int a = static_cast<int>(rng() % n), b = (a + 1) % n;
      if (pattern != 1) trembles[a] = 1;
      if (pattern != 0) typed[pattern == 2 ? b : a] = 1;
      auto draw_u = [&](const std::vector<char>& on) {
        std::vector<double> u(n, 0.0);
        for (int i = 0; i < n; ++i)
          if (on[i]) u[i] = 0.01 + 0.98 * unit(rng);
        return u;
      };
      std::vector<double> tremble = draw_u(trembles), types = draw_u(typed);
      TrembledTree refreshed;
      try {
        refreshed = TypedAndTrembled(derived.tree, tremble, types);
      } catch (const InputError&) {
        continue;  // beyond the node limit: the Monte Carlo refuses it up front
      }
      if (refreshed.tree.num_nodes() > 20000) continue;
      solve::PerfectInformationSpe pi;
      const bool perfect = pi.Prepare(refreshed.tree);
      for (int draw = 0; draw < 6; ++draw) {
        const std::string what = base.id + " pattern " + std::to_string(pattern) + " draw " + std::to_string(draw);
        Scenario s = base;
        Perturb(s, rng);
        tremble = draw_u(trembles);
        types = draw_u(typed);
        model::RederiveTree(s, &derived);
        for (int o = 0; o < derived.tree.num_outcomes(); ++o) {
          const std::vector<double>& p = derived.tree.outcome(o).payoffs;
          std::copy(p.begin(), p.end(), refreshed.tree.mutable_outcome_payoffs(o));
        }
        ReweightTransforms(&refreshed, derived.tree, tremble, types);
        const TrembledTree anew = TypedAndTrembled(model::BuildSequentialGame(s).tree, tremble, types);
        ExpectSameWeights(refreshed.tree, anew.tree, what);
        solve::SpeOptions options;
        options.describe = false;
        options.analyse_threats = false;
        const solve::SpeResult want = solve::SolveSubgamePerfect(anew.tree, options);
        if (perfect) {
          pi.Solve(refreshed.tree, options);
          ASSERT_EQ(pi.num_equilibria(), static_cast<int>(want.equilibria.size())) << what;
          for (int e = 0; e < pi.num_equilibria(); ++e)
            for (int p = 0; p < n; ++p)
              EXPECT_TRUE(SameBits(pi.payoffs(e)[p], want.equilibria[e].payoffs(p))) << what;
          ++fast;
        } else {
          const solve::SpeResult got = solve::SolveSubgamePerfect(refreshed.tree, options);
          ASSERT_EQ(got.equilibria.size(), want.equilibria.size()) << what;
          for (size_t e = 0; e < got.equilibria.size(); ++e)
            for (int p = 0; p < n; ++p)
              EXPECT_TRUE(SameBits(got.equilibria[e].payoffs(p), want.equilibria[e].payoffs(p))) << what;
        }
        ++solved;
      }
    }
  }
  EXPECT_GT(solved, 60);
  EXPECT_GT(fast, 20);  // the perfect-information path is among those compared
}

}  // namespace
}  // namespace sim::montecarlo
