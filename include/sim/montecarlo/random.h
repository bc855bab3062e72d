// SPDX-License-Identifier: MIT
// Reproducible random numbers for the Monte Carlo: a counter-based family of streams where
// the stream of (seed, draw, slot) depends on those three numbers only — not on the thread
// that runs the draw nor on what other draws consumed — and samplers written here (not
// libstdc++'s <random> distributions, whose algorithms are implementation-defined), so a
// seed gives the same numbers with any thread count and any standard library.
#pragma once

#include <cstdint>

#include "sim/scenario/uncertainty.h"

namespace sim::montecarlo {

// splitmix64 (Steele, Lea & Flood 2014): a bijective 64-bit mixer, used to expand a key
// into generator state.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna 2018) seeded from the key (seed, draw, slot) through
// splitmix64. Each (seed, draw, slot) is its own stream; draws use one slot per sampled
// number, so changing one number's distribution does not shift the others' values.
class Stream {
 public:
  Stream(uint64_t seed, uint64_t draw, uint64_t slot) {
    uint64_t key = seed;
    key = SplitMix64(key) ^ draw;
    key = SplitMix64(key) ^ slot;
    for (uint64_t& word : s_) word = SplitMix64(key);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform on the open interval (0, 1): safe for log().
  double OpenUniform() { return (static_cast<double>(Next() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform integer in [0, n), 0 < n < 2^31 (Lemire's multiply-shift on the top 32 bits;
  // the bias is below n / 2^32, negligible for numbers of moves).
  int Below(int n) {
    return static_cast<int>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Standard normal variate (Box–Muller, one of the pair).
double StandardNormal(Stream& stream);
// Gamma(shape, 1) variate by Marsaglia & Tsang (2000), "A simple method for generating gamma
// variables", ACM TOMS 26(3); shape < 1 through Gamma(shape + 1) * U^(1/shape).
double Gamma(Stream& stream, double shape);
// ln of the same variate, formed in logs throughout: for shape < 0.01 the variate itself
// is often below the smallest double, while its logarithm is an ordinary number.
double LogGamma(Stream& stream, double shape);

// Standard normal CDF, Phi(z) = erfc(-z / sqrt 2) / 2.
double NormalCdf(double z);
// Regularized incomplete beta I_x(a, b) (the Beta(a, b) CDF), by its continued fraction
// evaluated with the modified Lentz method; accurate to ~1e-13 for the a, b of scenarios.
double RegularizedBeta(double x, double a, double b);

// One sampled number and its rank score: the value of the distribution's CDF at the draw,
// F(X) in (0, 1) (for a discrete choice the mid-rank P(X < x) + P(X = x)/2, for a clamped
// normal F before the clamp). Rank scores are what the sensitivity table correlates:
// Spearman's rho is Pearson's r of the ranks, and for a known continuous distribution the
// rank of a draw among n draws is n F(X) up to O(sqrt n) noise (the probability integral
// transform), so no sorting — and no storing of the draws — is needed.
struct Sample {
  double value = 0;
  double rank = 0.5;
};

// Draws from `distribution` (which must be valid: Distribution::Problem() empty).
Sample Draw(const Distribution& distribution, Stream& stream);

}  // namespace sim::montecarlo
