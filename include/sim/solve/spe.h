// SPDX-License-Identifier: MIT
// Subgame-perfect equilibria of game trees. Perfect-information parts are solved by
// backward induction (chance by expectation), enumerating every tie; parts with information
// sets are solved through the reduced strategic form of each proper subgame with the
// normal-form methods of the registry. Also: which Nash equilibria of the strategic form rest
// on threats that are not credible. Reading files and printing reports live elsewhere.
//
// Representation of a behaviour profile in a SolveResult (the solve CSV): every player's
// "strategies" are its behaviour strategies at each of its information sets, named
// "NODE:ACTION" (BehaviourStrategyNames: NODE is the decision node's name, or the set's name
// for a set of several nodes). Equilibrium::profile.strategies[p] lists, set after set in
// ascending set order, the probability of each action at that set; so each set's block sums
// to 1 and the whole vector sums to the number of the player's sets (not a distribution over
// pure strategies). Equilibrium::payoffs are expected payoffs from the root.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "sim/game/sequence_form.h"
#include "sim/game/strategic_form.h"
#include "sim/game/tree.h"
#include "sim/solve/sequence_enum.h"
#include "sim/solve/solution.h"

namespace sim::solve {

struct SpeOptions {
  // Two actions whose values to the mover differ by at most tolerance * scale (scale =
  // max(1, largest |payoff|)) are ties; every tie gives its own equilibrium.
  double tolerance = 1e-9;
  // Stop after this many equilibria (0 = no cap); the result then says kPartial. Ties
  // multiply equilibria (k binary ties give 2^k), hence the default cap.
  int max_equilibria = 1000;
  // Registry methods for subgames that are not of perfect information; empty = the
  // registry's DefaultMethods() for each subgame's strategic form. Results are merged.
  std::vector<std::string> normal_form_methods;
  // Also find the pure Nash equilibria of the whole strategic form and their non-credible
  // threats (skipped, with a message, when the strategic form exceeds the limits).
  bool analyse_threats = true;
  StrategicFormLimits strategic_form_limits;
  // 2-player subgames with information sets are solved by Lemke's algorithm on their
  // sequence form (solve/sequence_lcp.h), unless normal_form_methods names methods for the
  // strategic form. One equilibrium per covering vector: the list is not exhaustive.
  int sequence_starts = 1;
  SequenceFormLimits sequence_form_limits;
  // SolveNashViaSequenceForm: every extreme equilibrium by vertex enumeration of the
  // sequence-form polyhedra (solve/sequence_enum.h, method "sequence-enum") instead of
  // Lemke's path, within these budgets.
  bool sequence_all = false;
  SequenceEnumLimits sequence_enum_limits;
  // false: each TreeEquilibrium carries its behaviour, payoffs and `exact` (from the
  // subgames' certificates) only, without reach, path, beliefs or the assessment's regrets
  // (a fifth of a small tree's solve; the Monte Carlo needs none of them).
  bool describe = true;
};

// One equilibrium of a tree with what a report shows about it.
struct TreeEquilibrium {
  BehaviourProfile behaviour;         // every set specified (pure or mixed)
  Eigen::VectorXd payoffs;            // expected payoff of each player from the root
  std::vector<double> reach;          // per node: probability it is reached
  std::vector<GameTree::Node> path;   // nodes reached with positive probability, preorder
  std::vector<Eigen::VectorXd> beliefs;  // per set: Bayes' rule beliefs (empty off the path)
  // Nash regret of the whole profile (max gain of a unilateral deviation), exact when
  // `exact` (certified in rational arithmetic), else computed in floating point.
  double regret = 0.0;
  bool exact = false;
  // Assessment (solve/assessment.h): beliefs at every information set of a player (Bayes
  // on the path, the tremble limit off it) and the largest gain of any set's action given
  // them; 0 certifies a sequential equilibrium (up to floating-point tolerance).
  std::vector<Eigen::VectorXd> assessment_beliefs;
  double sequential_regret = 0.0;
};

// A Nash equilibrium's action at a node off its path that the mover would not carry out if
// the node were reached: `better_action` gives it more, given what follows (one-shot
// deviation). Entry deterrence's "fight" is the textbook case.
struct Threat {
  GameTree::Node node = GameTree::kNoNode;
  int player = -1;
  int action = -1;          // what the Nash equilibrium prescribes (the threat)
  int better_action = -1;   // the mover's best action there
  double value = 0.0;       // mover's payoff from `action` at the node
  double better_value = 0.0;
};

// A pure Nash equilibrium of the reduced strategic form, read back as behaviour.
struct StrategicNash {
  PureProfile profile;        // strategy indices in SpeResult::strategic_form
  BehaviourProfile behaviour; // sets the plan leaves open are completed by backward induction
  Eigen::VectorXd payoffs;
  std::vector<Threat> non_credible;
  // For perfect-information trees: whether it is subgame perfect (no profitable one-shot
  // deviation anywhere, which is exact there). Unset for trees with information sets.
  std::optional<bool> subgame_perfect;
};

struct SpeResult {
  SolveResult summary;  // method "spe", kind kSubgamePerfect, flattened as described above
  std::vector<TreeEquilibrium> equilibria;  // same order as summary.equilibria
  std::vector<std::vector<std::string>> strategy_names;  // BehaviourStrategyNames(tree)
  int num_subgames = 0;                     // proper subgames, the whole game included
  int num_strategic_subgames = 0;           // of which solved through a strategic form
  // Threat analysis (SpeOptions::analyse_threats).
  std::vector<StrategicNash> nash;
  std::string threat_message;  // why the analysis was skipped, if it was
};

// Every subgame-perfect equilibrium (up to options.max_equilibria). The tree must be valid.
// Perfect information: backward induction, O(nodes) per equilibrium. Information sets: each
// proper subgame, innermost first, is replaced by its equilibrium values and the smallest
// subgame around an information set is solved through its reduced strategic form
// (exponential in its number of information sets). The set is complete when every
// normal-form method used promises all equilibria; with only "pure", subgames whose
// equilibria are all mixed contribute none (the message says so).
SpeResult SolveSubgamePerfect(const GameTree& tree, const SpeOptions& options = {});

// Nash equilibria of the whole tree through its strategic form (no subgame refinement),
// as behaviour with beliefs; for Bayesian games after a Harsanyi transformation these are
// the Bayesian Nash equilibria. Kinds are kPure / kMixed; payoffs are ex-ante.
SpeResult SolveNashViaStrategicForm(const GameTree& tree, const SpeOptions& options = {});

// One Nash equilibrium (or several, options.sequence_starts covering vectors) of a 2-player
// tree with perfect recall by Lemke's algorithm on its sequence form, without subgame
// refinement (method "sequence-lcp"); with options.sequence_all every extreme equilibrium
// (method "sequence-enum", kPartial when a budget stopped it). Status kFailed with the reason
// when the tree has another number of players or its sequence form exceeds the limits.
SpeResult SolveNashViaSequenceForm(const GameTree& tree, const SpeOptions& options = {});

// Per player, the names of its behaviour strategies "NODE:ACTION", in the order of
// Equilibrium::profile (unique: a repeated set name gets "#k").
std::vector<std::vector<std::string>> BehaviourStrategyNames(const GameTree& tree);

// A behaviour profile in the flattened form above.
MixedProfile FlattenBehaviour(const GameTree& tree, const BehaviourProfile& behaviour);

// The registry's entry point: SolveSubgamePerfect with options.tolerance and
// options.max_equilibria (0 there means this file's default cap).
SolveResult SolveTreeSpe(const GameTree& tree, const SolveOptions& options,
                         const OnEquilibrium& on_equilibrium);

// The registry's entry point for "sequence-lcp": SolveNashViaSequenceForm with
// options.max_equilibria starting points (at least 1).
SolveResult SolveTreeSequenceLcp(const GameTree& tree, const SolveOptions& options,
                                 const OnEquilibrium& on_equilibrium);

// The registry's entry point for "sequence-enum": SolveNashViaSequenceForm with
// sequence_all, options.max_iterations bases per polyhedron, options.max_seconds and
// options.max_equilibria as budgets.
SolveResult SolveTreeSequenceEnum(const GameTree& tree, const SolveOptions& options,
                                  const OnEquilibrium& on_equilibrium);

}  // namespace sim::solve
