// SPDX-License-Identifier: MIT
// The repeated game with noise: exact values of a 12-strategy round-robin tournament (144
// ordered pairs) in the prisoner's dilemma with trembles u = 0.05. Target (issue 14): the
// exact values in under 5 ms. Also timed: the equilibrium check of every pair at one
// discount, and the full analysis with each pair's critical discount.
#include <benchmark/benchmark.h>

#include "sim/repeated/build.h"
#include "sim/scenario/load.h"

namespace {

const std::vector<std::string> kStrategies = {"allc",    "alld",    "grim",    "tft",
                                              "gtft:0.1", "gtft:0.3", "wsls",    "steps:1",
                                              "steps:2", "steps:3", "tf2t",    "punish2"};

sim::repeated::RepeatedGame Game() {
  sim::LoadOptions load;
  load.overrides = {{"actors.row.unpredictability", "0.05"},
                    {"actors.col.unpredictability", "0.05"}};
  return sim::repeated::BuildRepeatedGame(
      sim::LoadScenario(SIM_SOURCE_DIR "/tests/data/repeated/prisoners_dilemma.yaml", load),
      kStrategies);
}

void BM_TournamentValues12(benchmark::State& state) {
  const sim::repeated::RepeatedGame game = Game();
  for (auto _ : state) {
    double total = 0;
    for (int a = 0; a < game.num_strategies(); ++a)
      for (int b = 0; b < game.num_strategies(); ++b)
        total += sim::repeated::PairValues(game, std::vector<int>{a, b}, 0.95)[0];
    benchmark::DoNotOptimize(total);
  }
}
BENCHMARK(BM_TournamentValues12)->Unit(benchmark::kMillisecond);

void BM_TournamentEquilibria12(benchmark::State& state) {
  const sim::repeated::RepeatedGame game = Game();
  sim::repeated::AnalysisOptions options;
  options.discount = 0.95;
  options.critical = state.range(0) != 0;
  for (auto _ : state) benchmark::DoNotOptimize(sim::repeated::AnalyseAll(game, options));
}
BENCHMARK(BM_TournamentEquilibria12)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
