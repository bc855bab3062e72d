// SPDX-License-Identifier: MIT
#include "sim/solve/registry.h"

#include "sim/core/tolerance.h"
#include "sim/solve/bimatrix_enum.h"
#include "sim/solve/lemke_howson.h"
#include "sim/solve/enumpoly.h"
#include "sim/solve/logit.h"
#include "sim/solve/pure.h"
#include "sim/solve/spe.h"
#include "sim/solve/tree_logit.h"

namespace sim::solve {

const std::vector<SolverInfo>& BuiltinSolvers() {
  static const std::vector<SolverInfo> solvers = {
      {"pure",
       "all pure-strategy Nash equilibria of an n-player game (exhaustive check of every "
       "profile)",
       [](const GameTraits& t) { return !t.sequential; }, SolvePureNash, /*solve_tree=*/{}},
      {"enum",
       "all extreme Nash equilibria of a 2-player game, degenerate games included, in exact "
       "arithmetic (vertex enumeration of the best-response polytopes); reports whether the "
       "game is degenerate and groups extreme points into connected components",
       [](const GameTraits& t) { return !t.sequential && t.num_players == 2; },
       SolveEnumMixed, /*solve_tree=*/{}},
      {"lemke-howson",
       "one Nash equilibrium of a 2-player game, quickly even for large games (Lemke-Howson "
       "path with lexicographic pivoting, re-checked exactly); --max-equilibria N tries more "
       "of the m+n starting labels",
       [](const GameTraits& t) { return !t.sequential && t.num_players == 2; },
       SolveLemkeHowson, /*solve_tree=*/{}},
      {"logit",
       "one Nash equilibrium of any n-player game: the limit of the logit QRE branch traced "
       "from the centroid (a homotopy), polished by Newton on its support; regret reported. "
       "On a game tree: the limit of the agent logit QRE (McKelvey & Palfrey 1998), a "
       "sequential equilibrium with its beliefs, certified by its regrets",
       [](const GameTraits&) { return true; }, SolveLogitNash, SolveTreeLogit},
      {"qre",
       "logit quantal response equilibrium on the principal branch at --lambda, or without "
       "it the branch's limit as lambda grows (a Nash equilibrium, label qre-limit); on a "
       "game tree the agent QRE",
       [](const GameTraits&) { return true; }, SolveLogitQre,
       [](const GameTree& tree, const SolveOptions& o, const OnEquilibrium& cb) {
         SolveResult r = SolveAgentLogit(tree, o, "qre").summary;
         if (cb) for (const Equilibrium& eq : r.equilibria) cb(eq);
         return r;
       }},
      {"enumpoly",
       "all Nash equilibria of a small n-player game: support enumeration, each support's "
       "polynomial indifference system solved by interval subdivision and Newton",
       [](const GameTraits& t) { return !t.sequential; },
       [](const NormalFormGame& g, const SolveOptions& o, const OnEquilibrium& cb) {
         return SolveEnumPoly(g, o, cb);
       },
       /*solve_tree=*/{}},
      {"spe",
       "every subgame-perfect equilibrium of a game tree (backward induction; subgames with "
       "information sets through their strategic form)",
       [](const GameTraits& t) { return t.sequential; }, {}, SolveTreeSpe},
      {"sequence-lcp",
       "one Nash equilibrium of a 2-player game tree with chance and information sets "
       "(perfect recall) in behaviour strategies: Lemke's algorithm on the sequence form, "
       "linear in the tree, certified exactly (one equilibrium: never an exhaustive list). "
       "spe uses it for every 2-player subgame with "
       "information sets",
       [](const GameTraits& t) { return t.sequential && t.num_players == 2; }, {},
       SolveTreeSequenceLcp},
      {"sequence-enum",
       "every extreme Nash equilibrium of a 2-player game tree with chance and information "
       "sets (perfect recall), exactly: vertex enumeration of the sequence-form "
       "best-response polyhedra, linear in the tree where the strategic form is exponential; "
       "--max-seconds and --max-equilibria as budgets (exit 3 when one stops it)",
       [](const GameTraits& t) { return t.sequential && t.num_players == 2; }, {},
       SolveTreeSequenceEnum},
  };
  return solvers;
}

const SolverInfo* FindSolver(const std::string& name) {
  for (const SolverInfo& info : BuiltinSolvers()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::vector<std::string> SolverNames() {
  std::vector<std::string> names;
  for (const SolverInfo& info : BuiltinSolvers()) names.push_back(info.name);
  return names;
}

bool EnumIsDefault(const GameTraits& traits) {
  if (traits.num_players != 2 || traits.num_strategies.size() != 2) return true;
  return EnumUpperBoundVertices(traits.num_strategies[0], traits.num_strategies[1]) <=
         kEnumDefaultMaxVertices;
}

std::vector<std::string> DefaultMethods(const GameTraits& traits) {
  if (traits.sequential) return {"spe"};
  if (traits.num_players == 2) {
    // Every extreme equilibrium, pure ones included; on large games every pure equilibrium
    // and one from Lemke-Howson (which always ends at one), as for n players.
    if (EnumIsDefault(traits)) return {"enum"};
    return {"pure", "lemke-howson"};
  }
  // n-player games: every pure equilibrium plus one (usually mixed) from the global method.
  if (traits.num_players >= 3) return {"pure", "logit"};
  return {"pure"};
}

}  // namespace sim::solve

#include <cmath>
#include <map>

#include "sim/core/error.h"

namespace sim::solve {
namespace {

// Probabilities rounded to a grid of kProbabilityTolerance (core/tolerance.h): profiles
// with equal keys are the same equilibrium.
// (A set of keys keeps merging O(E log E) even with many equilibria.)
std::vector<int64_t> ProfileKey(const MixedProfile& profile) {
  std::vector<int64_t> key;
  for (const Eigen::VectorXd& mix : profile.strategies)
    for (Eigen::Index s = 0; s < mix.size(); ++s)
      key.push_back(std::llround(mix(s) / kProbabilityTolerance));
  return key;
}

}  // namespace

namespace {

SolveResult SolveWith(const NormalFormGame& game, const std::vector<std::string>& methods,
                      const SolveOptions& options, std::vector<SolveResult>* results,
                      bool defaults) {
  SolveResult merged;
  std::map<std::vector<int64_t>, size_t> seen;  // profile key -> index in merged
  const GameTraits traits = game.traits();
  for (const std::string& name : methods) {
    const SolverInfo* info = FindSolver(name);
    if (info == nullptr) {
      throw InputError({"<command line>", 0, 0}, "unknown method '" + name + "'",
                       "available: " + JoinWords(SolverNames()));
    }
    if (!info->supports(traits) || !info->solve_normal_form) {
      throw InputError({"<command line>", 0, 0},
                       "method '" + name + "' does not apply to this game (" +
                           std::to_string(traits.num_players) + " players)");
    }
    SolveResult result = info->solve_normal_form(game, options, {});
    if (name == "lemke-howson" && defaults && traits.num_players == 2 && !EnumIsDefault(traits)) {
      result.message += "; chosen by default for games this large instead of enum (an "
                        "exhaustive enumeration could take hours): not every equilibrium is "
                        "listed; -m enum --max-seconds S enumerates within a time budget";
    }
    if (!merged.method.empty()) merged.method += "+";
    merged.method += name;
    if (result.status != SolveStatus::kComplete) merged.status = result.status;
    for (const Equilibrium& eq : result.equilibria) {
      auto [at, fresh] = seen.emplace(ProfileKey(eq.profile), merged.equilibria.size());
      if (fresh) {
        merged.equilibria.push_back(eq);
      } else if (Equilibrium& kept = merged.equilibria[at->second]; kept.component < 0) {
        // Found first by a method that does not group equilibria (e.g. pure before enum):
        // keep the structure the later method knows.
        kept.component = eq.component;
        kept.nash_subsets = eq.nash_subsets;
      }
    }
    if (results) results->push_back(std::move(result));
  }
  return merged;
}

}  // namespace

SolveResult SolveWithMethods(const NormalFormGame& game, const std::vector<std::string>& methods,
                             const SolveOptions& options, std::vector<SolveResult>* results) {
  return SolveWith(game, methods, options, results, /*defaults=*/false);
}

SolveResult SolveWithDefaults(const NormalFormGame& game, const SolveOptions& options,
                              std::vector<SolveResult>* results) {
  return SolveWith(game, DefaultMethods(game.traits()), options, results, /*defaults=*/true);
}

}  // namespace sim::solve
