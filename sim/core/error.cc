// SPDX-License-Identifier: MIT
#include "sim/core/error.h"

#include <algorithm>
#include <tuple>

namespace sim {

std::string SourceLocation::ToString() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

std::string Diagnostic::ToString() const {
  std::string out = location.ToString() + ": error: " + message;
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

namespace {
std::string JoinDiagnostics(const std::vector<Diagnostic>& diagnostics, size_t omitted) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  if (omitted > 0) {
    const std::string file = diagnostics.empty() ? std::string("<input>")
                                                 : SourceLocation{diagnostics.back().location.file}.ToString();
    out += "\n" + file + ": error: ... and " + std::to_string(omitted) + " more error" +
           (omitted == 1 ? "" : "s") + " (only the first " +
           std::to_string(diagnostics.size()) + " are shown)";
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics, size_t omitted)
    : Error(JoinDiagnostics(diagnostics, omitted)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLocation location, std::string message, std::string hint)
    : InputError(std::vector<Diagnostic>{
          Diagnostic{std::move(location), std::move(message), std::move(hint)}}) {}

namespace {
bool SameLocation(const SourceLocation& a, const SourceLocation& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}
}  // namespace

void DiagnosticSink::Error(SourceLocation location, std::string message, std::string hint) {
  // The same problem reached again (through a YAML alias, say) is not a new one.
  for (const Diagnostic& d : diagnostics_) {
    if (SameLocation(d.location, location) && d.message == message && d.hint == hint) return;
  }
  if (diagnostics_.size() >= kMaxReported) {
    ++omitted_;
    return;
  }
  diagnostics_.push_back({std::move(location), std::move(message), std::move(hint)});
}

void DiagnosticSink::Merge(const DiagnosticSink& other) {
  for (const Diagnostic& d : other.diagnostics_) Error(d.location, d.message, d.hint);
  omitted_ += other.omitted_;
}

void DiagnosticSink::ThrowIfAny() const {
  if (diagnostics_.empty()) return;
  // The same problem reached again through a YAML alias (*name) was kept once, not once
  // per use of the alias (an aliased map with a bad key once gave 59 identical lines).
  std::vector<Diagnostic> sorted = diagnostics_;
  // Stable: problems at the same place keep the order in which they were found.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  throw InputError(std::move(sorted), omitted_);
}

namespace {
size_t EditDistance(const std::string& a, const std::string& b) {
  // Classic Levenshtein distance with one rolling row.
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string NearestWord(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    size_t d = EditDistance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string JoinWords(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += separator;
    out += w;
  }
  return out;
}

namespace detail {
void FailCheck(const char* file, int line, const char* condition, const std::string& message) {
  throw InternalError(std::string(file) + ":" + std::to_string(line) +
                      ": check failed: " + condition + ": " + message);
}
}  // namespace detail

}  // namespace sim
