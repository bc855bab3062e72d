// SPDX-License-Identifier: MIT
// Issue #12 item 17: every pass over a game tree must be linear in its size. A deep chain
// (n decision nodes, each "go" on or "stop" at a leaf: 2n + 1 nodes, depth n) goes through
// every pass `simulate solve T.efg --format csv` makes: the .efg reader with its checks,
// backward induction, and the CSV report. Google Benchmark fits the time to O(N) and prints
// the RMS of the fit: a quadratic pass shows as a growing time per node (40k nodes once took
// 16 s and 200k 104 s). Run: build/tests/bench/bench_deep_tree.
#include <benchmark/benchmark.h>

#include <sstream>
#include <string>

#include "sim/io/gambit_efg.h"
#include "sim/io/tree_report.h"
#include "sim/solve/spe.h"

namespace {

// Distinct payoffs (stop at i pays i + 1 and n - i, the end 0 and 0): one SPE, no ties.
std::string DeepChainEfg(int n) {
  std::string text = "EFG 2 R \"deep\" { \"A\" \"B\" }\n\"\"\n";
  for (int i = 0; i < n; ++i) {
    text += "p \"\" " + std::to_string(1 + i % 2) + " " + std::to_string(i / 2 + 1) +
            " \"\" { \"go\" \"stop\" } 0\n";
  }
  int outcome = 1;
  text += "t \"\" " + std::to_string(outcome++) + " \"\" { 0, 0 }\n";
  for (int i = n - 1; i >= 0; --i) {
    text += "t \"\" " + std::to_string(outcome++) + " \"\" { " + std::to_string(i + 1) + ", " +
            std::to_string(n - i) + " }\n";
  }
  return text;
}

void BM_DeepChainReadSolveReport(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::string text = DeepChainEfg(n);
  for (auto _ : state) {
    const sim::GameTree tree = sim::io::ReadEfg(text, "deep.efg");
    const sim::solve::SpeResult result = sim::solve::SolveSubgamePerfect(tree);
    if (result.equilibria.size() != 1) state.SkipWithError("expected one SPE");
    sim::io::TreeReport report;
    report.source = "deep.efg";
    report.tree = &tree;
    report.result = &result;
    std::ostringstream csv;
    sim::io::WriteTreeSolveCsv(csv, report);
    benchmark::DoNotOptimize(csv.str().size());
  }
  state.SetComplexityN(2 * n + 1);  // nodes
  state.counters["nodes"] = 2 * n + 1;
}
// Up to 100k decision nodes: 200,001 nodes, the largest case.
BENCHMARK(BM_DeepChainReadSolveReport)
    ->RangeMultiplier(2)
    ->Range(12'500, 100'000)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
