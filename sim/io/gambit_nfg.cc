// SPDX-License-Identifier: MIT
#include "sim/io/gambit_nfg.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/core/atomic_file.h"
#include "sim/core/error.h"
#include "sim/core/magnitude.h"
#include "sim/core/rational.h"
#include "sim/core/text_file.h"

namespace sim::io {
namespace {

constexpr int64_t kMaxProfiles = 10000000;
// A 10^7-profile, 2-player payoff body with 10-character numbers is about 220 MB.
constexpr int64_t kMaxGambitFileBytes = int64_t{256} << 20;

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

enum class TokenKind { kEnd, kOpen, kClose, kComma, kString, kWord };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  size_t offset = 0;      // where the token starts in the text
  std::string_view text;  // the word, or the raw string contents (escapes not yet removed)
};

const char* Describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd: return "end of file";
    case TokenKind::kOpen: return "'{'";
    case TokenKind::kClose: return "'}'";
    case TokenKind::kComma: return "','";
    case TokenKind::kString: return "a string";
    case TokenKind::kWord: return "a word";
  }
  return "?";
}

// Splits the text into tokens one at a time. Whitespace separates tokens and is otherwise
// insignificant; strings are double-quoted with backslash escapes.
class Lexer {
 public:
  Lexer(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  const Token& Peek() {
    if (!peeked_) {
      next_ = Scan();
      peeked_ = true;
    }
    return next_;
  }
  Token Next() {
    Peek();
    peeked_ = false;
    return next_;
  }

  // FILE:LINE:COL of a byte offset (computed on demand: errors only).
  SourceLocation Locate(size_t offset) const {
    SourceLocation loc{file_, 1, 1};
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++loc.line;
        line_start = i + 1;
      }
    }
    loc.column = static_cast<int>(offset - line_start) + 1;
    return loc;
  }
  [[noreturn]] void Fail(size_t offset, const std::string& message,
                         const std::string& hint = {}) const {
    throw InputError(Locate(offset), message, hint);
  }

 private:
  Token Scan() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
    Token t;
    t.offset = pos_;
    if (pos_ == text_.size()) return t;
    const char c = text_[pos_];
    if (c == '{' || c == '}' || c == ',') {
      t.kind = c == '{' ? TokenKind::kOpen : c == '}' ? TokenKind::kClose : TokenKind::kComma;
      t.text = text_.substr(pos_++, 1);
      return t;
    }
    if (c == '"') {
      size_t i = pos_ + 1;
      while (i < text_.size() && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
      if (i >= text_.size()) Fail(pos_, "unterminated string", "a string runs from here to the end of the file");
      t.kind = TokenKind::kString;
      t.text = text_.substr(pos_ + 1, i - pos_ - 1);
      pos_ = i + 1;
      return t;
    }
    size_t i = pos_;
    while (i < text_.size() && !IsSpace(text_[i]) &&
           text_[i] != '{' && text_[i] != '}' && text_[i] != ',' && text_[i] != '"') {
      ++i;
    }
    t.kind = TokenKind::kWord;
    t.text = text_.substr(pos_, i - pos_);
    pos_ = i;
    return t;
  }

  std::string_view text_;
  const std::string& file_;
  size_t pos_ = 0;
  bool peeked_ = false;
  Token next_;
};

std::string Unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
    out.push_back(raw[i]);
  }
  return out;
}

// The value of "-?DIGITS" with at most 15 digits, else nullopt.
std::optional<double> SmallInteger(std::string_view text) {
  const size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == start || text.size() - start > 15) return std::nullopt;
  int64_t value = 0;
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return static_cast<double>(start ? -value : value);
}

// The text of a token for a message, cut to 40 characters (a fuzzer's 1e400 may be a
// megabyte of digits).
std::string Abbreviate(std::string_view text) {
  if (text.size() <= 40) return std::string(text);
  return std::string(text.substr(0, 37)) + "...";
}

// Strategy labels within one player must be unique (solve output names strategies by label,
// and Gambit 16.6+ requires it). Like Gambit's reader, every occurrence of a repeated label
// x becomes x_1, x_2, ... in file order; a suffix already taken by another label of the same
// player is skipped: {"x" "x" "x_1"} becomes x_2, x_3, x_1.
// Linear in the number of labels (hash lookups).
void MakeUnique(std::vector<std::string>& labels) {
  std::unordered_map<std::string, int> count;
  for (const std::string& label : labels) ++count[label];
  if (count.size() == labels.size()) return;  // the common case: nothing repeats
  std::unordered_set<std::string> taken;
  for (const auto& [label, n] : count) taken.insert(label);
  std::unordered_map<std::string, int> next;  // next suffix to try, per repeated label
  for (std::string& label : labels) {
    if (count[label] < 2) continue;
    int& k = next[label];
    std::string candidate;
    do {
      candidate = label + "_" + std::to_string(++k);
    } while (taken.count(candidate) > 0);
    taken.insert(candidate);
    label = std::move(candidate);
  }
}

constexpr const char* kNumberHint =
    "numbers are written like 3, -2, 3/2, .5, -.5, 1e1 or 1.5e-1 (no leading '+')";

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, int64_t max_profiles)
      : lex_(text, file), max_profiles_(max_profiles) {}

  NormalFormGame Parse(std::string* comment) {
    Token magic = lex_.Next();
    if (magic.kind != TokenKind::kWord || magic.text != "NFG") {
      lex_.Fail(magic.offset, "expected 'NFG' at the start of a Gambit strategic-game file");
    }
    Token version = lex_.Next();
    if (version.kind != TokenKind::kWord || version.text != "1") {
      lex_.Fail(version.offset, "unsupported .nfg version '" + std::string(version.text) + "'",
                "Gambit strategic-game files start with 'NFG 1 R'");
    }
    Token kind = lex_.Next();
    if (kind.kind != TokenKind::kWord || (kind.text != "R" && kind.text != "D")) {
      lex_.Fail(kind.offset, "expected 'R' (or the obsolete 'D') after 'NFG 1'");
    }
    std::string title = ExpectString("the game's title");

    // Players.
    Expect(TokenKind::kOpen, "'{' before the player names");
    std::vector<std::string> players;
    while (lex_.Peek().kind == TokenKind::kString) {
      std::string name = Unescape(lex_.Next().text);
      if (name.empty()) name = "Player " + std::to_string(players.size() + 1);
      players.push_back(std::move(name));
    }
    Expect(TokenKind::kClose, "a quoted player name or '}'");
    if (players.empty()) lex_.Fail(lex_.Peek().offset, "a game needs at least one player");

    // Strategies: counts { 3 2 } or nested labels { { "a" "b" } { "c" } }.
    const size_t strategies_at = lex_.Peek().offset;
    Expect(TokenKind::kOpen, "'{' before the strategies");
    std::vector<std::vector<std::string>> strategies;
    while (lex_.Peek().kind != TokenKind::kClose) {
      const Token t = lex_.Peek();
      if (t.kind == TokenKind::kOpen) {
        lex_.Next();
        std::vector<std::string> labels;
        while (lex_.Peek().kind == TokenKind::kString) {
          std::string label = Unescape(lex_.Next().text);
          if (label.empty()) label = std::to_string(labels.size() + 1);
          labels.push_back(std::move(label));
        }
        Expect(TokenKind::kClose, "a quoted strategy label or '}'");
        if (labels.empty()) lex_.Fail(t.offset, "every player needs at least one strategy");
        strategies.push_back(std::move(labels));
      } else if (t.kind == TokenKind::kWord) {
        const Token count = lex_.Next();
        int64_t value = 0;
        auto [end, ec] = std::from_chars(count.text.data(), count.text.data() + count.text.size(), value);
        if ((ec == std::errc::result_out_of_range || (ec == std::errc() && value > kMaxProfiles)) &&
            end == count.text.data() + count.text.size()) {
          lex_.Fail(count.offset, "too many strategies: " + std::string(count.text) +
                                      " (a player has at most " + std::to_string(kMaxProfiles) + ")");
        }
        if (ec != std::errc() || end != count.text.data() + count.text.size() || value <= 0) {
          lex_.Fail(count.offset, "expected a positive strategy count, got '" +
                                      std::string(count.text) + "'");
        }
        if (value > kMaxProfiles) lex_.Fail(count.offset, "too many strategies");
        std::vector<std::string> labels;
        for (int64_t s = 1; s <= value; ++s) labels.push_back(std::to_string(s));
        strategies.push_back(std::move(labels));
      } else {
        lex_.Fail(t.offset, std::string("expected a strategy count or '{', found ") +
                                Describe(t.kind));
      }
    }
    lex_.Next();
    for (std::vector<std::string>& labels : strategies) MakeUnique(labels);
    if (strategies.size() != players.size()) {
      lex_.Fail(strategies_at, "expected strategies for " + std::to_string(players.size()) +
                                   " players, found " + std::to_string(strategies.size()));
    }
    std::vector<int> shape;
    for (const auto& s : strategies) shape.push_back(static_cast<int>(s.size()));
    const int64_t limit = max_profiles_ > 0 ? std::min(max_profiles_, kMaxProfiles) : kMaxProfiles;
    const int64_t profiles = CountProfiles(shape, limit);
    if (profiles < 0) {
      lex_.Fail(strategies_at, "game too large: more than " + std::to_string(limit) + " pure profiles",
                max_profiles_ > 0 ? "raise --max-profiles" : "");
    }

    std::string note;
    if (lex_.Peek().kind == TokenKind::kString) note = Unescape(lex_.Next().text);
    if (comment) *comment = note;

    NormalFormGame game(std::move(players), std::move(strategies), std::move(title));
    if (lex_.Peek().kind == TokenKind::kOpen) {
      ReadOutcomes(game);
    } else {
      ReadPayoffs(game);
    }
    const Token& end = lex_.Peek();
    if (end.kind != TokenKind::kEnd) {
      lex_.Fail(end.offset, "expected end of file after the last payoff, found " +
                                std::string(Describe(end.kind)) +
                                (end.kind == TokenKind::kWord ? " '" + std::string(end.text) + "'" : ""));
    }
    return game;
  }

 private:
  void Expect(TokenKind kind, const std::string& what) {
    Token t = lex_.Next();
    if (t.kind != kind) {
      lex_.Fail(t.offset, "expected " + what + ", found " + Describe(t.kind));
    }
  }
  std::string ExpectString(const std::string& what) {
    Token t = lex_.Next();
    if (t.kind != TokenKind::kString) {
      lex_.Fail(t.offset, "expected a quoted string (" + what + "), found " + Describe(t.kind));
    }
    return Unescape(t.text);
  }
  // A payoff: exact as written, and refused unless its nearest double is within +-1e100
  // (core/magnitude.h). Gambit keeps such numbers as rationals, but every solver and report
  // here works in doubles, and 1e400 (ParseRational accepts exponents up to 400) has no double: converting it back gave
  // inf, and GMP's mpq_set_d(inf) raised SIGFPE (found by the nfg fuzz target).
  Rational Number(const Token& t) {
    std::optional<Rational> value = ParseRational(t.text);
    if (!value) lex_.Fail(t.offset, "invalid number '" + Abbreviate(t.text) + "'", kNumberHint);
    if (!WithinMagnitude(RationalToDouble(*value))) {
      lex_.Fail(t.offset, "payoff '" + Abbreviate(t.text) + "' is beyond +-1e100", kMagnitudeHint);
    }
    return *std::move(value);
  }

  void ReadPayoffs(NormalFormGame& game) {
    const int n = game.num_players();
    const int64_t total = game.num_profiles() * n;
    for (int64_t k = 0; k < total; ++k) {
      const Token t = lex_.Next();
      if (t.kind != TokenKind::kWord) {
        lex_.Fail(t.offset,
                  "expected numerical payoff, found " + std::string(Describe(t.kind)),
                  "the payoff list needs " + std::to_string(total) + " numbers (" +
                      std::to_string(game.num_profiles()) + " profiles x " + std::to_string(n) +
                      " players); found " + std::to_string(k));
      }
      // Plain integers of up to 15 digits are exact doubles: no rational needed.
      if (std::optional<double> small = SmallInteger(t.text)) {
        game.set_payoff(k / n, static_cast<int>(k % n), *small);
      } else {
        game.set_exact_payoff(k / n, static_cast<int>(k % n), Number(t));
      }
    }
  }

  void ReadOutcomes(NormalFormGame& game) {
    const int n = game.num_players();
    Expect(TokenKind::kOpen, "'{' before the outcomes");
    std::vector<std::vector<Rational>> outcomes;
    while (lex_.Peek().kind == TokenKind::kOpen) {
      const Token open = lex_.Next();
      if (lex_.Peek().kind == TokenKind::kString) lex_.Next();  // the outcome's label
      std::vector<Rational> payoffs;
      while (true) {
        const Token& t = lex_.Peek();
        if (t.kind == TokenKind::kComma) {
          lex_.Next();
        } else if (t.kind == TokenKind::kWord) {
          payoffs.push_back(Number(lex_.Next()));
        } else {
          break;
        }
      }
      Expect(TokenKind::kClose, "a payoff or '}' closing the outcome");
      if (static_cast<int>(payoffs.size()) != n) {
        lex_.Fail(open.offset, "outcome " + std::to_string(outcomes.size() + 1) + " has " +
                                   std::to_string(payoffs.size()) + " payoffs; expected " +
                                   std::to_string(n) + " (one per player)");
      }
      outcomes.push_back(std::move(payoffs));
    }
    Expect(TokenKind::kClose, "'{' opening an outcome or '}' closing the outcome list");
    for (int64_t profile = 0; profile < game.num_profiles(); ++profile) {
      const Token t = lex_.Next();
      int64_t index = -1;
      if (t.kind == TokenKind::kWord) {
        auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), index);
        if (ec != std::errc() || end != t.text.data() + t.text.size()) index = -1;
      }
      if (t.kind != TokenKind::kWord || index < 0) {
        lex_.Fail(t.offset, "expected an outcome number, found " +
                                (t.kind == TokenKind::kWord ? "'" + std::string(t.text) + "'"
                                                            : std::string(Describe(t.kind))),
                  "the outcome body needs " + std::to_string(game.num_profiles()) +
                      " outcome numbers (0 = no outcome); found " + std::to_string(profile));
      }
      if (index > static_cast<int64_t>(outcomes.size())) {
        lex_.Fail(t.offset, "outcome " + std::to_string(index) + " is not defined (there are " +
                                std::to_string(outcomes.size()) + ")");
      }
      if (index == 0) continue;  // the null outcome: every payoff 0
      for (int p = 0; p < n; ++p) game.set_exact_payoff(profile, p, outcomes[index - 1][p]);
    }
  }

  Lexer lex_;
  int64_t max_profiles_;
};

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// The shortest decimal that reads back to `value`, without '+' in the exponent.
std::string ShortestDecimal(double value) {
  if (!std::isfinite(value)) throw Error("cannot write a non-finite payoff to .nfg");
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string out(buffer, end);
  if (size_t plus = out.find("e+"); plus != std::string::npos) out.erase(plus + 1, 1);
  if (out == "-0") out = "0";
  return out;
}

}  // namespace

NormalFormGame ParseNfg(std::string_view text, const std::string& file_name,
                        std::string* comment, int64_t max_profiles) {
  // Labels end up in JSON and tables: bytes that are not UTF-8 are refused where they are.
  CheckUtf8Text(text, file_name, "a Gambit .nfg file");
  return Parser(text, file_name, max_profiles).Parse(comment);
}

NormalFormGame ReadNfgFile(const std::string& path, std::string* comment, int64_t max_profiles) {
  return ParseNfg(ReadTextFile(path, kMaxGambitFileBytes, "a Gambit .nfg file"), path, comment,
                  max_profiles);
}

std::string FormatNfg(const NormalFormGame& game, const std::string& comment) {
  std::string out = "NFG 1 R " + Quote(game.title()) + " {";
  for (const std::string& p : game.player_names()) out += " " + Quote(p);
  out += " }\n{";
  for (int p = 0; p < game.num_players(); ++p) {
    out += " {";
    for (const std::string& s : game.strategy_names(p)) out += " " + Quote(s);
    out += " }";
  }
  out += " }\n" + Quote(comment) + "\n\n";
  const bool exact = game.has_exact_payoffs();
  for (int64_t i = 0; i < game.num_profiles(); ++i) {
    for (int p = 0; p < game.num_players(); ++p) {
      if (p > 0) out += ' ';
      if (!exact) {
        out += ShortestDecimal(game.payoff(i, p));
        continue;
      }
      // The shortest decimal where it means the exact value (0.684 for 171/250, or a
      // payoff that is its double), the fraction otherwise (7/6).
      const Rational value = game.exact_payoff(i, p);
      const std::string decimal = ShortestDecimal(game.payoff(i, p));
      const std::optional<Rational> read = ParseRational(decimal);
      const bool plain = (read && *read == value) || value == RationalFromDouble(game.payoff(i, p));
      out += plain ? decimal : RationalToString(value);
    }
    out += '\n';
  }
  return out;
}

void WriteNfgFile(const NormalFormGame& game, const std::string& path,
                  const std::string& comment) {
  WriteFileAtomically(path, FormatNfg(game, comment));
}

}  // namespace sim::io
