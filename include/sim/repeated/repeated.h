// SPDX-License-Identifier: MIT
// The infinitely repeated stage game with noise (simulate repeated): strategies are finite
// automata over the stage's moves; every round each player trembles with its
// unpredictability u (with probability u its move is uniform over all its moves, as in the
// one-shot tremble model), and everyone sees the trembled profile. A profile of automata is
// then a Markov chain over joint automaton states, and everything here is exact linear
// algebra over that chain (Eigen): values, the one-shot deviation check, the critical
// discount. Monte Carlo play is offered only as a cross-check. No scenario words here: the
// translation from a scenario's `repeated:` block is repeated/build.h.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/game/normal_form.h"

namespace sim::repeated {

// A possible next state of an automaton and its probability (generous tit-for-tat forgives
// at random; every other built-in is deterministic).
struct Branch {
  int state = 0;
  double probability = 1.0;
};

// A finite automaton strategy of one player: a move per state, and for every state and
// every observed stage profile (NormalFormGame index) a distribution over next states.
struct Automaton {
  std::string name;
  int start = 0;
  std::vector<int> move;                  // per state: the intended stage move
  std::vector<std::string> state_names;   // per state, for reports
  int64_t num_profiles = 0;               // the stage's
  std::vector<std::vector<Branch>> next;  // [state * num_profiles + profile]

  int num_states() const { return static_cast<int>(move.size()); }
  const std::vector<Branch>& Next(int state, int64_t profile) const {
    return next[static_cast<size_t>(state * num_profiles + profile)];
  }
};

// The repeated game: a stage, each player's tremble, and the strategies compared, each as
// an automaton for every seat (a strategy such as tft reads "the other's move", so its
// automaton depends on which player plays it).
struct RepeatedGame {
  NormalFormGame stage;
  std::vector<double> unpredictability;        // per player, in [0, 1]
  std::vector<std::string> strategy_names;     // the strategies compared, in order
  std::vector<std::vector<Automaton>> automata;  // [strategy][player]

  int num_strategies() const { return static_cast<int>(strategy_names.size()); }
};

// Largest number of joint automaton states reachable in one profile (the chain's size).
inline constexpr int kMaxJointStates = 4096;

struct AnalysisOptions {
  double discount = 0.9;     // delta in [0, 1)
  bool critical = true;      // also find the critical discount (a scan plus bisection)
  // A deviation gains when Q - V > tolerance * R, Q and V normalised by (1 - delta), R the
  // stage's payoff range (1 when every payoff is equal).
  double tolerance = 1e-11;
  int scan_points = 200;     // the critical discount's grid: k / scan_points, k = 0..N-1, plus
                             // 1 - 10^-p for p = 3..6 and the discount itself
  int bisections = 60;       // halvings of the bracket found by the scan
};

// One profile of strategies (a "pair" for two players), analysed.
struct PairAnalysis {
  std::vector<int> profile;    // strategy index per player
  std::vector<double> values;  // per player: (1 - delta) sum_t delta^t E u_t from the start
  bool equilibrium = false;    // subgame perfect at the discount (one-shot deviation check)
  double max_gain = 0;         // largest normalised one-shot deviation gain found
  std::optional<double> critical_discount;  // smallest delta in [0, 1) at which it is one
  int joint_states = 0;        // joint states reachable after some history
};

// Analyses one profile. Values: the joint states reachable from the start after some
// history (any stage profile can be observed: trembles give every profile positive
// probability when u > 0) form a closed chain with transition matrix P and expected stage
// payoffs r; the normalised values solve (I - delta P) V = (1 - delta) r (one LU).
// Equilibrium: at every such state, for every player and every intended stage move b,
//   Q(b) = sum_a Pr(a | b intended) [(1 - delta) u(a) + delta E V(next)] <= V + tolerance,
// the deviation trembling like any move (the convention of scenarios/README.md). By the
// one-shot deviation principle (discounting, finite states) this is subgame perfection.
// Critical discount: the condition is piecewise rational in delta; the grid of
// AnalysisOptions is scanned for the first delta where it holds, then the bracket below it
// is bisected. An interval of equilibrium narrower than the grid spacing that holds no grid
// point is missed (documented). Throws sim::Error when more than kMaxJointStates joint
// states are reachable. Cost: O(J^3 + J * A * n * m) per delta, J joint states, A profiles.
PairAnalysis AnalysePair(const RepeatedGame& game, std::span<const int> profile,
                         const AnalysisOptions& options);

// Every profile of strategies (num_strategies^players of them), in odometer order with the
// first player's strategy changing fastest.
std::vector<PairAnalysis> AnalyseAll(const RepeatedGame& game, const AnalysisOptions& options);

// Values only (no deviation check, no scan): the tournament's exact scores.
std::vector<double> PairValues(const RepeatedGame& game, std::span<const int> profile,
                               double discount);

// Axelrod's round robin: a strategy's score is its mean value over every seat and every
// profile of the others' strategies (self-play included), from AnalyseAll's rows.
struct TournamentRow {
  int strategy = 0;
  double score = 0;
  int rank = 0;  // 1 = best; ties share the better rank
};
std::vector<TournamentRow> Tournament(const RepeatedGame& game,
                                      const std::vector<PairAnalysis>& rows);

// Monte Carlo play of one profile: `plays` independent plays of `rounds` rounds, each
// player's realised value (1 - delta) sum_{t < rounds} delta^t u_t. The truncation bias is
// at most delta^rounds * max|u|. Reproducible: play k uses montecarlo::Stream(seed, k, slot).
struct SimulatedValues {
  std::vector<double> mean;       // per player
  std::vector<double> std_error;  // per player: sample standard deviation / sqrt(plays)
  int64_t plays = 0;
  int rounds = 0;
};
SimulatedValues SimulatePair(const RepeatedGame& game, std::span<const int> profile,
                             double discount, int64_t plays, uint64_t seed, uint64_t slot);

// Rounds after which delta^rounds <= 1e-12 (at least 1, at most 10^7).
int TruncationRounds(double discount);

}  // namespace sim::repeated
