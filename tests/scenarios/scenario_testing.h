// SPDX-License-Identifier: MIT
// Helpers for the scenario-library tests: load a file from scenarios/, derive its game, and
// ask questions in scenario words (actor and move names) — equilibria, best replies, issue
// positions, outcome classes. Every answer comes from the library (LoadScenario, BuildGame,
// SolvePureNash, Regret); the helpers only translate names to indices.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/error.h"
#include "sim/game/profile.h"
#include "sim/model/build_game.h"
#include "sim/model/build_tree.h"
#include "sim/scenario/load.h"
#include "sim/solve/pure.h"
#include "sim/solve/registry.h"
#include "sim/solve/spe.h"

namespace sim::scenario_testing {

// A scenario file from scenarios/ with its derived game.
struct Loaded {
  Scenario scenario;
  model::DerivedGame derived;

  const NormalFormGame& game() const { return derived.game; }

  int Actor(const std::string& id) const {
    const int a = scenario.FindActor(id);
    if (a < 0) throw Error("no actor '" + id + "' in " + scenario.path);
    return a;
  }
  int Move(const std::string& actor, const std::string& move) const {
    const sim::Actor& spec = scenario.actors[Actor(actor)];
    for (size_t m = 0; m < spec.moves.size(); ++m) {
      if (spec.moves[m].id == move) return static_cast<int>(m);
    }
    throw Error("no move '" + move + "' of actor '" + actor + "' in " + scenario.path);
  }
  int Issue(const std::string& id) const {
    const int i = scenario.FindIssue(id);
    if (i < 0) throw Error("no issue '" + id + "' in " + scenario.path);
    return i;
  }

  // A pure profile from {actor: move} pairs; every actor must be named.
  PureProfile Profile(std::initializer_list<std::pair<std::string, std::string>> moves) const {
    PureProfile profile(scenario.actors.size(), -1);
    for (const auto& [actor, move] : moves) profile[Actor(actor)] = Move(actor, move);
    for (int m : profile) {
      if (m < 0) throw Error("profile does not name every actor of " + scenario.path);
    }
    return profile;
  }

  int64_t Index(const PureProfile& profile) const { return game().ProfileIndex(profile); }
  double Payoff(const PureProfile& profile, const std::string& actor) const {
    return game().payoff(Index(profile), Actor(actor));
  }
  double Position(const PureProfile& profile, const std::string& issue) const {
    return derived.positions(Index(profile), Issue(issue));
  }
  std::string Outcome(const PureProfile& profile) const {
    return derived.outcome_names[derived.outcome_class[Index(profile)]];
  }
  std::string MoveName(int actor, int move) const {
    return scenario.actors[actor].moves[move].id;
  }

  // The moves of `actor` that maximise its payoff when the others play as in `profile`.
  std::vector<std::string> BestReplies(const PureProfile& profile, const std::string& actor) const {
    const int a = Actor(actor);
    PureProfile p = profile;
    double best = -1e300;
    std::vector<std::string> replies;
    for (int m = 0; m < game().num_strategies(a); ++m) {
      p[a] = m;
      const double u = game().payoff(Index(p), a);
      if (u > best + 1e-12) {
        best = u;
        replies = {MoveName(a, m)};
      } else if (u > best - 1e-12) {
        replies.push_back(MoveName(a, m));
      }
    }
    return replies;
  }
  bool IsBestReply(const PureProfile& profile, const std::string& actor,
                   const std::string& move) const {
    const std::vector<std::string> r = BestReplies(profile, actor);
    return std::find(r.begin(), r.end(), move) != r.end();
  }

  // Every pure Nash equilibrium (SolvePureNash), as pure profiles.
  std::vector<PureProfile> PureEquilibria() const {
    std::vector<PureProfile> out;
    for (const solve::Equilibrium& e : solve::SolvePureNash(game()).equilibria) {
      out.push_back(e.profile.ArgMax());
    }
    return out;
  }
  bool IsEquilibrium(const PureProfile& profile) const {
    return Regret(game(), MixedProfile::Pure(game(), profile)) <= 1e-12;
  }
  // Every equilibrium the default methods find (for two players: all extreme equilibria,
  // mixed ones included, by vertex enumeration).
  std::vector<solve::Equilibrium> AllEquilibria() const {
    return solve::SolveWithDefaults(game(), solve::SolveOptions{}).equilibria;
  }
  // Expected issue position under a (mixed) profile.
  double ExpectedPosition(const MixedProfile& profile, const std::string& issue) const {
    return model::DescribeProfile(derived, profile).expected_positions(Issue(issue));
  }
  // Outcome classes of the pure equilibria, in solver order.
  std::vector<std::string> EquilibriumOutcomes() const {
    std::vector<std::string> out;
    for (const PureProfile& p : PureEquilibria()) out.push_back(Outcome(p));
    return out;
  }
};

// Loads scenarios/FILE (from the source tree) with `--set` overrides and derives its game.
// scenarios/FILE in the source tree. Appended piecewise: g++ 12 warns falsely
// (-Warray-bounds, inside char_traits) on `string + literal + string` here.
inline std::string ScenarioPath(const std::string& file) {
  std::string path = SIM_SOURCE_DIR;
  path.append("/scenarios/").append(file);
  return path;
}

inline Loaded Load(const std::string& file, const std::vector<std::string>& sets = {}) {
  LoadOptions options;
  for (const std::string& s : sets) options.overrides.push_back(ParseOverride(s));
  Loaded loaded{LoadScenario(ScenarioPath(file), options), {}};
  loaded.derived = model::BuildGame(loaded.scenario);
  return loaded;
}

// A sequential scenario (or one with types) solved for its subgame-perfect equilibria, with
// what the first equilibrium's play means: outcome probabilities by class name.
struct SolvedTree {
  model::DerivedTree derived;
  solve::SpeResult result;
  std::map<std::string, double> outcomes;  // of equilibrium 1; classes never reached absent

  // Probability that `actor` plays `move` somewhere on the path of equilibrium 1 (summed
  // over the nodes where it moves, weighted by their reach).
  double MoveProbability(const std::string& actor, const std::string& move) const {
    const GameTree& tree = derived.tree;
    const solve::TreeEquilibrium& eq = result.equilibria.at(0);
    double p = 0.0;
    for (GameTree::Node n = 0; n < static_cast<GameTree::Node>(tree.num_nodes()); ++n) {
      if (tree.kind(n) != NodeKind::kDecision || eq.reach[n] <= 0.0) continue;
      const int set = tree.node(n).infoset;
      if (tree.player_name(tree.infoset(set).player) != actor) continue;
      for (int a = 0; a < tree.num_actions(n); ++a) {
        if (tree.action_label(n, a) == move) p += eq.reach[n] * eq.behaviour.actions[set](a);
      }
    }
    return p;
  }
};

inline SolvedTree SolveTree(const std::string& file, const std::vector<std::string>& sets = {}) {
  LoadOptions options;
  for (const std::string& s : sets) options.overrides.push_back(ParseOverride(s));
  SolvedTree solved{model::BuildSequentialGame(
                        LoadScenario(ScenarioPath(file), options)),
                    {}, {}};
  solved.result = solve::SolveSubgamePerfect(solved.derived.tree);
  if (!solved.result.equilibria.empty()) {
    const model::TreeMeaning meaning =
        model::DescribePlay(solved.derived, solved.result.equilibria[0].reach);
    for (size_t c = 0; c < meaning.outcome_probability.size(); ++c) {
      if (meaning.outcome_probability[c] > 0.0) {
        solved.outcomes[solved.derived.outcome_names[c]] = meaning.outcome_probability[c];
      }
    }
  }
  return solved;
}

// True when every player weakly prefers equilibrium `a` to equilibrium `b` and someone
// strictly (Harsanyi & Selten 1988, payoff dominance).
inline bool PayoffDominates(const Loaded& g, const PureProfile& a, const PureProfile& b) {
  bool strict = false;
  for (int p = 0; p < g.game().num_players(); ++p) {
    const double ua = g.game().payoff(g.Index(a), p), ub = g.game().payoff(g.Index(b), p);
    if (ua < ub - 1e-12) return false;
    if (ua > ub + 1e-12) strict = true;
  }
  return strict;
}

// Two-player games: Nash product of the deviation losses of pure equilibrium `e` against
// equilibrium `f` (Harsanyi & Selten 1988, sec. 3.9): e risk-dominates f when its product,
// computed in the 2x2 game of the two equilibria's strategies, is the larger.
inline double DeviationLossProduct(const Loaded& g, const PureProfile& e, const PureProfile& f) {
  const NormalFormGame& game = g.game();
  const double loss0 = game.payoff(g.Index(e), 0) - game.payoff(g.Index({f[0], e[1]}), 0);
  const double loss1 = game.payoff(g.Index(e), 1) - game.payoff(g.Index({e[0], f[1]}), 1);
  return loss0 * loss1;
}
inline bool RiskDominates(const Loaded& g, const PureProfile& e, const PureProfile& f) {
  return DeviationLossProduct(g, e, f) > DeviationLossProduct(g, f, e) + 1e-12;
}

// The completely mixed equilibrium of a 2x2 game without a pure one, from the indifference
// conditions (Osborne, An Introduction to Game Theory, 2004, sec. 4.3): player 1 mixes so
// that player 0 is indifferent and vice versa. `row_first` is player 0's probability of its
// first strategy, `col_first` player 1's. Checked against the library's Regret.
struct Mixed2x2 {
  double row_first = 0;
  double col_first = 0;
};
inline Mixed2x2 CompletelyMixed2x2(const NormalFormGame& game) {
  auto u = [&](int r, int c, int p) { return game.payoff(game.ProfileIndex(PureProfile{r, c}), p); };
  // Player 1 mixes (q, 1-q) so player 0's two rows pay the same.
  const double a = u(0, 0, 0) - u(1, 0, 0), b = u(0, 1, 0) - u(1, 1, 0);
  const double q = b / (b - a);
  const double c = u(0, 0, 1) - u(0, 1, 1), d = u(1, 0, 1) - u(1, 1, 1);
  const double p = d / (d - c);
  MixedProfile profile = MixedProfile::Uniform(game);
  profile.strategies[0] << p, 1 - p;
  profile.strategies[1] << q, 1 - q;
  EXPECT_GT(p, 0.0);
  EXPECT_LT(p, 1.0);
  EXPECT_GT(q, 0.0);
  EXPECT_LT(q, 1.0);
  EXPECT_LT(Regret(game, profile), 1e-12) << "indifference solution is not an equilibrium";
  return {p, q};
}

// All `--set` variations of one scenario that scale every positive salience by `factor`,
// one salience at a time (a local sensitivity check of a result).
inline std::vector<std::string> SalienceScalings(const Loaded& g, double factor) {
  std::vector<std::string> sets;
  for (const Actor& actor : g.scenario.actors) {
    for (size_t i = 0; i < actor.stakes.size(); ++i) {
      if (actor.stakes[i].salience <= 0) continue;
      sets.push_back("actors." + actor.id + ".stakes." + g.scenario.issues[i].id +
                     ".salience=" + std::to_string(actor.stakes[i].salience * factor));
    }
  }
  return sets;
}

// Calls check(g, set) on FILE loaded with each one-salience scaling by 0.75 and by 1.25:
// a result that holds only at the exact base numbers is not a reproduction.
template <typename Check>
void ForEachSalienceScaling(const std::string& file, Check&& check) {
  const Loaded base = Load(file);
  for (double factor : {0.75, 1.25}) {
    for (const std::string& set : SalienceScalings(base, factor)) check(Load(file, {set}), set);
  }
}

}  // namespace sim::scenario_testing
