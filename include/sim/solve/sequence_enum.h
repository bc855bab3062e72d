// SPDX-License-Identifier: MIT
// All extreme Nash equilibria of a 2-player game tree with perfect recall, by vertex
// enumeration of the two sequence-form best-response polyhedra (Koller, Megiddo & von
// Stengel 1996, Games Econ. Behav. 14, §4; von Stengel 2002, Handbook of Game Theory 3,
// ch. 45 §6). The method `sequence-enum`: what `enum` does on the strategic form, on
// polyhedra whose size is linear in the tree instead of exponential.
//
// With E x = e and F y = f the realisation-plan constraints of players 1 and 2 (one row for
// the empty sequence, one per information set), A and B the sequence-form payoff matrices:
//   P = {(x, v) : E x = e, x >= 0, F'v - B'x >= 0},   Q = {(y, u) : F y = f, y >= 0, E'u - A y >= 0}
// (v, u free: the players' values per information set). A point of P carries label i (a
// sequence of player 1) when x_i = 0 and label n1 + j when (F'v - B'x)_j = 0; of Q, label i
// when (E'u - A y)_i = 0 and n1 + j when y_j = 0. The equilibria are the completely
// labelled pairs, and the extreme ones are the pairs of vertices (one per pair of plans: a
// plan may be the x of several vertices, whose v differ where the player's own earlier moves
// tie the values down). Under the linear map from
// mixed strategies of the reduced strategic form to realisation plans the equilibrium set of
// the strategic form goes onto this one (each strategic-form component to the plans it
// realises).
//
// Vertices are found by a depth-first search over the lexicographically feasible bases of
// each polyhedron (a symbolic perturbation of the right-hand side by the start basis, which
// makes the polyhedron simple, so every vertex is reached), pivoting in exact rationals. The
// free variables stay basic; unbounded edges (a value growing without bound) are skipped.
// The start basis is combinatorial: player 1 plays its first action everywhere, player 2's
// values are its best response to that. Cost: the number of lexicographic bases (exponential
// in the tree's information sets in the worst case) times O(rows x columns) rational
// operations, plus pairing O(|V(P)| |V(Q)|).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/game/sequence_form.h"
#include "sim/game/tree.h"

namespace sim::solve {

struct SequenceEnumLimits {
  int64_t max_bases = 1'000'000;  // lexicographic bases visited per polyhedron
  double max_seconds = 0;         // wall-clock budget; 0 = none
  int64_t max_equilibria = 0;     // stop once this many are found; 0 = none
};

struct SequenceEnumeration {
  bool complete = true;     // false when a budget stopped it (what is listed is valid)
  std::string stopped_by;   // "max_bases", "max_seconds" or "max_equilibria" when incomplete
  int64_t bases[2] = {0, 0};     // bases visited in P and Q
  int64_t vertices[2] = {0, 0};  // their distinct vertices
  // The extreme equilibria as exact realisation plans, in the order P's vertices were found.
  // Distinct pairs of plans.
  std::vector<ExactRealisationPlans> equilibria;
};

// Every extreme equilibrium of the sequence form `form` (ToSequenceForm), exactly.
SequenceEnumeration EnumerateSequenceForm(const SequenceForm& form,
                                          const SequenceEnumLimits& limits = {});

}  // namespace sim::solve
