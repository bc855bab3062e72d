// SPDX-License-Identifier: MIT
#include "sim/montecarlo/sweep.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/core/error.h"

namespace sim::montecarlo {
namespace {

constexpr const char* kForm = "the form is --vary PATH=LO:HI:N, e.g. actors.usa.unpredictability=0:1:11";

[[noreturn]] void Fail(const std::string& argument, size_t offset, const std::string& message) {
  throw InputError(SourceLocation{"<--vary " + argument + ">", 1, static_cast<int>(offset) + 1},
                   message, kForm);
}

}  // namespace

double SweepAxis::Value(int i) const {
  if (count <= 1 || i <= 0) return low;
  if (i >= count - 1) return high;
  const double t = static_cast<double>(i) / static_cast<double>(count - 1);
  // v = LO + (HI - LO) t is the textbook form, but HI - LO overflows for bounds of opposite
  // signs near 1e308 (-1e308:1e308:3 gave an infinite middle value), and rounding can put
  // either form one ulp outside [LO, HI] (e.g. LO = HI, where LO (1 - t) + HI t need not
  // equal LO). So: the difference form when the span is finite, the convex combination
  // LO (1 - t) + HI t (no intermediate above max(|LO|, |HI|)) when it is not, and the
  // result clamped to [min(LO, HI), max(LO, HI)]. Both bounds are finite (ParseSweepAxis).
  const double span = high - low;
  double v = std::isfinite(span) ? low + span * t : low * (1 - t) + high * t;
  const double lo = std::min(low, high), hi = std::max(low, high);
  if (!(v >= lo)) v = lo;  // also catches NaN, which finite bounds cannot produce
  if (v > hi) v = hi;
  return v;
}

SweepAxis ParseSweepAxis(const std::string& argument) {
  SweepAxis axis;
  axis.text = argument;
  const size_t equals = argument.find('=');
  if (equals == std::string::npos || equals == 0) Fail(argument, 0, "expected PATH=LO:HI:N");
  axis.path = argument.substr(0, equals);
  size_t start = equals + 1;
  double numbers[3] = {0, 0, 0};
  for (int part = 0; part < 3; ++part) {
    const size_t colon = part < 2 ? argument.find(':', start) : argument.size();
    if (colon == std::string::npos) Fail(argument, start, "expected LO:HI:N after '='");
    const char* first = argument.data() + start;
    const char* last = argument.data() + colon;
    auto parsed = std::from_chars(first, last, numbers[part]);
    if (first == last || parsed.ec != std::errc() || parsed.ptr != last || !std::isfinite(numbers[part]))
      Fail(argument, start,
           std::string("expected a finite number for ") + (part == 0 ? "LO" : part == 1 ? "HI" : "N") +
               ", got '" + std::string(first, last) + "'");
    if (part == 2 && (numbers[2] != std::floor(numbers[2]) || numbers[2] < 1 || numbers[2] > kMaxAxisPoints))
      Fail(argument, start, "N must be a whole number from 1 to " + std::to_string(kMaxAxisPoints));
    start = colon + 1;
  }
  axis.low = numbers[0];
  axis.high = numbers[1];
  axis.count = static_cast<int>(numbers[2]);
  return axis;
}

std::vector<std::vector<double>> GridPoints(const std::vector<SweepAxis>& axes) {
  long long total = 1;
  for (const SweepAxis& axis : axes) {
    total *= axis.count;
    if (total > kMaxGridPoints)
      throw InputError(SourceLocation{"<command line>"},
                       "the sweep grid has more than " + std::to_string(kMaxGridPoints) + " points",
                       "use fewer --vary axes or fewer points per axis");
  }
  std::vector<std::vector<double>> points;
  points.reserve(total);
  std::vector<int> index(axes.size(), 0);
  for (long long p = 0; p < total; ++p) {
    std::vector<double> values(axes.size());
    for (size_t a = 0; a < axes.size(); ++a) values[a] = axes[a].Value(index[a]);
    points.push_back(std::move(values));
    for (size_t a = axes.size(); a-- > 0;) {
      if (++index[a] < axes[a].count) break;
      index[a] = 0;
    }
  }
  return points;
}

}  // namespace sim::montecarlo
