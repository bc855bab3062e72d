// SPDX-License-Identifier: MIT
// Sharding without MPI, for job-array schedulers: `--shard I/N` computes the I-th of N
// fixed slices of a run's chunks and writes them to a part file; `simulate merge` reads all
// N parts, checks that they belong to one run with no slice missing or given twice, and
// hands the chunk results back in order (a Runner), so the merged output is the bytes one
// process writes.
//
// Part file, version 1 (text lines, then length-prefixed binary records):
//   sim-part 1
//   run FINGERPRINT                the run's identity: digest of its manifest and shape
//   shard I N
//   chunks J C_0 ... C_{J-1}       jobs and chunks per job
//   field LENGTH NAME \n BYTES     the run's manifest, one field each (what shapes the output)
//   result LENGTH \n BYTES         one per chunk of the slice, in slice order
//   end CHECKSUM                   digest of every byte before this line
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/parallel/runner.h"

namespace sim::parallel {

using Manifest = std::vector<std::pair<std::string, std::string>>;  // (name, value), in order

// Chunks per block of a slice. Fixed (never from --threads or N), so a slice is the same
// whatever each job of the array is given.
inline constexpr int64_t kShardBlock = 16;

// The blocks of slice `index` (1-based) of `count`: the run's blocks of kShardBlock chunks in
// run order, dealt round-robin (block b to slice b mod count + 1), so that every slice gets
// its share of cheap and of costly jobs.
std::vector<Block> ShardBlocks(const std::vector<int64_t>& chunks, int index, int count);

// Parses "I/N" (1 <= I <= N <= 100000); InputError located at "<--shard TEXT>" otherwise.
std::pair<int, int> ParseShard(const std::string& text);

// Computes slice `index` of `count` of `work` in this process and writes it to `path`
// atomically, with `manifest`. Throws what work.compute throws, sim::Error on write errors.
void WriteShard(const Work& work, int index, int count, const Manifest& manifest,
                const std::string& path);

// Parts read and checked together.
struct MergedParts {
  Manifest manifest;
  std::vector<int64_t> chunks;
  std::vector<std::vector<std::string>> results;  // [job][chunk]
};

// Reads the parts and checks them: each is a complete version-1 part whose checksum holds
// (else InputError at its line: "not a part file", "truncated", "checksum mismatch"); all
// are of one run (else at the foreign part: "belongs to another run than FIRST"); every
// slice 1..N is given exactly once (else "slice I/N is missing", "slice I/N given twice").
MergedParts ReadParts(const std::vector<std::string>& paths);

// A runner that hands back the merged parts' results (Collect moves them out).
std::unique_ptr<Runner> MakeMergedRunner(MergedParts* parts);

}  // namespace sim::parallel
