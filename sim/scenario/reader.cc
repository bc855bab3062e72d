// SPDX-License-Identifier: MIT
#include "sim/scenario/reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "sim/core/magnitude.h"

namespace sim::scenario_detail {

SourceLocation Document::Where(const YAML::Node& node, const SourceLocation& fallback) const {
  if (!node.IsDefined()) return fallback;
  for (const auto& [located, location] : located_) {
    if (located.is(node)) return location;
  }
  // yaml-cpp gives an empty value (`key:` with nothing after it) the mark of whatever comes
  // next, often the following line: the key is the better place to point at.
  if (node.IsNull() && fallback.known()) return fallback;
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return fallback;
  return SourceLocation{file_, mark.line + 1, mark.column + 1};
}

SourceLocation Document::WhereIn(const YAML::Node& node, size_t offset) const {
  SourceLocation base = Where(node);
  if (!base.known() || !node.IsScalar()) return base;
  const std::string& value = node.Scalar();
  if (offset > value.size()) return base;
  if (base.file != file_) {  // a --set value: columns count inside the argument
    base.column += static_cast<int>(offset);
    return base;
  }
  const YAML::Mark mark = node.Mark();
  if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) return base;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t s = static_cast<size_t>(mark.pos);
  const char first = text_[s];
  if (first == '"' || first == '\'') {
    ++s;
  } else if (first == '|' || first == '>') {
    // Block scalar: the text starts on the line after the indicator (and its comment).
    s = text_.find('\n', s);
    if (s == std::string::npos) return base;
    while (s < text_.size() && is_space(text_[s])) ++s;
  }
  // Walk source and value together. Folding turns a run of spaces and line breaks in the
  // source into one space (or keeps it), so whitespace runs match whitespace runs; any
  // other difference (an escape sequence) means the offset cannot be mapped.
  for (size_t v = 0; v < offset;) {
    if (is_space(value[v])) {
      while (v < offset && is_space(value[v])) ++v;
      while (s < text_.size() && is_space(text_[s])) ++s;
      continue;
    }
    if (s >= text_.size() || text_[s] != value[v]) return base;
    ++s;
    ++v;
  }
  // Line and column of byte s, counted from the mark.
  SourceLocation at = base;
  for (size_t i = static_cast<size_t>(mark.pos); i < s; ++i) {
    if (text_[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

void Document::AddSynthetic(const YAML::Node& node, SourceLocation location) {
  located_.emplace_back(node, std::move(location));
}

void Document::ExpectNumber(const YAML::Node& node, SourceLocation location) {
  expected_numbers_.emplace_back(node, std::move(location));
  numbers_read_.push_back(false);
}

void Document::NoteNumberRead(const YAML::Node& node) const {
  for (size_t i = 0; i < expected_numbers_.size(); ++i)
    if (expected_numbers_[i].first.is(node)) numbers_read_[i] = true;
}

std::vector<SourceLocation> Document::UnreadNumbers() const {
  std::vector<SourceLocation> unread;
  for (size_t i = 0; i < expected_numbers_.size(); ++i)
    if (!numbers_read_[i]) unread.push_back(expected_numbers_[i].second);
  return unread;
}

void Document::AddRebuilt(const YAML::Node& copy, const YAML::Node& original) {
  located_.emplace_back(copy, Where(original));
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Scalar: {
      std::string text = node.Scalar();
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return "'" + text + "'";
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
  }
  return "nothing (null)";
}

void Reader::Visit(const YAML::Node& node) {
  if (++visited_ > budget_) throw BudgetExceeded{Where(node), budget_};
}

namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// The spellings of NaN and infinity that YAML, C and people use.
bool IsNonFiniteSpelling(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  for (std::string_view s : {".nan", ".inf", "nan", "inf", "infinity", ".infinity"}) {
    if (IEquals(text, s)) return true;
  }
  return false;
}

// Shortest text that reads back as `value` (bounds are small constants such as 0 and 1).
std::string FormatBound(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::optional<double> Reader::Number(const YAML::Node& node, const NumberRule& rule,
                                     std::string_view what, const SourceLocation& at) {
  Visit(node);
  document_.NoteNumberRead(node);
  const SourceLocation where = Where(node, at);
  const std::string name(what);
  if (!node.IsScalar()) {
    Error(where, "expected a number for '" + name + "', got " + Describe(node));
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  if (IsNonFiniteSpelling(text)) {
    Error(where, "'" + name + "' must be a finite number, got '" + text + "'");
    return std::nullopt;
  }
  // A decimal number: optional sign, digits with an optional fraction, optional exponent.
  // std::from_chars would also accept "inf"/"nan" and rejects a leading '+'; strip the sign
  // ourselves and insist on a digit or '.' first.
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  double value = 0.0;
  std::from_chars_result parsed{body.data(), std::errc::invalid_argument};
  if (!body.empty() && (std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.')) {
    parsed = std::from_chars(body.data(), body.data() + body.size(), value);
  }
  if (parsed.ec == std::errc::result_out_of_range && parsed.ptr == body.data() + body.size()) {
    Error(where, "'" + name + "' is out of range: " + text +
                     " cannot be represented as a finite double");
    return std::nullopt;
  }
  if (parsed.ec != std::errc() || parsed.ptr != body.data() + body.size()) {
    Error(where, "expected a number for '" + name + "', got " + Describe(node));
    return std::nullopt;
  }
  if (negative) value = -value;
  if (!WithinMagnitude(value)) {
    Error(where, "'" + name + "' is too large: " + text + " is beyond +-1e100", kMagnitudeHint);
    return std::nullopt;
  }
  const bool has_min = std::isfinite(rule.min), has_max = std::isfinite(rule.max);
  if (value < rule.min || value > rule.max) {
    std::string range;
    if (has_min && has_max) {
      range = "in [" + FormatBound(rule.min) + ", " + FormatBound(rule.max) + "]";
    } else if (has_min) {
      range = ">= " + FormatBound(rule.min);
    } else {
      range = "<= " + FormatBound(rule.max);
    }
    Error(where, "'" + name + "' must be " + range + ", got " + text);
    return std::nullopt;
  }
  if (rule.integer && value != std::floor(value)) {
    Error(where, "'" + name + "' must be a whole number, got " + text);
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> Reader::String(const YAML::Node& node, std::string_view what,
                                          const SourceLocation& at) {
  Visit(node);
  if (!node.IsScalar()) {
    Error(Where(node, at), "expected text for '" + std::string(what) + "', got " + Describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

MapReader::MapReader(Reader& reader, const YAML::Node& node, std::string what,
                     SourceLocation where, std::vector<std::string> allowed)
    : reader_(reader),
      what_(std::move(what)),
      where_(where.known() ? std::move(where) : reader.Where(node)) {
  reader_.Visit(node);
  if (node.IsNull()) {  // `key:` with nothing after it reads as an empty map
    ok_ = true;
    return;
  }
  if (!node.IsMap()) {
    reader_.Error(reader_.Where(node, where_),
                  "expected a map for " + what_ + ", got " + Describe(node));
    return;
  }
  ok_ = true;
  for (const auto& item : node) {
    reader_.Visit(item.first);
    const SourceLocation key_at = reader_.Where(item.first, where_);
    if (!item.first.IsScalar()) {
      reader_.Error(key_at, "keys of " + what_ + " must be names, got " + Describe(item.first));
      continue;
    }
    const std::string key = item.first.Scalar();
    if (const Entry* first = Find(key)) {
      // yaml-cpp keeps both entries of a duplicated key silently; the first one wins.
      const SourceLocation first_at = reader_.Where(first->key_node);
      reader_.Error(key_at, "duplicate key '" + key + "' (first at " +
                                std::to_string(first_at.line) + ":" +
                                std::to_string(first_at.column) + ")");
      continue;
    }
    if (!allowed.empty() &&
        std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      const std::string nearest = NearestName(key, allowed);
      std::string hint = nearest.empty() ? std::string() : "did you mean '" + nearest + "'? ";
      hint += "allowed keys: " + JoinWords(allowed);
      reader_.Error(key_at, "unknown key '" + key + "' in " + what_, std::move(hint));
      continue;
    }
    entries_.push_back({key, item.first, item.second});
  }
}

const Entry* MapReader::Find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const Entry* MapReader::Require(std::string_view key) {
  const Entry* e = Find(key);
  if (e == nullptr && ok_) {
    reader_.Error(where_, what_ + " has no '" + std::string(key) + "'");
  }
  return e;
}

}  // namespace sim::scenario_detail
