// SPDX-License-Identifier: MIT
// Running the chunks of a long run beyond one process. A run is jobs (grid points of a
// sweep, samples of a robustness run), each cut into fixed chunks whose results are bytes
// (a serialised tally); the caller merges a job's chunk results in chunk order, so the output
// does not depend on where the chunks ran. Three ways to run them, behind one interface:
//   - here, in this process (LocalRunner);
//   - across MPI ranks: rank 0 hands out blocks of chunks from a work queue (dynamic load
//     balance: a rank that finishes early takes the next block) and computes blocks itself
//     meanwhile; the other ranks Serve() (sim/parallel/mpi.cc, only in -DSIM_MPI=ON builds);
//   - from the part files of a sharded run (part_file.h, MergedRunner).
// Nothing here knows what a chunk computes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sim::parallel {

// The work of a run. compute(job, first, last) returns the results of chunks [first, last)
// of `job`, in order; it may be called on any rank (and, on rank 0, from a thread of its
// own), and must give the same bytes wherever it runs.
struct Work {
  std::vector<int64_t> chunks;  // per job: its number of chunks
  std::function<std::vector<std::string>(int64_t job, int64_t first, int64_t last)> compute;
  int64_t block = 16;           // chunks per block handed out at once (>= 1)
};

// (chunks done, chunks to do), called on the calling thread of Collect.
using Progress = std::function<void(int64_t, int64_t)>;

// This process's place in an MPI run (rank 0 of 1 when not started by an MPI launcher, or
// in a build without MPI).
struct Place {
  int rank = 0;
  int size = 1;
  int node_ranks = 1;  // ranks on this machine (they share its cores)
  bool root() const { return rank == 0; }
};
Place ThisProcess();

// Whether this build can run under MPI (-DSIM_MPI=ON), for `simulate --version`.
bool MpiCompiledIn();

class Runner {
 public:
  virtual ~Runner() = default;
  // The chunk results of `job`, in chunk order. Jobs are collected in increasing order,
  // each once, and only jobs marked wanted (MakeRunner) are collected. Rethrows a failure of
  // the computation (on another rank: as sim::Error naming the rank).
  virtual std::vector<std::string> Collect(int64_t job) = 0;
};

// The runner of the root of this process's run: in-process with one process, else the MPI
// work queue over every rank. wanted[job] == 0 jobs are never computed (finished points a
// --resume takes from the checkpoint).
std::unique_ptr<Runner> MakeRunner(const Work& work, std::vector<char> wanted, Progress progress);

// Computes the job's chunks in this process, `block` chunks at a time.
std::unique_ptr<Runner> MakeLocalRunner(const Work& work, Progress progress);

// On a rank other than 0: computes the blocks rank 0 hands out until it says stop. The
// Work must be the one rank 0 built (same arguments, so same jobs and chunks).
void Serve(const Work& work);

// A block of chunks: [first, last) of `job`.
struct Block {
  int64_t job = 0, first = 0, last = 0;
};

// The blocks of `work` in order (job by job, `block` chunks each, the last one shorter).
std::vector<Block> Blocks(const std::vector<int64_t>& chunks, int64_t block);

}  // namespace sim::parallel
