// SPDX-License-Identifier: MIT
// Driver for tools/bench-sequence-memory (issue #17's limits): builds one random card tree
// (tests/bench/card_trees.h), its sequence form, and solves it with the sequence-form Lemke;
// prints the sizes, the pivots, the time and the peak resident memory before and after the
// solve, so that the script can compare the solve's memory with the form's size.
//   sequence_lcp_driver CARDS ROUNDS A1 A2 SEED [MAX_PIVOTS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <gmpxx.h>

#include "sim/game/sequence_form.h"
#include "sim/solve/sequence_lcp.h"
#include "tests/bench/card_trees.h"

namespace {

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: sequence_lcp_driver CARDS ROUNDS A1 A2 SEED [MAX_PIVOTS]\n");
    return 2;
  }
  try {
    const sim::bench::CardTreeShape shape{std::atoi(argv[1]), std::atoi(argv[2]),
                                          std::atoi(argv[3]), std::atoi(argv[4])};
    const sim::GameTree tree =
        sim::bench::RandomCardTree(shape, static_cast<unsigned>(std::atoi(argv[5])));
    sim::solve::SequenceLcpOptions options;
    if (argc > 6) options.max_pivots = std::atoll(argv[6]);
    options.limits.max_dimension = 1'000'000;  // the driver measures; the CLI keeps the limit
    // The form's own size: its entries (three exact numbers each) and its index vectors.
    const sim::SequenceForm form = sim::ToSequenceForm(tree, tree.root(), {}, options.limits);
    const long form_bytes =
        static_cast<long>(form.entries.size() * (sizeof(sim::SequenceForm::Entry) + 3 * 16) +
                          form.dimension() * 4 * sizeof(int));
    const long before_kb = PeakRssKb();
    const auto start = std::chrono::steady_clock::now();
    const sim::solve::SequenceLcpResult r =
        sim::solve::SolveSequenceLcp(tree, tree.root(), {}, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const bool certified = !r.equilibria.empty() && r.equilibria[0].exact_certified;
    std::printf("nodes %d infosets %d dimension %lld entries %zu form_kb %ld pivots %lld "
                "certified %d seconds %.3f rss_before_kb %ld rss_peak_kb %ld\n",
                tree.num_nodes(), tree.num_infosets() - 1, static_cast<long long>(r.dimension),
                form.entries.size(), form_bytes / 1024, static_cast<long long>(r.pivots),
                certified ? 1 : 0, seconds, before_kb, PeakRssKb());
    return certified ? 0 : 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
