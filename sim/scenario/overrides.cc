// SPDX-License-Identifier: MIT
#include "sim/scenario/overrides.h"

#include <cctype>
#include <optional>

namespace sim {

// Paths deeper than this cannot name anything in a scenario; refusing them bounds the work.
static constexpr size_t kMaxOverrideSegments = 32;

Override ParseOverride(const std::string& argument) {
  const SourceLocation at{"<--set " + argument + ">", 1, 0};
  auto fail = [&](size_t offset, std::string message, std::string hint = {}) {
    SourceLocation where = at;
    where.column = static_cast<int>(offset) + 1;
    throw InputError(where, std::move(message), std::move(hint));
  };
  const size_t equals = argument.find('=');
  if (equals == std::string::npos) {
    fail(argument.size(), "expected PATH=VALUE, found no '='",
         "e.g. --set actors.usa.unpredictability=0.4");
  }
  if (equals == 0) fail(0, "empty PATH before '='", "e.g. --set actors.usa.unpredictability=0.4");
  const std::string path = argument.substr(0, equals);
  size_t segments = 0;
  for (size_t start = 0;;) {
    const size_t dot = path.find('.', start);
    const size_t end = dot == std::string::npos ? path.size() : dot;
    if (end == start) {
      fail(start, "empty key in PATH (a dot at an end, or two dots in a row)");
    }
    if (++segments > kMaxOverrideSegments) {
      fail(start, "PATH has more than " + std::to_string(kMaxOverrideSegments) + " keys");
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return Override{path, argument.substr(equals + 1)};
}

namespace scenario_detail {

std::string OverrideFileName(const Override& override_) {
  if (!override_.origin.empty()) return "<" + override_.origin + ">";
  return "<--set " + override_.path + "=" + override_.value + ">";
}

namespace {

struct Segment {
  std::string key;
  int column;  // 1-based column in the argument
};

struct Setter {
  const std::vector<Segment>& segments;
  const std::string& file;  // OverrideFileName
  YAML::Node value;         // the new scalar
  Document& document;
  DiagnosticSink& sink;

  void Error(size_t i, std::string message, std::string hint = {}) {
    sink.Error({file, 1, segments[i].column}, std::move(message), std::move(hint));
  }

  std::string Prefix(size_t i) const {
    std::string out;
    for (size_t k = 0; k < i; ++k) out += (k ? "." : "") + segments[k].key;
    return out.empty() ? std::string("the top level") : "'" + out + "'";
  }

  // The final value may replace a scalar or nothing, never a whole map or sequence.
  bool CanReplace(size_t i, const YAML::Node& old) {
    if (old.IsMap() || old.IsSequence()) {
      Error(i, "cannot set " + Prefix(i + 1) + ": it is " + Describe(old) +
                   ", and --set replaces single values only",
            "name one of its values, e.g. " + Prefix(i + 1) + ".KEY");
      return false;
    }
    return true;
  }

  // The copy of `node` with segments[i..] set to `value`, or nothing after an error.
  std::optional<YAML::Node> Replace(const YAML::Node& node, size_t i) {
    const bool last = i + 1 == segments.size();
    const std::string& key = segments[i].key;
    if (node.IsMap() || (node.IsNull() && last)) {
      // std::optional, not a default YAML::Node: yaml-cpp's operator= on a node that is
      // already bound copies content into it instead of rebinding the handle.
      std::optional<YAML::Node> found;
      std::vector<std::string> keys;
      if (node.IsMap()) {
        for (const auto& item : node) {
          if (!item.first.IsScalar()) continue;
          keys.push_back(item.first.Scalar());
          if (!found && item.first.Scalar() == key) found.emplace(item.second);
        }
      }
      std::optional<YAML::Node> replacement;
      if (found) {
        if (last && !CanReplace(i, *found)) return std::nullopt;
        replacement = last ? value : Replace(*found, i + 1);
        if (!replacement) return std::nullopt;
      } else if (!last) {
        const std::string nearest = NearestName(key, keys);
        std::string hint = nearest.empty() ? "" : "did you mean '" + nearest + "'? ";
        hint += keys.empty() ? "it has no keys" : "keys there: " + JoinWords(keys);
        Error(i, "no key '" + key + "' in " + Prefix(i), std::move(hint));
        return std::nullopt;
      }
      YAML::Node copy(YAML::NodeType::Map);
      if (node.IsMap()) {
        bool replaced = false;
        for (const auto& item : node) {
          const bool here = found && !replaced && item.second.is(*found);
          copy.force_insert(item.first, here ? *replacement : item.second);
          replaced = replaced || here;
        }
      }
      if (!found) {  // a new final key
        YAML::Node new_key(key);
        document.AddSynthetic(new_key, {file, 1, segments[i].column});
        copy.force_insert(new_key, value);
      }
      document.AddRebuilt(copy, node);
      return copy;
    }
    if (node.IsSequence()) {
      size_t index = 0;
      bool numeric = !key.empty() && key.size() <= 9;
      for (char c : key) numeric = numeric && std::isdigit(static_cast<unsigned char>(c));
      if (numeric) index = std::stoul(key);
      if (!numeric || index >= node.size()) {
        Error(i, "'" + key + "' is not an index of the list at " + Prefix(i),
              node.size() == 0 ? "the list is empty"
                               : "indices run from 0 to " + std::to_string(node.size() - 1));
        return std::nullopt;
      }
      const YAML::Node element = node[index];
      if (last && !CanReplace(i, element)) return std::nullopt;
      std::optional<YAML::Node> replacement = last ? value : Replace(element, i + 1);
      if (!replacement) return std::nullopt;
      YAML::Node copy(YAML::NodeType::Sequence);
      for (size_t k = 0; k < node.size(); ++k) copy.push_back(k == index ? *replacement : node[k]);
      document.AddRebuilt(copy, node);
      return copy;
    }
    Error(i, Prefix(i) + " is " + Describe(node) + ", not a map: it has no key '" + key + "'");
    return std::nullopt;
  }
};

}  // namespace

YAML::Node ApplyOverrides(const YAML::Node& root, const std::vector<Override>& overrides,
                          Document& document, DiagnosticSink& sink) {
  // Held in an optional: assigning one bound YAML::Node to another would copy content into
  // the parsed tree instead of switching to the updated copy.
  std::optional<YAML::Node> current(root);
  for (const Override& o : overrides) {
    const std::string file = OverrideFileName(o);
    std::vector<Segment> segments;
    for (size_t start = 0;;) {
      const size_t dot = o.path.find('.', start);
      const size_t end = dot == std::string::npos ? o.path.size() : dot;
      segments.push_back({o.path.substr(start, end - start), static_cast<int>(start) + 1});
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    YAML::Node value(o.value);
    document.AddSynthetic(value, {file, 1, static_cast<int>(o.path.size()) + 2});
    if (o.number) document.ExpectNumber(value, {file, 1, 1});
    Setter setter{segments, file, value, document, sink};
    if (segments.empty() || segments.size() > kMaxOverrideSegments) {
      sink.Error({file, 1, 1}, "PATH must have 1 to " + std::to_string(kMaxOverrideSegments) +
                                   " keys");
      continue;
    }
    if (std::optional<YAML::Node> updated = setter.Replace(*current, 0)) current.emplace(*updated);
  }
  return *current;
}

}  // namespace scenario_detail
}  // namespace sim
