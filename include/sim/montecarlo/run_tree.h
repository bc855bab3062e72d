// SPDX-License-Identifier: MIT
// The Monte Carlo over a scenario whose game is a tree (Scenario::tree_game(): `stages`, an
// explicit `tree`, or actors with `types`). Each draw: sample the uncertain numbers and the
// preference noise -> build the tree (model/build_tree.h) -> add the erratic types (a type
// draw above each typed actor's first move), then the trembles, as chance nodes every player anticipates
// (montecarlo/tremble_tree.h) -> solve for the subgame-perfect
// equilibria -> select one -> walk from the root (chance by its probabilities, decisions by
// the equilibrium's behaviour strategy, then the tremble) -> classify the leaf. Same result
// type, chunking and merge order as RunMonteCarlo (run.h), so the reports, CSV, JSON and
// sweeps work unchanged and the output is byte-identical for every thread count.
// Formulas: scenarios/README.md ("Monte Carlo of game trees") and scenarios/sequential.md.
#pragma once

#include "sim/montecarlo/run.h"
#include "sim/scenario/scenario.h"

namespace sim::montecarlo {

// Runs the Monte Carlo on a tree scenario (NeedsTreeMonteCarlo; SIM_CHECK), valid as
// LoadScenario returns it. Models: tremble, type (WithErraticTypes: the erratic type's moves
// are chance nodes, the others cannot tell the types apart), resolute (model::WithResoluteTypes:
// a private type with the actor's `resolute` preferences and prior u, who plays its own best
// replies) and preference_noise; models may be mixed across actors (resolute types are built
// into the draw's tree, then erratic types are added, then trembles). When an actor has model
// logit with unpredictability > 0 in a draw, the draw plays the agent logit QRE of the typed
// and trembled tree (solve/tree_logit.h) at the precisions of the matrix Monte Carlo
// (lambda0 (1 - u) / (u R) for logit actors, kLogitBestResponse / R for the others): one
// profile, counted in qre_draws (qre_failures when the trace fails: "unsolved"). A tree whose
// typed and trembled form would exceed TreeLimits::max_nodes is refused (InputError).
//
// Selection (options.select): uniform over the reported subgame-perfect equilibria, from
// one uniform of the draw's play stream. payoff-dominant is applied to the equilibria's
// expected payoffs (strictly better for every player than every other SPE; a lone SPE
// qualifies); a draw without such an SPE falls back to uniform and counts in
// selection_fallbacks. risk-dominant and qre-limit are defined for normal forms only: every
// solved draw falls back to uniform and counts in selection_fallbacks.
//
// move_counts count each actor's moves actually played at its decision nodes on the
// realized path (trembles and an erratic type's moves included), so an actor that does not move on a path (a stage
// skipped, a branch without it) adds nothing and an actor's counts may sum to less than
// `solved`. Positions, outcome classes and payoffs are those of the leaf reached in the
// untrembled tree of the draw. fast_path is false and exact_solves counts SPE solves.
// Cost: draws x (build + transform + solve) when numbers vary; one solve and draws x walk
// when nothing does.
MonteCarloResult RunTreeMonteCarlo(const Scenario& scenario, const MonteCarloOptions& options);

// Whether a scenario's Monte Carlo is the tree Monte Carlo: a tree scenario, or one where some
// actor's unpredictability model is `resolute` (its private type makes every draw a tree:
// model::WithResoluteTypes).
bool NeedsTreeMonteCarlo(const Scenario& scenario);

}  // namespace sim::montecarlo
