// SPDX-License-Identifier: MIT
// Why each equilibrium holds (issue 13): for every equilibrium of a simultaneous scenario,
// each player's best deviation and what it would lose by making it (its incentive margin),
// the weakest margin, and the judgement number that moves that margin most. Numbers are
// computed, words come from the scenario's own ids and descriptions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/solve/solution.h"

namespace sim::robustness {

struct PlayerIncentive {
  int actor = -1;
  std::vector<int> support;        // moves played with positive probability
  std::vector<double> probability;  // their probabilities
  int deviation = -1;              // best move outside the support; -1 when it plays them all
  double margin = 0;               // payoff of the equilibrium minus that of the deviation
};

struct Lever {
  std::string path;                 // the ranged number that moves the weakest margin most
  double derivative = 0;            // d margin / d number, at the base (central difference)
  double low = 0, high = 0;         // its range
  std::optional<double> breaks_at;  // where the margin reaches 0 at that rate, inside the range
};

struct EquilibriumWhy {
  std::string profile;                  // "usa.partial_relief + russia.deescalate_syria"
  std::string outcome;                  // the outcome class it "is"
  std::vector<PlayerIncentive> players;
  int weakest = -1;                     // index into players (a player with a deviation)
  std::string sentence;                 // the weakest margin in plain words
  std::optional<Lever> lever;
};

struct WhyReport {
  std::vector<EquilibriumWhy> equilibria;
};

// The equilibria `simulate SCENARIO` reports (solve::SolveWithDefaults on the derived game,
// or those given),
// each explained. Simultaneous scenarios only (empty for trees). The levers range over
// RangedNumbers(scenario) (the ranges block, else the built-in default rule).
// `equilibria`: the report's own (e.g. from `solve --method`), instead of the defaults'.
WhyReport ExplainEquilibria(const Scenario& scenario,
                            const std::vector<solve::Equilibrium>* equilibria = nullptr);

// Formats (the table section and the JSON value of `simulate SCENARIO`).
std::string WhyTable(const WhyReport& report);
std::string WhyJson(const WhyReport& report);

}  // namespace sim::robustness
