// SPDX-License-Identifier: MIT
// Number and string formatting shared by the "why each equilibrium holds" sections of
// simultaneous games (why.cc) and trees (tree_why.cc). Private to sim/robustness.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "sim/robustness/why.h"

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

// The table line of a lever: "     moved most by PATH (margin changes D per unit; ...)\n".
inline std::string LeverLine(const Lever& l) {
  std::string out = "     moved most by " + l.path + " (margin changes " + Short(l.derivative) + " per unit";
  return out + (l.breaks_at ? "; at that rate it breaks near " + Short(*l.breaks_at) + ", inside [" + Short(l.low) +
                                  ", " + Short(l.high) + "])\n"
                            : "; it does not break inside [" + Short(l.low) + ", " + Short(l.high) + "])\n");
}
// The JSON object of a lever.
inline std::string LeverJson(const Lever& l) {
  return "{\"path\": " + Json(l.path) + ", \"derivative\": " + Exact(l.derivative) +
         ", \"breaks_at\": " + (l.breaks_at ? Exact(*l.breaks_at) : "null") + "}";
}

}  // namespace sim::robustness::why_format
