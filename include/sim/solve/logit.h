// SPDX-License-Identifier: MIT
// Logit quantal response equilibria (McKelvey & Palfrey 1995) of n-player normal-form games,
// traced along the principal branch from the centroid at lambda = 0 by predictor-corrector
// path following (Turocy 2005), and the branch's limit as lambda -> infinity, which is a
// Nash equilibrium: the "qre" method and, with Newton polishing, the "logit" global n-player
// Nash method. Other QRE families (probit, heterogeneous) and other branches are not traced.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/game/normal_form.h"
#include "sim/game/profile.h"
#include "sim/solve/solution.h"

namespace sim::solve {

// A logit QRE: every player i plays strategy j with probability proportional to
// exp(lambda * u_i(j, p_{-i})). lambda is in the game's payoff units (1/payoff).
struct LogitPoint {
  double lambda = 0.0;
  MixedProfile profile;
};

struct LogitTraceOptions {
  // >= 0: stop at the first point of the branch with this lambda and return the QRE there.
  // < 0: follow the branch towards lambda = infinity and return its limit.
  double target_lambda = -1.0;
  // Give up on the limit beyond lambda * (largest |payoff|) = max_scaled_lambda.
  double max_scaled_lambda = 1e10;
  int max_steps = 20000;
  // Regret accepted for the polished limit, relative to max(1, largest |payoff|).
  double tolerance = 1e-9;
  bool record_path = false;  // keep every accepted point in LogitTrace::path
};

struct LogitTrace {
  bool ok = false;               // target reached, or the limit found within tolerance
  std::string message;           // what happened (always set)
  LogitPoint end;                // QRE at target_lambda, or the last point traced
  std::optional<MixedProfile> limit;  // target < 0: the branch's Nash limit (polished)
  int steps = 0;                 // accepted predictor-corrector steps
  std::vector<LogitPoint> path;  // with record_path: the accepted points, lambda order of travel
};

// Traces the principal logit branch. The unknowns are log-probabilities v and lambda; the
// K equations (K = total number of strategies) are, for each player i,
//   v_ij - v_i0 - lambda * (u_i(j, p_{-i}) - u_i(0, p_{-i})) = 0   (j >= 1),
//   sum_j exp(v_ij) - 1 = 0,
// whose solution set near the centroid is a curve (x(s), lambda(s)). Each step predicts
// along the tangent (the null vector of the K x (K+1) Jacobian, from a QR factorisation)
// and corrects by Newton on the hyperplane orthogonal to it; step length adapts to the
// corrector's first step, its contraction rate and the turn of the tangent (Allgower &
// Georg, Introduction to Numerical Continuation Methods, ch. 6). Log-probabilities keep
// the strategies that the limit drops (probability ~ exp(-lambda * gap)) well-conditioned.
//
// For the limit, whenever lambda * scale doubles past 4 the current point's support
// (strategies with probability >= 1e-7 of the player's largest) is polished by Newton on
// its indifference equations; the limit is accepted when its regret is within tolerance, the
// QRE is within 0.05 of it and the previous polish was within 1e-3 of it (degenerate games
// with a continuum of equilibria give polishes that drift along the continuum as lambda grows). Any QRE at lambda is an
// epsilon-equilibrium with epsilon <= (k_max - 1) / (e * lambda) (k_max: most strategies of a
// player), so `end` is always a usable approximation even where polishing fails.
// Cost per step: O(num_profiles * n^2 + K^3).
LogitTrace TraceLogitBranch(const NormalFormGame& game, const LogitTraceOptions& options = {});

// Registry "qre". With options.qre_lambda >= 0: the logit QRE at that lambda on the
// principal branch (one Equilibrium labelled "qre", its regret reported, which is not 0: a
// QRE is not a Nash equilibrium). With qre_lambda < 0: the branch's limit, a Nash
// equilibrium labelled "qre-limit". Status kFailed when the branch could not be followed.
SolveResult SolveLogitQre(const NormalFormGame& game, const SolveOptions& options = {},
                          const OnEquilibrium& on_equilibrium = {});

// Registry "logit": one Nash equilibrium of any n-player game, the limit of the logit
// branch polished to full precision (label "qre-limit").
//
// Why this global method rather than simplicial subdivision or the global Newton method:
// the logit branch is a homotopy from a unique, trivially known start (the centroid) that
// for generic games is a smooth curve ending at a Nash equilibrium (McKelvey & Palfrey 1995,
// Thm 1; Turocy 2005), so a standard smooth continuation with Newton correction follows
// it in tens of steps whatever the number of players, and every point on it carries an
// explicit epsilon bound; the limit's support then gives an exact square system whose
// Newton polish reaches regret ~1e-15. Simplicial subdivision needs grids refined as
// 1/epsilon with work exponential in the dimension, and the global Newton method needs a
// perturbation ray and extra care at its own singularities, for no gain in reliability here.
// On degenerate games where polishing fails, the branch of a slightly perturbed game
// (payoffs moved by ~1e-6 of their scale, fixed seed) is traced and its limit's support
// polished on the original game; if that fails too, the best traced point is returned with
// its regret and status kPartial.
SolveResult SolveLogitNash(const NormalFormGame& game, const SolveOptions& options = {},
                           const OnEquilibrium& on_equilibrium = {});

}  // namespace sim::solve
