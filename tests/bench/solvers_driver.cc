// SPDX-License-Identifier: MIT
// Command-line driver for tools/bench-solvers: generates the benchmark games, runs our
// methods as separate processes (timed by the script, like lrsnash), and turns both
// programs' outputs into the same canonical equilibrium lists for comparison.
//   solvers_driver gen SIZE SEED PREFIX   writes PREFIX.nfg and PREFIX.lrs (integers 0..99)
//   solvers_driver enum FILE.nfg [MEMORY_BYTES MAX_SECONDS]
//                                         prints every extreme equilibrium, one per line
//                                         (EnumLimits::search_memory_bytes, max_seconds);
//                                         exit 3 when incomplete
//   solvers_driver lh FILE.nfg            one Lemke-Howson equilibrium (race of labels 0-3);
//                                         prints pivots (all raced paths), exactness
//   solvers_driver lrs-keys M N           reads lrsnash output on stdin, prints its equilibria
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "sim/io/gambit_nfg.h"
#include "sim/solve/bimatrix_enum.h"
#include "sim/solve/lemke_howson.h"
#include "tests/bench/random_games.h"
#include "tests/solve/lrsnash.h"

namespace {

int Usage() {
  std::fprintf(stderr, "usage: solvers_driver gen SIZE SEED PREFIX | enum FILE | lh FILE | lrs-keys M N\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  const std::string mode = argv[1];
  try {
    if (mode == "gen" && argc == 5) {
      sim::NormalFormGame g = sim::bench::RandomBimatrix(std::stoi(argv[2]), std::stoul(argv[3]));
      sim::io::WriteNfgFile(g, std::string(argv[4]) + ".nfg");
      std::ofstream(std::string(argv[4]) + ".lrs") << sim::testing::LrsnashInput(g);
      return 0;
    }
    if (mode == "enum" && (argc == 3 || argc == 5)) {
      sim::NormalFormGame g = sim::io::ReadNfgFile(argv[2]);
      sim::solve::EnumLimits limits;
      if (argc == 5) {  // enum FILE MEMORY_BYTES MAX_SECONDS
        limits.search_memory_bytes = std::stoll(argv[3]);
        limits.max_seconds = std::stod(argv[4]);
      }
      sim::solve::BimatrixEnumeration e = sim::solve::EnumerateExtremeEquilibria(g, limits);
      for (const std::string& key : sim::testing::KeysOf(e)) std::printf("%s\n", key.c_str());
      std::fprintf(stderr, "%zu equilibria, %s, %s, bases %lld + %lld, %s%s%s\n",
                   e.equilibria.size(), e.degenerate ? "degenerate" : "nondegenerate",
                   e.search.c_str(), static_cast<long long>(e.bases[0]),
                   static_cast<long long>(e.bases[1]), e.arithmetic.c_str(),
                   e.complete ? "" : ", incomplete: ", e.stopped_by.c_str());
      return e.complete ? 0 : 3;
    }
    if (mode == "lh" && argc == 3) {
      sim::NormalFormGame g = sim::io::ReadNfgFile(argv[2]);
      sim::solve::LemkeHowsonPath path = sim::solve::RunLemkeHowsonRace(g);
      std::printf("found=%d exact=%d rerun=%d pivots=%lld\n", path.found, path.exact,
                  path.exact_rerun, static_cast<long long>(path.pivots));
      return path.found && path.exact ? 0 : 1;
    }
    if (mode == "lrs-keys" && argc == 4) {
      std::string output((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      for (const std::string& key :
           sim::testing::ParseLrsnashOutput(output, std::stoi(argv[2]), std::stoi(argv[3]))) {
        std::printf("%s\n", key.c_str());
      }
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return Usage();
}
