// SPDX-License-Identifier: MIT
// Resumable long runs: a sidecar file beside an output that records the finished parts of
// that output (opaque text chunks, in order) under a fingerprint of everything that
// determines it. A run stopped by a signal or a crash leaves the sidecar; the same command
// with --resume reads the chunks back and computes only the rest, so the final output is
// byte-identical to an uninterrupted run. This module stores and validates chunks; what a
// chunk holds, and when a run may resume, is the caller's business.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

// A 16-hex-digit FNV-1a (64-bit) digest of `parts`, each length-prefixed so that
// ("ab", "c") and ("a", "bc") differ. Not cryptographic: it detects changed arguments, not
// an adversary.
std::string Fingerprint(std::initializer_list<std::string_view> parts);

// The sidecar of one output. File layout (text header, then binary-safe records):
//   sim-checkpoint 1 FINGERPRINT\n
//   chunk LENGTH DIGEST\n BYTES \n        (one per recorded chunk, in order)
// Records are appended with one write(2) each, so an interruption at any instant leaves a
// valid prefix, possibly followed by a torn record, which Open() drops (and truncates).
class Checkpoint {
 public:
  // `path` is the sidecar, conventionally OUTPUT + ".checkpoint". Nothing is touched yet.
  Checkpoint(std::string path, std::string fingerprint);
  ~Checkpoint();
  Checkpoint(const Checkpoint&) = delete;
  Checkpoint& operator=(const Checkpoint&) = delete;

  // Starts recording. With resume == false any old sidecar is replaced by an empty one.
  // With resume == true an existing sidecar is read: its chunks become chunks() (a missing
  // sidecar just means nothing was done yet). Throws InputError located at the sidecar when
  // it was written for a different fingerprint ("the arguments changed") or is not a
  // checkpoint at all; sim::Error when it cannot be created or read.
  void Open(bool resume);

  // The chunks recorded so far (read by Open, then appended by Record).
  const std::vector<std::string>& chunks() const { return chunks_; }

  // Appends one chunk durably enough to survive the process being killed right after the
  // call returns (the bytes are in the kernel; not fsync'ed per chunk). Throws sim::Error on
  // a write failure.
  void Record(std::string chunk);

  // Removes the sidecar: call once the real output is committed. Never throws.
  void Discard() noexcept;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string fingerprint_;
  std::vector<std::string> chunks_;
  int fd_ = -1;
};

}  // namespace sim
