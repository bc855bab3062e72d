// SPDX-License-Identifier: MIT
// Small games shared by the n-player solver tests, each built directly (no file I/O).
#pragma once

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "sim/game/normal_form.h"

namespace sim::solve::testing {

// A 2-player game from a row-major table of (row payoff, column payoff) pairs.
inline NormalFormGame Bimatrix(int rows, int cols,
                               const std::vector<std::pair<double, double>>& row_major) {
  std::vector<std::string> r, c;
  for (int i = 0; i < rows; ++i) r.push_back(std::to_string(i + 1));
  for (int j = 0; j < cols; ++j) c.push_back(std::to_string(j + 1));
  NormalFormGame g({"row", "col"}, {r, c});
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      const int64_t index = g.ProfileIndex(std::vector<int>{i, j});
      g.set_payoff(index, 0, row_major[i * cols + j].first);
      g.set_payoff(index, 1, row_major[i * cols + j].second);
    }
  }
  return g;
}

// A game of the given shape whose payoffs are listed in Gambit order (player 0 fastest),
// one payoff per player per profile, as in the payoff version of a .nfg file.
inline NormalFormGame FromGambitOrder(const std::vector<int>& shape,
                                      const std::vector<double>& payoffs) {
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  for (size_t p = 0; p < shape.size(); ++p) {
    players.push_back("p" + std::to_string(p + 1));
    std::vector<std::string> s;
    for (int k = 0; k < shape[p]; ++k) s.push_back(std::to_string(k + 1));
    strategies.push_back(s);
  }
  NormalFormGame g(players, strategies);
  size_t next = 0;
  for (int64_t r = 0; r < g.num_profiles(); ++r) {
    for (int p = 0; p < g.num_players(); ++p) g.set_payoff(r, p, payoffs.at(next++));
  }
  return g;
}

// Payoffs drawn uniformly from {0, ..., 9} (ties likely) or from [0, 1) (generic).
inline NormalFormGame RandomGame(const std::vector<int>& shape, unsigned seed, bool integer) {
  std::vector<double> payoffs;
  int64_t profiles = 1;
  for (int k : shape) profiles *= k;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_real_distribution<double> real(0.0, 1.0);
  for (int64_t i = 0; i < profiles * static_cast<int64_t>(shape.size()); ++i) {
    payoffs.push_back(integer ? digit(rng) : real(rng));
  }
  return FromGambitOrder(shape, payoffs);
}

// McKelvey & McLennan (1997), "The maximal number of regular totally mixed Nash
// equilibria", J. Econ. Theory 72(2): 411-425: a 2x2x2 game with 9 Nash equilibria, two of
// them totally mixed. Payoffs as in Gambit's contrib/games/2x2x2.nfg (outcomes 1..8 in
// Gambit order: 111, 211, 121, 221, 112, 212, 122, 222).
inline NormalFormGame McKelveyMcLennan222() {
  return FromGambitOrder({2, 2, 2}, {9, 8, 12, 0, 0, 0, 0, 0, 0, 9, 8, 2,
                                     0, 0, 0, 3, 4, 6, 3, 4, 6, 0, 0, 0});
}

// Jordan (1993), "Three problems in learning mixed-strategy Nash equilibria", GEB 5:
// three-player matching pennies. Player 1 wants to match player 2, player 2 to match
// player 3, player 3 to mismatch player 1 (payoff 1 on success, 0 otherwise). Its unique
// Nash equilibrium has every player mixing 1/2-1/2.
inline NormalFormGame JordanPennies() {
  std::vector<double> payoffs;
  for (int s3 = 0; s3 < 2; ++s3) {
    for (int s2 = 0; s2 < 2; ++s2) {
      for (int s1 = 0; s1 < 2; ++s1) {
        payoffs.push_back(s1 == s2 ? 1 : 0);
        payoffs.push_back(s2 == s3 ? 1 : 0);
        payoffs.push_back(s3 != s1 ? 1 : 0);
      }
    }
  }
  return FromGambitOrder({2, 2, 2}, payoffs);
}

}  // namespace sim::solve::testing
