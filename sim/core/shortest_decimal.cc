// SPDX-License-Identifier: MIT
#include "sim/core/shortest_decimal.h"

#include <charconv>
#include <cmath>

namespace sim {

std::string ShortestDecimal(double value) {
  if (value == 0.0) return "0";
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return std::to_string(value);
  return std::string(buffer, end);
}

}  // namespace sim
