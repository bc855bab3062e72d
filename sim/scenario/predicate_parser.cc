// SPDX-License-Identifier: MIT
#include "sim/scenario/predicate_parser.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "sim/core/error.h"
#include "sim/scenario/names.h"

namespace sim::scenario_detail {
namespace {

enum class Tok { kName, kNumber, kDot, kLParen, kRParen, kCmp, kEnd, kBad };

struct Token {
  Tok kind = Tok::kEnd;
  size_t offset = 0;
  std::string_view text;
  Predicate::Cmp cmp = Predicate::Cmp::kLess;
};

// Thrown inside the parser only; turned into ParsedPredicate::error at the top.
struct Failure {
  PredicateError error;
};

[[noreturn]] void Fail(size_t offset, std::string message, std::string hint = {}) {
  throw Failure{{offset, std::move(message), std::move(hint)}};
}

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    Token t;
    t.offset = i;
    if (i == text.size()) {
      t.kind = Tok::kEnd;
      tokens.push_back(t);
      return tokens;
    }
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    size_t end = i + 1;
    if (IsNameStart(c)) {
      while (end < text.size() && IsNameChar(text[end])) ++end;
      t.kind = Tok::kName;
    } else if (IsDigit(c) || ((c == '-' || c == '+' || c == '.') && (IsDigit(next) || next == '.'))) {
      // A number: sign, digits, fraction, exponent. Validated by from_chars later.
      if (c == '-' || c == '+') ++end;
      while (end < text.size() && (IsDigit(text[end]) || text[end] == '.')) ++end;
      if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
        size_t e = end + 1;
        if (e < text.size() && (text[e] == '+' || text[e] == '-')) ++e;
        if (e < text.size() && IsDigit(text[e])) {
          end = e;
          while (end < text.size() && IsDigit(text[end])) ++end;
        }
      }
      t.kind = Tok::kNumber;
    } else if (c == '.') {
      t.kind = Tok::kDot;
    } else if (c == '(') {
      t.kind = Tok::kLParen;
    } else if (c == ')') {
      t.kind = Tok::kRParen;
    } else if (c == '<' || c == '>') {
      t.kind = Tok::kCmp;
      if (next == '=') ++end;
      t.cmp = c == '<' ? (next == '=' ? Predicate::Cmp::kLessEqual : Predicate::Cmp::kLess)
                       : (next == '=' ? Predicate::Cmp::kGreaterEqual : Predicate::Cmp::kGreater);
    } else if ((c == '=' || c == '!') && next == '=') {
      t.kind = Tok::kCmp;
      ++end;
      t.cmp = c == '=' ? Predicate::Cmp::kEqual : Predicate::Cmp::kNotEqual;
    } else if (c == '=') {
      Fail(i, "'=' is not an operator", "compare with '=='");
    } else if (c == '&' || c == '|' || c == '!') {
      const char* word = c == '&' ? "and" : c == '|' ? "or" : "not";
      Fail(i, std::string("unexpected '") + c + "'", std::string("write '") + word + "'");
    } else {
      // Report one whole UTF-8 character, not a stray byte of it.
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
      Fail(i, "unexpected character '" + std::string(text.substr(i, end - i)) + "'");
    }
    t.text = text.substr(i, end - i);
    tokens.push_back(t);
    i = end;
  }
}

class Parser {
 public:
  Parser(std::string_view text, const PredicateNames& names)
      : text_(text), names_(names), tokens_(Tokenize(text)) {}

  std::vector<Predicate::Node> Run() {
    if (Peek().kind == Tok::kEnd) Fail(0, "empty predicate", "write 'true' for \"always\"");
    Or(0);
    if (Peek().kind != Tok::kEnd) {
      const Token& t = Peek();
      if (t.kind == Tok::kRParen) Fail(t.offset, "unmatched ')'");
      Fail(t.offset, "unexpected '" + std::string(t.text) + "' after a complete predicate",
           "join conditions with 'and' or 'or'");
    }
    return std::move(out_);
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Take() { return tokens_[pos_++]; }
  bool TakeWord(std::string_view word) {
    if (Peek().kind == Tok::kName && Peek().text == word) {
      ++pos_;
      return true;
    }
    return false;
  }

  static Predicate::Node MakeNode(Predicate::Op op) {
    Predicate::Node node;
    node.op = op;
    return node;
  }

  // Every push raises the evaluation stack by one, every binary operator lowers it by one;
  // Predicate::Evaluate has room for kMaxPredicateDepth entries.
  void Emit(Predicate::Node node, size_t offset) {
    if (node.op == Predicate::Op::kAnd || node.op == Predicate::Op::kOr) {
      --stack_;
    } else if (node.op != Predicate::Op::kNot) {
      if (++stack_ > kMaxPredicateDepth) TooDeep(offset);
    }
    out_.push_back(node);
  }

  [[noreturn]] void TooDeep(size_t offset) {
    Fail(offset, "predicate nests too deeply (more than " + std::to_string(kMaxPredicateDepth) +
                     " levels)",
         "split it into simpler conditions");
  }

  void Enter(size_t offset, int depth) {
    if (depth > kMaxPredicateDepth) TooDeep(offset);  // 64 levels are allowed, 65 are not
  }

  // `depth` counts nested '(' and 'not', the only ways the recursion grows.
  void Or(int depth) {
    Enter(Peek().offset, depth);
    And(depth);
    while (true) {
      const size_t at = Peek().offset;
      if (!TakeWord("or")) break;
      And(depth);
      Emit(MakeNode(Predicate::Op::kOr), at);
    }
  }

  void And(int depth) {
    Unary(depth);
    while (true) {
      const size_t at = Peek().offset;
      if (!TakeWord("and")) break;
      Unary(depth);
      Emit(MakeNode(Predicate::Op::kAnd), at);
    }
  }

  void Unary(int depth) {
    Enter(Peek().offset, depth);
    const size_t at = Peek().offset;
    if (TakeWord("not")) {
      Unary(depth + 1);
      Emit(MakeNode(Predicate::Op::kNot), at);
      return;
    }
    Primary(depth);
  }

  void Primary(int depth) {
    const Token t = Take();
    switch (t.kind) {
      case Tok::kLParen: {
        Or(depth + 1);
        if (Peek().kind != Tok::kRParen) {
          Fail(Peek().offset, "expected ')': a '(' is not closed");
        }
        Take();
        return;
      }
      case Tok::kName: Name(t); return;
      case Tok::kEnd: Fail(t.offset, "the predicate ends where a condition should follow");
      default:
        Fail(t.offset, "expected a condition (ACTOR.MOVE, ISSUE < NUMBER, true, false, not, "
                       "'('), got '" + std::string(t.text) + "'");
    }
  }

  void Name(const Token& t) {
    if (t.text == "true" || t.text == "false") {
      Emit(MakeNode(t.text == "true" ? Predicate::Op::kTrue : Predicate::Op::kFalse), t.offset);
      return;
    }
    if (t.text == "and" || t.text == "or") {
      Fail(t.offset, "'" + std::string(t.text) + "' needs a condition before it");
    }
    const std::string name(t.text);
    if (Peek().kind == Tok::kDot) {
      Take();
      if (Peek().kind != Tok::kName) Fail(Peek().offset, "expected a move name after '" + name + ".'");
      MoveChosen(t, Take());
      return;
    }
    if (Peek().kind == Tok::kCmp) {
      Compare(t, Take());
      return;
    }
    const int actor = Index(names_.actors, name);
    const int issue = Index(names_.issues, name);
    if (actor >= 0) {
      Fail(t.offset, "expected '" + name + ".MOVE' (actor '" + name + "' alone is no condition)",
           "moves of " + name + ": " + JoinWords(names_.moves[actor]));
    }
    if (issue >= 0) {
      Fail(t.offset, "expected a comparison after issue '" + name + "'",
           "e.g. '" + name + " < 0.5'; operators: < <= > >= == !=");
    }
    if (!names_.actors_known || !names_.issues_known) {
      Fail(t.offset, "unknown name '" + name + "'");
    }
    std::vector<std::string> all = names_.issues;
    all.insert(all.end(), names_.actors.begin(), names_.actors.end());
    Fail(t.offset, "unknown name '" + name + "'", Suggest(name, all, "actors", names_.actors, "issues", names_.issues));
  }

  void MoveChosen(const Token& actor_token, const Token& move_token) {
    const std::string actor_name(actor_token.text), move_name(move_token.text);
    const int actor = Index(names_.actors, actor_name);
    if (actor < 0) {
      if (!names_.actors_known) Fail(actor_token.offset, "unknown actor '" + actor_name + "'");
      std::string nearest = NearestName(actor_name, names_.actors);
      std::string hint = nearest.empty() ? "" : "did you mean '" + nearest + "'? ";
      Fail(actor_token.offset, "unknown actor '" + actor_name + "'",
           hint + "actors: " + JoinWords(names_.actors));
    }
    const std::vector<std::string>& moves = names_.moves[actor];
    const int move = Index(moves, move_name);
    if (move < 0) {
      std::string nearest = NearestName(move_name, moves);
      std::string hint = nearest.empty() ? "" : "did you mean '" + actor_name + "." + nearest + "'? ";
      Fail(actor_token.offset, "unknown move '" + actor_name + "." + move_name + "'",
           hint + "moves of " + actor_name + ": " + JoinWords(moves));
    }
    Predicate::Node node = MakeNode(Predicate::Op::kMoveChosen);
    node.actor = actor;
    node.move = move;
    Emit(node, actor_token.offset);
  }

  void Compare(const Token& issue_token, const Token& cmp_token) {
    const std::string issue_name(issue_token.text);
    const int issue = Index(names_.issues, issue_name);
    if (issue < 0) {
      if (!names_.issues_known) Fail(issue_token.offset, "unknown issue '" + issue_name + "'");
      std::string nearest = NearestName(issue_name, names_.issues);
      std::string hint = nearest.empty() ? "" : "did you mean '" + nearest + "'? ";
      Fail(issue_token.offset, "unknown issue '" + issue_name + "'",
           hint + (names_.issues.empty() ? "the scenario has no issues"
                                         : "issues: " + JoinWords(names_.issues)));
    }
    if (!names_.allow_positions) {
      Fail(issue_token.offset,
           "conditions of conditional effects may test moves only, not issue '" + issue_name + "'",
           "effects would otherwise depend on each other; test the moves that cause the change");
    }
    const Token& number = Take();
    if (number.kind != Tok::kNumber) {
      Fail(number.offset, "expected a number after '" + issue_name + " " +
                              std::string(cmp_token.text) + "'");
    }
    std::string_view body = number.text;
    bool negative = false;
    if (body[0] == '+' || body[0] == '-') {
      negative = body[0] == '-';
      body.remove_prefix(1);
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
    if (ec != std::errc() || ptr != body.data() + body.size() || !std::isfinite(value)) {
      Fail(number.offset, "'" + std::string(number.text) + "' is not a finite number");
    }
    Predicate::Node node = MakeNode(Predicate::Op::kCompare);
    node.issue = issue;
    node.cmp = cmp_token.cmp;
    node.value = negative ? -value : value;
    Emit(node, issue_token.offset);
  }

  static int Index(const std::vector<std::string>& names, const std::string& name) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
  }

  static std::string Suggest(const std::string& name, const std::vector<std::string>& all,
                             const char* label_a, const std::vector<std::string>& a,
                             const char* label_b, const std::vector<std::string>& b) {
    std::string nearest = NearestName(name, all);
    std::string hint = nearest.empty() ? "" : "did you mean '" + nearest + "'? ";
    hint += std::string(label_a) + ": " + (a.empty() ? "none" : JoinWords(a)) + "; " + label_b +
            ": " + (b.empty() ? "none" : JoinWords(b));
    return hint;
  }

  std::string_view text_;
  const PredicateNames& names_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int stack_ = 0;
  std::vector<Predicate::Node> out_;
};

}  // namespace

ParsedPredicate ParsePredicate(std::string_view text, const PredicateNames& names) {
  ParsedPredicate result;
  try {
    Parser parser(text, names);
    result.predicate = Predicate(parser.Run(), std::string(text));
  } catch (const Failure& failure) {
    result.error = failure.error;
  }
  return result;
}

}  // namespace sim::scenario_detail
