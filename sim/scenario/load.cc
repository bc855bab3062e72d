// SPDX-License-Identifier: MIT
// The scenario loader: file checks (existence, size, encoding), YAML parsing, --set
// overrides, then the top-level keys in dependency order. Every problem found goes to one
// DiagnosticSink, so a file's errors are reported together.
#include "sim/scenario/load.h"

#include "sim/scenario/actor_library.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "sim/core/text_file.h"
#include "sim/scenario/findings_section.h"
#include "sim/scenario/includes.h"
#include "sim/scenario/montecarlo_section.h"
#include "sim/scenario/overrides.h"
#include "sim/scenario/reader.h"
#include "sim/scenario/repeated_section.h"
#include "sim/scenario/rounds_section.h"
#include "sim/scenario/sections.h"

namespace sim {
namespace scenario_detail {
namespace {

void ReadScenarioId(LoadContext& context, const YAML::Node& value, const SourceLocation& at) {
  if (auto id = context.reader.String(value, "scenario", at)) {
    if (id->empty()) {
      context.reader.Error(context.reader.Where(value, at), "'scenario' (the id) is empty");
    } else {
      context.scenario.id = *id;
    }
  }
}

void ReadTitle(LoadContext& context, const YAML::Node& value, const SourceLocation& at) {
  context.scenario.title = context.reader.String(value, "title", at).value_or("");
}

void ReadDescription(LoadContext& context, const YAML::Node& value, const SourceLocation& at) {
  context.scenario.description = context.reader.String(value, "description", at).value_or("");
}

using SectionReader = void (*)(LoadContext&, const YAML::Node&, const SourceLocation&);

struct TopLevelKey {
  const char* key;
  SectionReader read;
  bool required;
};

// The top-level keys of format v1, in the order they are READ (file order does not matter):
// a key may use what the keys above it produced (actors need issues; predicates and payoff
// tables need actors). Adding a top-level key (stages, types, montecarlo, ...) is one row
// here plus its reader; the list of allowed keys in messages comes from this table.
constexpr TopLevelKey kTopLevelKeys[] = {
    {"scenario", ReadScenarioId, false},
    {"title", ReadTitle, false},
    {"description", ReadDescription, false},
    {"limits", ReadLimits, false},
    {"issues", ReadIssues, false},
    {"actors", ReadActors, true},
    {"outcomes", ReadOutcomes, false},
    {"payoffs", ReadPayoffs, false},
    {"montecarlo", ReadMonteCarlo, false},
    {"stages", ReadStages, false},
    {"tree", ReadTree, false},
    {"findings", ReadFindings, false},
    {"ranges", ReadRanges, false},
    {"repeated", ReadRepeated, false},
    {"rounds", ReadRounds, false},
};

// LocationOfByte and FirstInvalidUtf8 come from core/text_file.h (shared with the Gambit
// readers).
void CheckText(const std::string& text, const std::string& name) {
  if (static_cast<int64_t>(text.size()) > kMaxFileBytes) {
    throw InputError(SourceLocation{name}, "the file is too large (" +
                                               std::to_string(text.size()) + " bytes; the limit is " +
                                               std::to_string(kMaxFileBytes >> 20) + " MiB)");
  }
  if (const size_t nul = text.find('\0'); nul != std::string::npos) {
    throw InputError(LocationOfByte(name, text, nul), "the file contains a NUL byte",
                     "a scenario is a UTF-8 text file; is this a binary file?");
  }
  if (const size_t bad = FirstInvalidUtf8(text); bad != std::string::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw InputError(LocationOfByte(name, text, bad),
                     std::string("the file is not valid UTF-8 (byte ") + byte + ")",
                     "save the file as UTF-8");
  }
}

SourceLocation LocationOfMark(const std::string& file, const YAML::Mark& mark) {
  if (mark.line < 0) return SourceLocation{file};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

// Watches yaml-cpp's parse events only for where each document starts. yaml-cpp 0.7 does not
// consume a stray token at the top level (a leading ','): YAML::LoadAll then loops forever
// and YAML::Load returns an empty document, silently dropping the rest of the file. A
// document that starts where the previous one started is that case.
class DocumentProbe : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// The UTF-8 character starting at byte `pos` of `text`.
std::string CharacterAt(const std::string& text, size_t pos) {
  if (pos >= text.size()) return "end of file";
  size_t end = pos + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return "'" + text.substr(pos, end - pos) + "'";
}

// Runs `parse`, turning yaml-cpp's exceptions into located InputErrors.
template <typename Parse>
auto WithYamlErrors(const Document& document, Parse&& parse) {
  try {
    return parse();
  } catch (const YAML::DeepRecursion& e) {
    throw InputError(LocationOfMark(document.file(), e.mark),
                     "the YAML nests deeper than " + std::to_string(e.depth() - 1) + " levels",
                     "a scenario needs only a few levels of nesting");
  } catch (const YAML::ParserException& e) {
    throw InputError(LocationOfMark(document.file(), e.mark), "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    throw InputError(LocationOfMark(document.file(), e.mark), "YAML error: " + e.msg);
  }
}

// The one YAML document of the file. Throws InputError for syntax errors, an empty file,
// several documents, or a top level that is not a map.
YAML::Node ParseYaml(const Document& document) {
  const std::vector<YAML::Mark> starts = WithYamlErrors(document, [&] {
    std::istringstream in(document.text());
    YAML::Parser parser(in);
    DocumentProbe probe;
    // Two documents are enough to know the file has too many; a third shows a stuck parser.
    while (probe.starts.size() < 3 && parser.HandleNextDocument(probe)) {
      const size_t n = probe.starts.size();
      if (n >= 2 && probe.starts[n - 1].pos == probe.starts[n - 2].pos) {
        const YAML::Mark& at = probe.starts[n - 1];
        throw YAML::ParserException(at, "unexpected " + CharacterAt(document.text(), at.pos));
      }
    }
    return probe.starts;
  });
  const char* kShape = "a scenario is a YAML map with at least 'actors'; see scenarios/README.md";
  if (starts.size() > 1) {
    throw InputError(LocationOfMark(document.file(), starts[1]),
                     "the file holds more than one YAML document; a scenario is one",
                     "remove the '---' separator (or split the file)");
  }
  const YAML::Node root = WithYamlErrors(document, [&] { return YAML::Load(document.text()); });
  if (root.IsNull()) {
    throw InputError(SourceLocation{document.file(), 1, 1}, "the file is empty", kShape);
  }
  if (!root.IsMap()) {
    SourceLocation at = LocationOfMark(document.file(), root.Mark());
    if (!at.known()) at = {document.file(), 1, 1};
    throw InputError(at, "expected a map of scenario keys at the top level, got " + Describe(root),
                     kShape);
  }
  return root;
}

// ParseYaml, remembering the last text parsed on this thread: a sweep loads the same text
// once per grid point with other overrides, and parsing the YAML was nearly all of a point's
// set-up (93% of the instructions of a 21-point detente sweep of 1 draw). Reusing the tree is
// safe because loading never changes it (overrides copy what they change: ApplyOverrides)
// and the tree stays on one thread (yaml-cpp nodes are not safe to share between threads).
YAML::Node ParseYamlOnce(const Document& document) {
  // Nodes an override adds join the parsed tree's memory pool (yaml-cpp keeps a pool alive
  // as long as any node of it is), so the tree is parsed afresh every kReuses loads. A sweep
  // of 2,001 detente points (1 draw) takes 1.5 s of CPU so, against 5.1 s parsing every
  // point and as much reusing one tree for all of them.
  constexpr int kReuses = 16;
  struct Last {
    std::string file, text;
    YAML::Node root;
    int uses = 0;
  };
  thread_local std::optional<Last> last;
  if (last && last->uses < kReuses && last->file == document.file() && last->text == document.text()) {
    ++last->uses;
    return last->root;
  }
  last.reset();
  YAML::Node root = ParseYaml(document);
  last = Last{document.file(), document.text(), root};
  return root;
}

}  // namespace
}  // namespace scenario_detail

Scenario ParseScenario(const std::string& text, const std::string& name,
                       const LoadOptions& options) {
  using namespace scenario_detail;
  CheckText(text, name);
  Document document(name, text);
  const YAML::Node parsed = ParseYamlOnce(document);

  DiagnosticSink sink;
  // A file can describe more nodes than it has bytes only through aliases; a walk that
  // visits many more nodes than that is an alias bomb (or an alias cycle).
  const int64_t budget = 4 * static_cast<int64_t>(text.size()) + 100'000;
  // Inline distributions (Monte Carlo) become plain numbers before the sections read them.
  std::vector<UncertainNumber> inline_numbers;
  // Shared actors first, so that --set, distributions and every check see the merged actors.
  IncludeResult included;
  const YAML::Node merged = ResolveIncludes(parsed, document, sink, ParseYaml, included);
  const int64_t total_budget = budget + 4 * static_cast<int64_t>(included.texts.size());
  const YAML::Node root = ExtractInlineDistributions(
      ApplyOverrides(merged, options.overrides, document, sink), document, sink, total_budget,
      &inline_numbers);
  Reader reader(document, sink, total_budget);
  Scenario scenario;
  scenario.path = name;
  scenario.id = std::filesystem::path(name).stem().string();
  if (options.max_profiles > 0) scenario.limits.max_profiles = options.max_profiles;
  scenario.uncertain = std::move(inline_numbers);
  scenario.includes = std::move(included.files);
  scenario.included_text = std::move(included.texts);
  scenario.shared_actors = std::move(included.shared);
  scenario.actor_overrides = std::move(included.overrides);
  LoadContext context{reader, scenario, options};
  try {
    std::vector<std::string> allowed;
    for (const TopLevelKey& k : kTopLevelKeys) allowed.push_back(k.key);
    MapReader top(reader, root, "the scenario", SourceLocation{name, 1, 1}, allowed);
    context.has_payoff_table = top.Find("payoffs") != nullptr;
    for (const TopLevelKey& k : kTopLevelKeys) {
      if (const Entry* entry = top.Find(k.key)) {
        k.read(context, entry->value, reader.Where(entry->key_node));
      } else if (k.required) {
        top.Require(k.key);
      }
    }
  } catch (const BudgetExceeded& exceeded) {
    sink.Error(exceeded.location,
               "the scenario is too large to check: it expands to more than " +
                   std::to_string(exceeded.budget) + " YAML nodes",
               "aliases (*name) that repeat large parts many times cause this; write the "
               "parts out, or reuse less");
  }
  CheckMonteCarlo(context);
  CheckRanges(context);
  for (const SourceLocation& at : document.UnreadNumbers()) {
    sink.Error(at, "this path does not name a number of the scenario, so there is nothing to sweep",
               "--vary sweeps numbers, e.g. actors.ACTOR.unpredictability or "
               "actors.ACTOR.stakes.ISSUE.salience");
  }
  sink.ThrowIfAny();
  return scenario;
}

std::string ReadScenarioFile(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    throw InputError(SourceLocation{path}, "no such file", "check the path; scenarios are .yaml files");
  }
  if (fs::is_directory(status)) {
    throw InputError(SourceLocation{path}, "is a directory, not a scenario file",
                     "give a .yaml file, e.g. scenarios/detente.yaml");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(SourceLocation{path}, std::string("cannot open: ") + std::strerror(errno));
  }
  // Read at most one byte past the limit, so that an endless input (/dev/zero) stops.
  std::string text;
  char buffer[1 << 16];
  while (in && static_cast<int64_t>(text.size()) <= scenario_detail::kMaxFileBytes) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    throw InputError(SourceLocation{path}, std::string("cannot read: ") + std::strerror(errno));
  }
  if (static_cast<int64_t>(text.size()) > scenario_detail::kMaxFileBytes) {
    throw InputError(SourceLocation{path},
                     "the file is too large (more than " +
                         std::to_string(scenario_detail::kMaxFileBytes >> 20) + " MiB)");
  }
  return text;
}

std::vector<SharedActorDefinition> LoadActorLibrary(const std::string& path) {
  return scenario_detail::ReadActorLibrary(path, scenario_detail::ParseYaml);
}

Scenario LoadScenario(const std::string& path, const LoadOptions& options) {
  return ParseScenario(ReadScenarioFile(path), path, options);
}

}  // namespace sim
