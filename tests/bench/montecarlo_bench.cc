// SPDX-License-Identifier: MIT
// Monte Carlo throughput on scenarios/detente.yaml (3 x 4 moves): draws per second with
// 1 and 2 threads. "varying": usa's unpredictability is drawn per draw, so every draw
// re-derives, perturbs and solves its game with the default methods (the case the
// 100,000 draws/s target is about); "fixed": nothing varies, one solve serves all draws;
// "payoff-dominant": varying with every draw's equilibria labelled for --select; "logit":
// varying with usa on the logit model (a QRE trace per draw).
// Ratios and targets: tools/bench-montecarlo.
#include <benchmark/benchmark.h>

#include "sim/montecarlo/run.h"
#include "sim/scenario/load.h"

namespace {

sim::Scenario Detente(bool varying) {
  sim::Scenario s = sim::LoadScenario(SIM_SOURCE_DIR "/scenarios/detente.yaml");
  s.uncertain.clear();
  if (varying) {
    sim::UncertainNumber u;
    u.path = "actors.usa.unpredictability";
    u.distribution.kind = sim::Distribution::Kind::kUniform;
    u.distribution.params = {0.0, 1.0};
    s.uncertain.push_back(u);
  }
  return s;
}

void Run(benchmark::State& state, bool varying,
         sim::SelectRule select = sim::SelectRule::kUniform, bool logit = false) {
  sim::Scenario scenario = Detente(varying);
  if (logit) scenario.montecarlo.models = {{"usa", sim::UnpredictabilityModel::kLogit}};
  sim::montecarlo::MonteCarloOptions options;
  // A logit draw traces a QRE branch (tens of predictor-corrector steps): fewer draws.
  options.draws = logit ? 5'000 : 200'000;
  options.select = select;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(sim::montecarlo::RunMonteCarlo(scenario, options));
  state.SetItemsProcessed(state.iterations() * options.draws);
  state.counters["draws_per_second"] =
      benchmark::Counter(static_cast<double>(options.draws), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_DetenteVarying(benchmark::State& state) { Run(state, true); }
void BM_DetenteFixed(benchmark::State& state) { Run(state, false); }
// Varying draws with --select payoff-dominant: every draw's equilibria are labelled.
void BM_DetentePayoffDominant(benchmark::State& state) {
  Run(state, true, sim::SelectRule::kPayoffDominant);
}
// Varying draws with usa on the logit model: one heterogeneous QRE trace per draw.
void BM_DetenteLogit(benchmark::State& state) { Run(state, true, sim::SelectRule::kUniform, true); }

BENCHMARK(BM_DetenteVarying)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DetenteFixed)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DetentePayoffDominant)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_DetenteLogit)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
