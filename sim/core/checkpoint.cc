// SPDX-License-Identifier: MIT
#include "sim/core/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/error.h"

namespace sim {
namespace {

constexpr std::string_view kMagic = "sim-checkpoint";
constexpr std::string_view kVersion = "1";

std::string Hex(uint64_t value) {
  static const char* kDigits = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[i] = kDigits[value & 15];
  return text;
}

[[noreturn]] void ThrowIo(const std::string& path, const std::string& what) {
  throw Error(path + ": error: cannot " + what + " checkpoint file: " + std::strerror(errno));
}

// Writes all of `bytes` (write(2) may write less than asked, or be interrupted).
bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string EncodeRecord(const std::string& chunk) {
  std::string record = "chunk " + std::to_string(chunk.size()) + " " + Fingerprint({chunk}) + "\n";
  record += chunk;
  record += '\n';
  return record;
}

// Reads the next whitespace-free word of `text` from `pos` up to `end_char`.
std::string_view Word(std::string_view text, size_t& pos, char end_char) {
  const size_t end = text.find(end_char, pos);
  if (end == std::string_view::npos) {
    pos = text.size();
    return {};
  }
  std::string_view word = text.substr(pos, end - pos);
  pos = end + 1;
  return word;
}

}  // namespace

std::string Fingerprint(std::initializer_list<std::string_view> parts) {
  // FNV-1a, 64-bit: offset basis and prime from Fowler, Noll & Vo's reference.
  uint64_t hash = 14695981039346656037ull;
  auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  for (std::string_view part : parts) {
    for (char c : std::to_string(part.size()) + ":") mix(static_cast<unsigned char>(c));
    for (char c : part) mix(static_cast<unsigned char>(c));
  }
  return Hex(hash);
}

Checkpoint::Checkpoint(std::string path, std::string fingerprint)
    : path_(std::move(path)), fingerprint_(std::move(fingerprint)) {}

Checkpoint::~Checkpoint() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// Reads the chunks of checkpoint `text` into `chunks`; returns the length of the valid
// prefix (header and whole records), 0 for an empty text.
size_t ParseCheckpoint(const std::string& text, const std::string& path,
                       const std::string& fingerprint, std::vector<std::string>& chunks) {
  if (text.empty()) return 0;  // killed before even the header was written
  const std::string hint = "remove it to start afresh, or rerun with the arguments it was made for";
  size_t pos = 0;
  if (Word(text, pos, ' ') != kMagic) {
    throw InputError(SourceLocation{path, 1, 1}, "not a sim checkpoint file", hint);
  }
  if (Word(text, pos, ' ') != kVersion || Word(text, pos, '\n') != fingerprint) {
    throw InputError(SourceLocation{path, 1, 1},
                     "this checkpoint was written for different arguments, scenario or "
                     "version, so --resume cannot continue it",
                     hint);
  }
  size_t valid_end = pos;
  // Records up to the first torn or damaged one (a kill in the middle of a write).
  while (pos < text.size()) {
    size_t p = pos;
    if (Word(text, p, ' ') != "chunk") break;
    const std::string_view length_text = Word(text, p, ' ');
    const std::string_view digest = Word(text, p, '\n');
    size_t length = 0;
    const auto parsed =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (parsed.ec != std::errc() || parsed.ptr != length_text.data() + length_text.size()) break;
    if (p > text.size() || length >= text.size() - p) break;  // also needs the final '\n'
    std::string chunk = text.substr(p, length);
    if (text[p + length] != '\n' || Fingerprint({chunk}) != digest) break;
    chunks.push_back(std::move(chunk));
    pos = p + length + 1;
    valid_end = pos;
  }
  return valid_end;
}

}  // namespace

void Checkpoint::Open(bool resume) {
  chunks_.clear();
  size_t valid_end = 0;
  if (resume) {
    std::error_code error;
    if (std::filesystem::exists(path_, error)) {  // none yet: nothing was done
      std::ifstream in(path_, std::ios::binary);
      if (!in) ThrowIo(path_, "read");
      std::ostringstream buffer;
      buffer << in.rdbuf();
      valid_end = ParseCheckpoint(buffer.str(), path_, fingerprint_, chunks_);
    }
  }
  if (fd_ >= 0) ::close(fd_);
  if (valid_end == 0) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) ThrowIo(path_, "create");
    const std::string header =
        std::string(kMagic) + " " + std::string(kVersion) + " " + fingerprint_ + "\n";
    if (!WriteAll(fd_, header)) ThrowIo(path_, "write");
    return;
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd_ < 0) ThrowIo(path_, "open");
  if (::ftruncate(fd_, static_cast<off_t>(valid_end)) != 0 || ::lseek(fd_, 0, SEEK_END) < 0) {
    ThrowIo(path_, "truncate");
  }
}

void Checkpoint::Record(std::string chunk) {
  SIM_CHECK(fd_ >= 0, "Checkpoint::Record before Open");
  if (!WriteAll(fd_, EncodeRecord(chunk))) ThrowIo(path_, "write");
  chunks_.push_back(std::move(chunk));
}

void Checkpoint::Discard() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

}  // namespace sim
