// SPDX-License-Identifier: MIT
// Predicates over an outcome: the `when:` / `requires:` expressions of a scenario, e.g.
//   "sanctions <= 0.5 and russia.deescalate_syria and not russia.concede_ukraine"
// Grammar (precedence low to high):
//   expr    := or
//   or      := and ('or' and)*
//   and     := unary ('and' unary)*
//   unary   := 'not' unary | primary
//   primary := '(' expr ')' | 'true' | 'false' | ACTOR '.' MOVE | ISSUE CMP NUMBER
//   CMP     := '<' | '<=' | '>' | '>=' | '==' | '!='
// Names are resolved to indices when the scenario is loaded, so evaluation is a tight loop.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "sim/core/tolerance.h"
namespace sim {

// A compiled predicate: nodes in postfix (reverse Polish) order, evaluated with a small
// stack. An empty predicate is "true".
class Predicate {
 public:
  enum class Op { kTrue, kFalse, kMoveChosen, kCompare, kNot, kAnd, kOr };
  enum class Cmp { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };

  struct Node {
    Op op = Op::kTrue;
    int actor = -1;    // kMoveChosen
    int move = -1;     // kMoveChosen
    int issue = -1;    // kCompare
    Cmp cmp = Cmp::kLess;
    double value = 0;  // kCompare
  };

  Predicate() = default;
  Predicate(std::vector<Node> postfix, std::string text)
      : postfix_(std::move(postfix)), text_(std::move(text)) {}

  // positions[i]: final position of issue i. chosen(actor, move) tells whether `actor` played
  // `move` (an actor may play several moves in a sequential game).
  template <typename Chosen>
  bool Evaluate(std::span<const double> positions, Chosen&& chosen) const;

  // Convenience for simultaneous games: moves[a] is the move actor a played.
  bool Evaluate(std::span<const double> positions, std::span<const int> moves) const {
    return Evaluate(positions, [&](int actor, int move) { return moves[actor] == move; });
  }

  bool empty() const { return postfix_.empty(); }
  const std::string& text() const { return text_; }  // as written, for reports
  const std::vector<Node>& postfix() const { return postfix_; }

 private:
  std::vector<Node> postfix_;
  std::string text_;
};

// Equality of positions uses this tolerance, so that "sanctions == 0.5" survives the
// rounding of accumulated effects.
inline constexpr double kPositionEqualityTolerance = kPositionTolerance;  // core/tolerance.h

template <typename Chosen>
bool Predicate::Evaluate(std::span<const double> positions, Chosen&& chosen) const {
  if (postfix_.empty()) return true;
  bool stack[64];
  int top = 0;
  for (const Node& node : postfix_) {
    switch (node.op) {
      case Op::kTrue: stack[top++] = true; break;
      case Op::kFalse: stack[top++] = false; break;
      case Op::kMoveChosen: stack[top++] = chosen(node.actor, node.move); break;
      case Op::kCompare: {
        double x = positions[node.issue];
        bool r = false;
        switch (node.cmp) {
          case Cmp::kLess: r = x < node.value; break;
          case Cmp::kLessEqual: r = x <= node.value + kPositionEqualityTolerance; break;
          case Cmp::kGreater: r = x > node.value; break;
          case Cmp::kGreaterEqual: r = x >= node.value - kPositionEqualityTolerance; break;
          case Cmp::kEqual: r = x >= node.value - kPositionEqualityTolerance &&
                                x <= node.value + kPositionEqualityTolerance; break;
          case Cmp::kNotEqual: r = !(x >= node.value - kPositionEqualityTolerance &&
                                     x <= node.value + kPositionEqualityTolerance); break;
        }
        stack[top++] = r;
        break;
      }
      case Op::kNot: stack[top - 1] = !stack[top - 1]; break;
      case Op::kAnd: --top; stack[top - 1] = stack[top - 1] && stack[top]; break;
      case Op::kOr: --top; stack[top - 1] = stack[top - 1] || stack[top]; break;
    }
  }
  return stack[0];
}

// The largest stack depth a predicate may need; the parser refuses deeper expressions.
inline constexpr int kMaxPredicateDepth = 64;

}  // namespace sim
