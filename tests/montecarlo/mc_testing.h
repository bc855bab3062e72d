// SPDX-License-Identifier: MIT
// Small scenarios built in code for the Monte Carlo tests: actors with named moves, payoff
// tables in Gambit order, outcome predicates over chosen moves, and reading a result's
// frequencies by name.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "sim/montecarlo/run.h"
#include "sim/montecarlo/stats.h"

namespace sim::montecarlo::mc_testing {

// "ACTOR.MOVE" as a compiled predicate.
inline Predicate Chosen(int actor, int move, std::string text) {
  Predicate::Node node;
  node.op = Predicate::Op::kMoveChosen;
  node.actor = actor;
  node.move = move;
  return Predicate({node}, std::move(text));
}

inline Predicate And(Predicate a, const Predicate& b) {
  std::vector<Predicate::Node> nodes = a.postfix();
  nodes.insert(nodes.end(), b.postfix().begin(), b.postfix().end());
  Predicate::Node op;
  op.op = Predicate::Op::kAnd;
  nodes.push_back(op);
  return Predicate(nodes, a.text() + " and " + b.text());
}

inline Actor MakeActor(std::string id, std::vector<std::string> moves, double u = 0) {
  Actor actor;
  actor.id = actor.name = std::move(id);
  for (std::string& m : moves) {
    Move move;
    move.id = std::move(m);
    actor.moves.push_back(move);
  }
  actor.unpredictability = u;
  return actor;
}

// A 2-player scenario with a direct payoff table. `payoffs` in Gambit order (row fastest):
// for 2 x 2, (r0,c0), (r1,c0), (r0,c1), (r1,c1); each entry {row's payoff, col's payoff}.
// One outcome class per profile of `named` ({row move, col move, name}).
struct NamedProfile {
  int row = 0, col = 0;
  std::string name;
};
inline Scenario Bimatrix(std::vector<std::string> row_moves, std::vector<std::string> col_moves,
                         std::vector<std::vector<double>> payoffs,
                         const std::vector<NamedProfile>& named, double u_row = 0,
                         double u_col = 0) {
  Scenario s;
  s.id = s.title = "bimatrix";
  const std::vector<std::string> rows = row_moves, cols = col_moves;
  s.actors = {MakeActor("row", std::move(row_moves), u_row),
              MakeActor("col", std::move(col_moves), u_col)};
  PayoffTable table;
  table.payoffs = std::move(payoffs);
  s.payoff_table = table;
  for (const NamedProfile& p : named) {
    OutcomeClass c;
    c.name = p.name;
    c.when = And(Chosen(0, p.row, "row." + rows[p.row]), Chosen(1, p.col, "col." + cols[p.col]));
    s.outcomes.push_back(c);
  }
  return s;
}

// Count of outcome `name` in `r`.
inline int64_t OutcomeCount(const MonteCarloResult& r, const std::string& name) {
  for (size_t i = 0; i < r.outcome_names.size(); ++i)
    if (r.outcome_names[i] == name) return r.outcome_counts[i];
  ADD_FAILURE() << "no outcome " << name;
  return 0;
}

// The Wilson interval of `count` in `n` covers `p` (p within rounding of a bound counts).
// At 99.9% (z = 3.29), not 95%: these files make some 40 interval checks at fixed seeds, and
// at 95% about two would miss by chance alone (the Monte Carlo's own reports use 95%). A
// wrong closed form at 20000 draws misses the wider interval all the same: its half-width is
// below 0.012.
inline constexpr double kZ999 = 3.2905267314919255;
inline ::testing::AssertionResult Covers(int64_t count, int64_t n, double p) {
  const Interval ci = WilsonInterval(count, n, kZ999);
  if (ci.low <= p + 1e-12 && p - 1e-12 <= ci.high) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << count << "/" << n << " = " << double(count) / n
                                       << ", interval [" << ci.low << ", " << ci.high
                                       << "] does not cover " << p;
}

}  // namespace sim::montecarlo::mc_testing
