// SPDX-License-Identifier: MIT
#include <algorithm>
#include "sim/io/gambit_efg.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/core/magnitude.h"
#include "sim/core/text_file.h"

namespace sim::io {

using Node = GameTree::Node;

namespace {

enum class TokenKind { kEnd, kString, kNumber, kWord, kOpen, kClose, kComma };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // the string's contents (unescaped) or the number / word as written
  int line = 1;
  int column = 1;
};

// Splits .efg text into tokens; whitespace separates tokens and means nothing else.
class Lexer {
 public:
  Lexer(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  SourceLocation Here(const Token& t) const { return {file_, t.line, t.column}; }

  [[noreturn]] void Fail(const Token& t, const std::string& message,
                         const std::string& hint = {}) const {
    throw InputError(Here(t), message, hint);
  }

  Token Next() {
    SkipSpace();
    Token t;
    t.line = line_;
    t.column = column_;
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    if (c == '{' || c == '}' || c == ',') {
      t.kind = c == '{' ? TokenKind::kOpen : c == '}' ? TokenKind::kClose : TokenKind::kComma;
      t.text = std::string(1, c);
      Advance();
      return t;
    }
    if (c == '"') {
      t.kind = TokenKind::kString;
      Advance();
      while (true) {
        if (pos_ >= text_.size()) Fail(t, "unterminated string");
        char d = text_[pos_];
        if (d == '"') {
          Advance();
          break;
        }
        if (d == '\\' && pos_ + 1 < text_.size()) {
          Advance();
          d = text_[pos_];
        }
        t.text += d;
        Advance();
      }
      return t;
    }
    // A number or a word: everything up to the next space or delimiter.
    while (pos_ < text_.size()) {
      const char d = text_[pos_];
      if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '{' || d == '}' || d == ',' ||
          d == '"') {
        break;
      }
      t.text += d;
      Advance();
    }
    const char first = t.text[0];
    t.kind = (first == '-' || first == '.' || first == '+' || (first >= '0' && first <= '9'))
                 ? TokenKind::kNumber
                 : TokenKind::kWord;
    return t;
  }

 private:
  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++pos_;
  }
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      Advance();
    }
  }

  std::string_view text_;
  std::string file_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// The text of a token for a message, cut to 40 characters.
std::string Abbreviate(const std::string& text) {
  return text.size() <= 40 ? text : text.substr(0, 37) + "...";
}

// Gambit's number syntax: an optional '-', digits with an optional fraction part and an
// optional exponent ("-.5", "1.5e-1"), or two such numbers joined by '/'. No '+', no hex.
bool ValidDecimal(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, digits = true;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, digits = true;
  }
  if (!digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    bool exponent = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, exponent = true;
    if (!exponent) return false;
  }
  return i == s.size();
}

// A payoff as a double. Decimals go through strtod (correctly rounded, so a written
// shortest decimal reads back as the same double); fractions are read exactly and then
// rounded ("+1" and "1/0" are refused either way).
std::optional<double> FiniteNumberValue(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos) {
    if (!ValidDecimal(text)) return std::nullopt;
    const double v = std::strtod(text.c_str(), nullptr);
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
  }
  if (std::optional<Rational> r = ParseRational(text)) {
    // 1e400/3 is a valid rational whose double is inf: refused like 1e400 itself.
    const double v = RationalToDouble(*r);
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
  }
  const std::string top = text.substr(0, slash), bottom = text.substr(slash + 1);
  if (!ValidDecimal(top) || !ValidDecimal(bottom) || bottom[0] == '-') return std::nullopt;
  const double d = std::strtod(bottom.c_str(), nullptr);
  if (d == 0.0) return std::nullopt;
  const double v = std::strtod(top.c_str(), nullptr) / d;
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

// The same, refused beyond +-1e100 (core/magnitude.h): path payoffs add up, and the
// solvers multiply them.
std::optional<double> NumberValue(const std::string& text) {
  const std::optional<double> v = FiniteNumberValue(text);
  return v && WithinMagnitude(*v) ? v : std::nullopt;
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, const TreeLimits& limits)
      : lex_(text, file), file_(file), limits_(limits) {
    Advance();
  }

  GameTree Parse() {
    Header();
    while (look_.kind != TokenKind::kEnd) NodeLine();
    if (!stack_.empty()) {
      lex_.Fail(look_, "the file ends before " + Describe(stack_.back().node) +
                           " has a child for every move");
    }
    if (tree_.num_nodes() == 0) lex_.Fail(look_, "the game has no nodes");
    NameByPath();
    tree_.Validate(limits_);
    return std::move(tree_);
  }

 private:
  struct Open {
    Node node;
    int next_action;
    int num_actions;
  };

  void Advance() { look_ = lex_.Next(); }

  // "node 'x'", or "the node on line N" while unnamed nodes have no name yet.
  std::string Describe(Node n) const {
    if (!tree_.name(n).empty()) return "node '" + tree_.name(n) + "'";
    return "the node on line " + std::to_string(tree_.node(n).location.line);
  }

  Token Expect(TokenKind kind, const std::string& what) {
    if (look_.kind != kind) {
      lex_.Fail(look_, "expected " + what + (look_.kind == TokenKind::kEnd
                                                 ? " but the file ends"
                                                 : ", found '" + look_.text + "'"));
    }
    Token t = look_;
    Advance();
    return t;
  }

  int ExpectInteger(const std::string& what, int lowest) {
    Token t = Expect(TokenKind::kNumber, what);
    char* end = nullptr;
    long v = std::strtol(t.text.c_str(), &end, 10);
    if (end != t.text.c_str() + t.text.size() || t.text[0] == '+' || v < lowest ||
        v > 1'000'000'000) {
      lex_.Fail(t, "expected " + what + ", found '" + t.text + "'");
    }
    return static_cast<int>(v);
  }

  void Header() {
    Token magic = Expect(TokenKind::kWord, "'EFG'");
    if (magic.text != "EFG") lex_.Fail(magic, "not an .efg file: expected 'EFG', found '" + magic.text + "'");
    Token version = Expect(TokenKind::kNumber, "the version 2");
    if (version.text != "2") lex_.Fail(version, "unsupported .efg version '" + version.text + "' (expected 2)");
    Token kind = Expect(TokenKind::kWord, "'R'");
    if (kind.text != "R" && kind.text != "D") lex_.Fail(kind, "expected 'R', found '" + kind.text + "'");
    std::string title = Expect(TokenKind::kString, "the title").text;
    Expect(TokenKind::kOpen, "'{' before the player names");
    std::vector<std::string> players;
    while (look_.kind == TokenKind::kString) {
      players.push_back(look_.text);
      Advance();
    }
    Expect(TokenKind::kClose, "'}' after the player names");
    if (look_.kind == TokenKind::kString) Advance();  // optional comment
    tree_ = GameTree(players, title);
  }

  // The optional "label" { actions } of an information set at its node.
  struct SetDecl {
    bool has_label = false, has_actions = false;
    std::string label;
    std::vector<std::string> actions;
    std::vector<Probability> probabilities;
    std::vector<std::string> probability_text;
  };

  SetDecl ReadSetDecl(bool chance) {
    SetDecl d;
    if (look_.kind == TokenKind::kString) {
      d.has_label = true;
      d.label = look_.text;
      Advance();
    }
    if (look_.kind == TokenKind::kOpen) {
      d.has_actions = true;
      Advance();
      while (look_.kind == TokenKind::kString) {
        d.actions.push_back(look_.text);
        Advance();
        if (chance) {
          Token p = Expect(TokenKind::kNumber, "a probability");
          std::optional<Rational> r = ParseRational(p.text);
          if (!r) lex_.Fail(p, "invalid probability '" + p.text + "'");
          d.probabilities.push_back(Probability::Exact(*r));
          d.probability_text.push_back(RationalToString(*r));
          if (look_.kind == TokenKind::kComma) Advance();
        }
      }
      Expect(TokenKind::kClose, chance ? "'}' or a quoted action and its probability"
                                       : "'}' or a quoted action");
    }
    return d;
  }

  // Looks up or declares information set `number` of `player` (kChancePlayer for chance).
  int Set(int player, int number, const SetDecl& d, const Token& at) {
    auto key = std::make_pair(player, number);
    auto it = sets_.find(key);
    if (it == sets_.end()) {
      if (!d.has_actions) {
        lex_.Fail(at, "information set " + std::to_string(number) +
                          " is used before its moves are declared");
      }
      int index = player == kChancePlayer
                      ? tree_.AddChanceInfoSet(d.actions, d.probabilities, d.label, lex_.Here(at))
                      : tree_.AddInfoSet(player, d.actions, d.label, lex_.Here(at));
      sets_[key] = index;
      return index;
    }
    // Later appearances may repeat the declaration, but then exactly (as Gambit requires).
    const InfoSet& set = tree_.infoset(it->second);
    if ((d.has_label && d.label != set.label) || (d.has_actions && d.actions != set.actions)) {
      lex_.Fail(at, "information set " + std::to_string(number) +
                        " is declared again with other labels or moves");
    }
    if (d.has_actions && player == kChancePlayer) {
      for (size_t a = 0; a < set.probabilities.size(); ++a) {
        if (set.probabilities[a].exact != d.probabilities[a].exact) {
          lex_.Fail(at, "chance information set " + std::to_string(number) +
                            " is declared again with other probabilities");
        }
      }
    }
    return it->second;
  }

  // outcome# ["label" { payoffs }]; returns the outcome index or -1 for the null outcome.
  int ReadOutcome() {
    Token at = look_;
    const int number = ExpectInteger("an outcome number", 0);
    bool has_details = false;
    std::string label;
    std::vector<double> payoffs;
    std::vector<Rational> exact;  // as written, when every payoff parses exactly
    bool all_exact = true;
    if (look_.kind == TokenKind::kString) {
      has_details = true;
      label = look_.text;
      Advance();
      Expect(TokenKind::kOpen, "'{' before the payoffs");
      // Words too ("nan", "inf"): refused as payoffs rather than as a missing '}'.
      while (look_.kind == TokenKind::kNumber || look_.kind == TokenKind::kWord) {
        std::optional<double> v = NumberValue(look_.text);
        if (!v) {
          lex_.Fail(look_, "invalid payoff '" + Abbreviate(look_.text) +
                               "': payoffs are numbers within +-1e100, written like "
                               "3, -2, 3/2, .5 or 1e1 (no leading '+')",
                    kMagnitudeHint);
        }
        payoffs.push_back(*v);
        // Kept exactly as written (1/3, 0.1), except decimals of 16 or more digits: those
        // are a double's round-trip text (our own export), which means the double.
        const std::string& text = look_.text;
        const size_t digits = static_cast<size_t>(std::count_if(
            text.begin(), text.begin() + std::min(text.find_first_of("eE"), text.size()),
            [](char ch) { return ch >= '0' && ch <= '9'; }));
        std::optional<Rational> r = ParseRational(text);
        if (r && (text.find('/') != std::string::npos || digits <= 15)) {
          exact.push_back(std::move(*r));
        } else {
          all_exact = false;
        }
        Advance();
        if (look_.kind == TokenKind::kComma) Advance();
      }
      Token close = Expect(TokenKind::kClose, "'}' or a payoff");
      if (static_cast<int>(payoffs.size()) != tree_.num_players()) {
        lex_.Fail(close, "outcome " + std::to_string(number) + " has " +
                             std::to_string(payoffs.size()) + " payoffs for " +
                             std::to_string(tree_.num_players()) + " players");
      }
    }
    if (number == 0) {
      if (has_details) lex_.Fail(at, "the null outcome 0 cannot have a label or payoffs");
      return -1;
    }
    auto it = outcomes_.find(number);
    if (it == outcomes_.end()) {
      if (!has_details) {
        lex_.Fail(at, "outcome " + std::to_string(number) + " is used before its payoffs are declared");
      }
      int index = tree_.AddOutcome(payoffs, label);
      if (all_exact) tree_.set_outcome_exact(index, std::move(exact));
      outcomes_[number] = index;
      return index;
    }
    if (has_details && (tree_.outcome(it->second).label != label ||
                        tree_.outcome(it->second).payoffs != payoffs)) {
      lex_.Fail(at, "outcome " + std::to_string(number) + " is declared again with other payoffs");
    }
    return it->second;
  }

  void NodeLine() {
    Token kind = Expect(TokenKind::kWord, "a node ('c', 'p' or 't')");
    if (kind.text != "c" && kind.text != "p" && kind.text != "t") {
      lex_.Fail(kind, "expected a node ('c', 'p' or 't'), found '" + kind.text + "'");
    }
    if (tree_.num_nodes() > 0 && stack_.empty()) {
      lex_.Fail(kind, "a node after the tree is complete (every move already has its child)");
    }
    if (tree_.num_nodes() >= limits_.max_nodes) {
      throw InputError(lex_.Here(kind),
                       "the game tree has more than " + std::to_string(limits_.max_nodes) + " nodes",
                       "raise the limit with --max-profiles N (it caps .efg nodes too)");
    }
    std::string name = Expect(TokenKind::kString, "the node's name in quotes").text;
    Node n;
    if (kind.text == "t") {
      n = tree_.AddNode(NodeKind::kTerminal, name, -1, lex_.Here(kind));
    } else {
      int player = kChancePlayer;
      if (kind.text == "p") {
        Token pt = look_;
        player = ExpectInteger("a player number", 1) - 1;
        if (player >= tree_.num_players()) {
          lex_.Fail(pt, "player " + pt.text + " does not exist: the game has " +
                            std::to_string(tree_.num_players()) + " players (" +
                            JoinWords(tree_.players()) + ")");
        }
      }
      Token st = look_;
      const int number = ExpectInteger("an information set number", 1);
      SetDecl decl = ReadSetDecl(player == kChancePlayer);
      int set = Set(player, number, decl, st);
      n = tree_.AddNode(player == kChancePlayer ? NodeKind::kChance : NodeKind::kDecision, name,
                        set, lex_.Here(kind));
    }
    const int outcome = ReadOutcome();
    if (outcome >= 0) tree_.SetOutcome(n, outcome);
    unnamed_.push_back(name.empty());
    // Attach to the open parent (preorder: children follow their parent in action order).
    if (!stack_.empty()) {
      Open& top = stack_.back();
      tree_.AddMove(top.node, top.next_action++, n);
      while (!stack_.empty() && stack_.back().next_action == stack_.back().num_actions) {
        stack_.pop_back();
      }
    }
    if (kind.text != "t") {
      const int k = tree_.num_actions(n);
      if (k == 0) lex_.Fail(kind, Describe(n) + " has no moves");
      stack_.push_back({n, 0, k});
    }
  }

  // Unnamed nodes are named by their path of actions from the root ("H/a"). Written out in
  // full, those paths cost O(depth^2) memory on a deep chain (a 10^6-node chain would need
  // ~10^12 bytes), so a path longer than kMaxPathName characters is replaced by the node's
  // place in the file, "L<line>C<column>", and its descendants' paths continue from that
  // short name ("L9C1/a/b"). Every path kept is thus at most kMaxPathName + 1 + one action
  // label long, and naming is linear in the file's size.
  static constexpr size_t kMaxPathName = 64;
  void NameByPath() {
    std::vector<std::string> path(tree_.num_nodes());
    for (Node n : tree_.Preorder()) {
      if (n != tree_.root()) {
        const Node parent = tree_.Parent(n);
        const int a = tree_.ActionInto(n);
        std::string action = tree_.action_label(parent, a);
        if (action.empty()) action = std::to_string(a + 1);
        if (path[parent].size() + 1 + action.size() <= kMaxPathName) {
          path[n] = path[parent].empty() ? action : path[parent] + "/" + action;
        } else {
          const SourceLocation& at = tree_.node(n).location;
          path[n] = "L" + std::to_string(at.line) + "C" + std::to_string(at.column);
        }
      }
      if (unnamed_[n]) tree_.set_name(n, n == tree_.root() ? "root" : path[n]);
    }
  }

  Lexer lex_;
  std::string file_;
  TreeLimits limits_;
  Token look_;
  GameTree tree_;
  std::map<std::pair<int, int>, int> sets_;
  std::map<int, int> outcomes_;
  std::vector<Open> stack_;
  std::vector<char> unnamed_;
};

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Number(double v) { return ShortestDecimal(v); }

}  // namespace

GameTree ReadEfg(std::string_view text, const std::string& file, const TreeLimits& limits) {
  // Labels end up in JSON, DOT and tables: bytes that are not UTF-8 are refused where they are.
  CheckUtf8Text(text, file, "a Gambit .efg file");
  return Parser(text, file, limits).Parse();
}

GameTree ReadEfgFile(const std::string& path, const TreeLimits& limits) {
  // 256 MiB: about 5 * 10^6 nodes of Gambit's writer's typical 50-byte lines.
  return ReadEfg(ReadTextFile(path, int64_t{256} << 20, "a Gambit .efg file"), path, limits);
}

std::string WriteEfg(const GameTree& tree) {
  std::ostringstream out;
  out << "EFG 2 R " << Quote(tree.title()) << " {";
  for (const std::string& p : tree.players()) out << ' ' << Quote(p);
  out << " }\n\"\"\n\n";
  std::map<int, int> set_number;        // infoset -> number within its player
  std::map<int, int> next_number;       // player -> last number used
  std::map<int, int> outcome_number;    // outcome -> global number
  for (Node n : tree.Preorder()) {
    const TreeNode& node = tree.node(n);
    if (node.kind == NodeKind::kTerminal) {
      out << "t " << Quote(node.name);
    } else {
      const InfoSet& set = tree.infoset(node.infoset);
      out << (node.kind == NodeKind::kChance ? "c " : "p ") << Quote(node.name) << ' ';
      if (node.kind == NodeKind::kDecision) out << set.player + 1 << ' ';
      auto it = set_number.find(node.infoset);
      if (it != set_number.end()) {
        out << it->second;
      } else {
        const int number = ++next_number[set.player];
        set_number[node.infoset] = number;
        out << number << ' ' << Quote(set.label) << " {";
        for (size_t a = 0; a < set.actions.size(); ++a) {
          out << ' ' << Quote(set.actions[a]);
          if (node.kind == NodeKind::kChance) out << ' ' << set.probabilities[a].ToString();
        }
        out << " }";
      }
    }
    if (node.outcome < 0) {
      out << " 0\n";
      continue;
    }
    auto it = outcome_number.find(node.outcome);
    if (it != outcome_number.end()) {
      out << ' ' << it->second << '\n';
      continue;
    }
    const int number = static_cast<int>(outcome_number.size()) + 1;
    outcome_number[node.outcome] = number;
    const Outcome& o = tree.outcome(node.outcome);
    out << ' ' << number << ' ' << Quote(o.label) << " {";
    for (size_t p = 0; p < o.payoffs.size(); ++p) out << (p ? ", " : " ") << Number(o.payoffs[p]);
    out << " }\n";
  }
  return out.str();
}

}  // namespace sim::io
