// SPDX-License-Identifier: MIT
// Number and string formatting shared by the "why each equilibrium holds" sections of
// simultaneous games (why.cc) and trees (tree_why.cc). Private to sim/robustness.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace sim::robustness::why_format {

// 3 significant decimals for sentences (a value within 5e-13 of 0 prints as 0).
inline std::string Short(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", std::fabs(v) < 5e-13 ? 0.0 : v);
  return buffer;
}
// The shortest decimal that reads back as `v`, for JSON.
inline std::string Exact(double v) {
  char buffer[32];
  auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, r.ptr);
}
// `s` as a JSON string literal.
inline std::string Json(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace sim::robustness::why_format
