// SPDX-License-Identifier: MIT
#include "sim/core/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>
#include <vector>

#include "sim/core/error.h"

namespace sim {
namespace {

namespace fs = std::filesystem;

// Paths of open temporary files, kept as fixed C strings so a signal handler can unlink
// them without allocating. A handful of outputs per process is plenty.
constexpr int kMaxPending = 16;
constexpr int kMaxPath = 4096;
std::array<std::array<char, kMaxPath>, kMaxPending> pending_paths{};
std::array<std::atomic<bool>, kMaxPending> pending_used{};
std::atomic<unsigned> temporary_counter{0};

void RegisterPending(const std::string& path) {
  if (path.size() >= kMaxPath) return;
  for (int i = 0; i < kMaxPending; ++i) {
    bool expected = false;
    if (pending_used[i].compare_exchange_strong(expected, true)) {
      std::memcpy(pending_paths[i].data(), path.c_str(), path.size() + 1);
      return;
    }
  }
}

void UnregisterPending(const std::string& path) {
  for (int i = 0; i < kMaxPending; ++i) {
    if (pending_used[i] && path == pending_paths[i].data()) pending_used[i] = false;
  }
}

[[noreturn]] void ThrowWriteError(const std::string& target, int error) {
  throw Error(target + ": error: cannot write output file: " + std::strerror(error));
}

// Removes ".NAME.tmp.PID..." files in `dir` whose PID is not a live process: what a
// writer killed by SIGKILL left behind. Only names of this target are touched.
void RemoveStaleTemporaries(const fs::path& dir, const std::string& prefix) {
  std::error_code error;
  fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, error);
  if (error) return;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) return;
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    size_t end = prefix.size();
    while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
    if (end == prefix.size() || end - prefix.size() > 9) continue;
    if (end < name.size() && name[end] != '.') continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name.substr(prefix.size(), end - prefix.size())));
    if (pid == ::getpid()) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    ::unlink(it->path().c_str());  // a link planted here is removed, never followed
  }
}

}  // namespace

// Collects what is written: flushed to the temporary file's descriptor every 64 KiB, or,
// for a write-through target, kept whole until Publish. The first failure sticks.
struct AtomicFile::Buffer : std::streambuf {
  int fd = -1;  // -1: keep everything in `pending`
  std::string pending;
  int error = 0;

  bool Drain() {
    if (fd < 0 || pending.empty() || error) return error == 0;
    if (!WriteAll(fd, pending)) error = errno ? errno : EIO;
    pending.clear();
    return error == 0;
  }
  int_type overflow(int_type c) override {
    if (error) return traits_type::eof();
    if (c != traits_type::eof()) pending.push_back(static_cast<char>(c));
    if (pending.size() >= (1u << 16) && !Drain()) return traits_type::eof();
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (error) return 0;
    pending.append(s, static_cast<size_t>(n));
    if (pending.size() >= (1u << 16) && !Drain()) return 0;
    return n;
  }
  int sync() override { return Drain() ? 0 : -1; }
};

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) {
      errno = EIO;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void WriteStandardOutput(std::string_view text) {
  // Whatever went through std::cout before must come first.
  std::cout.flush();
  std::fflush(stdout);
  if (!WriteAll(STDOUT_FILENO, text)) {
    throw Error(std::string("cannot write to standard output: ") + std::strerror(errno));
  }
}

std::string CloseStandardOutput() {
  std::cout.flush();
  const bool stream_failed = std::cout.fail();
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || stream_failed) {
    return errno ? std::strerror(errno) : "write error";
  }
  // close(2) reports delayed errors (NFS, some disks); EBADF means stdout was never open,
  // which matters only if something was written (the checks above).
  if (::close(STDOUT_FILENO) != 0 && errno != EBADF) return std::strerror(errno);
  return "";
}

std::string ResolveOutputPath(const std::string& path) {
  fs::path current(path);
  for (int depth = 0; depth < 40; ++depth) {
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(current, error))) return current.string();
    const fs::path link = fs::read_symlink(current, error);
    if (error) throw Error(path + ": error: cannot read symbolic link: " + error.message());
    current = link.is_absolute() ? link : current.parent_path() / link;
  }
  throw Error(path + ": error: too many levels of symbolic links");
}

bool IsSpecialOutput(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return false;
  return !S_ISREG(info.st_mode);
}

bool SameFile(const std::string& a, const std::string& b) {
  struct stat x {}, y {};
  if (::stat(a.c_str(), &x) != 0 || ::stat(b.c_str(), &y) != 0) return false;
  return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

AtomicFile::AtomicFile(std::string target)
    : target_(std::move(target)), buffer_(std::make_unique<Buffer>()) {
  resolved_ = ResolveOutputPath(target_);
  struct stat info {};
  if (::stat(resolved_.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) throw Error(target_ + ": error: output path is a directory");
    if (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode)) {
      stream_ = std::make_unique<std::ostream>(buffer_.get());  // written through at commit
      return;
    }
    if (!S_ISREG(info.st_mode)) {
      throw Error(target_ + ": error: output path is not a regular file, a character device "
                            "or a FIFO");
    }
  }
  const fs::path resolved(resolved_);
  const fs::path dir = resolved.parent_path();
  const std::string prefix = "." + resolved.filename().string() + ".tmp.";
  RemoveStaleTemporaries(dir, prefix);
  for (int attempt = 0; fd_ < 0; ++attempt) {
    temporary_ = (dir / (prefix + std::to_string(::getpid()) + "." +
                         std::to_string(temporary_counter++)))
                     .string();
    // O_EXCL|O_NOFOLLOW: a file or link planted under this name is never opened.
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd_ < 0 && (errno != EEXIST || attempt >= 100)) {
      const int error = errno;
      temporary_.clear();
      ThrowWriteError(target_, error);
    }
  }
  RegisterPending(temporary_);
  buffer_->fd = fd_;
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

AtomicFile::~AtomicFile() {
  if (!done_) Abandon();
}

void AtomicFile::Abandon() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temporary_.empty()) {
    ::unlink(temporary_.c_str());
    UnregisterPending(temporary_);
  }
  done_ = true;
}

void AtomicFile::Prepare() {
  stream_->flush();
  if (temporary_.empty()) {
    if (buffer_->error || !*stream_) ThrowWriteError(target_, buffer_->error ? buffer_->error : EIO);
    return;
  }
  int error = buffer_->error;
  if (!error && !buffer_->Drain()) error = buffer_->error;
  if (!error && !*stream_) error = EIO;
  // fsync so that a crash right after the rename cannot leave an empty target.
  if (!error && ::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) error = errno;
  if (::close(fd_) != 0 && !error && errno != EINTR) error = errno;
  fd_ = -1;
  if (error) {
    Abandon();
    ThrowWriteError(target_, error);
  }
}

void AtomicFile::Publish() {
  if (temporary_.empty()) {
    // A device or FIFO: open it now (a FIFO waits for its reader) and write through.
    const int fd = ::open(resolved_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    int error = fd < 0 ? errno : 0;
    if (!error && !WriteAll(fd, buffer_->pending)) error = errno;
    if (fd >= 0 && ::close(fd) != 0 && !error && errno != EINTR) error = errno;
    done_ = true;
    if (error) ThrowWriteError(target_, error);
    return;
  }
  if (std::rename(temporary_.c_str(), resolved_.c_str()) != 0) {
    const int error = errno;
    Abandon();
    ThrowWriteError(target_, error);
  }
  UnregisterPending(temporary_);
  done_ = true;
}

void AtomicFile::Commit() { CommitTogether({this}); }

void CommitTogether(std::initializer_list<AtomicFile*> files) {
  try {
    for (AtomicFile* file : files) file->Prepare();
  } catch (...) {
    for (AtomicFile* file : files) file->Abandon();
    throw;
  }
  // Regular files first (they can be put back), write-through targets last.
  std::vector<AtomicFile*> order;
  for (AtomicFile* file : files)
    if (!file->temporary_.empty()) order.push_back(file);
  for (AtomicFile* file : files)
    if (file->temporary_.empty()) order.push_back(file);
  // With more than one file, keep a hard link to each old target until all are renamed.
  struct Backup {
    std::string path;  // "" when the target did not exist (or could not be linked)
    bool existed = false;
  };
  std::vector<Backup> backups(order.size());
  if (order.size() > 1) {
    for (size_t i = 0; i < order.size(); ++i) {
      AtomicFile& file = *order[i];
      if (file.temporary_.empty()) continue;
      struct stat info {};
      backups[i].existed = ::stat(file.resolved_.c_str(), &info) == 0;
      if (!backups[i].existed) continue;
      std::string backup = file.temporary_ + ".old";
      if (::link(file.resolved_.c_str(), backup.c_str()) == 0) {
        RegisterPending(backup);
        backups[i].path = std::move(backup);
      }
    }
  }
  auto drop_backups = [&] {
    for (Backup& b : backups) {
      if (b.path.empty()) continue;
      ::unlink(b.path.c_str());
      UnregisterPending(b.path);
    }
  };
  size_t published = 0;
  try {
    for (; published < order.size(); ++published) order[published]->Publish();
  } catch (...) {
    // Put back what was already replaced, then give up on the rest.
    for (size_t i = 0; i < published; ++i) {
      AtomicFile& file = *order[i];
      if (file.temporary_.empty()) continue;
      if (!backups[i].path.empty()) {
        if (std::rename(backups[i].path.c_str(), file.resolved_.c_str()) == 0) {
          UnregisterPending(backups[i].path);
          backups[i].path.clear();
        }
      } else if (!backups[i].existed) {
        ::unlink(file.resolved_.c_str());
      }
    }
    for (size_t i = published; i < order.size(); ++i) order[i]->Abandon();
    drop_backups();
    throw;
  }
  drop_backups();
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
