// SPDX-License-Identifier: MIT
// Errors of the sim library. User input problems (scenario files, game files, --set values)
// are InputError and carry the location(s) they come from, formatted compiler-style so
// editors can jump to them. Broken invariants are InternalError, raised by SIM_CHECK.
// Only the CLI's main turns these into exit statuses (InputError -> 2, any other Error -> 1).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace sim {

// A 1-based position in an input. `file` is the path as the user wrote it, or a
// pseudo-name such as "<command line>" for values given with --set. line == 0 means
// "the whole file" (e.g. a missing or empty file); column == 0 means "the whole line".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:col" (or "file:line", or "file") as compilers print it.
  std::string ToString() const;
  bool known() const { return line > 0; }
};

// One located problem of an input. `hint` (optional) is printed on its own line after
// the message, e.g. "allowed keys: a, b, c" or "did you mean 'russia'?".
struct Diagnostic {
  SourceLocation location;
  std::string message;
  std::string hint;

  // "FILE:LINE:COL: error: MESSAGE" followed by "\n  hint: HINT" when a hint is set.
  std::string ToString() const;
};

// Base of every error the library throws on purpose.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// Bad user input. Holds every problem found in one input (validation reports all errors
// of a file at once), in file order; what() is their ToString() joined by newlines.
class InputError : public Error {
 public:
  // `omitted`: further problems found but not kept (DiagnosticSink's cap); what() ends
  // with a line that says how many.
  explicit InputError(std::vector<Diagnostic> diagnostics, size_t omitted = 0);
  InputError(SourceLocation location, std::string message, std::string hint = {});

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A broken invariant inside the library: a bug, never the user's fault.
class InternalError : public Error {
 public:
  explicit InternalError(const std::string& what) : Error(what) {}
};

// Collects diagnostics while a whole input is checked, so that all of them can be reported
// together. Throw() raises one InputError holding them all (sorted by location; a
// diagnostic identical to another, as YAML aliases produce, once).
//
// Bounded: the first kMaxReported distinct diagnostics found are kept, later ones only
// counted (omitted()), and the InputError ends with "... and N more errors". A broken input
// can have errors quadratic in its size (a 112 KB tree once gave 499,499 of them, 76 MB of
// stderr); the first ones are what the user fixes first.
class DiagnosticSink {
 public:
  static constexpr size_t kMaxReported = 50;

  void Error(SourceLocation location, std::string message, std::string hint = {});
  // Every diagnostic of `other` (kept and counted) as if reported here.
  void Merge(const DiagnosticSink& other);
  bool empty() const { return diagnostics_.empty(); }
  // Diagnostics kept plus those only counted.
  size_t size() const { return diagnostics_.size() + omitted_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  size_t omitted() const { return omitted_; }
  // Throws InputError if any diagnostic was recorded; otherwise does nothing.
  void ThrowIfAny() const;

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t omitted_ = 0;
};

// The candidate in `candidates` nearest to `word` by edit distance, or "" when none is
// close enough to be a plausible typo (distance > max(2, |word| / 3)).
std::string NearestWord(const std::string& word, const std::vector<std::string>& candidates);

// "a, b, c" — for "allowed keys: ..." hints.
std::string JoinWords(const std::vector<std::string>& words, const std::string& separator = ", ");

namespace detail {
[[noreturn]] void FailCheck(const char* file, int line, const char* condition,
                            const std::string& message);
}  // namespace detail

}  // namespace sim

// SIM_CHECK(cond, msg): throws sim::InternalError("file:line: check failed: cond: msg").
#define SIM_CHECK(condition, message)                                        \
  do {                                                                       \
    if (!(condition)) ::sim::detail::FailCheck(__FILE__, __LINE__, #condition, (message)); \
  } while (false)
