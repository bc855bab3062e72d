// SPDX-License-Identifier: MIT
// The shortest decimal text of a double that reads back as the same double, for writers of
// machine formats (game files, DOT labels) that must round-trip. Formatting only.
#pragma once

#include <string>

namespace sim {

// e.g. "0.1", "-2", "1e-07" (std::to_chars, shortest round trip); "-0" prints as "0";
// non-finite values print as "nan", "inf", "-inf".
std::string ShortestDecimal(double value);

}  // namespace sim
