// SPDX-License-Identifier: MIT
// Test helper: the reference set of extreme equilibria from lrsnash (Debian package lrslib,
// exact arithmetic), and our own set in the same canonical form, for set comparisons.
#pragma once

#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/rational.h"
#include "sim/game/normal_form.h"
#include "sim/solve/bimatrix_enum.h"

namespace sim::testing {

// "p1,p2,...|q1,q2,..." with canonical rationals.
using EquilibriumKey = std::string;

inline std::string JoinRationals(const std::vector<Rational>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + RationalToString(v[i]);
  return out;
}

inline std::set<EquilibriumKey> KeysOf(const solve::BimatrixEnumeration& e) {
  std::set<EquilibriumKey> keys;
  for (const solve::ExtremeEquilibrium& eq : e.equilibria) {
    keys.insert(JoinRationals(e.points[0][eq.x]) + "|" + JoinRationals(e.points[1][eq.y]));
  }
  return keys;
}

// Parses lrsnash's output: each block lists player-2 strategies ("2 ...") then player-1
// strategies ("1 ..."); every pairing in a block is an equilibrium.
inline std::set<EquilibriumKey> ParseLrsnashOutput(const std::string& output, int m, int n) {
  std::set<EquilibriumKey> keys;
  std::vector<std::string> xs, ys;
  auto flush = [&]() {
    for (const std::string& x : xs)
      for (const std::string& y : ys) keys.insert(x + "|" + y);
    xs.clear();
    ys.clear();
  };
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string player;
    if (!(words >> player) || (player != "1" && player != "2")) {
      if (!xs.empty() && !ys.empty()) flush();
      continue;
    }
    if (player == "2" && !xs.empty()) flush();
    const int size = player == "1" ? m : n;
    std::vector<Rational> v;
    std::string word;
    for (int k = 0; k < size && words >> word; ++k) v.push_back(*ParseRational(word));
    (player == "1" ? xs : ys).push_back(JoinRationals(v));
  }
  if (!xs.empty() && !ys.empty()) flush();
  return keys;
}

inline bool LrsnashAvailable() { return access("/usr/bin/lrsnash", X_OK) == 0; }

// lrsnash's input format: "m n", a blank line, A, a blank line, B (exact rationals).
inline std::string LrsnashInput(const NormalFormGame& game) {
  const int m = game.num_strategies(0), n = game.num_strategies(1);
  std::ostringstream out;
  out << m << " " << n << "\n\n";
  for (int p = 0; p < 2; ++p) {
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) {
        out << RationalToString(game.exact_payoff(i * game.stride(0) + j * game.stride(1), p))
            << (j + 1 < n ? " " : "\n");
      }
    }
    out << "\n";
  }
  return out.str();
}

// Writes the game to a temporary file, runs lrsnash on it and parses its output.
inline std::optional<std::set<EquilibriumKey>> LrsnashEquilibria(const NormalFormGame& game) {
  const int m = game.num_strategies(0), n = game.num_strategies(1);
  char path[] = "/tmp/sim_lrsnash_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return std::nullopt;
  close(fd);
  std::ofstream(path) << LrsnashInput(game);
  std::string command = std::string("/usr/bin/lrsnash ") + path + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string output;
  std::array<char, 4096> buffer;
  while (size_t got = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), got);
  pclose(pipe);
  unlink(path);

  return ParseLrsnashOutput(output, m, n);
}

}  // namespace sim::testing
