// SPDX-License-Identifier: MIT
#include "sim/cli/distributed.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "sim/cli/robustness.h"
#include "sim/core/error.h"
#include "sim/core/version.h"
#include "sim/io/montecarlo_report.h"
#include "sim/io/number.h"
#include "sim/scenario/load.h"

namespace sim::cli {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + '\n';
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

}  // namespace

// Chunks per block handed out: 16 per thread in one process (RunMonteCarlo's batches).
// Across ranks, about 32 blocks per rank, at most 64 chunks per thread: enough blocks for the
// queue to even out ranks that run at different speeds and points that cost different
// amounts, as few as that allows (each block is a message through rank 0). README.md,
// "Running on a cluster", has the cost model.
int64_t BlockChunks(int threads, int ranks, int64_t total_chunks) {
  if (ranks == 1) return 16 * static_cast<int64_t>(threads);
  const int64_t per_thread =
      std::clamp<int64_t>(total_chunks / (32 * static_cast<int64_t>(ranks) * threads), 1, 64);
  return per_thread * threads;
}

PointResults::PointResults(size_t num_points, std::function<Scenario(size_t)> load,
                           const montecarlo::MonteCarloOptions& mc, const MonteCarloCliOptions& cli)
    : load_(std::move(load)), mc_(mc), cli_(cli), wanted_(num_points, 1) {
  mc_.progress = nullptr;
  const int64_t chunks = (mc.draws + montecarlo::kChunkDraws - 1) / montecarlo::kChunkDraws;
  work_.chunks.assign(num_points, chunks);
  work_.block = BlockChunks(mc.threads, parallel::ThisProcess().size, chunks * static_cast<int64_t>(num_points));
  work_.compute = [this](int64_t job, int64_t first, int64_t last) {
    return Prepare(static_cast<size_t>(job))->ComputeChunks(first, last);
  };
  // Every process checks the first point (options, methods, tree limits) before any work is
  // shared out, so an input error is reported the same way on every rank.
  Prepare(0);
}

PointResults::~PointResults() = default;

bool PointResults::Detached(const CommonOptions& options, const parallel::Manifest& manifest) {
  if (!parallel::ThisProcess().root()) {
    parallel::Serve(work_);
    return true;
  }
  if (cli_.shard.empty()) return false;
  if (cli_.merged != nullptr)
    throw InputError(SourceLocation{"<command line>"}, "merge takes no --shard");
  const auto [index, count] = parallel::ParseShard(cli_.shard);
  if (options.output.empty() || options.output == "-") {
    throw InputError(SourceLocation{"<command line>"}, "--shard needs --output PART",
                     "each slice writes a part file; `simulate merge PART...` writes the result");
  }
  if (parallel::ThisProcess().size > 1) {
    throw InputError(SourceLocation{"<command line>"}, "--shard runs in one process, not under mpiexec",
                     "use either MPI or a job array with --shard");
  }
  parallel::WriteShard(work_, index, count, manifest, options.output);
  return true;
}

std::shared_ptr<const montecarlo::PreparedRun> PointResults::Prepare(size_t p) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    last_use_[p] = ++use_;
    if (auto it = cache_.find(p); it != cache_.end()) return it->second;
  }
  // Built outside the lock (it solves the point's game); two threads may build the same
  // point at once, which is harmless: both plans are equal.
  auto run = std::make_shared<const montecarlo::PreparedRun>(load_(p), mc_);
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = cache_.emplace(p, std::move(run));
  // Keep the 8 points used last (points run in order; a few are in flight at once).
  while (cache_.size() > 8) {
    auto oldest = cache_.begin();
    for (auto c = cache_.begin(); c != cache_.end(); ++c)
      if (last_use_[c->first] < last_use_[oldest->first]) oldest = c;
    last_use_.erase(oldest->first);
    cache_.erase(oldest);
  }
  return it->second;
}

montecarlo::MonteCarloResult PointResults::Get(size_t p) {
  if (!runner_) {
    if (cli_.merged != nullptr) {
      if (cli_.merged->chunks != work_.chunks) {
        throw InputError(SourceLocation{"<command line>"},
                         "the parts do not have the shape of this run (points x chunks)",
                         "they were computed with other arguments");
      }
      runner_ = parallel::MakeMergedRunner(cli_.merged);
    } else {
      runner_ = parallel::MakeRunner(work_, wanted_, progress_);
    }
  }
  std::vector<std::string> chunks = runner_->Collect(static_cast<int64_t>(p));
  const std::shared_ptr<const montecarlo::PreparedRun> run = Prepare(p);
  montecarlo::PreparedRun::Merger merger(*run);
  for (const std::string& chunk : chunks) merger.Add(chunk);
  return merger.Finish();
}

parallel::Manifest RunManifest(const std::string& command, const CommonOptions& options,
                               const MonteCarloCliOptions& cli, const std::string& scenario_path,
                               const std::string& scenario_text, const std::vector<std::string>& vary) {
  return {{"version", kVersion},
          {"command", command},
          {"scenario", scenario_path},
          {"scenario_hash", io::HashText(scenario_text)},
          {"set", Join(options.sets)},
          {"vary", Join(vary)},
          {"format", options.format},
          {"max_profiles", std::to_string(options.max_profiles)},
          {"draws", std::to_string(cli.draws)},
          {"seed", std::to_string(cli.seed)},
          {"select", cli.select},
          {"logit_lambda0", io::FormatRoundTrip(cli.logit_lambda0)},
          {"max_draws", std::to_string(cli.max_draws)}};
}

void RunMerge(const CommonOptions& common, const std::vector<std::string>& parts) {
  parallel::MergedParts merged = parallel::ReadParts(parts);
  std::map<std::string, std::string> f(merged.manifest.begin(), merged.manifest.end());
  const SourceLocation first{parts.front(), 1, 1};
  for (const char* name : {"version", "command", "scenario", "scenario_hash", "set", "vary", "format",
                           "max_profiles", "draws", "seed", "select", "logit_lambda0", "max_draws"}) {
    if (f.count(name) == 0) throw InputError(first, std::string("the part's manifest has no field '") + name + "'");
  }
  if (f["version"] != kVersion) {
    throw InputError(first, "the parts were computed by simulate " + f["version"] + ", this is " + kVersion,
                     "merge with the version that computed them");
  }
  const std::string& path = f["scenario"];
  // The parts hash the scenario with the actor libraries it includes (scenarios/actors/).
  const std::string scenario_text = ReadFile(path);
  std::string included;
  try {
    included = ParseScenario(scenario_text, path).included_text;
  } catch (const InputError&) {
    // A scenario that no longer loads cannot match: the hash of its bytes alone tells.
  }
  if (io::HashText(scenario_text + included) != f["scenario_hash"]) {
    throw InputError(SourceLocation{path}, "the scenario changed since the parts were computed (or is not here)",
                     "run merge in the directory the shards ran in, with the same scenario file");
  }
  auto number = [&](const std::string& name, auto* value) {
    const std::string& text = f[name];
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
    if (ec != std::errc() || end != text.data() + text.size())
      throw InputError(first, "bad manifest field " + name + " '" + text + "'");
  };
  CommonOptions options;
  options.sets = Split(f["set"]);
  options.format = f["format"];
  options.output = common.output;
  number("max_profiles", &options.max_profiles);
  MonteCarloCliOptions cli;
  number("draws", &cli.draws);
  number("seed", &cli.seed);
  number("logit_lambda0", &cli.logit_lambda0);
  number("max_draws", &cli.max_draws);
  cli.select = f["select"];
  cli.threads = 1;
  cli.quiet = true;
  cli.merged = &merged;
  if (f["command"] == "sweep") {
    RunSweep(options, cli, path, Split(f["vary"]));
  } else if (f["command"] == "run") {
    RunScenario(options, path, cli);
  } else if (f["command"] == "robustness") {
    RobustnessCliOptions robustness;
    number("samples", &robustness.samples);
    number("inner_draws", &robustness.draws);
    RunRobustness(options, cli, robustness, path);
  } else {
    throw InputError(first, "unknown command '" + f["command"] + "' in the part's manifest");
  }
}

}  // namespace sim::cli
