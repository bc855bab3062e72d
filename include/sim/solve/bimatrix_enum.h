// SPDX-License-Identifier: MIT
// All extreme Nash equilibria of a 2-player game, degenerate games included, in exact
// arithmetic, with the connected components and maximal Nash subsets they form. This is
// the `enum` method. It does not handle n > 2 players (see the n-player methods).
//
// Method: vertex enumeration of the two best-response polytopes (Avis, Rosenberg, Savani &
// von Stengel 2010, "Enumeration of Nash equilibria for two-player games", Econ. Theory 42).
// With payoffs shifted to be positive, P = {x >= 0 : B'x <= 1} and Q = {y >= 0 : Ay <= 1};
// a point carries label i (player 1's strategy) when x_i = 0 or (Ay)_i = 1, label m+j when
// (B'x)_j = 1 or y_j = 0. The extreme equilibria are exactly the completely labelled pairs
// of nonzero vertices (x, y), normalised to probabilities - in every game, degenerate or not
// (ibid. §3). Chosen over support enumeration because support enumeration needs extra
// machinery to stay sound when a support has more best responses than its size, while the
// vertex set of a polytope is well defined however degenerate the game is.
//
// How the vertices are found. Small games: a depth-first search (below). It keeps every
// basis and vertex it has seen, which is fast but grows with the polytopes (9 GB on a random
// 22x22 game); past EnumLimits::search_memory_bytes it gives up and the enumeration restarts
// as a reverse search (reverse_search.h, the method of lrs) over the bases of the polytope of
// lower dimension, in memory O(m n) whatever the number of bases: every vertex x of that
// polytope is simple there (else see below), so its only possible partner y solves a square
// linear system (y's support = x's best responses, making x's support indifferent), solved
// in floating point as a filter and exactly for the few that pass. If that polytope is
// degenerate, the other one is tried; if both are, the enumeration stops incomplete.
//
// The depth-first search over the bases of each polytope with the
// lexicographic pivoting rule. Lexicographic feasibility is a symbolic perturbation of the
// right-hand side that makes the polytope simple, so its basis graph is connected, every
// basis has one neighbour per nonbasic variable, and every vertex of the unperturbed
// polytope is the limit of some perturbed vertex, hence reached. A vertex is identified by
// its label set (its tight constraints determine it). Pivoting is exact integer pivoting
// (Edmonds): 64-bit words while the entries fit, and when one would not, the search goes on
// from that very pivot in 128-bit words, then in GMP integers (like lrs's hybrid mode, but
// nothing is recomputed). The game is degenerate exactly when some vertex has more labels
// than its dimension (a mixed strategy with more pure best responses than its support).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/rational.h"
#include "sim/game/normal_form.h"
#include "sim/solve/solution.h"

namespace sim::solve {

// One extreme equilibrium: indices of its two extreme strategies in
// BimatrixEnumeration::points[0] / points[1], its exact payoffs, its component.
struct ExtremeEquilibrium {
  int x = 0;  // index into points[0] (player 0's strategy)
  int y = 0;  // index into points[1] (player 1's strategy)
  Rational payoff0, payoff1;
  int component = 0;
};

// A maximal Nash subset: every pairing of these player-0 points with these player-1 points
// is an equilibrium, and so is every mixture (the set is the product of the two convex
// hulls). Avis et al. (2010) §4 find these as maximal bipartite cliques; lrsnash prints
// one block per player-0 vertex instead.
struct NashSubset {
  std::vector<int> x_points;  // indices into points[0]
  std::vector<int> y_points;  // indices into points[1]
  int component = 0;
};

// Budgets of the enumeration. A budget that stops it makes the result incomplete
// (complete = false, stopped_by says which); what was found by then is listed and valid.
struct EnumLimits {
  int64_t max_bases = 10000000;  // bases visited per polytope
  double max_seconds = 0;        // wall-clock budget; 0 = none
  int64_t max_equilibria = 0;    // stop once this many are found; 0 = none
  // Memory the depth-first search may take before the reverse search takes over (estimated
  // from its tables: visited bases, vertices, saved tableaus). 0: reverse search at once.
  int64_t search_memory_bytes = int64_t{64} << 20;
};

struct BimatrixEnumeration {
  bool complete = true;      // false when a budget stopped it (what is listed is valid)
  // Why it is incomplete: "max_bases", "max_seconds", "max_equilibria", or "degenerate" (the
  // reverse search needs one nondegenerate polytope); empty when complete.
  std::string stopped_by;
  // "depth-first" or "reverse search" (which search produced the list, see above).
  std::string search = "depth-first";
  bool degenerate = false;   // some mixed strategy has more pure best responses than its support
  // The widest pivoting integers used: "int64", "int128" or "gmp", as "P+Q" when the two
  // polytopes ended in different widths (e.g. "int128+int64").
  std::string arithmetic;
  // Bases visited in P (player 0's x) and Q (player 1's y), and their distinct vertices with
  // the zero vertex (the reverse search walks only one polytope: 0 for the other).
  int64_t bases[2] = {0, 0};
  int64_t vertices[2] = {0, 0};
  // Distinct extreme strategies that occur in equilibria: points[0] for player 0 (length m
  // each), points[1] for player 1 (length n each). Exact probabilities.
  std::vector<std::vector<Rational>> points[2];
  // Sorted by player 0's strategy, then player 1's, both in decreasing lexicographic order
  // of the probability vectors (so pure strategy 1 comes first).
  std::vector<ExtremeEquilibrium> equilibria;
  int num_components = 0;  // connected components of the equilibrium set
  std::vector<NashSubset> subsets;  // maximal Nash subsets, by component
};

// All extreme equilibria of a 2-player game, exactly, from the game's exact payoffs
// (NormalFormGame::exact_payoff). Stops after `max_bases` bases in either polytope
// (complete = false then). Needs m + n <= 128 labels (SIM_CHECK). Cost: proportional to the
// number of lexicographic bases of P and Q (exponential in min(m, n) in the worst case;
// about 10^3 for random 10x10 games, 10^4 for 12x12), each costing O(m n) integer operations,
// plus pairing O(|V(P)| |V(Q)|) in degenerate games.
BimatrixEnumeration EnumerateExtremeEquilibria(const NormalFormGame& game,
                                               const EnumLimits& limits);
inline BimatrixEnumeration EnumerateExtremeEquilibria(const NormalFormGame& game,
                                                      int64_t max_bases = 10000000) {
  EnumLimits limits;
  limits.max_bases = max_bases;
  return EnumerateExtremeEquilibria(game, limits);
}

// The `enum` method: EnumerateExtremeEquilibria as a SolveResult. Every equilibrium is
// re-checked with CheckExactly (exact = true, regret = 0), has `component` set, and the
// message says whether the game is degenerate and which components are continua.
// options.max_equilibria caps the list (status kPartial); options.max_iterations caps the
// bases per polytope. A game that is not 2-player gives status kFailed.
SolveResult SolveEnumMixed(const NormalFormGame& game, const SolveOptions& options = {},
                           const OnEquilibrium& on_equilibrium = {});

}  // namespace sim::solve
