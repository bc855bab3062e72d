// SPDX-License-Identifier: MIT
// The fixed-seed random bimatrix games of the solver benchmarks: integer payoffs uniform in
// 0..99 for both players (as lrsnash's and Gambit's random-game generators do), drawn with
// std::mt19937 in NormalFormGame profile order.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "sim/game/normal_form.h"

namespace sim::bench {

inline NormalFormGame RandomBimatrix(int size, unsigned seed) {
  std::vector<std::string> names;
  for (int i = 0; i < size; ++i) names.push_back(std::to_string(i + 1));
  NormalFormGame g({"1", "2"}, {names, names},
                   "random " + std::to_string(size) + "x" + std::to_string(size) + " seed " +
                       std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> payoff(0, 99);
  for (int64_t k = 0; k < g.num_profiles(); ++k) {
    g.set_payoff(k, 0, payoff(rng));
    g.set_payoff(k, 1, payoff(rng));
  }
  return g;
}

}  // namespace sim::bench
