// SPDX-License-Identifier: MIT
// The sequence form of a 2-player game tree with perfect recall (Koller, Megiddo & von
// Stengel 1996; von Stengel 1996): each player's sequences (the empty one, and one per
// action of each of its information sets), the constraint structure that makes a
// non-negative vector over them a realisation plan, and the sparse payoff matrices whose
// entries are the chance-weighted payoffs of the leaves each pair of sequences leads to. Its
// size is linear in the tree's, where the reduced strategic form is exponential. Also what
// realisation plans imply, in rational arithmetic: expected payoffs and best-response values
// (so "is a Nash equilibrium" is decided exactly in time linear in the sequence form).
// Nothing here solves the game (solve/sequence_lcp.h does).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include <Eigen/Core>

#include "sim/core/rational.h"
#include "sim/game/tree.h"

namespace sim {

// The exact payoff of player p at outcome o: the number as the file wrote it when the reader
// kept it (Outcome::exact: 1/3, 0.1), otherwise the exact value of the double (payoffs a
// model computed in floating point stay what they are, so trees without chance give the
// same strategic form as before).
Rational ExactOutcomePayoff(const GameTree& tree, int outcome, int player);

// Limits for ToSequenceForm (exceeding one throws sim::Error naming the size).
struct SequenceFormLimits {
  // Sequences of both players plus their information sets (the LCP's dimension). Lemke's
  // path is O(dimension) pivots or more, each O(dimension) at least: this bounds the time.
  int64_t max_dimension = 6'000;
};

struct SequenceForm {
  // One player's side. Sequence 0 is the empty sequence; the actions of a local information
  // set h are the contiguous sequences first[h] .. first[h] + num_actions(h) - 1, and they
  // are numbered in the order play first meets h (so a sequence's continuations come after
  // it: descending order visits children before parents).
  struct Side {
    std::vector<int> infosets;   // tree information-set ids, in the order play meets them
    std::vector<int> parent;     // per local set: the sequence that leads to it
    std::vector<int> first;      // per local set: its first action's sequence
    std::vector<int> seq_set;    // per sequence: its local set (-1 for the empty sequence)
    int num_sequences() const { return static_cast<int>(seq_set.size()); }
    int num_infosets() const { return static_cast<int>(infosets.size()); }
    int num_actions(int h) const {
      return (h + 1 < num_infosets() ? first[h + 1] : num_sequences()) - first[h];
    }
  };
  // A payoff entry: the leaves whose sequences are (s1, s2), their payoffs weighted by the
  // probability chance leads to them, summed. Exact and as doubles.
  struct Entry {
    int s1 = 0, s2 = 0;
    Rational u1, u2;
    Rational weight;  // the chance probability of those leaves, summed
    double d1 = 0.0, d2 = 0.0, dw = 0.0;
  };
  std::array<Side, 2> side;
  std::vector<int> local_index;  // per tree information set: index in its player's side, or -1
  std::vector<Entry> entries;    // sorted by (s1, s2), one per pair that has leaves
  Rational max_payoff, min_payoff;  // over leaves (0 when none)
  // The node of each player's local set where play first meets it (for names).
  GameTree::Node root = GameTree::kNoNode;

  int64_t dimension() const {
    return side[0].num_sequences() + side[1].num_sequences() + side[0].num_infosets() +
           side[1].num_infosets() + 2;
  }
};

// The sequence form of the subgame at `root` (the whole tree by default) of a valid
// 2-player tree with perfect recall. `frontier` replaces the subtrees of some nodes by fixed
// payoff vectors (including the outcome at the node), as ToStrategicForm does; payoffs count
// outcomes from `root` down. Cost: O(nodes in the subgame) plus sorting the entries.
SequenceForm ToSequenceForm(const GameTree& tree, GameTree::Node root = GameTree::kNoNode,
                            const std::map<GameTree::Node, Eigen::VectorXd>& frontier = {},
                            const SequenceFormLimits& limits = {});

// A realisation plan per player, exact: plan[p][s] is the probability that p's own moves
// follow sequence s (plan[p][0] = 1; at each set the actions sum to the parent's value).
using ExactRealisationPlans = std::array<std::vector<Rational>, 2>;

struct SequenceCheck {
  std::array<Rational, 2> payoffs;  // expected payoffs (from the subgame's root)
  std::array<Rational, 2> best;     // best-response values against the other's plan
  Rational regret;                  // max over players of best - payoff (0: Nash)
  // Per player and local set: the counterfactual value of each action's sequence (payoff
  // weighted by the probability that chance and the other player lead to the set), under
  // the plan's own continuation; used to complete sets the plan leaves unreached.
  std::array<std::vector<Rational>, 2> action_values;
};

// Expected payoffs and best responses of both players, exactly: one pass over the entries
// and one over each player's sequences (descending). `plans` must be realisation plans.
SequenceCheck CheckSequenceForm(const SequenceForm& form, const ExactRealisationPlans& plans);

}  // namespace sim
