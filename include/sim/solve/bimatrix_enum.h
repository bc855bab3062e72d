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
// How the vertices are found: depth-first search over the bases of each polytope with the
// lexicographic pivoting rule. Lexicographic feasibility is a symbolic perturbation of the
// right-hand side that makes the polytope simple, so its basis graph is connected, every
// basis has one neighbour per nonbasic variable, and every vertex of the unperturbed
// polytope is the limit of some perturbed vertex, hence reached. A vertex is identified by
// its label set (its tight constraints determine it). Pivoting is exact integer pivoting
// in 64-bit, then 128-bit, then GMP integers as results grow (the first that never
// overflows is used, as in lrs). The game is degenerate exactly when some vertex has more
// labels than its dimension (a mixed strategy with more pure best responses than its
// support size).
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

struct BimatrixEnumeration {
  bool complete = true;      // false when stopped by max_bases (what is listed is valid)
  bool degenerate = false;   // some mixed strategy has more pure best responses than its support
  std::string arithmetic;    // "int64", "int128" or "gmp": the pivoting integers used
  int64_t bases[2] = {0, 0};     // bases visited in P (player 0's x) and Q (player 1's y)
  int64_t vertices[2] = {0, 0};  // distinct vertices of P and Q, the zero vertex included
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
                                               int64_t max_bases = 10000000);

// The `enum` method: EnumerateExtremeEquilibria as a SolveResult. Every equilibrium is
// re-checked with CheckExactly (exact = true, regret = 0), has `component` set, and the
// message says whether the game is degenerate and which components are continua.
// options.max_equilibria caps the list (status kPartial); options.max_iterations caps the
// bases per polytope. A game that is not 2-player gives status kFailed.
SolveResult SolveEnumMixed(const NormalFormGame& game, const SolveOptions& options = {},
                           const OnEquilibrium& on_equilibrium = {});

}  // namespace sim::solve
