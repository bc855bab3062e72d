// SPDX-License-Identifier: MIT
// A Monte Carlo run cut into its fixed chunks (kChunkDraws draws each), for running the
// chunks elsewhere: on other MPI ranks, in other jobs of a job array (sim/parallel). A
// chunk's tally depends only on its draws, and the result is the tallies merged in chunk
// order, so however the chunks were spread the result is the bits RunMonteCarlo /
// RunTreeMonteCarlo give in one process with any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sim/montecarlo/run.h"
#include "sim/scenario/scenario.h"

namespace sim::montecarlo {

namespace detail {
class Engine;
struct Tally;
}  // namespace detail

class PreparedRun {
 public:
  // Copies `scenario` and builds the run's plan (the file's own game solved once, as the
  // run functions do), choosing the tree Monte Carlo when NeedsTreeMonteCarlo (run_tree.h). Throws what
  // RunMonteCarlo / RunTreeMonteCarlo throw before their first draw.
  PreparedRun(const Scenario& scenario, const MonteCarloOptions& options);
  ~PreparedRun();
  PreparedRun(const PreparedRun&) = delete;
  PreparedRun& operator=(const PreparedRun&) = delete;

  int64_t num_chunks() const;

  // The tallies of chunks [first, last), on options.threads threads, each as bytes
  // (little-endian words: the same on every machine). Thread-safe (const).
  std::vector<std::string> ComputeChunks(int64_t first, int64_t last) const;

  // Merges chunk tallies given in chunk order 0, 1, ..., num_chunks() - 1.
  class Merger {
   public:
    explicit Merger(const PreparedRun& run);
    ~Merger();
    // Throws sim::Error when `bytes` is not a tally of this run's shape.
    void Add(std::string_view bytes);
    int64_t added() const { return added_; }
    // The result; SIM_CHECKs that every chunk was added.
    MonteCarloResult Finish() const;

   private:
    const PreparedRun& run_;
    std::unique_ptr<detail::Tally> total_, scratch_;
    int64_t added_ = 0;
  };

 private:
  std::unique_ptr<Scenario> scenario_;
  MonteCarloOptions options_;
  std::unique_ptr<detail::Engine> engine_;
};

}  // namespace sim::montecarlo
