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
std::string JoinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(JoinDiagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLocation location, std::string message, std::string hint)
    : InputError(std::vector<Diagnostic>{
          Diagnostic{std::move(location), std::move(message), std::move(hint)}}) {}

void DiagnosticSink::Error(SourceLocation location, std::string message, std::string hint) {
  diagnostics_.push_back({std::move(location), std::move(message), std::move(hint)});
}

namespace {
bool SameLocation(const SourceLocation& a, const SourceLocation& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}
}  // namespace

void DiagnosticSink::ThrowIfAny() const {
  if (diagnostics_.empty()) return;
  std::vector<Diagnostic> sorted = diagnostics_;
  // Stable: problems at the same place keep the order in which they were found.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  // The same problem reached again through a YAML alias (*name) is reported once, not once
  // per use of the alias (an aliased map with a bad key once gave 59 identical lines).
  std::vector<Diagnostic> unique;
  size_t group = 0;  // first kept diagnostic at the current location
  for (Diagnostic& d : sorted) {
    if (!unique.empty() && !SameLocation(unique.back().location, d.location)) group = unique.size();
    bool seen = false;
    for (size_t k = group; k < unique.size() && !seen; ++k) {
      seen = unique[k].message == d.message && unique[k].hint == d.hint;
    }
    if (!seen) unique.push_back(std::move(d));
  }
  throw InputError(std::move(unique));
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
