// SPDX-License-Identifier: MIT
// How numbers are printed. Machine formats (CSV, JSON) use the shortest text that reads back
// to the same double; the table format rounds for people.
#pragma once

#include <string>

namespace sim::io {

// Shortest decimal text that round-trips to exactly `value` ("0.1", "-2", "1e-07"); "nan",
// "inf", "-inf" for non-finite values (never produced for valid results).
std::string FormatRoundTrip(double value);

// A JSON number: FormatRoundTrip for finite values, `null` for nan and +-inf (JSON has
// neither). Every JSON writer prints numbers through this.
std::string JsonNumber(double value);

// For tables: at most `decimals` decimals, trailing zeros trimmed ("0.25", "-1", "0.3333");
// -0 prints as 0; magnitudes from 1e15 on print with 6 significant digits ("3.22542e+98").
std::string FormatForPeople(double value, int decimals = 4);

}  // namespace sim::io
