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
//   sim-checkpoint 2 FINGERPRINT\n
//   chunk INDEX LENGTH DIGEST\n BYTES \n     (one per recorded chunk, INDEX = 0, 1, 2, ...)
// DIGEST covers the run's fingerprint, INDEX and BYTES, so a record is bound to its place
// and to its run: a record duplicated, swapped, dropped from the middle or copied from
// another run's checkpoint ends the valid prefix like a torn one, and that point and all
// after it are computed again. Records are appended with one write(2) each, so an
// interruption at any instant leaves a valid prefix, possibly followed by a torn record,
// which Open() drops (and truncates). The file is opened with O_NOFOLLOW and must be a
// regular file: a link planted under its name is never followed.

// The parsed contents of checkpoint text `text` (pure; the reader of Open, and the fuzz
// target's entry). `valid_bytes` is the length of the header and whole records; a torn
// record, and everything after the first record that is torn, damaged or out of place, is
// left out. Throws InputError located in `path` for text that is not a checkpoint, or one
// written for another fingerprint.
struct CheckpointContents {
  std::vector<std::string> chunks;
  size_t valid_bytes = 0;
};
CheckpointContents ParseCheckpoint(std::string_view text, const std::string& path,
                                   const std::string& fingerprint);

// The bytes of a header, and of record number `index` (what Open and Record write).
std::string EncodeCheckpointHeader(const std::string& fingerprint);
std::string EncodeCheckpointRecord(const std::string& fingerprint, size_t index,
                                   std::string_view chunk);

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
  // it was written for a different fingerprint ("the arguments changed"), is not a
  // checkpoint at all, is a symbolic link or is not a regular file; sim::Error when it
  // cannot be created or read.
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
