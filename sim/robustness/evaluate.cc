// SPDX-License-Identifier: MIT
#include <algorithm>

#include "sim/robustness/robustness.h"

namespace sim::robustness {
namespace {

using Op = FindingPredicate::Op;
using Cmp = Predicate::Cmp;

bool Compare(double x, Cmp cmp, double y) {
  switch (cmp) {
    case Cmp::kLess: return x < y;
    case Cmp::kLessEqual: return x <= y;
    case Cmp::kGreater: return x > y;
    case Cmp::kGreaterEqual: return x >= y;
    case Cmp::kEqual: return x == y;
    case Cmp::kNotEqual: return x != y;
  }
  return false;
}

double Probability(const GameFacts& facts, int outcome, double number) {
  if (outcome < 0) return number;
  return outcome < static_cast<int>(facts.probability.size()) ? facts.probability[outcome] : 0.0;
}

bool Some(const GameFacts& f, int o) {
  return std::find(f.equilibrium_outcomes.begin(), f.equilibrium_outcomes.end(), o) != f.equilibrium_outcomes.end();
}
bool Every(const GameFacts& f, int o) {
  return !f.equilibrium_outcomes.empty() &&
         std::all_of(f.equilibrium_outcomes.begin(), f.equilibrium_outcomes.end(), [&](int x) { return x == o; });
}
bool Dominated(const GameFacts& f, int a, int m) {
  return a < static_cast<int>(f.dominated.size()) && m < static_cast<int>(f.dominated[a].size()) &&
         f.dominated[a][m];
}

}  // namespace

bool Evaluate(const FindingPredicate& predicate, const GameFacts& facts) {
  if (predicate.postfix.empty()) return true;
  std::vector<char> stack;
  stack.reserve(predicate.postfix.size());
  for (const auto& n : predicate.postfix) {
    switch (n.op) {
      case Op::kTrue: stack.push_back(1); break;
      case Op::kFalse: stack.push_back(0); break;
      case Op::kSome: stack.push_back(Some(facts, n.outcome)); break;
      case Op::kEvery: stack.push_back(Every(facts, n.outcome)); break;
      case Op::kNone: stack.push_back(!Some(facts, n.outcome)); break;
      case Op::kSelected: stack.push_back(facts.selected >= 0 && facts.selected == n.outcome); break;
      case Op::kDominated: stack.push_back(Dominated(facts, n.actor, n.move)); break;
      case Op::kCompare:
        stack.push_back(Compare(Probability(facts, n.outcome, n.left), n.cmp,
                                Probability(facts, n.right_outcome, n.right)));
        break;
      case Op::kNot: stack.back() = !stack.back(); break;
      case Op::kAnd: {
        const char b = stack.back();
        stack.pop_back();
        stack.back() = stack.back() && b;
        break;
      }
      case Op::kOr: {
        const char b = stack.back();
        stack.pop_back();
        stack.back() = stack.back() || b;
        break;
      }
    }
  }
  return stack.back();
}

// Kleene's three-valued logic: 0 false, 1 true, 2 unknown.
std::optional<bool> EvaluateForced(const FindingPredicate& predicate, const GameFacts& facts,
                                   const std::vector<char>& region_has, const std::vector<char>& region_all) {
  if (predicate.postfix.empty()) return true;
  std::vector<int> stack;
  auto atom = [&](int o) {  // some(o) / every(o) over any non-empty set of region profiles
    if (o < static_cast<int>(region_all.size()) && region_all[o]) return 1;
    if (o >= static_cast<int>(region_has.size()) || !region_has[o]) return 0;
    return 2;
  };
  for (const auto& n : predicate.postfix) {
    switch (n.op) {
      case Op::kTrue: stack.push_back(1); break;
      case Op::kFalse: stack.push_back(0); break;
      case Op::kSome:
      case Op::kEvery: stack.push_back(atom(n.outcome)); break;
      case Op::kNone: {
        const int v = atom(n.outcome);
        stack.push_back(v == 2 ? 2 : 1 - v);
        break;
      }
      case Op::kDominated: stack.push_back(Dominated(facts, n.actor, n.move)); break;
      case Op::kSelected:
      case Op::kCompare: stack.push_back(2); break;
      case Op::kNot: stack.back() = stack.back() == 2 ? 2 : 1 - stack.back(); break;
      case Op::kAnd: {
        const int b = stack.back();
        stack.pop_back();
        const int a = stack.back();
        stack.back() = (a == 0 || b == 0) ? 0 : (a == 1 && b == 1) ? 1 : 2;
        break;
      }
      case Op::kOr: {
        const int b = stack.back();
        stack.pop_back();
        const int a = stack.back();
        stack.back() = (a == 1 || b == 1) ? 1 : (a == 0 && b == 0) ? 0 : 2;
        break;
      }
    }
  }
  if (stack.back() == 2) return std::nullopt;
  return stack.back() == 1;
}

}  // namespace sim::robustness
