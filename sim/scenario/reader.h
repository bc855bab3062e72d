// SPDX-License-Identifier: MIT
// Private helpers of the scenario loader: locations of YAML nodes (including the nodes
// `--set` created, which have no mark), checked reading of maps, strings and numbers, and a
// bound on the work of one load so that hostile YAML (alias bombs, cycles) cannot hang it.
// Everything here reports problems to a DiagnosticSink and carries on where it can.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.h"
#include "sim/scenario/names.h"

namespace sim::scenario_detail {

// Largest scenario file the loader reads (a scenario is hand-written; payoff tables of games
// near the profile limit would be far larger than any file worth parsing as YAML).
inline constexpr int64_t kMaxFileBytes = 16 << 20;

// The text and provenance of one scenario document. yaml-cpp marks are 0-based and know no
// file name; this converts them once into 1-based SourceLocations.
class Document {
 public:
  Document(std::string file, std::string text) : file_(std::move(file)), text_(std::move(text)) {}

  const std::string& file() const { return file_; }
  const std::string& text() const { return text_; }

  // Where `node` starts. Nodes without a mark (created by --set) use their registered
  // location; a node with neither gives `fallback`.
  SourceLocation Where(const YAML::Node& node, const SourceLocation& fallback = {}) const;
  // Where the character `offset` of scalar `node`'s value is: exact for plain, quoted and
  // block scalars, also across folded lines, as long as the source spells the value
  // verbatim up to that point; after an escape sequence, the scalar's start.
  SourceLocation WhereIn(const YAML::Node& node, size_t offset) const;

  // A node created by --set: it is located in the --set argument.
  void AddSynthetic(const YAML::Node& node, SourceLocation location);
  // A copy --set made of `original` (copy on write, so that aliases elsewhere keep their
  // value): it is located where the original was.
  void AddRebuilt(const YAML::Node& copy, const YAML::Node& original);

  // A value that must be read as a number (a --vary axis): ExpectNumber registers it,
  // Reader::Number notes every node it reads, and UnreadNumbers lists the locations of
  // expected values no section read as a number (a swept title, a name).
  void ExpectNumber(const YAML::Node& node, SourceLocation location);
  void NoteNumberRead(const YAML::Node& node) const;
  std::vector<SourceLocation> UnreadNumbers() const;

 private:
  std::string file_;
  std::string text_;
  std::vector<std::pair<YAML::Node, SourceLocation>> located_;
  std::vector<std::pair<YAML::Node, SourceLocation>> expected_numbers_;
  mutable std::vector<bool> numbers_read_;  // parallel to expected_numbers_
};

// "a map", "a sequence", "nothing (null)" or "'text'" — for "expected X, got Y" messages.
std::string Describe(const YAML::Node& node);

// Thrown (and caught by the loader) when one load has visited more nodes than its budget:
// aliases let a small file describe an exponentially large tree, or even a cyclic one.
struct BudgetExceeded {
  SourceLocation location;
  int64_t budget;
};

// Bounds for a number: [min, max], optionally integral. `what` names it in messages.
struct NumberRule {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool integer = false;
};
inline constexpr NumberRule kAnyFinite{};
inline constexpr NumberRule kUnitInterval{0.0, 1.0, false};
inline constexpr NumberRule kNonNegative{0.0, std::numeric_limits<double>::infinity(), false};

// One entry of a YAML map, in file order.
struct Entry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

// Shared state of one load: the document, where problems go, and the work budget.
class Reader {
 public:
  Reader(const Document& document, DiagnosticSink& sink, int64_t budget)
      : document_(document), sink_(sink), budget_(budget) {}

  const Document& document() const { return document_; }
  DiagnosticSink& sink() { return sink_; }
  SourceLocation Where(const YAML::Node& node, const SourceLocation& fallback = {}) const {
    return document_.Where(node, fallback);
  }

  void Error(const SourceLocation& at, std::string message, std::string hint = {}) {
    sink_.Error(at, std::move(message), std::move(hint));
  }

  // Counts one node visit; throws BudgetExceeded past the budget.
  void Visit(const YAML::Node& node);

  // THE one way every number of a scenario is read, so that a later format version can let
  // any number be a distribution (Monte Carlo) by changing this function alone. Accepts a
  // scalar holding a finite decimal number inside `rule`; refuses NaN/inf spellings, numbers
  // that overflow a double (1e400), non-numeric text and non-scalars, reporting at the node
  // (or at `at` when the node has no location). `what` names the number, e.g. "salience".
  std::optional<double> Number(const YAML::Node& node, const NumberRule& rule,
                               std::string_view what, const SourceLocation& at = {});
  // A scalar as text (numbers and booleans are fine as text); refuses maps and sequences.
  std::optional<std::string> String(const YAML::Node& node, std::string_view what,
                                    const SourceLocation& at = {});

 private:
  const Document& document_;
  DiagnosticSink& sink_;
  int64_t budget_;
  int64_t visited_ = 0;
};

// A checked view of one YAML map (an empty value counts as an empty map). On construction
// it reports (once) a node that is not a map, keys that are not scalars, duplicate keys ("duplicate key 'x' (first at L:C)") and,
// when `allowed` is not empty, keys outside it (with the nearest allowed key and the list).
// `what` names the map in messages ("actor 'usa'"); `where` locates it for missing keys
// (the key under which the map sits, which is where an editor should jump).
class MapReader {
 public:
  MapReader(Reader& reader, const YAML::Node& node, std::string what, SourceLocation where,
            std::vector<std::string> allowed = {});

  bool ok() const { return ok_; }  // false: the node was not a map (already reported)
  const std::vector<Entry>& entries() const { return entries_; }  // first of duplicates only
  const Entry* Find(std::string_view key) const;
  // Find(), reporting "WHAT has no 'KEY'" at `where` when the key is missing.
  const Entry* Require(std::string_view key);
  const SourceLocation& where() const { return where_; }
  const std::string& what() const { return what_; }

 private:
  Reader& reader_;
  std::string what_;
  SourceLocation where_;
  bool ok_ = false;
  std::vector<Entry> entries_;
};

}  // namespace sim::scenario_detail
