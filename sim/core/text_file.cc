// SPDX-License-Identifier: MIT
#include "sim/core/text_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace sim {

size_t FirstInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Lead byte -> sequence length and the allowed range of the second byte (RFC 3629 §4).
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // no overlong 3-byte forms
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;   // no overlong 4-byte forms
      if (c == 0xF4) high = 0x8F;  // nothing past U+10FFFF
    } else {
      return i;
    }
    if (i + length > n) return i;
    if (s[i + 1] < low || s[i + 1] > high) return i;
    for (size_t k = 2; k < length; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::string::npos;
}

SourceLocation LocationOfByte(const std::string& file, std::string_view text, size_t offset) {
  SourceLocation at{file, 1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

void CheckUtf8Text(std::string_view text, const std::string& file, const std::string& what) {
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    throw InputError(LocationOfByte(file, text, nul), "the file contains a NUL byte",
                     what + " is UTF-8 text; is this a binary file?");
  }
  if (const size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw InputError(LocationOfByte(file, text, bad),
                     std::string("the file is not valid UTF-8 (byte ") + byte + ")",
                     "save the file as UTF-8");
  }
}

std::string ReadTextFile(const std::string& path, int64_t max_bytes, const std::string& what) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) throw InputError(SourceLocation{path}, "no such file", "check the path");
  if (fs::is_directory(status)) {
    throw InputError(SourceLocation{path}, "is a directory, not " + what);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path}, std::string("cannot open: ") + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  while (in && static_cast<int64_t>(text.size()) <= max_bytes) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(SourceLocation{path}, std::string("cannot read: ") + std::strerror(errno));
  if (static_cast<int64_t>(text.size()) > max_bytes) {
    throw InputError(SourceLocation{path}, "the file is too large (more than " +
                                               std::to_string(max_bytes >> 20) + " MiB)");
  }
  return text;
}

}  // namespace sim
