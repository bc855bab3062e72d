// SPDX-License-Identifier: MIT
// Streaming statistics for the Monte Carlo: each accumulator takes one observation at a time
// in O(1) memory and merges with another accumulator of disjoint observations, so draws can
// be tallied in chunks on several threads and combined in a fixed order. Intervals are 95%:
// Wilson score intervals for proportions, normal intervals for means. No storage of draws.
#pragma once

#include <cstdint>

namespace sim::montecarlo {

// The 0.975 quantile of the standard normal: 95% two-sided intervals.
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double low = 0;
  double high = 0;
};

// Wilson score interval (Wilson 1927) for `successes` out of `trials`:
//   centre = (p + z^2/2n) / (1 + z^2/n),  half = z/(1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2)
// with p = successes/trials. Unlike the Wald interval it stays inside [0, 1] and keeps its
// coverage near 0 and 1. trials == 0 gives [0, 1].
Interval WilsonInterval(int64_t successes, int64_t trials, double z = kZ95);

// Running mean and variance by Welford's update; Merge() combines two disjoint samples by
// Chan, Golub & LeVeque's pairwise formula (same result for any split, up to rounding; the
// run merges chunks in a fixed order so the rounding is fixed too).
class RunningMean {
 public:
  void Add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
  }
  void Merge(const RunningMean& other);

  int64_t count() const { return n_; }
  double mean() const { return mean_; }
  // Sample variance (n - 1 denominator); 0 below two observations.
  double variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }
  // mean -+ z * sqrt(variance / n): the normal (CLT) interval of the mean.
  Interval MeanInterval(double z = kZ95) const;

  // The exact state (count, mean, sum of squared deviations), so that a tally computed on
  // another process can be sent as bits and merged as if computed here.
  double m2() const { return m2_; }
  static RunningMean FromState(int64_t n, double mean, double m2) {
    RunningMean r;
    r.n_ = n;
    r.mean_ = mean;
    r.m2_ = m2;
    return r;
  }

 private:
  int64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

// Streaming Pearson correlation of pairs (x, y): running means and co-moments, mergeable
// like RunningMean. Used with x = a sampled number's rank score F(X) and y = an outcome's
// 0/1 indicator, where it estimates Spearman's rank correlation (see random.h, Sample).
class Correlation {
 public:
  void Add(double x, double y) {
    ++n_;
    const double n = static_cast<double>(n_);
    const double dx = x - mean_x_;
    mean_x_ += dx / n;
    const double dy = y - mean_y_;
    mean_y_ += dy / n;
    m2_x_ += dx * (x - mean_x_);
    m2_y_ += dy * (y - mean_y_);
    c_xy_ += dx * (y - mean_y_);
  }
  void Merge(const Correlation& other);

  int64_t count() const { return n_; }
  // r in [-1, 1]; 0 when either variable is constant (no information about the direction).
  double value() const;

  // The exact state: {mean_x, mean_y, m2_x, m2_y, c_xy} (see RunningMean::FromState).
  void State(double out[5]) const {
    out[0] = mean_x_, out[1] = mean_y_, out[2] = m2_x_, out[3] = m2_y_, out[4] = c_xy_;
  }
  static Correlation FromState(int64_t n, const double in[5]) {
    Correlation c;
    c.n_ = n;
    c.mean_x_ = in[0], c.mean_y_ = in[1], c.m2_x_ = in[2], c.m2_y_ = in[3], c.c_xy_ = in[4];
    return c;
  }

 private:
  int64_t n_ = 0;
  double mean_x_ = 0, mean_y_ = 0, m2_x_ = 0, m2_y_ = 0, c_xy_ = 0;
};

}  // namespace sim::montecarlo
