// SPDX-License-Identifier: MIT
#include "sim/io/number.h"

#include <fmt/format.h>

#include <cmath>

namespace sim::io {

std::string FormatRoundTrip(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0.0) return "0";  // also -0
  // fmt's default for double is the shortest round-trip representation (Dragonbox).
  return fmt::format("{}", value);
}

std::string JsonNumber(double value) {
  // JSON has no NaN or infinity. Inputs are bounded (core/magnitude.h) so results are
  // finite; this is the last line that keeps the output valid JSON whatever happens.
  return std::isfinite(value) ? FormatRoundTrip(value) : "null";
}

std::string FormatForPeople(double value, int decimals) {
  if (!std::isfinite(value)) return FormatRoundTrip(value);
  // Fixed notation would print all digits of 1e99: beyond 1e15, 6 significant digits.
  if (std::fabs(value) >= 1e15) return fmt::format("{:.6g}", value);
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

}  // namespace sim::io
