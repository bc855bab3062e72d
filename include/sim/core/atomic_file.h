// SPDX-License-Identifier: MIT
// Output files that appear whole or not at all. Content goes to a temporary file beside the
// target (same directory, so rename(2) is atomic) which is renamed over the target on
// Commit(). If the writer is destroyed without Commit() — an exception, a failed solve — the
// temporary file is removed and the target is untouched.
#pragma once

#include <fstream>
#include <string>

namespace sim {

class AtomicFile {
 public:
  // Opens "<dir>/.<name>.tmp.<pid>" for writing. Throws sim::Error if it cannot.
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return stream_; }
  const std::string& temporary_path() const { return temporary_; }

  // Flushes, syncs and renames the temporary file over the target. Throws sim::Error on
  // any I/O failure (the temporary file is then removed).
  void Commit();

 private:
  std::string target_;
  std::string temporary_;
  std::ofstream stream_;
  bool committed_ = false;
};

// Writes `content` to `path` atomically (AtomicFile + Commit).
void WriteFileAtomically(const std::string& path, const std::string& content);

// Removes every temporary file of AtomicFile objects still open in this process. Safe to
// call from a signal handler (it only calls unlink(2) on preformatted paths).
void RemovePendingTemporaryFiles() noexcept;

}  // namespace sim
