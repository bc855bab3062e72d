// SPDX-License-Identifier: MIT
// Nash equilibria of 2-player game trees with chance and information sets (perfect recall)
// by Lemke's algorithm on the sequence form's linear complementarity problem (Koller,
// Megiddo & von Stengel 1996, Games Econ. Behav. 14; von Stengel 1996, Games Econ. Behav.
// 14). The LCP's dimension is the number of sequences plus information sets, linear in the
// tree, so games whose strategic form is astronomically large solve in milliseconds.
//
// Up to dimension 300 the path keeps a dense basis inverse with a lexicographic ratio test;
// above it, a sparse LU of the basis with eta updates (O(dimension + LU) per pivot, memory
// linear in the form) and a perturbation of q instead (sim/solve/sparse_lemke.h). There the
// path starts from the tracing procedure's covering vector (von Stengel, van den Elzen &
// Talman 2002, Econometrica 70: Lemke's path from a completely mixed prior), restarted from
// up to 6 random priors within 2 pivots per dimension each and ending early where the basis
// without z0 gives a plan the exact check certifies; then the all-ones cover with the rest of
// the budget; when all fail, the dense path is tried up to dimension 1,024. Every
// equilibrium it ends at is then made exact: its behaviour probabilities are rounded to the
// nearest fractions of small denominator and re-checked in rational arithmetic on the sequence form
// (CheckSequenceForm), and if that check fails the end basis is re-solved in rationals. An
// equilibrium is reported `exact` only when its regret is exactly 0.
//
// Several covering vectors (starting points of the path) may end at several equilibria:
// the list is never claimed exhaustive (status kPartial unless the caller asked for one).
#pragma once

#include <map>
#include <vector>

#include "sim/game/sequence_form.h"
#include "sim/game/strategic_form.h"
#include "sim/game/tree.h"
#include "sim/solve/solution.h"

namespace sim::solve {

struct SequenceLcpOptions {
  int starts = 1;               // covering vectors to try: the all-ones one, then pseudo-random
  int64_t max_pivots = 0;       // per path; 0 = 50 * dimension + 1000
  SequenceFormLimits limits;
};

// One equilibrium of the (sub)game: behaviour at the sets of the form (tree set ids; the
// other entries of `behaviour.actions` are empty), exact when certified.
struct SequenceEquilibrium {
  BehaviourProfile behaviour;            // sized to the tree's sets; only the form's filled
  // Per tree information set: the behaviour in rationals (empty outside the form); the
  // certified profile when exact_certified.
  std::vector<std::vector<Rational>> exact;
  Eigen::VectorXd payoffs;               // expected payoffs from the form's root
  double regret = 0.0;                   // Nash regret (exactly 0 when `exact`)
  bool exact_certified = false;
};

struct SequenceLcpResult {
  SolveStatus status = SolveStatus::kComplete;
  std::string message;
  std::vector<SequenceEquilibrium> equilibria;  // distinct ones, in the order found
  int64_t dimension = 0;
  int64_t pivots = 0;
  int sparse_paths = 0;  // paths that ended on the sparse LU (dimension above 300)
  int tracing_paths = 0;  // of those, the ones that ended on a tracing cover (a fallback)
};

// Equilibria of the subgame at `root` (whole tree by default; `frontier` as for
// ToSequenceForm). Sets the play of an equilibrium leaves unreached by the player's own
// moves are completed by a best response (counterfactual values, first action on ties).
// Throws sim::Error when the sequence form exceeds options.limits (the message gives the
// size). Cost per path: O(pivots x dimension x column nonzeros).
SequenceLcpResult SolveSequenceLcp(const GameTree& tree, GameTree::Node root,
                                   const std::map<GameTree::Node, Eigen::VectorXd>& frontier,
                                   const SequenceLcpOptions& options = {});

// The equilibrium that exact realisation plans of `form` (a tree's sequence form) describe:
// behaviour at every set the plans reach, a best response at the others (as above), its
// exact regret on the sequence form (exact_certified when 0).
SequenceEquilibrium EquilibriumFromPlans(const GameTree& tree, const SequenceForm& form,
                                         const ExactRealisationPlans& plans);

}  // namespace sim::solve
