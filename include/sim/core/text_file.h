// SPDX-License-Identifier: MIT
// Reading an input text file the way every reader of user files here must: a missing file,
// a directory, an unreadable or endless file (/dev/zero) and bytes that are not UTF-8 text
// are InputErrors located at the file (and at the byte, as LINE:COL). Shared by the scenario
// loader and the Gambit .nfg / .efg readers. It does no parsing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/error.h"

namespace sim {

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), or std::string::npos. Linear.
size_t FirstInvalidUtf8(std::string_view text);

// 1-based line and column of byte `offset` of `text` (columns count bytes).
SourceLocation LocationOfByte(const std::string& file, std::string_view text, size_t offset);

// Throws InputError located at the first NUL byte ("the file contains a NUL byte") or the
// first byte that is not UTF-8 ("the file is not valid UTF-8 (byte 0xFF)"); `what` names
// the kind of file in the hint, e.g. "a Gambit .nfg file".
void CheckUtf8Text(std::string_view text, const std::string& file, const std::string& what);

// The whole file at `path`, read in binary. Throws InputError at `path` for a missing file
// ("no such file"), a directory ("is a directory, not <what>"), one that cannot be opened or
// read, and one longer than `max_bytes` (read stops one block past the limit, so endless
// inputs end too).
std::string ReadTextFile(const std::string& path, int64_t max_bytes, const std::string& what);

}  // namespace sim
