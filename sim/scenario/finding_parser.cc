// SPDX-License-Identifier: MIT
#include "sim/scenario/finding_parser.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "sim/scenario/names.h"

namespace sim::scenario_detail {
namespace {

using Op = FindingPredicate::Op;
using Cmp = Predicate::Cmp;

struct Failure {
  PredicateError error;
};

[[noreturn]] void Fail(size_t offset, std::string message, std::string hint = {}) {
  throw Failure{{offset, std::move(message), std::move(hint)}};
}

constexpr const char* kForms =
    "some(OUTCOME), every(OUTCOME), none(OUTCOME), selected(OUTCOME), dominated(ACTOR.MOVE), "
    "p(OUTCOME) < NUMBER, p(OUTCOME) > p(OUTCOME), and, or, not, ( )";

// A small recursive-descent parser over the text itself (the token set differs from
// predicate_parser.cc's: calls, no issue comparisons).
class Parser {
 public:
  Parser(std::string_view text, const std::vector<std::string>& outcomes, const PredicateNames& names)
      : text_(text), outcomes_(outcomes), names_(names) {}

  std::vector<FindingPredicate::Node> Run() {
    Skip();
    if (pos_ == text_.size()) Fail(0, "empty finding", std::string("write one of ") + kForms);
    Or(0);
    Skip();
    if (pos_ != text_.size()) {
      if (text_[pos_] == ')') Fail(pos_, "unmatched ')'");
      Fail(pos_, "unexpected '" + std::string(text_.substr(pos_, 1)) + "' after a complete finding",
           "join conditions with 'and' or 'or'");
    }
    return std::move(out_);
  }

 private:
  void Skip() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  static bool NameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
  // The word at pos_ (not consumed), or "".
  std::string_view PeekWord() {
    Skip();
    size_t end = pos_;
    if (end < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[end])) || text_[end] == '_'))
      while (end < text_.size() && NameChar(text_[end])) ++end;
    return text_.substr(pos_, end - pos_);
  }
  bool TakeWord(std::string_view word) {
    if (PeekWord() != word) return false;
    pos_ += word.size();
    return true;
  }
  void Expect(char c, const std::string& what) {
    Skip();
    if (pos_ >= text_.size() || text_[pos_] != c) Fail(pos_, "expected '" + std::string(1, c) + "' " + what);
    ++pos_;
  }
  void Emit(FindingPredicate::Node node) {
    if (++count_ > 4 * kMaxPredicateDepth) Fail(pos_, "finding too long", "split it into several findings");
    out_.push_back(node);
  }
  static FindingPredicate::Node Make(Op op) {
    FindingPredicate::Node n;
    n.op = op;
    return n;
  }

  void Or(int depth) {
    if (depth >= kMaxPredicateDepth) Fail(pos_, "finding nests too deeply");
    And(depth);
    while (TakeWord("or")) {
      And(depth);
      Emit(Make(Op::kOr));
    }
  }
  void And(int depth) {
    Unary(depth);
    while (TakeWord("and")) {
      Unary(depth);
      Emit(Make(Op::kAnd));
    }
  }
  void Unary(int depth) {
    if (depth >= kMaxPredicateDepth) Fail(pos_, "finding nests too deeply");
    if (TakeWord("not")) {
      Unary(depth + 1);
      Emit(Make(Op::kNot));
      return;
    }
    Primary(depth);
  }

  int Outcome() {
    Skip();
    const size_t at = pos_;
    const std::string word(PeekWord());
    if (word.empty()) Fail(at, "expected an outcome name", "outcomes: " + JoinWords(outcomes_));
    pos_ += word.size();
    for (size_t i = 0; i < outcomes_.size(); ++i)
      if (outcomes_[i] == word) return static_cast<int>(i);
    const std::string near = NearestName(word, outcomes_);
    Fail(at, "unknown outcome '" + word + "'",
         (near.empty() ? "" : "did you mean '" + near + "'? ") + "outcomes: " + JoinWords(outcomes_));
  }

  // A side of a comparison: p(OUTCOME) or a number. Returns the outcome or -1 with *value.
  int Side(double* value) {
    Skip();
    const size_t at = pos_;
    if (PeekWord() == "p") {
      pos_ += 1;
      Expect('(', "after 'p'");
      const int o = Outcome();
      Expect(')', "to close p(");
      return o;
    }
    size_t end = pos_;
    while (end < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.' ||
                                  text_[end] == 'e' || text_[end] == 'E' || text_[end] == '-' || text_[end] == '+'))
      ++end;
    double v = 0;
    auto [ptr, ec] = std::from_chars(text_.data() + pos_, text_.data() + end, v);
    if (end == pos_ || ec != std::errc() || ptr != text_.data() + end || !std::isfinite(v))
      Fail(at, "expected p(OUTCOME) or a finite number", std::string("forms: ") + kForms);
    // The other side is a probability (Comparison refuses two numbers): a number outside
    // [0, 1] would make the finding always true or always false.
    if (v < 0 || v > 1)
      Fail(at, "a probability is compared with " + std::string(text_.substr(pos_, end - pos_)) + ", outside [0, 1]",
           "p(OUTCOME) lies in [0, 1]: compare it with a number in [0, 1]");
    pos_ = end;
    *value = v;
    return -1;
  }

  bool TakeCmp(Cmp* cmp) {
    Skip();
    auto two = [&](const char* s) { return text_.substr(pos_, 2) == s; };
    if (two("<=")) *cmp = Cmp::kLessEqual, pos_ += 2;
    else if (two(">=")) *cmp = Cmp::kGreaterEqual, pos_ += 2;
    else if (two("==")) *cmp = Cmp::kEqual, pos_ += 2;
    else if (two("!=")) *cmp = Cmp::kNotEqual, pos_ += 2;
    else if (pos_ < text_.size() && text_[pos_] == '<') *cmp = Cmp::kLess, ++pos_;
    else if (pos_ < text_.size() && text_[pos_] == '>') *cmp = Cmp::kGreater, ++pos_;
    else return false;
    return true;
  }

  void Comparison(size_t at) {
    FindingPredicate::Node n = Make(Op::kCompare);
    n.outcome = Side(&n.left);
    if (!TakeCmp(&n.cmp)) Fail(pos_, "expected a comparison (< <= > >= == !=) after a probability");
    n.right_outcome = Side(&n.right);
    if (n.outcome < 0 && n.right_outcome < 0)
      Fail(at, "a comparison needs p(OUTCOME) on at least one side");
    Emit(n);
  }

  void Primary(int depth) {
    Skip();
    const size_t at = pos_;
    if (pos_ >= text_.size()) Fail(at, "the finding ends where a condition should follow");
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      Or(depth + 1);
      Expect(')', ": a '(' is not closed");
      return;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-') {
      Comparison(at);
      return;
    }
    const std::string word(PeekWord());
    if (word.empty()) Fail(at, "unexpected character '" + std::string(1, c) + "'", std::string("forms: ") + kForms);
    if (word == "true" || word == "false") {
      pos_ += word.size();
      Emit(Make(word == "true" ? Op::kTrue : Op::kFalse));
      return;
    }
    if (word == "p") {
      Comparison(at);
      return;
    }
    Op op;
    if (word == "some") op = Op::kSome;
    else if (word == "every") op = Op::kEvery;
    else if (word == "none") op = Op::kNone;
    else if (word == "selected") op = Op::kSelected;
    else if (word == "dominated") op = Op::kDominated;
    else {
      const std::vector<std::string> known{"some", "every", "none", "selected", "dominated", "p",
                                           "not", "true", "false"};
      const std::string near = NearestName(word, known);
      Fail(at, "unknown condition '" + word + "'",
           (near.empty() ? "" : "did you mean '" + near + "'? ") + "forms: " + kForms);
    }
    pos_ += word.size();
    Expect('(', "after '" + word + "'");
    FindingPredicate::Node n = Make(op);
    if (op == Op::kDominated) {
      Skip();
      const size_t actor_at = pos_;
      const std::string actor(PeekWord());
      pos_ += actor.size();
      Expect('.', "between ACTOR and MOVE in dominated(ACTOR.MOVE)");
      const std::string move(PeekWord());
      pos_ += move.size();
      int a = -1;
      for (size_t i = 0; i < names_.actors.size(); ++i)
        if (names_.actors[i] == actor) a = static_cast<int>(i);
      if (a < 0) {
        const std::string near = NearestName(actor, names_.actors);
        Fail(actor_at, "unknown actor '" + actor + "'",
             (near.empty() ? "" : "did you mean '" + near + "'? ") + "actors: " + JoinWords(names_.actors));
      }
      int m = -1;
      for (size_t i = 0; i < names_.moves[a].size(); ++i)
        if (names_.moves[a][i] == move) m = static_cast<int>(i);
      if (m < 0) {
        const std::string near = NearestName(move, names_.moves[a]);
        Fail(actor_at, "unknown move '" + actor + "." + move + "'",
             (near.empty() ? "" : "did you mean '" + actor + "." + near + "'? ") + "moves of " +
                 actor + ": " + JoinWords(names_.moves[a]));
      }
      n.actor = a;
      n.move = m;
    } else {
      n.outcome = Outcome();
    }
    Expect(')', "to close " + word + "(");
    Emit(n);
  }

  std::string_view text_;
  const std::vector<std::string>& outcomes_;
  const PredicateNames& names_;
  size_t pos_ = 0;
  int count_ = 0;
  std::vector<FindingPredicate::Node> out_;
};

}  // namespace

ParsedFinding ParseFindingPredicate(std::string_view text, const std::vector<std::string>& outcomes,
                                    const PredicateNames& names) {
  ParsedFinding result;
  try {
    Parser parser(text, outcomes, names);
    result.predicate.postfix = parser.Run();
    result.predicate.text = std::string(text);
  } catch (const Failure& failure) {
    result.error = failure.error;
  }
  return result;
}

}  // namespace sim::scenario_detail
