// SPDX-License-Identifier: MIT
// The n-player normal-form (strategic) game: players, their pure strategies and a payoff
// for every player at every pure profile. This is the game every simultaneous solver reads.
// It knows nothing of scenarios (actors, issues): model/ translates those into this type.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/core/rational.h"

namespace sim {

// Static facts about a game that decide which solvers apply (see solve/registry.h).
struct GameTraits {
  int num_players = 0;
  bool sequential = false;          // a game tree rather than a strategic form
  bool perfect_information = true;  // trees: every information set is a single node
  bool has_chance = false;          // trees: nature moves somewhere
  bool constant_sum = false;        // payoffs add up to the same total at every profile
  std::vector<int> num_strategies;  // strategic forms: per player (empty for trees)
};

// A pure profile: one strategy index per player, player order.
using PureProfile = std::vector<int>;

// A strategic game with dense payoffs.
//
// Profiles are numbered in Gambit's order: player 0's strategy changes fastest (an
// odometer whose least significant digit is player 0). With that numbering, player p's
// payoffs in a 2-player game, seen as an m x n column-major matrix, are exactly the usual
// bimatrix with rows = player 0's strategies: see PayoffMatrix().
//
// Storage is an Eigen matrix with one row per profile and one column per player, so the
// memory is num_profiles * num_players doubles; callers bound num_profiles (the scenario
// limit, 10^7 by default) before constructing one.
class NormalFormGame {
 public:
  NormalFormGame() = default;
  // All payoffs start at 0. Every player needs at least one strategy; names must be
  // non-empty (checked with SIM_CHECK: callers validate user input first).
  NormalFormGame(std::vector<std::string> players,
                 std::vector<std::vector<std::string>> strategies, std::string title = {});

  const std::string& title() const { return title_; }
  void set_title(std::string title) { title_ = std::move(title); }

  int num_players() const { return static_cast<int>(players_.size()); }
  int num_strategies(int player) const { return shape_[player]; }
  const std::vector<int>& shape() const { return shape_; }
  int64_t num_profiles() const { return num_profiles_; }

  const std::string& player_name(int player) const { return players_[player]; }
  const std::vector<std::string>& player_names() const { return players_; }
  const std::string& strategy_name(int player, int strategy) const {
    return strategies_[player][strategy];
  }
  const std::vector<std::string>& strategy_names(int player) const { return strategies_[player]; }

  // Index of a pure profile (Gambit order) and back. stride(p) is the index step when
  // player p's strategy increases by one.
  int64_t ProfileIndex(std::span<const int> profile) const;
  PureProfile ProfileAt(int64_t index) const;
  int64_t stride(int player) const { return strides_[player]; }

  double payoff(int64_t profile, int player) const { return payoffs_(profile, player); }
  // Sets the payoff; the exact value becomes that of the double.
  void set_payoff(int64_t profile, int player, double value);

  // Exact payoffs. A game read from a file keeps the numbers as written (3/2, .5, 1e1) via
  // set_exact_payoff; otherwise the exact payoff is the exact value of the stored double.
  // If the double was changed behind the exact value's back (mutable_payoffs()), the
  // double wins: exact_payoff() returns a value whose nearest double is payoff().
  // has_exact_payoffs() is true once some payoff was set to a value that no double equals
  // (1/3, 0.1); until then the doubles are the exact values and nothing else is stored.
  bool has_exact_payoffs() const { return !exact_.empty(); }
  Rational exact_payoff(int64_t profile, int player) const;
  // Sets the exact value and the double nearest to it. The first value that is not a double
  // allocates exact storage for every payoff (num_profiles * num_players rationals).
  void set_exact_payoff(int64_t profile, int player, const Rational& value);
  // Rows = profiles (Gambit order), columns = players.
  const Eigen::MatrixXd& payoffs() const { return payoffs_; }
  Eigen::MatrixXd& mutable_payoffs() { return payoffs_; }

  // 2-player games only: player p's payoffs as a matrix with rows = player 0's strategies
  // and columns = player 1's strategies.
  Eigen::MatrixXd PayoffMatrix(int player) const;

  GameTraits traits() const;

 private:
  std::string title_;
  std::vector<std::string> players_;
  std::vector<std::vector<std::string>> strategies_;
  std::vector<int> shape_;
  std::vector<int64_t> strides_;
  int64_t num_profiles_ = 0;
  Eigen::MatrixXd payoffs_;
  std::vector<Rational> exact_;  // empty, or column-major like payoffs_
};

// Number of pure profiles of a game with these strategy counts, or -1 if it exceeds
// `limit` (computed without overflow, so it is safe on hostile input).
int64_t CountProfiles(std::span<const int> shape, int64_t limit);

}  // namespace sim
