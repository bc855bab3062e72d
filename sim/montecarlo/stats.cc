// SPDX-License-Identifier: MIT
#include "sim/montecarlo/stats.h"

#include <algorithm>
#include <cmath>

namespace sim::montecarlo {

Interval WilsonInterval(int64_t successes, int64_t trials, double z) {
  if (trials <= 0) return {0.0, 1.0};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At p = 0 (or 1) the bound is exactly 0 (or 1) in exact arithmetic; pin it there.
  const double low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double high = successes == trials ? 1.0 : std::min(1.0, centre + half);
  return {low, high};
}

void RunningMean::Merge(const RunningMean& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  // Chan, Golub & LeVeque (1979): M2 = M2a + M2b + delta^2 na nb / n.
  const double na = static_cast<double>(n_), nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  mean_ += delta * nb / n;
  m2_ += other.m2_ + delta * delta * na * nb / n;
  n_ += other.n_;
}

Interval RunningMean::MeanInterval(double z) const {
  const double half = n_ > 0 ? z * std::sqrt(variance() / static_cast<double>(n_)) : 0.0;
  return {mean_ - half, mean_ + half};
}

void Correlation::Merge(const Correlation& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  // The co-moment merges like M2: C = Ca + Cb + dx dy na nb / n.
  const double na = static_cast<double>(n_), nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double dx = other.mean_x_ - mean_x_;
  const double dy = other.mean_y_ - mean_y_;
  mean_x_ += dx * nb / n;
  mean_y_ += dy * nb / n;
  m2_x_ += other.m2_x_ + dx * dx * na * nb / n;
  m2_y_ += other.m2_y_ + dy * dy * na * nb / n;
  c_xy_ += other.c_xy_ + dx * dy * na * nb / n;
  n_ += other.n_;
}

double Correlation::value() const {
  if (m2_x_ <= 0 || m2_y_ <= 0) return 0.0;
  return std::clamp(c_xy_ / std::sqrt(m2_x_ * m2_y_), -1.0, 1.0);
}

}  // namespace sim::montecarlo
