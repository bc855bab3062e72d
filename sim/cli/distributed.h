// SPDX-License-Identifier: MIT
// The Monte Carlo points of a command (`simulate SCENARIO`: one; `sweep`: the grid) as jobs
// of sim/parallel: computed in this process, across MPI ranks, as one slice of a sharded run
// (--shard), or read back from the parts of one (`simulate merge`). Every way gives the
// bytes one process gives. commands.cc asks for point results in order and renders them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/montecarlo/prepared.h"
#include "sim/parallel/part_file.h"
#include "sim/parallel/runner.h"
#include "sim/scenario/scenario.h"

namespace sim::cli {

class PointResults {
 public:
  // load(p): point p's scenario (called on whichever process computes or merges point p).
  PointResults(size_t num_points, std::function<Scenario(size_t)> load,
               const montecarlo::MonteCarloOptions& mc, const MonteCarloCliOptions& cli);
  ~PointResults();

  // Whether this process is done once the work is shared out: an MPI rank other than 0
  // serves rank 0 and returns true; with --shard I/N the slice is computed and written to
  // --output as a part file (with `manifest`, the command that shapes the output) and it
  // returns true. Otherwise (this process writes the output) false.
  bool Detached(const CommonOptions& options, const parallel::Manifest& manifest);

  // Point p will not be asked for (a --resume took it from the checkpoint).
  void Skip(size_t p) { wanted_[p] = 0; }
  // (chunks done, chunks in all), across ranks.
  void SetProgress(parallel::Progress progress) { progress_ = std::move(progress); }

  // Point p's result. Points are asked for in increasing order.
  montecarlo::MonteCarloResult Get(size_t p);

 private:
  std::shared_ptr<const montecarlo::PreparedRun> Prepare(size_t p);

  std::function<Scenario(size_t)> load_;
  montecarlo::MonteCarloOptions mc_;
  const MonteCarloCliOptions& cli_;
  parallel::Work work_;
  std::vector<char> wanted_;
  parallel::Progress progress_;
  std::unique_ptr<parallel::Runner> runner_;
  std::mutex mutex_;  // guards cache_, use_
  std::map<size_t, std::shared_ptr<const montecarlo::PreparedRun>> cache_;
  std::map<size_t, int64_t> last_use_;
  int64_t use_ = 0;
};

// Chunks per block handed out to a rank (or computed at once in one process), for a run of
// `total_chunks` chunks on `ranks` ranks of `threads` threads.
int64_t BlockChunks(int threads, int ranks, int64_t total_chunks);

// The fields of a part file's manifest: everything on the command line that shapes the
// output of `simulate SCENARIO` (command "run") or `simulate sweep` (command "sweep").
// `scenario_text` is the scenario file's bytes as the run read them.
parallel::Manifest RunManifest(const std::string& command, const CommonOptions& options,
                               const MonteCarloCliOptions& cli, const std::string& scenario_path,
                               const std::string& scenario_text, const std::vector<std::string>& vary);

}  // namespace sim::cli
