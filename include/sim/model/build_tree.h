// SPDX-License-Identifier: MIT
// The sequential translation: a scenario with `stages` becomes a GameTree. Actors are the
// players; each stage adds a level of decision nodes (one action per offered move) or of
// chance nodes (one per branch, with the branch's exact probability); a mover that does not
// observe some earlier stages gets one information set per history of the stages it does
// observe. A leaf's payoffs come from the issue model exactly as in a simultaneous game
// (build_game.h) applied to the path's moves, with the effects of the chance branches on
// the path added before clamping; an actor that moves in no stage plays its first move.
// With a payoff table, the table's row for the path's moves gives the leaf's payoffs.
// The explicit `tree` form is built node by node; its leaves take written payoffs when given
// and otherwise the issue model's, and payoffs written at inner nodes add up along the path.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "sim/game/tree.h"
#include "sim/scenario/scenario.h"

namespace sim::model {

// What the nodes of a `rounds:` game are in round words (model/build_rounds.h): per node
// (index = node) its 0-based round (-1 for nature's draw of the types and for leaves), the
// public history before its round ("c,d|d,d"), the actions taken earlier in its round
// ("in"; seen by the mover only where the stage shows them), and its type profile (index
// into type_profiles); the nodes where a round starts (copies of the stage's root).
struct RoundsLayout {
  std::vector<int> round;
  std::vector<std::string> history;
  std::vector<std::string> partial;
  std::vector<int> type_profile;
  std::vector<GameTree::Node> round_starts;
  std::vector<std::vector<int>> type_profiles;        // per profile: each actor's type, -1 untyped
  std::vector<std::vector<std::string>> type_names;   // per actor (empty: untyped)
  std::vector<int> player_actor;                      // per tree player: its actor
};

struct DerivedTree {
  GameTree tree;                            // players = actors, in scenario order
  std::vector<std::string> issue_names;
  std::vector<std::string> outcome_names;   // the scenario's classes, then "other"
  // Per node (index = node); filled at terminals only.
  std::vector<std::vector<double>> positions;  // final issue positions
  std::vector<int> outcome_class;              // index into outcome_names, -1 inside
  std::vector<std::vector<int>> moves;         // each actor's move on the path
  // The summed effects of the chance branches on the path (trees of `stages` without types
  // only, else empty): what RederiveTree needs besides `moves`.
  std::vector<std::vector<double>> chance_effects;
  RoundsLayout rounds;                         // `rounds:` games only (else empty)
};

// Builds the tree of a sequential scenario (`stages` or `tree`) or of a scenario with private
// types (Scenario::tree_game(); SIM_CHECK). Types: nature draws each typed actor's type at
// the root (actors in scenario order, independent priors) and only that actor learns it
// (HarsanyiTransform, game/bayesian.h); the nodes below are named "TYPE/NODE". A simultaneous
// scenario with types is played as AsSimultaneousStages. The loader
// bounded its size; cost O(nodes * (actors * issues + effects)). Throws InputError located
// in the scenario for problems of an explicit tree (moves to undefined nodes, cycles, nodes
// with several parents, probabilities not summing to 1, an actor moving twice on a path
// that derives its payoffs).
DerivedTree BuildSequentialGame(const Scenario& scenario);

// Whether RederiveTree applies to the trees of this scenario: `stages` without types (an
// explicit tree, `rounds` or private types are built anew).
bool CanRederiveTree(const Scenario& scenario);

// The tree counterpart of RederiveGame (model/rederive.h), for the Monte Carlo's draws: writes
// into `derived`, built by BuildSequentialGame from a scenario of the same structure as
// `scenario` (the same actors, moves, stages and outcome classes; numbers may differ), the
// leaves' positions, outcome classes and payoffs for `scenario`'s numbers. The result is
// BuildSequentialGame(scenario)'s, bit for bit (one leaf evaluation serves both), without
// allocating. SIM_CHECKs CanRederiveTree. Cost O(leaves * (actors * issues + effects)).
void RederiveTree(const Scenario& scenario, DerivedTree* derived);

// A simultaneous scenario written as stages: each actor in scenario order moves in a stage of
// its own, seeing no other stage, so each actor has one information set and the tree's
// reduced strategic form is the scenario's normal form (build_game.h). Used to give
// simultaneous scenarios a tree (types, `export --to efg`).
Scenario AsSimultaneousStages(const Scenario& scenario);

// The scenario under the `resolute` unpredictability model (scenario/uncertainty.h): each actor
// a with resolute[a] in (0, 1) gets two private types, "normal" (prior 1 - u, its own
// preferences) and "resolute" (prior u, Actor::resolute's stakes and terms), the prior being
// the exact rational value of the double u; with u >= 1 the actor simply has the resolute
// preferences (nothing is private when the prior is certain); u <= 0 leaves it as it is. Such
// actors must have `resolute` and no `types` (the loader checks). The result is a tree
// scenario (Scenario::tree_game()) whenever the input is one or some u lies in (0, 1); a
// simultaneous result is returned as AsSimultaneousStages so that it always has a tree.
Scenario WithResoluteTypes(const Scenario& scenario, const std::vector<double>& resolute);

// What play with these reach probabilities (solve::TreeEquilibrium::reach) means: the
// probability of each outcome class and the expected issue positions at the end.
struct TreeMeaning {
  std::vector<double> outcome_probability;  // indexed like outcome_names
  Eigen::VectorXd expected_positions;
  int modal_outcome = 0;
};
TreeMeaning DescribePlay(const DerivedTree& derived, const std::vector<double>& reach);

}  // namespace sim::model
