// SPDX-License-Identifier: MIT
// The one output layer: every byte the program writes as a result (stdout, --output, the
// manifest beside it) goes through here, and every write, flush, sync and close is checked.
//
// Output files appear whole or not at all. Content goes to a temporary file created with
// O_CREAT|O_EXCL|O_NOFOLLOW beside the target (same directory, so rename(2) is atomic),
// renamed over the target on commit. If the writer is destroyed without a commit (an
// exception, a failed solve) the temporary is removed and the target is untouched.
//
// What the target already is decides how it is written:
//   - missing or a regular file: temporary + rename, as above;
//   - a symbolic link: followed (to any depth); the target of the link is written, with the
//     temporary in the link target's directory, so the link itself stays;
//   - a character device or a FIFO (/dev/stdout, a named pipe): written through with plain
//     write(2) at commit time (never replaced by a regular file);
//   - a directory, or anything else: refused.
// The temporary's name, ".NAME.tmp.PID.N", carries the writer's PID: temporaries of writers
// that died (SIGKILL) are removed by the next writer of the same target.
#pragma once

#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace sim {

// Writes all of `bytes` to `fd`, retrying short writes and EINTR. False (errno set) on
// any failure, including a write of 0 bytes.
bool WriteAll(int fd, std::string_view bytes);

// Writes `text` to standard output (fd 1) and checks it. Throws sim::Error "cannot write
// to standard output: REASON" (a full disk, a closed stdout, an I/O error).
void WriteStandardOutput(std::string_view text);

// Flushes std::cout and C stdio's stdout and closes fd 1, checking each step: the last
// check of a run (GNU close_stdout). Returns "" on success, else the reason.
std::string CloseStandardOutput();

// `path` with every symbolic link of its last component followed (a dangling link gives
// the path it points to). Throws sim::Error on a link loop.
std::string ResolveOutputPath(const std::string& path);

// True when `path` (links followed) exists and is neither a regular file nor missing: a
// character device or FIFO is written through, without manifest or checkpoint beside it.
bool IsSpecialOutput(const std::string& path);

// True when `a` and `b` both exist and are the same file (device and inode, links followed).
bool SameFile(const std::string& a, const std::string& b);

class AtomicFile {
 public:
  // Prepares to write `target` as described above. Throws sim::Error if it cannot (a
  // directory, a socket, an unwritable directory).
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return *stream_; }
  // "" when written through (a device or FIFO).
  const std::string& temporary_path() const { return temporary_; }

  // Flushes, syncs and renames the temporary file over the target (or writes the content
  // through). Throws sim::Error on any I/O failure; the temporary is then removed.
  void Commit();

 private:
  friend void CommitTogether(std::initializer_list<AtomicFile*> files);
  void Prepare();      // flush, fsync, close: every byte is on disk under the temporary name
  void Publish();      // rename (or write through)
  void Abandon() noexcept;

  std::string target_;     // as given (messages)
  std::string resolved_;   // after following links: what is replaced
  std::string temporary_;  // "" for a write-through target
  int fd_ = -1;
  struct Buffer;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  bool done_ = false;
};

// Commits several files of one run together: all are written and synced first; only then
// are they renamed, and if a rename fails the ones already renamed are put back (the old
// content, or no file), so either every target has the new content or none has. Throws
// sim::Error on failure.
void CommitTogether(std::initializer_list<AtomicFile*> files);

// Writes `content` to `path` atomically (AtomicFile + Commit).
void WriteFileAtomically(const std::string& path, const std::string& content);

// Removes every temporary file of AtomicFile objects still open in this process. Safe to
// call from a signal handler (it only calls unlink(2) on preformatted paths).
void RemovePendingTemporaryFiles() noexcept;

}  // namespace sim
