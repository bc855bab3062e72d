// SPDX-License-Identifier: MIT
// `rounds:` with private types (issue 14): a 2-actor stage of 3 x 4 simultaneous moves played
// 3 (and 4) rounds, the second actor with 2 private types (tests/data/repeated/
// bench_rounds_3x4.yaml). Target: built and solved in under 1 s for 3 rounds, through the
// sequence form (Lemke on the 2-player sequence-form LCP, one Nash equilibrium, as `solve
// --method sequence-lcp`). Also timed: the tree alone, and the round table of the result.
#include <benchmark/benchmark.h>

#include "sim/model/build_rounds.h"
#include "sim/model/rounds_play.h"
#include "sim/scenario/load.h"
#include "sim/solve/spe.h"

namespace {

sim::Scenario Stage(int rounds) {
  sim::LoadOptions load;
  load.overrides = {{"rounds.count", std::to_string(rounds)}};
  return sim::LoadScenario(SIM_SOURCE_DIR "/tests/data/repeated/bench_rounds_3x4.yaml", load);
}

void BM_BuildRounds(benchmark::State& state) {
  const sim::Scenario scenario = Stage(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const sim::model::DerivedTree d = sim::model::BuildSequentialGame(scenario);
    benchmark::DoNotOptimize(d.tree.num_nodes());
    state.counters["nodes"] = d.tree.num_nodes();
  }
}
BENCHMARK(BM_BuildRounds)->Arg(3)->Arg(4)->Unit(benchmark::kMillisecond);

void BM_SolveRoundsSequenceForm(benchmark::State& state) {
  const sim::Scenario scenario = Stage(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const sim::model::DerivedTree d = sim::model::BuildSequentialGame(scenario);
    // Measured above the CLI's sequence-form limit (which refuses 4 rounds up front).
    sim::solve::SpeOptions options;
    options.sequence_form_limits.max_dimension = 1'000'000;
    const sim::solve::SpeResult r = sim::solve::SolveNashViaSequenceForm(d.tree, options);
    if (r.equilibria.empty()) state.SkipWithError(r.summary.message.c_str());
    else {
      const sim::model::RoundsPlay play = sim::model::DescribeRounds(d, r.equilibria[0].behaviour,
                                                                   r.equilibria[0].reach);
      benchmark::DoNotOptimize(play.actions.size());
      state.counters["regret"] = r.equilibria[0].regret;
      state.counters["sequential_regret"] = r.equilibria[0].sequential_regret;
    }
  }
}
BENCHMARK(BM_SolveRoundsSequenceForm)->Arg(3)->Arg(4)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
