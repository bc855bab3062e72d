// SPDX-License-Identifier: MIT
#include "sim/montecarlo/random.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sim::montecarlo {

double StandardNormal(Stream& stream) {
  // Box–Muller: for U1, U2 uniform on (0, 1), sqrt(-2 ln U1) cos(2 pi U2) is N(0, 1).
  const double u1 = stream.OpenUniform();
  const double u2 = stream.Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double LogGamma(Stream& stream, double shape) {
  if (shape < 1.0) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia & Tsang 2000, section 6), in logs:
    // U^(1/a) underflows to 0 for half of all U once a < 0.0014 (0.5^(1/a) < 1e-308).
    return LogGamma(stream, shape + 1.0) + std::log(stream.OpenUniform()) / shape;
  }
  // d = a - 1/3, c = 1/sqrt(9d); accept v = (1 + c z)^3 when
  // ln U < z^2/2 + d - d v + d ln v (the squeeze test is skipped: it only saves time).
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    const double z = StandardNormal(stream);
    double v = 1.0 + c * z;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = stream.OpenUniform();
    if (std::log(u) < 0.5 * z * z + d - d * v + d * std::log(v)) return std::log(d * v);
  }
}

double Gamma(Stream& stream, double shape) { return std::exp(LogGamma(stream, shape)); }

double NormalCdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

namespace {

// Continued fraction of I_x(a, b) (the form of Press et al., Numerical Recipes, 3rd ed.,
// section 6.4): I_x(a,b) = x^a (1-x)^b / (a B(a,b)) * 1/(1+ d1/(1+ d2/(1+ ...))) with
//   d_{2m+1} = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),  d_{2m} = m(b-m) x / ((a+2m-1)(a+2m)).
double BetaContinuedFraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-15;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    double term = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + term * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + term / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + term * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + term / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return h;
}

}  // namespace

double RegularizedBeta(double x, double a, double b) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                           a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The fraction converges fast for x < (a+1)/(a+b+2); otherwise use I_x(a,b) = 1 - I_{1-x}(b,a).
  if (x < (a + 1.0) / (a + b + 2.0)) return front * BetaContinuedFraction(x, a, b) / a;
  return 1.0 - front * BetaContinuedFraction(1.0 - x, b, a) / b;
}

Sample Draw(const Distribution& dist, Stream& stream) {
  const std::vector<double>& p = dist.params;
  Sample s;
  switch (dist.kind) {
    case Distribution::Kind::kUniform: {
      s.rank = stream.OpenUniform();
      s.value = p[0] + s.rank * (p[1] - p[0]);
      break;
    }
    case Distribution::Kind::kNormal: {
      const double z = StandardNormal(stream);
      s.value = p[0] + p[1] * z;
      s.rank = NormalCdf(z);
      break;
    }
    case Distribution::Kind::kBeta: {
      // X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) is Beta(a, b); formed from ln X and
      // ln Y scaled by the larger, so tiny shapes (both X and Y below 1e-308) keep their ratio.
      const double log_x = LogGamma(stream, p[0]);
      const double log_y = LogGamma(stream, p[1]);
      const double top = std::max(log_x, log_y);
      const double x = std::exp(log_x - top), y = std::exp(log_y - top);
      s.value = x / (x + y);
      s.rank = RegularizedBeta(s.value, p[0], p[1]);
      break;
    }
    case Distribution::Kind::kTriangular: {
      // Inverse CDF: F(c) = (c - a)/(b - a) splits the two branches.
      const double a = p[0], c = p[1], b = p[2];
      const double u = stream.OpenUniform();
      const double fc = (c - a) / (b - a);
      s.value = u < fc ? a + std::sqrt(u * (b - a) * (c - a))
                       : b - std::sqrt((1.0 - u) * (b - a) * (b - c));
      s.rank = u;
      break;
    }
    case Distribution::Kind::kChoice: {
      double total = 0;
      for (size_t i = 0; i < p.size(); ++i) total += dist.weights.empty() ? 1.0 : dist.weights[i];
      const double target = stream.Uniform() * total;
      size_t pick = p.size() - 1;
      double cumulative = 0;
      for (size_t i = 0; i < p.size(); ++i) {
        const double w = dist.weights.empty() ? 1.0 : dist.weights[i];
        if (w > 0 && target < cumulative + w) {
          pick = i;
          break;
        }
        cumulative += w;
      }
      while (!dist.weights.empty() && dist.weights[pick] == 0 && pick > 0) --pick;
      s.value = p[pick];
      // Mid-rank: P(X < x) + P(X = x) / 2, over the values (not their order in the list).
      double below = 0, equal = 0;
      for (size_t i = 0; i < p.size(); ++i) {
        const double w = dist.weights.empty() ? 1.0 : dist.weights[i];
        if (p[i] < s.value) below += w;
        if (p[i] == s.value) equal += w;
      }
      s.rank = (below + 0.5 * equal) / total;
      break;
    }
  }
  if (dist.clamp) s.value = std::clamp(s.value, dist.clamp->first, dist.clamp->second);
  return s;
}

}  // namespace sim::montecarlo
