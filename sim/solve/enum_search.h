// SPDX-License-Identifier: MIT
// Private to the solve module: what the two searches of `enum` share (bimatrix_enum.cc's
// depth-first search and bimatrix_reverse.cc's reverse search): the budgets of one
// enumeration and the raw result before exact post-processing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/rational.h"
#include "sim/solve/bimatrix_common.h"
#include "sim/solve/bimatrix_enum.h"

namespace sim::solve::detail {

// The budgets of one enumeration (EnumLimits), shared by its searches; stopped_by records
// the first that ran out.
struct Budget {
  explicit Budget(const EnumLimits& l)
      : limits(l), timed(l.max_seconds > 0),
        deadline(std::chrono::steady_clock::now() +
                 std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                     std::chrono::duration<double>(timed ? l.max_seconds : 0.0))) {}
  // True when the time is up (the clock is read every 256 calls).
  bool TimeUp() {
    if (!timed || (++ticks & 255) != 0) return false;
    return std::chrono::steady_clock::now() > deadline;
  }
  void Stop(const char* why) {
    if (stopped_by.empty()) stopped_by = why;
  }
  EnumLimits limits;
  bool timed;
  std::chrono::steady_clock::time_point deadline;
  int64_t ticks = 0;
  int64_t memory_used = 0;  // by finished depth-first searches whose vertices are kept
  std::string stopped_by;
};

// Raw result of the search, before exact post-processing: pairs of vertex indices.
struct RawResult {
  std::string arithmetic;
  bool complete = true;
  bool degenerate = false;
  int64_t bases[2] = {0, 0};
  int64_t vertices[2] = {0, 0};
  std::vector<std::vector<Rational>> x_points, y_points;  // per used vertex, probabilities
  std::vector<std::pair<int, int>> pairs;                 // (x point, y point)
};

// Enumerates player e's polytope by reverse search (memory O(m n), lrs's method) and pairs
// each vertex with its partners. Returns false (and nothing in `raw`) when it meets a vertex
// whose partners form a continuum it cannot pair (bimatrix_reverse.cc).
bool ReverseSearchEquilibria(const IntegerBimatrix& g, int e, Budget* budget, RawResult* raw);

}  // namespace sim::solve::detail
