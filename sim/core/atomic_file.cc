// SPDX-License-Identifier: MIT
#include "sim/core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/core/error.h"

namespace sim {
namespace {

// Paths of open temporary files, kept as fixed C strings so a signal handler can unlink
// them without allocating. A handful of outputs per process is plenty.
constexpr int kMaxPending = 16;
constexpr int kMaxPath = 4096;
std::array<std::array<char, kMaxPath>, kMaxPending> pending_paths{};
std::array<std::atomic<bool>, kMaxPending> pending_used{};

int RegisterPending(const std::string& path) {
  if (path.size() >= kMaxPath) return -1;
  for (int i = 0; i < kMaxPending; ++i) {
    bool expected = false;
    if (pending_used[i].compare_exchange_strong(expected, true)) {
      std::memcpy(pending_paths[i].data(), path.c_str(), path.size() + 1);
      return i;
    }
  }
  return -1;
}

void UnregisterPending(const std::string& path) {
  for (int i = 0; i < kMaxPending; ++i) {
    if (pending_used[i] && path == pending_paths[i].data()) pending_used[i] = false;
  }
}

}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  namespace fs = std::filesystem;
  fs::path target_path(target_);
  if (fs::is_directory(target_path)) throw Error(target_ + ": error: output path is a directory");
  fs::path dir = target_path.parent_path();
  std::string name = ".";
  name += target_path.filename().string();
  name += ".tmp.";
  name += std::to_string(::getpid());
  temporary_ = (dir / name).string();
  RegisterPending(temporary_);
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    UnregisterPending(temporary_);
    throw Error(target_ + ": error: cannot write output file: " + std::strerror(errno));
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    stream_.close();
    std::remove(temporary_.c_str());
    UnregisterPending(temporary_);
  }
}

void AtomicFile::Commit() {
  stream_.flush();
  bool ok = static_cast<bool>(stream_);
  stream_.close();
  ok = ok && !stream_.fail();
  if (ok) {
    // fsync so that a crash right after the rename cannot leave an empty target.
    int fd = ::open(temporary_.c_str(), O_RDONLY);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
    ok = std::rename(temporary_.c_str(), target_.c_str()) == 0;
  }
  if (!ok) {
    std::string reason = std::strerror(errno);
    std::remove(temporary_.c_str());
    UnregisterPending(temporary_);
    committed_ = true;  // nothing left to clean up
    throw Error(target_ + ": error: cannot write output file: " + reason);
  }
  UnregisterPending(temporary_);
  committed_ = true;
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  AtomicFile file(path);
  file.stream() << content;
  file.Commit();
}

void RemovePendingTemporaryFiles() noexcept {
  for (int i = 0; i < kMaxPending; ++i) {
    if (pending_used[i]) ::unlink(pending_paths[i].data());
  }
}

}  // namespace sim
