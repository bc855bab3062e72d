// SPDX-License-Identifier: MIT
#include "sim/scenario/includes.h"

#include <deque>
#include <filesystem>
#include <map>
#include <set>

#include "sim/scenario/actor_library.h"
#include "sim/scenario/load.h"
#include "sim/scenario/sections.h"

namespace sim::scenario_detail {
namespace {

namespace fs = std::filesystem;

const char* kReasonHint =
    "a shared number changes only with a reason: write it under 'override:' as "
    "PATH: {value: V, why: \"...\", claims: [Dx.y]}";

struct LibraryActor {
  YAML::Node node;
  SourceLocation where;  // the actor's key in its library
  std::string file;
};

class Resolver {
 public:
  Resolver(Document& document, DiagnosticSink& sink, const ParseFile& parse, IncludeResult& result)
      : document_(document), sink_(sink), parse_(parse), result_(result) {}

  // Reads the libraries an `include:` value names, relative to `dir`.
  void ReadIncludes(const YAML::Node& list, const Document& from, const SourceLocation& key_at,
                    const fs::path& dir) {
    if (!list.IsSequence()) {
      sink_.Error(from.Where(list, key_at),
                  "expected a list of actor files for 'include', got " + Describe(list),
                  "e.g. include: [actors/usa.yaml, actors/russia.yaml]");
      return;
    }
    for (const YAML::Node& item : list) {
      const SourceLocation at = from.Where(item, key_at);
      if (!item.IsScalar() || item.Scalar().empty()) {
        sink_.Error(at, "expected a file name in 'include', got " + Describe(item));
        continue;
      }
      const fs::path written(item.Scalar());
      if (written.is_absolute() || written.extension() != ".yaml") {
        sink_.Error(at, "cannot include " + Quote(item.Scalar()) +
                            ": an actor library is a relative path to a .yaml file",
                    "e.g. include: [actors/usa.yaml] (relative to the including file's folder)");
        continue;
      }
      ReadLibrary(dir / written, item.Scalar(), at);
    }
  }

  const std::map<std::string, LibraryActor>& actors() const { return actors_; }
  std::vector<std::string> ids() const {
    std::vector<std::string> ids;
    for (const auto& [id, actor] : actors_) ids.push_back(id);
    return ids;
  }
  // Records every node of a library actor with its location in the library, so that the
  // scenario's diagnostics about a merged number point into the library.
  void Register(const YAML::Node& node, const Document& from) {
    document_.AddSynthetic(node, from.Where(node));
    if (node.IsMap()) {
      for (const auto& kv : node) {
        Register(kv.first, from);
        Register(kv.second, from);
      }
    } else if (node.IsSequence()) {
      for (const YAML::Node& item : node) Register(item, from);
    }
  }

 private:
  void ReadLibrary(const fs::path& path, const std::string& written, const SourceLocation& at) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(path, error);
    const std::string key = error ? path.lexically_normal().string() : canonical.string();
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i] != key) continue;
      std::string chain;
      for (size_t j = i; j < stack_.size(); ++j) chain += stack_names_[j] + " -> ";
      // Located at the scenario's include entry that leads into the cycle (the file the user
      // ran); the message names the libraries that close it.
      sink_.Error(entry_at_, "include cycle: " + chain + path.lexically_normal().string() +
                                 " (included at " + at.file + ":" + LineColumn(at) + ")",
                  "an actor library may include others, but never one that includes it");
      return;
    }
    if (!loaded_.insert(key).second) return;  // included twice (a diamond): read once
    if (stack_.empty()) entry_at_ = at;
    if (!fs::exists(path, error)) {
      sink_.Error(at, "cannot include " + Quote(written) + ": no such file",
                  "include paths are relative to the including file's folder (looked for " +
                      path.lexically_normal().string() + ")");
      return;
    }
    if (!fs::is_regular_file(path, error)) {  // never a device or FIFO that could block
      sink_.Error(at, "cannot include " + Quote(written) + ": not a regular file");
      return;
    }
    std::string text;
    YAML::Node root;
    documents_.emplace_back(path.lexically_normal().string(), std::string());
    try {
      text = ReadScenarioFile(path.string());
      documents_.back() = Document(path.lexically_normal().string(), text);
      root = parse_(documents_.back());
    } catch (const InputError& e) {
      for (const Diagnostic& d : e.diagnostics()) sink_.Error(d.location, d.message, d.hint);
      return;
    }
    const Document& library = documents_.back();
    result_.files.push_back(library.file());
    // As written (not as resolved), so that the hash does not depend on the working folder.
    result_.texts += "#include " + written + "\n" + text + "\n";
    stack_.push_back(key);
    stack_names_.push_back(library.file());
    Reader reader(library, sink_, 4 * static_cast<int64_t>(text.size()) + 10'000);
    MapReader top(reader, root, "the actor library", SourceLocation{library.file(), 1, 1},
                  {"description", "include", "actors"});
    if (const Entry* include = top.Find("include")) {
      ReadIncludes(include->value, library, reader.Where(include->key_node),
                   path.parent_path());
    }
    if (const Entry* actors = top.Require("actors")) {
      ReadActors(reader, *actors, library);
    }
    stack_.pop_back();
    stack_names_.pop_back();
  }

  void ReadActors(Reader& reader, const Entry& actors_entry, const Document& library) {
    MapReader actors(reader, actors_entry.value, "'actors'", reader.Where(actors_entry.key_node));
    for (const Entry& entry : actors.entries()) {
      const SourceLocation where = reader.Where(entry.key_node);
      if (const auto it = actors_.find(entry.key); it != actors_.end()) {
        reader.Error(where, "shared actor " + Quote(entry.key) + " is defined twice (first at " +
                                it->second.where.file + ":" + LineColumn(it->second.where) + ")");
        continue;
      }
      const std::string what = "shared actor " + Quote(entry.key);
      MapReader spec(reader, entry.value, what, where,
                     {"name", "description", "unpredictability", "stakes"});
      if (!spec.ok()) continue;
      for (const Entry& field : spec.entries()) {
        const SourceLocation at = reader.Where(field.key_node);
        if (field.key == "name" || field.key == "description") {
          reader.String(field.value, field.key, at);
        } else if (field.key == "unpredictability") {
          reader.Number(field.value, kUnitInterval, "unpredictability", at);
        } else if (field.key == "stakes") {
          MapReader stakes(reader, field.value, "the stakes of " + what, at);
          for (const Entry& stake : stakes.entries()) {
            const SourceLocation stake_at = reader.Where(stake.key_node);
            MapReader numbers(reader, stake.value, "stake " + Quote(stake.key) + " of " + what,
                              stake_at, {"ideal", "salience"});
            if (const Entry* ideal = numbers.Require("ideal")) {
              reader.Number(ideal->value, kUnitInterval, "ideal", reader.Where(ideal->key_node));
            }
            if (const Entry* salience = numbers.Require("salience")) {
              reader.Number(salience->value, kNonNegative, "salience",
                            reader.Where(salience->key_node));
            }
          }
        }
      }
      Register(entry.value, library);
      actors_[entry.key] = LibraryActor{entry.value, where, library.file()};
    }
  }

  Document& document_;
  DiagnosticSink& sink_;
  const ParseFile& parse_;
  IncludeResult& result_;
  std::deque<Document> documents_;  // the libraries (a deque: references stay valid)
  std::vector<std::string> stack_;        // canonical paths being read (cycle check)
  std::vector<std::string> stack_names_;  // the same as written in messages
  std::set<std::string> loaded_;
  SourceLocation entry_at_;  // the scenario's include entry being followed
  std::map<std::string, LibraryActor> actors_;
};

// The value of `key` in map `node`, or an undefined node.
YAML::Node Get(const YAML::Node& node, const std::string& key) {
  if (!node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& kv : node) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node CopyMap(const YAML::Node& map, const std::set<std::string>& skip = {}) {
  YAML::Node copy(YAML::NodeType::Map);
  if (!map.IsMap()) return copy;
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && skip.count(kv.first.Scalar())) continue;
    copy.force_insert(kv.first, kv.second);
  }
  return copy;
}

void SetKey(YAML::Node& map, const std::string& key, const YAML::Node& value) {
  YAML::Node copy(YAML::NodeType::Map);
  bool set = false;
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) {
      copy.force_insert(kv.first, value);
      set = true;
    } else {
      copy.force_insert(kv.first, kv.second);
    }
  }
  if (!set) copy.force_insert(YAML::Node(key), value);
  map = copy;
}

class ActorMerger {
 public:
  ActorMerger(Document& document, DiagnosticSink& sink, const Resolver& resolver,
              const std::set<std::string>& issues, bool any_include, IncludeResult& result)
      : document_(document),
        sink_(sink),
        resolver_(resolver),
        issues_(issues),
        any_include_(any_include),
        result_(result) {}

  // The actor `id` as the sections will read it.
  YAML::Node Merge(const std::string& id, const YAML::Node& spec, const SourceLocation& at) {
    const YAML::Node shared = Get(spec, "shared");
    const YAML::Node overrides = Get(spec, "override");
    const std::string what = "actor " + Quote(id);
    if (!shared.IsDefined()) {
      if (overrides.IsDefined()) {
        sink_.Error(document_.Where(overrides, at),
                    Quote("override") + " of " + what + " has no shared actor to override",
                    "add shared: ID (an actor of an included library), or write the numbers "
                    "directly");
        return CopyMap(spec, {"override"});
      }
      return spec;
    }
    YAML::Node merged = CopyMap(spec, {"shared", "override"});
    const SourceLocation shared_at = document_.Where(shared, at);
    if (!shared.IsScalar()) {
      sink_.Error(shared_at, "expected a shared actor id for 'shared', got " + Describe(shared));
      return merged;
    }
    const auto found = resolver_.actors().find(shared.Scalar());
    if (found == resolver_.actors().end()) {
      sink_.Error(shared_at, "unknown shared actor " + Quote(shared.Scalar()),
                  any_include_ ? UnknownNameHint(shared.Scalar(), resolver_.ids(),
                                                 "shared actors")
                               : "no actor library is included: add include: [actors/" +
                                     shared.Scalar() + ".yaml] at the top level");
      return merged;
    }
    const LibraryActor& library = found->second;
    result_.shared.push_back({id, shared.Scalar(), library.where});
    const std::string defined_at = library.file + ":" + LineColumn(library.where);
    for (const char* key : {"unpredictability"}) {
      if (Get(spec, key).IsDefined() && Get(library.node, key).IsDefined()) {
        sink_.Error(document_.Where(Get(spec, key), at),
                    what + " redefines " + Quote(key) + " of shared actor " +
                        Quote(shared.Scalar()) + " (" + defined_at + ") without a reason",
                    kReasonHint);
      }
    }
    for (const char* key : {"name", "description", "unpredictability"}) {
      if (!Get(merged, key).IsDefined() && Get(library.node, key).IsDefined()) {
        SetKey(merged, key, Get(library.node, key));
      }
    }
    // Stakes: the scenario's own, plus the library's on the scenario's issues.
    const YAML::Node own = Get(spec, "stakes");
    YAML::Node stakes = CopyMap(own);
    const YAML::Node library_stakes = Get(library.node, "stakes");
    if (library_stakes.IsMap()) {
      for (const auto& kv : library_stakes) {
        const std::string issue = kv.first.Scalar();
        if (!issues_.count(issue)) continue;
        if (const YAML::Node mine = Get(own, issue); mine.IsDefined()) {
          sink_.Error(document_.Where(mine, at),
                      what + " redefines its stake on " + Quote(issue) + " of shared actor " +
                          Quote(shared.Scalar()) + " (" + library.file + ":" +
                          LineColumn(document_.Where(kv.first)) + ") without a reason",
                      kReasonHint);
          continue;
        }
        stakes.force_insert(kv.first, kv.second);
      }
    }
    if (stakes.size() > 0) SetKey(merged, "stakes", stakes);
    if (overrides.IsDefined()) ApplyOverrides(id, overrides, library, merged, at);
    return merged;
  }

 private:
  void ApplyOverrides(const std::string& id, const YAML::Node& overrides,
                      const LibraryActor& library, YAML::Node& merged, const SourceLocation& at) {
    const SourceLocation where = document_.Where(overrides, at);
    if (!overrides.IsMap()) {
      sink_.Error(where, "expected a map PATH: {value, why, claims} for 'override', got " +
                             Describe(overrides));
      return;
    }
    for (const auto& kv : overrides) {
      const std::string path = kv.first.IsScalar() ? kv.first.Scalar() : "";
      const SourceLocation path_at = document_.Where(kv.first, where);
      const YAML::Node value = Get(kv.second, "value");
      const YAML::Node why = Get(kv.second, "why");
      const YAML::Node claims = Get(kv.second, "claims");
      if (!kv.second.IsMap()) {
        sink_.Error(path_at, "expected {value, why, claims} for override " + Quote(path) +
                                 ", got " + Describe(kv.second),
                    kReasonHint);
        continue;
      }
      for (const auto& field : kv.second) {
        const std::string key = field.first.IsScalar() ? field.first.Scalar() : "";
        if (key != "value" && key != "why" && key != "claims") {
          sink_.Error(document_.Where(field.first, path_at),
                      "unknown key " + Quote(key) + " in override " + Quote(path),
                      "keys allowed: value, why, claims");
        }
      }
      ActorOverride record{id, path, "", "", "", {}, path_at};
      if (why.IsDefined() && why.IsScalar()) record.why = why.Scalar();
      if (claims.IsSequence()) {
        for (const YAML::Node& c : claims) {
          if (c.IsScalar() && !c.Scalar().empty()) record.claims.push_back(c.Scalar());
        }
      } else if (claims.IsDefined()) {
        sink_.Error(document_.Where(claims, path_at),
                    "expected a list of claim ids for 'claims', got " + Describe(claims));
      }
      if (record.why.empty() && record.claims.empty()) {
        sink_.Error(path_at, "override " + Quote(path) + " of actor " + Quote(id) +
                                 " gives no reason", kReasonHint);
      }
      if (!value.IsDefined() || !value.IsScalar()) {
        sink_.Error(path_at, "override " + Quote(path) + " has no scalar 'value'",
                    kReasonHint);
        continue;
      }
      record.value = value.Scalar();
      // The overridable numbers: unpredictability, stakes.ISSUE.ideal|salience.
      const std::string stake_prefix = "stakes.";
      YAML::Node original(YAML::NodeType::Undefined);
      if (path == "unpredictability") {
        original = Get(library.node, "unpredictability");
        if (original.IsDefined()) SetKey(merged, "unpredictability", value);
      } else if (path.rfind(stake_prefix, 0) == 0) {
        const std::string rest = path.substr(stake_prefix.size());
        const size_t dot = rest.find('.');
        const std::string issue = rest.substr(0, dot);
        const std::string field = dot == std::string::npos ? "" : rest.substr(dot + 1);
        const YAML::Node stake = Get(Get(library.node, "stakes"), issue);
        if ((field == "ideal" || field == "salience") && issues_.count(issue)) {
          original = Get(stake, field);
        }
        if (original.IsDefined()) {
          YAML::Node stakes = CopyMap(Get(merged, "stakes"));
          YAML::Node copy = CopyMap(Get(stakes, issue));
          document_.AddSynthetic(copy, document_.Where(stake));
          SetKey(copy, field, value);
          SetKey(stakes, issue, copy);
          SetKey(merged, "stakes", stakes);
        }
      }
      if (!original.IsDefined()) {
        sink_.Error(path_at,
                    "override " + Quote(path) + ": shared actor has no such number here",
                    "overridable: unpredictability, stakes.ISSUE.ideal, stakes.ISSUE.salience "
                    "for an ISSUE of this scenario that the shared actor has a stake on");
        continue;
      }
      record.shared_value = original.IsScalar() ? original.Scalar() : "";
      result_.overrides.push_back(std::move(record));
    }
  }

  Document& document_;
  DiagnosticSink& sink_;
  const Resolver& resolver_;
  const std::set<std::string>& issues_;
  bool any_include_;
  IncludeResult& result_;
};

}  // namespace

YAML::Node ResolveIncludes(const YAML::Node& root, Document& document, DiagnosticSink& sink,
                           const ParseFile& parse, IncludeResult& result) {
  const YAML::Node include = Get(root, "include");
  const YAML::Node actors = Get(root, "actors");
  bool uses_shared = false;
  if (actors.IsMap()) {
    for (const auto& kv : actors) {
      if (Get(kv.second, "shared").IsDefined() || Get(kv.second, "override").IsDefined()) {
        uses_shared = true;
      }
    }
  }
  if (!include.IsDefined() && !uses_shared) return root;

  Resolver resolver(document, sink, parse, result);
  if (include.IsDefined()) {
    SourceLocation key_at = document.Where(include);
    for (const auto& kv : root) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "include") key_at = document.Where(kv.first);
    }
    // Relative to the scenario's folder; a scenario read from a pipe or device (/dev/stdin)
    // has none, so its includes are relative to the working folder.
    std::error_code error;
    const std::filesystem::path file(document.file());
    const bool stream = std::filesystem::exists(file, error) &&
                        !std::filesystem::is_regular_file(file, error);
    resolver.ReadIncludes(include, document, key_at,
                          stream ? std::filesystem::path() : file.parent_path());
  }
  std::set<std::string> issues;
  for (const auto& kv : Get(root, "issues").IsMap() ? Get(root, "issues") : YAML::Node()) {
    if (kv.first.IsScalar()) issues.insert(kv.first.Scalar());
  }
  YAML::Node merged_root = CopyMap(root, {"include"});
  if (!actors.IsMap()) return merged_root;
  ActorMerger merger(document, sink, resolver, issues, include.IsDefined(), result);
  YAML::Node merged_actors(YAML::NodeType::Map);
  for (const auto& kv : actors) {
    const SourceLocation at = document.Where(kv.first);
    const std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (!kv.second.IsMap()) {
      merged_actors.force_insert(kv.first, kv.second);
      continue;
    }
    YAML::Node merged = merger.Merge(id, kv.second, at);
    if (!merged.is(kv.second)) {
      document.AddSynthetic(merged, document.Where(kv.second, at));
      const YAML::Node stakes = Get(merged, "stakes");
      if (stakes.IsDefined() && !stakes.is(Get(kv.second, "stakes"))) {
        document.AddSynthetic(stakes, document.Where(Get(kv.second, "stakes"), at));
      }
    }
    merged_actors.force_insert(kv.first, merged);
  }
  document.AddSynthetic(merged_actors, document.Where(actors));
  SetKey(merged_root, "actors", merged_actors);
  return merged_root;
}

}  // namespace sim::scenario_detail

namespace sim::scenario_detail {

std::vector<SharedActorDefinition> ReadActorLibrary(const std::string& path,
                                                    const ParseFile& parse) {
  Document document(path, "");
  DiagnosticSink sink;
  IncludeResult result;
  Resolver resolver(document, sink, parse, result);
  YAML::Node list(YAML::NodeType::Sequence);
  list.push_back(std::filesystem::path(path).filename().string());
  resolver.ReadIncludes(list, document, SourceLocation{path},
                        std::filesystem::path(path).parent_path());
  sink.ThrowIfAny();
  auto number = [](const YAML::Node& node) { return std::stod(node.Scalar()); };
  std::vector<SharedActorDefinition> definitions;
  for (const auto& [id, actor] : resolver.actors()) {
    SharedActorDefinition d;
    d.id = id;
    d.file = actor.file;
    d.location = actor.where;
    d.name = Get(actor.node, "name").IsScalar() ? Get(actor.node, "name").Scalar() : id;
    if (Get(actor.node, "unpredictability").IsScalar()) {
      d.unpredictability = number(Get(actor.node, "unpredictability"));
    }
    const YAML::Node stakes = Get(actor.node, "stakes");
    if (stakes.IsMap()) {
      for (const auto& kv : stakes) {
        d.stakes.push_back({kv.first.Scalar(), Stake{number(Get(kv.second, "ideal")),
                                                     number(Get(kv.second, "salience"))}});
      }
    }
    definitions.push_back(std::move(d));
  }
  return definitions;
}

}  // namespace sim::scenario_detail
