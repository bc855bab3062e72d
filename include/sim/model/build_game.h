// SPDX-License-Identifier: MIT
// The one translation from scenario words (actors, issues, moves) to game words (players,
// strategies, payoffs). For a simultaneous scenario every actor is a player, its moves are
// its strategies, and each pure profile of moves gives an outcome: the issue positions after
// all effects, and every actor's utility there.
//
// Utility (stated here and in scenarios/README.md):
//   x_k      = clamp(status_quo_k + sum of the deltas of every effect that applies, 0, 1)
//   U_a(x,m) = - sum_k s_ak * (x_k - ideal_ak)^2       quadratic salience-weighted loss
//              - cost of a's own move
//              + sum of a's terms whose `when` holds at (x, m)
// With a direct payoff table the table's numbers are the utilities and x = status quo.
#pragma once

#include <Eigen/Core>
#include <span>
#include <string>
#include <vector>

#include "sim/game/normal_form.h"
#include "sim/game/profile.h"
#include "sim/scenario/scenario.h"

namespace sim::model {

// A scenario's normal form plus what each profile means in scenario words.
struct DerivedGame {
  NormalFormGame game;              // players = actors, strategies = moves
  Eigen::MatrixXd positions;        // rows = profiles (game order), cols = issues
  std::vector<int> outcome_class;   // per profile: index into outcome_names
  std::vector<std::string> outcome_names;  // the scenario's classes, then "other"
  std::vector<std::string> issue_names;    // column names of `positions`
};

// Name used for profiles no outcome class matches.
inline constexpr const char* kOtherOutcome = "other";

// Derives the game. The scenario must be valid (LoadScenario checked it, including the
// profile limit). Throws InputError (located at the actor) when a utility overflows to
// +/-inf, e.g. costs near 1e308 that add up past the largest double: every payoff of the
// result is finite. Cost: O(profiles * (issues * actors + effects)).
DerivedGame BuildGame(const Scenario& scenario);

// Issue positions after the moves `moves` (one per actor), clamped to [0, 1].
std::vector<double> Positions(const Scenario& scenario, std::span<const int> moves);

// The same, written into `x` (size = number of issues) without allocating: the form the
// Monte Carlo's re-derivation (model/rederive.h) calls once per profile and draw.
void PositionsInto(const Scenario& scenario, std::span<const int> moves, std::span<double> x);

// Utility of `actor` at positions `x` after `moves`, by the formula above.
double Utility(const Scenario& scenario, int actor, std::span<const double> x,
               std::span<const int> moves);

// Index into outcome_names of the first class whose predicate holds.
int ClassifyOutcome(const Scenario& scenario, std::span<const double> x,
                    std::span<const int> moves);

}  // namespace sim::model

namespace sim::model {

// What a (mixed) strategy profile means in scenario words: the probability of each outcome
// class and the expected issue positions, summed over the pure profiles it puts weight on.
struct ProfileMeaning {
  std::vector<double> outcome_probability;  // indexed like DerivedGame::outcome_names
  Eigen::VectorXd expected_positions;       // one per issue
  int modal_outcome = 0;                    // most probable class (lowest index on ties)
};

// Cost: O(profiles in the support * (players + issues)).
ProfileMeaning DescribeProfile(const DerivedGame& derived, const MixedProfile& profile);

}  // namespace sim::model
