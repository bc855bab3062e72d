// SPDX-License-Identifier: MIT
// Why each equilibrium of a game tree holds (issue 13, item 4, for sequential scenarios):
// for every reported equilibrium, every player and every one of its information sets, on
// the path and off it, what the equilibrium plays there and what the best other move would
// give instead, given the beliefs at the set (Bayes' rule on the path; off it the
// tremble limit of solve/assessment.h, the beliefs that make the equilibrium sequential).
// A deviation that does not pay has a margin >= 0; the weakest margin is said in words.
// Values are the mover's payoff from the set on (what its earlier moves gave is the same for
// every move there, so it is left out, as in solve/beliefs.h).
// The lever, as for simultaneous games (why.h): the ranged number that moves the weakest
// margin most, by central differences on the tree rebuilt with that number moved, the
// equilibrium's behaviour and the weakest set's deviation held fixed, beliefs by Bayes' rule
// where the moved tree's play reaches the set and the assessment's off the path; the largest
// |derivative| x the number's range wins (file order on ties).
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

#include "sim/game/tree.h"
#include "sim/robustness/why.h"
#include "sim/scenario/scenario.h"
#include "sim/solve/spe.h"

namespace sim::robustness {

struct SetIncentive {
  int infoset = -1;
  int player = -1;
  bool on_path = false;          // some member is reached with positive probability
  bool checked = false;          // beliefs are known there, so the values below are
  Eigen::VectorXd belief;        // over InfoSet::nodes (empty: no beliefs known there)
  std::vector<int> support;      // actions played with positive probability
  std::vector<double> probability;
  double value = 0;              // the equilibrium's play there, given the belief
  int deviation = -1;            // best action outside the support; -1 when all are played
  double deviation_value = 0;    // what that action gives, given the belief
  double margin = 0;             // value - deviation_value (>= 0 in an equilibrium)
};

struct TreeEquilibriumWhy {
  std::vector<SetIncentive> sets;  // players in order, each player's sets ascending
  int weakest = -1;                // index into sets: the smallest margin (on the path first on ties)
  std::string sentence;            // the weakest margin in plain words
  std::optional<Lever> lever;      // with a scenario whose tree has ranged numbers
};

struct TreeWhyReport {
  std::vector<TreeEquilibriumWhy> equilibria;  // as result.equilibria
};

// Explains result.equilibria of `tree`. `scenario` (may be null) gives the moves'
// descriptions for the sentence and, when `tree` is model::BuildSequentialGame(*scenario),
// the levers over RangedNumbers(*scenario). O(numbers x equilibria x nodes x players).
TreeWhyReport ExplainTreeEquilibria(const GameTree& tree, const solve::SpeResult& result,
                                    const Scenario* scenario = nullptr);

// The table section and the JSON value ("why") of a tree report.
std::string TreeWhyTable(const GameTree& tree, const TreeWhyReport& report);
std::string TreeWhyJson(const GameTree& tree, const TreeWhyReport& report);

}  // namespace sim::robustness
