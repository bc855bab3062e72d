// SPDX-License-Identifier: MIT
// Parameter sweeps: the grid of `simulate sweep --vary PATH=LO:HI:N ...`. Several axes make
// a product grid. This header only parses axes and enumerates grid points; the command runs
// one Monte Carlo per point (with the point's values applied as --set overrides).
#pragma once

#include <string>
#include <vector>

namespace sim::montecarlo {

// One swept number: N evenly spaced values from LO to HI inclusive (N = 1: just LO).
struct SweepAxis {
  std::string path;  // a scenario path as --set takes it, e.g. actors.usa.unpredictability
  double low = 0;
  double high = 0;
  int count = 1;     // 1 <= count <= kMaxAxisPoints
  std::string text;  // the argument as given, for the manifest

  // The value of point i (0-based): low + (high - low) * i / (count - 1), exactly low and
  // high at the ends, and always within [min(low, high), max(low, high)] whatever the
  // bounds (computed without overflow for bounds near +-1.8e308; see sweep.cc).
  double Value(int i) const;
};

inline constexpr int kMaxAxisPoints = 100'000;
inline constexpr long long kMaxGridPoints = 1'000'000;

// Parses "PATH=LO:HI:N". Throws InputError located at "<command line>" (column of the bad
// part) for a missing '=', a non-number, N < 1 or too large, or a non-finite bound.
SweepAxis ParseSweepAxis(const std::string& argument);

// The product grid, one vector of values (axis order) per point; the LAST axis varies
// fastest, as nested loops written in axis order. Throws InputError when the grid has more
// than kMaxGridPoints points.
std::vector<std::vector<double>> GridPoints(const std::vector<SweepAxis>& axes);

}  // namespace sim::montecarlo
