// SPDX-License-Identifier: MIT
// What every Monte Carlo draw loop shares (private to the montecarlo module): the actors'
// models, the random-stream slots of a draw, sampling the uncertain numbers and the
// preference noise into a worker's copy of the scenario, the mergeable tally, the chunked
// parallel loop whose result does not depend on the thread count, and the result's common
// fields. run.cc (normal-form games) and run_tree.cc (trees) differ only in how a draw's
// game is built, solved and played.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <system_error>
#include <thread>
#include <vector>

#include "sim/montecarlo/run.h"
#include "sim/montecarlo/stats.h"
#include "sim/scenario/scenario.h"

namespace sim::montecarlo::detail {

// Each actor's unpredictability model: the montecarlo block's per-actor `models`, else its
// `model`.
std::vector<UnpredictabilityModel> ActorModels(const Scenario& scenario);

// Into *u (its storage reused): each actor's unpredictability where its model is one of
// `which`, else 0 — the tremble probabilities, the erratic-type priors, or both.
void UnpredictabilityUnder(const Scenario& scenario, const std::vector<UnpredictabilityModel>& models,
                           std::initializer_list<UnpredictabilityModel> which,
                           std::vector<double>* u);

// Stream slots of one draw: 0..K-1 the uncertain numbers, then one per actor for preference
// noise, then one for selection and play. Separate streams keep the numbers of one part
// fixed when another part changes (common random numbers across sweep points).
inline uint64_t NoiseSlot(size_t num_uncertain, int actor) { return num_uncertain + actor; }
inline uint64_t PlaySlot(size_t num_uncertain, int actors) { return num_uncertain + actors; }

// Writes a draw's numbers into a worker's own copy of the scenario.
class DrawSampler {
 public:
  // Binds the numbers of scenario.uncertain inside `scenario`, which must outlive this and
  // keep its structure (the numbers live in its vectors' storage, which moves keep).
  explicit DrawSampler(Scenario& scenario);

  // Draw `draw`: stakes of preference-noise actors back to `base`'s, then the uncertain
  // numbers, then the noise: ideal' = clamp(ideal + u Z1, 0, 1) and
  // salience' = salience exp(u Z2 - u^2/2), Z1, Z2 independent N(0, 1) (spread u on the
  // ideal, mean-preserving lognormal noise of log-sd u on the salience).
  void Sample(const Scenario& base, const std::vector<UnpredictabilityModel>& models,
              uint64_t seed, int64_t draw, Scenario& scenario);

  // The sampled numbers' ranks F_j(X_j) in this draw, for the sensitivity table.
  const std::vector<double>& ranks() const { return ranks_; }

 private:
  std::vector<double*> slots_;
  std::vector<double> ranks_;
};

// Index in [0, size) with probability proportional to weights(i), from one uniform (inverse
// CDF; the last positive weight absorbs rounding). `weights` is indexable by int.
template <typename Weights>
int PickWeighted(const Weights& weights, int size, double uniform) {
  double total = 0;
  for (int s = 0; s < size; ++s) total += std::max(0.0, static_cast<double>(weights(s)));
  const double target = uniform * total;
  double cumulative = 0;
  int last = 0;
  for (int s = 0; s < size; ++s) {
    if (weights(s) <= 0) continue;
    last = s;
    cumulative += weights(s);
    if (target < cumulative) return s;
  }
  return last;
}

// The tally of a run of draws: mergeable, in O(outcomes x sampled numbers) memory.
struct Tally {
  int64_t draws = 0, solved = 0, fallbacks = 0, games_solved = 0, exact_solves = 0;
  int64_t qre_draws = 0, qre_failures = 0;
  std::vector<int64_t> outcomes;
  std::vector<std::vector<int64_t>> moves;
  std::vector<RunningMean> positions, payoffs;
  std::vector<Correlation> sensitivity;  // [sampled * num_outcomes + outcome]

  void Reset(const Scenario& s, size_t num_outcomes);
  void Merge(const Tally& t);
  // Counts the draw's outcome class and adds it to the sensitivity correlations.
  void RecordOutcome(int outcome, const std::vector<double>& ranks);
};

// Runs draws 0..options.draws-1 as worker.RunDraw(draw, tally) on options.threads workers
// built in place as Worker(worker_args...) (reserved, never moved), in fixed chunks of kChunkDraws merged in chunk order, so the total
// is bit-identical for every thread count. Chunks run in batches of 16 per thread (memory
// stays flat; the idle tail at a batch's end is near 1/16 of it). Rethrows the first
// exception of any worker; reports progress after each batch. When the system refuses a
// thread (ulimit -u, address space), the threads already started share the work: same result.
template <typename Worker, typename... WorkerArgs>
Tally RunChunks(const Scenario& scenario, const MonteCarloOptions& options, size_t num_outcomes,
                const WorkerArgs&... worker_args) {
  const int64_t num_chunks = (options.draws + kChunkDraws - 1) / kChunkDraws;
  const int threads = static_cast<int>(std::min<int64_t>(options.threads, num_chunks));
  const int64_t batch = 16 * static_cast<int64_t>(threads);
  std::vector<Worker> workers;
  workers.reserve(threads);  // no reallocation, so no worker moves
  for (int t = 0; t < threads; ++t) workers.emplace_back(worker_args...);
  std::vector<Tally> tallies(batch);

  Tally total;
  total.Reset(scenario, num_outcomes);
  for (int64_t first = 0; first < num_chunks; first += batch) {
    const int64_t last = std::min(num_chunks, first + batch);
    std::atomic<int64_t> next{first};
    std::exception_ptr error;
    std::atomic<bool> failed{false};
    auto work = [&](Worker& worker) {
      try {
        for (int64_t chunk; (chunk = next.fetch_add(1)) < last && !failed;) {
          Tally& tally = tallies[chunk - first];
          tally.Reset(scenario, num_outcomes);
          const int64_t begin = chunk * kChunkDraws;
          const int64_t end = std::min(options.draws, begin + kChunkDraws);
          for (int64_t draw = begin; draw < end; ++draw) worker.RunDraw(draw, tally);
        }
      } catch (...) {
        if (!failed.exchange(true)) error = std::current_exception();
      }
    };
    {
      std::vector<std::thread> pool;
      pool.reserve(threads);
      // Joined on every path, even if starting a thread throws.
      struct JoinAll {
        std::vector<std::thread>& pool;
        ~JoinAll() {
          for (std::thread& thread : pool)
            if (thread.joinable()) thread.join();
        }
      } join_all{pool};
      for (int t = 1; t < threads; ++t) {
        try {
          pool.emplace_back(work, std::ref(workers[t]));
        } catch (const std::system_error&) {
          break;  // no more threads (ulimit -u, address space): the started ones do the work
        }
      }
      work(workers[0]);
    }
    if (error) std::rethrow_exception(error);
    for (int64_t chunk = first; chunk < last; ++chunk) total.Merge(tallies[chunk - first]);
    if (options.progress) options.progress(std::min(options.draws, last * kChunkDraws), options.draws);
  }
  return total;
}

// The result fields both kinds of run fill alike: names, counts, means, sensitivity, the
// models line per actor (with lambda0 for logit actors), solved, fallbacks, QRE draws. The
// solver fields (games_solved, exact_solves, fast_path, methods, qre_failures) are the
// caller's.
MonteCarloResult DescribeRun(const Scenario& scenario, const MonteCarloOptions& options,
                             const std::vector<UnpredictabilityModel>& models,
                             const Tally& total);

}  // namespace sim::montecarlo::detail
