// SPDX-License-Identifier: MIT
// Gambit's strategic-game file format (.nfg) in and out, so every game can be cross-checked
// in Gambit. The reader accepts every layout Gambit's own files use (strategy counts or
// nested labels, payoff list or outcome list, optional comment, `R` or `D`), keeps numbers
// exact as written, and reports problems as sim::InputError at FILE:LINE:COL. It only
// translates text to a NormalFormGame and back: no solving, no scenario knowledge.
#pragma once

#include <string>
#include <string_view>

#include "sim/game/normal_form.h"

namespace sim::io {

// Parses .nfg text (`file_name` only labels error locations). Numbers are exact rationals
// (3/2, .5, -.5, 1e1, 1.5e-1; a leading '+', hex, and a zero denominator are errors) kept in
// the game's exact payoffs. Contingencies run with player 1 (our player 0) changing fastest,
// which is also NormalFormGame's profile order. Strategies given as counts are named "1",
// "2", ... in Gambit's order (issue #3); an empty strategy label gets its 1-based position
// the same way, and empty player names "Player N". Strategy labels are then made unique
// within each player, as Gambit's reader does: every occurrence of a repeated label x
// becomes x_1, x_2, ... in file order (skipping a suffix another label already has), so
// { "C" "C" "D" } reads as C_1, C_2, D. Player names are kept as written. Payoffs must have
// a finite nearest double (|x| <= 1.7976931348623157e308): 1e400 is refused at its
// location. `comment`, if given, receives the optional
// comment string. Throws InputError: wrong header, wrong number of payoffs ("expected
// numerical payoff"), outcome index out of range, trailing text ("expected end of file"),
// unterminated string, bad number, more than 10^7 (or max_profiles) profiles. Linear in
// text.size().
// `max_profiles` > 0 lowers the profile limit (the CLI's --max-profiles); the error is
// located at the strategy list.
NormalFormGame ParseNfg(std::string_view text, const std::string& file_name = "<input>",
                        std::string* comment = nullptr, int64_t max_profiles = -1);

// Reads and parses the file at `path`; an unreadable file is an InputError at `path`.
NormalFormGame ReadNfgFile(const std::string& path, std::string* comment = nullptr,
                           int64_t max_profiles = -1);

// The game in Gambit's payoff layout: nested strategy labels, the comment (empty by
// default), then one contingency per line in Gambit's order. Payoffs are written exactly:
// exact payoffs as "p/q", others as the shortest decimal that reads back to the same
// double. ParseNfg and Gambit read the text back to the same game (names, order and
// doubles). Throws sim::Error if a payoff is not finite.
std::string FormatNfg(const NormalFormGame& game, const std::string& comment = {});

// FormatNfg written atomically to `path` (sim::Error on I/O failure).
void WriteNfgFile(const NormalFormGame& game, const std::string& path,
                  const std::string& comment = {});

}  // namespace sim::io
