// SPDX-License-Identifier: MIT
// 2-player solvers on fixed-seed random games: complete enumeration (`enum`) on 10x10 and
// 12x12, Lemke-Howson on 200x200 including reading the .nfg file, and the reader alone.
// tools/bench-solvers compares the same games with lrsnash and prints the ratios.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "sim/io/gambit_nfg.h"
#include "sim/solve/bimatrix_enum.h"
#include "sim/solve/lemke_howson.h"
#include "tests/bench/random_games.h"

namespace {

void BM_EnumRandom(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  const unsigned seed = static_cast<unsigned>(state.range(1));
  const sim::NormalFormGame g = sim::bench::RandomBimatrix(size, seed);
  size_t equilibria = 0;
  for (auto _ : state) {
    sim::solve::BimatrixEnumeration e = sim::solve::EnumerateExtremeEquilibria(g);
    equilibria = e.equilibria.size();
    benchmark::DoNotOptimize(e);
  }
  state.counters["equilibria"] = static_cast<double>(equilibria);
}
BENCHMARK(BM_EnumRandom)
    ->ArgsProduct({{10, 12}, {1, 2, 3}})
    ->Unit(benchmark::kMillisecond);

// Writes the 200x200 game once; every iteration reads the file and runs one path.
std::string Write200(unsigned seed) {
  const std::string path = "/tmp/sim_bench_lh_200_" + std::to_string(seed) + ".nfg";
  sim::io::WriteNfgFile(sim::bench::RandomBimatrix(200, seed), path);
  return path;
}

void BM_LemkeHowson200IncludingRead(benchmark::State& state) {
  const std::string path = Write200(static_cast<unsigned>(state.range(0)));
  int64_t pivots = 0;
  for (auto _ : state) {
    sim::NormalFormGame g = sim::io::ReadNfgFile(path);
    sim::solve::LemkeHowsonPath p = sim::solve::RunLemkeHowson(g, 0);
    if (!p.exact) state.SkipWithError("Lemke-Howson result failed the exact check");
    pivots = p.pivots;
  }
  state.counters["pivots"] = static_cast<double>(pivots);
  std::remove(path.c_str());
}
BENCHMARK(BM_LemkeHowson200IncludingRead)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

void BM_ReadNfg200(benchmark::State& state) {
  const std::string path = Write200(7);
  for (auto _ : state) benchmark::DoNotOptimize(sim::io::ReadNfgFile(path));
  std::remove(path.c_str());
}
BENCHMARK(BM_ReadNfg200)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
