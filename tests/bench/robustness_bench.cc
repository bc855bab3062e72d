// SPDX-License-Identifier: MIT
// Robustness throughput on scenarios/detente.yaml (3 x 4 moves) with every judgement number
// ranged (salience, ideal, cost, effect, status quo, term, unpredictability: the default
// rule reaches all of them): samples per second for its equilibrium findings (no inner
// Monte Carlo) on 1 and 2 threads, and the time to locate every finding's tipping points
// along every parameter. Targets (issue 13): >= 20,000 samples/s on 1 thread, >= 1.8x on 2,
// all tipping points < 1 s. Ratios: tools/bench-robustness.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "sim/robustness/robustness.h"
#include "sim/scenario/load.h"

namespace {

sim::Scenario Detente() {
  sim::Scenario s = sim::LoadScenario(SIM_SOURCE_DIR "/scenarios/detente.yaml");
  std::erase_if(s.findings, [](const sim::Finding& f) { return f.holds.NeedsMonteCarlo(); });
  s.ranges.present = true;
  s.ranges.defaults = {{"salience", 0.25, true}, {"ideal", 0.1, false},      {"cost", 0.25, true},
                       {"effect", 0.25, true},   {"status_quo", 0.1, false}, {"term", 0.25, true},
                       {"unpredictability", 0.1, false}};
  return s;
}

void BM_RobustnessSamples(benchmark::State& state) {
  const sim::Scenario scenario = Detente();
  sim::robustness::Options options;
  options.samples = 20'000;
  options.threads = static_cast<int>(state.range(0));
  options.tipping = false;
  int64_t parameters = 0;
  for (auto _ : state) {
    const sim::robustness::Result r = sim::robustness::Analyse(scenario, options);
    parameters = static_cast<int64_t>(r.parameters.size());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * options.samples);
  state.counters["samples_per_second"] =
      benchmark::Counter(static_cast<double>(options.samples), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["parameters"] = static_cast<double>(parameters);
}

// Tipping points of every finding along every parameter (one sample: the sampling is not
// what is measured).
void BM_RobustnessTipping(benchmark::State& state) {
  const sim::Scenario scenario = Detente();
  sim::robustness::Options options;
  options.samples = 1;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(sim::robustness::Analyse(scenario, options));
}

BENCHMARK(BM_RobustnessSamples)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_RobustnessTipping)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
