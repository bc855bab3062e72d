// SPDX-License-Identifier: MIT
// PreparedRun (montecarlo/prepared.h): chunks computed in any ranges, on any threads, sent
// as bytes and merged in chunk order give the bits of RunMonteCarlo / RunTreeMonteCarlo in
// one process. This is what MPI ranks and --shard parts rely on (sim/parallel).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/montecarlo/prepared.h"
#include "sim/montecarlo/run.h"
#include "sim/montecarlo/run_tree.h"
#include "sim/scenario/load.h"

namespace sim::montecarlo {
namespace {

// Bitwise equality of doubles (== would let -0.0 and 0.0, or NaNs, slip).
bool Same(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void ExpectSameResult(const MonteCarloResult& a, const MonteCarloResult& b) {
  EXPECT_EQ(a.draws, b.draws);
  EXPECT_EQ(a.outcome_counts, b.outcome_counts);
  EXPECT_EQ(a.move_counts, b.move_counts);
  EXPECT_EQ(a.solved, b.solved);
  EXPECT_EQ(a.games_solved, b.games_solved);
  EXPECT_EQ(a.exact_solves, b.exact_solves);
  EXPECT_EQ(a.methods, b.methods);
  ASSERT_EQ(a.positions.size(), b.positions.size());
  for (size_t k = 0; k < a.positions.size(); ++k) {
    EXPECT_TRUE(Same(a.positions[k].mean(), b.positions[k].mean())) << k;
    EXPECT_TRUE(Same(a.positions[k].variance(), b.positions[k].variance())) << k;
  }
  ASSERT_EQ(a.payoffs.size(), b.payoffs.size());
  for (size_t i = 0; i < a.payoffs.size(); ++i) EXPECT_TRUE(Same(a.payoffs[i].mean(), b.payoffs[i].mean()));
  ASSERT_EQ(a.sensitivity.size(), b.sensitivity.size());
  for (size_t j = 0; j < a.sensitivity.size(); ++j)
    for (size_t c = 0; c < a.sensitivity[j].size(); ++c)
      EXPECT_TRUE(Same(a.sensitivity[j][c].value(), b.sensitivity[j][c].value()));
}

// Computes the run's chunks in random ranges (in a random order of ranges), merges them in
// chunk order, and compares with the one-process run.
void ExpectSplitsMergeExactly(const Scenario& scenario, MonteCarloOptions options, uint32_t seed) {
  const MonteCarloResult whole =
      NeedsTreeMonteCarlo(scenario) ? RunTreeMonteCarlo(scenario, options) : RunMonteCarlo(scenario, options);
  std::mt19937 random(seed);
  options.threads = 1 + static_cast<int>(random() % 3);
  const PreparedRun run(scenario, options);
  std::vector<std::pair<int64_t, int64_t>> ranges;
  for (int64_t first = 0; first < run.num_chunks();) {
    const int64_t last = std::min(run.num_chunks(), first + 1 + static_cast<int64_t>(random() % 5));
    ranges.emplace_back(first, last);
    first = last;
  }
  std::shuffle(ranges.begin(), ranges.end(), random);
  std::vector<std::string> tallies(run.num_chunks());
  for (const auto& [first, last] : ranges) {
    std::vector<std::string> bytes = run.ComputeChunks(first, last);
    ASSERT_EQ(static_cast<int64_t>(bytes.size()), last - first);
    for (int64_t c = first; c < last; ++c) tallies[c] = std::move(bytes[c - first]);
  }
  PreparedRun::Merger merger(run);
  for (const std::string& t : tallies) merger.Add(t);
  ExpectSameResult(merger.Finish(), whole);
}

Scenario Load(const std::string& file) { return LoadScenario(std::string(SIM_SOURCE_DIR "/scenarios/") + file); }

TEST(PreparedRun, NormalFormChunksMergeToTheOneProcessResult) {
  MonteCarloOptions options;
  // A short last chunk; under a sanitizer 8 chunks, still cut into several random ranges.
  options.draws = (SIM_SANITIZED ? 8 : 20) * kChunkDraws + 77;
  options.seed = 5;
  Scenario s = Load("detente.yaml");
  s.actors[0].unpredictability = 0.4;
  ExpectSplitsMergeExactly(s, options, 1);  // tremble: one solve, draws select and play
  s.montecarlo.model = UnpredictabilityModel::kPreferenceNoise;  // every draw solves its game
  for (uint32_t seed : {2u, 3u}) ExpectSplitsMergeExactly(s, options, seed);
}

TEST(PreparedRun, TreeChunksMergeToTheOneProcessResult) {
  MonteCarloOptions options;
  options.draws = 9 * kChunkDraws + 3;
  Scenario s = Load("detente_sequential.yaml");
  s.actors[0].unpredictability = 0.3;
  ExpectSplitsMergeExactly(s, options, 4);
  s.montecarlo.model = UnpredictabilityModel::kPreferenceNoise;
  ExpectSplitsMergeExactly(s, options, 5);
}

TEST(PreparedRun, ATallyOfAnotherShapeIsRefused) {
  MonteCarloOptions options;
  options.draws = kChunkDraws;
  const PreparedRun tree(Load("detente_sequential.yaml"), options);
  const PreparedRun game(Load("detente.yaml"), options);
  const std::vector<std::string> bytes = tree.ComputeChunks(0, 1);
  PreparedRun::Merger merger(game);
  EXPECT_THROW(merger.Add(bytes[0]), Error);
  EXPECT_THROW(merger.Add(bytes[0].substr(0, bytes[0].size() - 1)), Error);
}

}  // namespace
}  // namespace sim::montecarlo
