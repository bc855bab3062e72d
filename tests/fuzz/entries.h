// SPDX-License-Identifier: MIT
// Fuzz entry points: each takes arbitrary bytes, drives one input parser of the library the
// way the CLI does, and returns normally when the input was either accepted or refused with
// an InputError. Anything else escapes: another exception (a bug: InternalError, bad_alloc,
// std::out_of_range ...), or a sanitizer report. Shared by the libFuzzer targets (clang, see
// tests/fuzz/CMakeLists.txt) and by the GoogleTest that replays tests/data/fuzz-regressions.
#pragma once

#include <cstdint>
#include <string_view>

namespace sim::fuzz {

// Profile limit the entries pass to the loader, so that an accepted input is small enough to
// derive, solve and report within the fuzzer's time budget.
inline constexpr long kFuzzMaxProfiles = 256;

// ParseScenario on the bytes; when accepted, the game is derived, solved and reported in
// every format, and every payoff and regret must be finite.
void ScenarioEntry(std::string_view bytes);

// `--set` handling: the lines before a line "%%" are --set arguments (ParseOverride each),
// the text after it is the scenario (a small built-in scenario when there is no "%%").
void OverrideEntry(std::string_view bytes);

// The predicate parser over fixed names (issues a, b, relief; actors usa, russia with two
// moves each); an accepted predicate is evaluated on a few positions and move profiles.
// The first byte chooses whether positions may be compared (odd: no, as in conditions).
void PredicateEntry(std::string_view bytes);

// The Gambit .nfg reader; an accepted game must survive FormatNfg + ParseNfg unchanged
// (names, doubles, exact values), and small ones are solved and reported.
void NfgEntry(std::string_view bytes);

// The Gambit .efg reader (with a node limit of kFuzzMaxNodes); an accepted tree must survive
// WriteEfg + ReadEfg with the same shape, names, probabilities and payoffs, and small
// trees are solved for subgame-perfect equilibria and reported in every format.
void EfgEntry(std::string_view bytes);
inline constexpr int64_t kFuzzMaxNodes = 4096;

// `--vary PATH=LO:HI:N` arguments, one per line (up to 4): every value of an accepted axis
// must be finite and between LO and HI; small grids are enumerated.
void VaryEntry(std::string_view bytes);

// The checkpoint reader (ParseCheckpoint) on the bytes, for the run fingerprint
// kFuzzCheckpointFingerprint. An accepted text must have a valid prefix that encodes its
// chunks exactly (header and records re-encoded byte for byte) and parses to the same
// chunks again; the prefix plus the encoding of one more chunk gives one more chunk.
void CheckpointEntry(std::string_view bytes);
inline constexpr const char* kFuzzCheckpointFingerprint = "0123456789abcdef";

// Which entry a regression file replays through, by the name of its folder under
// tests/data/fuzz-regressions ("scenario", "override", "predicate", "nfg", ...); nullptr if unknown.
using Entry = void (*)(std::string_view);
Entry EntryByName(std::string_view name);

}  // namespace sim::fuzz
