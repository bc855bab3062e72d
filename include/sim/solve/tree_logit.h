// SPDX-License-Identifier: MIT
// Agent logit quantal response equilibria of game trees with any number of players
// (McKelvey & Palfrey 1998, "Quantal response equilibria for extensive form games",
// Experimental Economics 1:9-41), traced from lambda = 0 (uniform play) along the principal
// branch, and the branch's limit, polished and certified as a sequential equilibrium with its
// beliefs. The "logit" and "qre" methods on trees. Perfect recall assumed (GameTree::Check).
// Not here: the strategic-form QRE (solve/logit.h), other QRE families.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/game/strategic_form.h"
#include "sim/game/tree.h"
#include "sim/solve/solution.h"
#include "sim/solve/spe.h"

namespace sim::solve {

// An agent QRE: at every information set I of player i, the agent there plays action a with
// probability proportional to exp(lambda * w_i * U_I(a)), U_I(a) the expected payoff of a to
// player i given the beliefs at I (Bayes' rule from the profile itself: with every action
// played with positive probability every set is reached) and the profile's play afterwards.
struct AgentLogitPoint {
  double lambda = 0.0;
  BehaviourProfile profile;              // chance sets hold nature's probabilities
  std::vector<Eigen::VectorXd> beliefs;  // per set, over InfoSet::nodes
};

struct AgentLogitOptions {
  // >= 0: return the QRE of the branch at this lambda. < 0: trace towards infinity and
  // return the branch's limit.
  double target_lambda = -1.0;
  // Per player precision factors w_i (empty = all 1): heterogeneous precisions lambda * w_i.
  std::vector<double> weights;
  // Give up on the limit beyond lambda * (largest |payoff|) = max_scaled_lambda.
  double max_scaled_lambda = 1e10;
  int max_steps = 20000;
  // Regret (both kinds) accepted for the limit, relative to max(1, largest |payoff|).
  double tolerance = 1e-9;
  // Refuse trees whose Jacobian would exceed this many actions of players (dense K x K).
  int max_actions = 2000;
  // ... and trees where one Jacobian (actions x nodes x (players + 1) steps) exceeds this.
  double max_work = 2e8;
};

struct AgentLogitTrace {
  bool ok = false;      // target reached, or the limit certified within tolerance
  std::string message;  // what happened (always set)
  AgentLogitPoint end;  // the QRE at target_lambda, or the last point traced
  // target < 0: the limit. Its beliefs: Bayes' rule where the limit reaches a set, the last
  // traced QRE's beliefs elsewhere (the limit of consistent beliefs, approximated).
  std::optional<AgentLogitPoint> limit;
  double regret = 0.0;             // of the limit (or of `end` when there is none)
  double sequential_regret = 0.0;  // given its beliefs
  int steps = 0;
};

// Traces the principal agent logit branch. Unknowns: the log-probability v_Ia of every action
// of every player's set, and lambda. Equations, per set I of player i with actions 0..m-1:
//   sum_a exp(v_Ia) - 1 = 0,
//   v_Ia - v_I0 - lambda * w_i * (U_I(a) - U_I(0)) = 0   (a >= 1),
// with beliefs mu_I(x) = softmax over I's nodes of the log reach probabilities (sums of v
// and log chance probabilities along the path), so that beliefs stay defined where reach
// probabilities underflow. Predictor-corrector continuation as in solve/logit.h (tangent from
// a QR factorisation of the K x (K+1) Jacobian, Newton on the orthogonal hyperplane, adaptive
// steps; Allgower & Georg ch. 6). Jacobian columns by forward differentiation through the tree:
// O(K x nodes x players) per evaluation.
//
// The limit: whenever lambda * scale doubles past 4, the support (actions with probability at
// least 1e-7 of their set's largest) is polished by Newton (minimum-norm steps) on the
// indifference equations U_I(a) = U_I(a') among support actions, with Bayes beliefs where the
// support reaches a set and the traced QRE's beliefs elsewhere (where those fixed beliefs
// leave support actions unequal, only the best are kept: the limit's indifference there may
// need the limit's beliefs); the polish is accepted when its Nash regret (BehaviourRegret)
// and sequential regret (SequentialRegret) are within tolerance, it is within 1e-3 of the
// previous polish and within 0.05 of the QRE at the sets it reaches. If no
// polish is accepted by max_scaled_lambda, the last QRE point is checked instead and
// accepted when both regrets are within tolerance (a QRE at lambda has conditional regret at
// most (m-1)/(e lambda) per set).
AgentLogitTrace TraceAgentLogit(const GameTree& tree, const AgentLogitOptions& options = {});

// The solve report of a tree by agent QRE: one equilibrium (the limit, kind spe, labelled
// "qre-limit"), or with options.qre_lambda >= 0 the QRE at that lambda ("qre"); beliefs and
// both regrets filled in. Status kFailed (no equilibrium) when the trace fails; the message
// says why. `method` names the result ("logit" or "qre").
SpeResult SolveAgentLogit(const GameTree& tree, const SolveOptions& options,
                          const std::string& method = "logit");

// Registry entry point for trees ("logit", "qre"): SolveAgentLogit's summary.
SolveResult SolveTreeLogit(const GameTree& tree, const SolveOptions& options,
                           const OnEquilibrium& on_equilibrium);

}  // namespace sim::solve
