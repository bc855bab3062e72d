// SPDX-License-Identifier: MIT
// The analyst's conclusions and the uncertainty of the scenario's numbers (issue 13,
// scenarios/README.md "Findings and ranges"): the top-level `findings:` block (named claims,
// each a predicate over the solved game) and the `ranges:` block (how far each judgement
// number may plausibly move). Value types only: the loader fills them (findings_section.cc),
// robustness/ evaluates them.
//
// Finding predicates (precedence low to high):
//   expr    := or;  or := and ('or' and)*;  and := unary ('and' unary)*
//   unary   := 'not' unary | primary
//   primary := '(' expr ')' | 'true' | 'false'
//            | 'some' '(' OUTCOME ')' | 'every' '(' OUTCOME ')' | 'none' '(' OUTCOME ')'
//            | 'selected' '(' OUTCOME ')' | 'dominated' '(' ACTOR '.' MOVE ')'
//            | prob CMP prob            (at least one side a p(...))
//   prob    := 'p' '(' OUTCOME ')' | NUMBER;   CMP := < <= > >= == !=
// OUTCOME is an outcome class of the scenario or "other".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/scenario/predicate.h"
#include "sim/scenario/uncertainty.h"

namespace sim {

// A compiled finding predicate, postfix like Predicate.
struct FindingPredicate {
  enum class Op { kTrue, kFalse, kSome, kEvery, kNone, kSelected, kDominated, kCompare, kNot, kAnd, kOr };
  struct Node {
    Op op = Op::kTrue;
    int outcome = -1;              // some/every/none/selected; compare: left p() (-1: number)
    int actor = -1, move = -1;     // dominated
    int right_outcome = -1;        // compare: right p() (-1: number)
    double left = 0, right = 0;    // compare: the numbers
    Predicate::Cmp cmp = Predicate::Cmp::kLess;
  };
  std::vector<Node> postfix;
  std::string text;  // as written

  // True when the predicate needs the Monte Carlo (p() or selected()).
  bool NeedsMonteCarlo() const;
};

struct Finding {
  std::string name;
  std::vector<std::string> claims;  // claim or result ids, e.g. R1, D0.4
  FindingPredicate holds;
  bool preference = false;          // a statement of preference: "by construction" is expected
  SourceLocation location;
};

// The default rule of `ranges:` for numbers the block does not name: per kind of number,
// a relative half-width (25% = base +- 25% of |base|) or an absolute one (0.1 = base +- 0.1),
// clipped to the number's domain. Kinds: salience, ideal, cost, effect, status_quo, term,
// unpredictability, payoff. Zero numbers are left alone (a zero cost, effect or salience is
// the absence of one), ideal points only where the stake's salience is positive.
struct RangeRule {
  std::string kind;
  double width = 0;
  bool relative = false;
};

struct RangeSpec {
  std::string path;           // as --set takes it
  Distribution distribution;  // [lo, hi] is uniform(lo, hi)
  SourceLocation location;
};

struct Ranges {
  bool present = false;
  std::vector<RangeSpec> named;     // in file order
  std::vector<RangeRule> defaults;  // `default:`; empty when not given
  SourceLocation location;
};

// The rule used when a scenario has no `ranges:` block (robustness, sensitivity of margins).
std::vector<RangeRule> BuiltinRangeRules();

}  // namespace sim

namespace sim {

// One number the robustness analysis moves: its path, its kind (a RangeRule kind, "" for a
// named range), its range as a distribution, and its base value in the scenario.
struct RangedNumber {
  std::string path;
  std::string kind;
  Distribution distribution;
  double base = 0;
  bool named = false;  // from the block, not from the default rule
};

// The scenario's ranged numbers: every range the block names, in file order, then every
// judgement number the default rule reaches (the block's `default:`, or BuiltinRangeRules()
// when the scenario has no ranges block), in scenario order. Takes `scenario` by reference
// only to resolve paths (FindNumber); nothing is changed.
std::vector<RangedNumber> RangedNumbers(Scenario& scenario);

}  // namespace sim
