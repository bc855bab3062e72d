// SPDX-License-Identifier: MIT
#include "sim/core/checkpoint.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "sim/core/atomic_file.h"
#include "sim/core/error.h"

namespace sim {
namespace {

constexpr std::string_view kMagic = "sim-checkpoint";
constexpr std::string_view kVersion = "2";

std::string Hex(uint64_t value) {
  static const char* kDigits = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[i] = kDigits[value & 15];
  return text;
}

[[noreturn]] void ThrowIo(const std::string& path, const std::string& what) {
  throw Error(path + ": error: cannot " + what + " checkpoint file: " + std::strerror(errno));
}

// Reads the next whitespace-free word of `text` from `pos` up to `end_char`.
std::string_view Word(std::string_view text, size_t& pos, char end_char) {
  if (pos >= text.size()) return {};
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

std::string EncodeCheckpointHeader(const std::string& fingerprint) {
  return std::string(kMagic) + " " + std::string(kVersion) + " " + fingerprint + "\n";
}

std::string EncodeCheckpointRecord(const std::string& fingerprint, size_t index,
                                   std::string_view chunk) {
  const std::string number = std::to_string(index);
  std::string record = "chunk " + number + " " + std::to_string(chunk.size()) + " " +
                       Fingerprint({fingerprint, number, chunk}) + "\n";
  record += chunk;
  record += '\n';
  return record;
}

CheckpointContents ParseCheckpoint(std::string_view text, const std::string& path,
                                   const std::string& fingerprint) {
  CheckpointContents contents;
  if (text.empty()) return contents;  // killed before even the header was written
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
  contents.valid_bytes = pos;
  // Whole records, in order, up to the first one that is torn (cut short by a kill in the
  // middle of its write), damaged, or out of its place: that one and all after it are
  // dropped, and computed again.
  while (pos < text.size()) {
    size_t p = pos;
    const std::string_view keyword = Word(text, p, ' ');
    const std::string_view index_text = Word(text, p, ' ');
    const std::string_view length_text = Word(text, p, ' ');
    const std::string_view digest = Word(text, p, '\n');
    auto number = [](std::string_view word, size_t& value) {
      const auto parsed = std::from_chars(word.data(), word.data() + word.size(), value);
      return !word.empty() && parsed.ec == std::errc() && parsed.ptr == word.data() + word.size();
    };
    size_t index = 0, length = 0;
    if (keyword != "chunk" || !number(index_text, index) || !number(length_text, length)) break;
    if (index != contents.chunks.size()) break;  // duplicated, dropped or swapped records
    if (p > text.size() || length >= text.size() - p) break;  // needs BYTES and the '\n'
    const std::string_view chunk = text.substr(p, length);
    if (text[p + length] != '\n' || Fingerprint({fingerprint, std::to_string(index), chunk}) != digest) break;
    contents.chunks.emplace_back(chunk);
    pos = p + length + 1;
    contents.valid_bytes = pos;
  }
  return contents;
}

namespace {

// Opens the sidecar without following a link (O_NOFOLLOW) or blocking on a FIFO
// (O_NONBLOCK), and refuses anything but a regular file. -1 with errno ENOENT if missing.
int OpenSidecar(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == ELOOP) {
      throw InputError(SourceLocation{path}, "the checkpoint file is a symbolic link",
                       "a checkpoint is never written through a link; remove it");
    }
    return -1;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw InputError(SourceLocation{path}, "the checkpoint file is not a regular file",
                     "remove it, or choose another --output");
  }
  return fd;
}

}  // namespace

void Checkpoint::Open(bool resume) {
  chunks_.clear();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  size_t valid_end = 0;
  if (resume) {
    const int in = OpenSidecar(path_, O_RDONLY);
    if (in < 0 && errno != ENOENT) ThrowIo(path_, "read");
    if (in >= 0) {  // none yet: nothing was done
      std::string text;
      char buffer[1 << 16];
      for (;;) {
        const ssize_t n = ::read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          ::close(in);
          ThrowIo(path_, "read");
        }
        if (n == 0) break;
        text.append(buffer, static_cast<size_t>(n));
      }
      ::close(in);
      CheckpointContents contents = ParseCheckpoint(text, path_, fingerprint_);
      chunks_ = std::move(contents.chunks);
      valid_end = contents.valid_bytes;
    }
  }
  fd_ = OpenSidecar(path_, O_WRONLY | O_CREAT);
  if (fd_ < 0) ThrowIo(path_, "create");
  if (::ftruncate(fd_, static_cast<off_t>(valid_end)) != 0 || ::lseek(fd_, 0, SEEK_END) < 0) {
    ThrowIo(path_, "truncate");
  }
  if (valid_end == 0 && !WriteAll(fd_, EncodeCheckpointHeader(fingerprint_))) ThrowIo(path_, "write");
}

void Checkpoint::Record(std::string chunk) {
  SIM_CHECK(fd_ >= 0, "Checkpoint::Record before Open");
  if (!WriteAll(fd_, EncodeCheckpointRecord(fingerprint_, chunks_.size(), chunk))) {
    ThrowIo(path_, "write");
  }
  chunks_.push_back(std::move(chunk));
}

void Checkpoint::Discard() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

}  // namespace sim
