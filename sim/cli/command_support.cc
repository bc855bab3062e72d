// SPDX-License-Identifier: MIT
#include "sim/cli/command_support.h"

#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include "sim/core/atomic_file.h"
#include "sim/io/number.h"

namespace sim::cli {

LoadOptions MakeLoadOptions(const CommonOptions& options) {
  LoadOptions load;
  for (const std::string& set : options.sets) load.overrides.push_back(ParseOverride(set));
  load.max_profiles = options.max_profiles;
  return load;
}

bool ToStdout(const CommonOptions& options) { return options.output.empty() || options.output == "-"; }

bool WantsManifestFile(const CommonOptions& options) {
  return !ToStdout(options) && !IsSpecialOutput(options.output);
}

void Emit(const CommonOptions& options, const std::function<void(std::ostream&)>& write,
          const std::function<std::string()>& manifest) {
  if (ToStdout(options)) {
    std::ostringstream text;
    write(text);
    WriteStandardOutput(text.str());
    return;
  }
  AtomicFile file(options.output);
  if (!manifest || !WantsManifestFile(options)) {
    write(file.stream());
    file.Commit();
    return;
  }
  AtomicFile manifest_file(options.output + ".manifest.json");
  write(file.stream());
  manifest_file.stream() << manifest();
  CommitTogether({&file, &manifest_file});
}

void CheckOutputIsNoInput(const CommonOptions& options, const std::string& input) {
  if (ToStdout(options)) return;
  const std::vector<std::string> written = {options.output, options.output + ".manifest.json"};
  const std::vector<std::string> inputs = {input, options.output + ".checkpoint"};
  for (const std::string& out : written) {
    for (const std::string& in : inputs) {
      if (SameFile(out, in)) {
        throw InputError(SourceLocation{"<command line>"},
                         "--output " + options.output + " would overwrite the input file " + in,
                         "choose another output file");
      }
    }
  }
  if (IsSpecialOutput(options.output)) return;  // never open a FIFO to look at it
  std::ifstream existing(options.output, std::ios::binary);
  char head[15] = {};
  if (existing.read(head, sizeof head) && std::string_view(head, sizeof head) == "sim-checkpoint ") {
    throw InputError(SourceLocation{"<command line>"},
                     "--output " + options.output + " is a sweep checkpoint file",
                     "overwriting it would lose the finished points; choose another output file");
  }
}

TreeLimits EfgLimits(const CommonOptions& options) {
  TreeLimits limits;
  if (options.max_profiles > 0) limits.max_nodes = options.max_profiles;
  return limits;
}

bool IsEfg(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".efg") == 0;
}

bool IsNfgPath(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".nfg") == 0;
}

ReducedStrategicForm ImperfectRecallForm(const GameTree& tree, const Diagnostic& problem) {
  StrategicFormLimits limits;
  std::string too_large;
  // Plans are counted for perfect recall; without it, bound them by the unreduced count.
  for (int p = 0; p < tree.num_players() && too_large.empty(); ++p) {
    long double pure = 1.0L;
    for (int set : tree.PlayerInfoSets(p)) pure *= tree.infoset(set).actions.size();
    if (pure > static_cast<long double>(limits.max_strategies)) {
      too_large = "player '" + tree.player_name(p) + "' has up to " +
                  io::FormatRoundTrip(static_cast<double>(pure)) + " pure strategies (limit " +
                  std::to_string(limits.max_strategies) + ")";
    }
  }
  ReducedStrategicForm form;
  if (too_large.empty()) {
    try {
      form = ToStrategicForm(tree, GameTree::kNoNode, {}, limits);
    } catch (const Error& e) {
      too_large = e.what();
    }
  }
  if (!too_large.empty()) {
    throw InputError(problem.location,
                     problem.message + "; its strategic form, solved instead when it fits, is too large: " +
                         too_large,
                     problem.hint);
  }
  return form;
}

}  // namespace sim::cli
