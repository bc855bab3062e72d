// SPDX-License-Identifier: MIT
// Private: the integer form of a bimatrix game that the exact 2-player methods pivot on.
#pragma once

#include <gmpxx.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/core/rational.h"
#include "sim/game/normal_form.h"
#include "sim/solve/tableau.h"

namespace sim::solve::detail {

// A and B (row-major, m x n) scaled to integers and shifted so every entry is >= 1. A
// positive scale and a shift of one player's payoffs do not change the best responses, so
// the equilibria are those of the game.
struct IntegerBimatrix {
  int m = 0, n = 0;
  std::vector<mpz_class> a, b;
};

inline std::vector<mpz_class> ToPositiveIntegers(const NormalFormGame& game, int player) {
  const int m = game.num_strategies(0), n = game.num_strategies(1);
  std::vector<Rational> exact(static_cast<size_t>(m) * n);
  mpz_class lcm = 1;
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      Rational& v = exact[static_cast<size_t>(i) * n + j];
      v = game.exact_payoff(i * game.stride(0) + j * game.stride(1), player);
      mpz_lcm(lcm.get_mpz_t(), lcm.get_mpz_t(), v.get_den_mpz_t());
    }
  }
  std::vector<mpz_class> out(exact.size());
  mpz_class lowest;
  for (size_t k = 0; k < exact.size(); ++k) {
    out[k] = exact[k].get_num() * (lcm / exact[k].get_den());
    if (k == 0 || out[k] < lowest) lowest = out[k];
  }
  for (mpz_class& v : out) v = v - lowest + 1;
  return out;
}

inline IntegerBimatrix ToIntegerBimatrix(const NormalFormGame& game) {
  IntegerBimatrix g;
  g.m = game.num_strategies(0);
  g.n = game.num_strategies(1);
  g.a = ToPositiveIntegers(game, 0);
  g.b = ToPositiveIntegers(game, 1);
  return g;
}

// Converts to a machine integer type when every entry fits with room to spare (|v| < 2^62
// or 2^126), so the first pivots cannot overflow silently; false otherwise.
template <typename T>
bool Narrow(const std::vector<mpz_class>& in, std::vector<T>* out) {
  const int bits = sizeof(T) * 8 - 2;
  out->resize(in.size());
  for (size_t k = 0; k < in.size(); ++k) {
    if (mpz_sizeinbase(in[k].get_mpz_t(), 2) > static_cast<size_t>(bits)) return false;
    if constexpr (sizeof(T) == 8) {
      (*out)[k] = static_cast<T>(in[k].get_si());
    } else {
      mpz_class hi = in[k] >> 64;
      mpz_class lo = in[k] - (hi << 64);
      (*out)[k] = (static_cast<T>(hi.get_si()) << 64) + static_cast<T>(lo.get_ui());
    }
  }
  return true;
}

template <>
inline bool Narrow<mpz_class>(const std::vector<mpz_class>& in, std::vector<mpz_class>* out) {
  *out = in;
  return true;
}

// log2 of Hadamard's bound on every subdeterminant that integer pivoting on  M z + s = 1
// (M k x d, entries in `m`) can produce: r = min(k, d + 1) columns of norm at most
// sqrt(r) * max|entry|. Below 61 bits, 64-bit pivoting cannot overflow.
inline double HadamardBits(const std::vector<mpz_class>& m, int k, int d) {
  size_t bits = 1;
  for (const mpz_class& v : m) bits = std::max(bits, mpz_sizeinbase(v.get_mpz_t(), 2));
  const double r = std::min(k, d + 1);
  return r * (static_cast<double>(bits) + 0.5 * std::log2(std::max(r, 1.0)));
}

// The transpose of a row-major rows x cols matrix.
template <typename T>
std::vector<T> Transpose(const std::vector<T>& in, int rows, int cols) {
  std::vector<T> out(in.size());
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      out[static_cast<size_t>(j) * rows + i] = in[static_cast<size_t>(i) * cols + j];
    }
  }
  return out;
}

}  // namespace sim::solve::detail
