// SPDX-License-Identifier: MIT
// The Gambit .nfg reader and writer: every layout, exact numbers, located errors, round trip.
// Layouts and payoff order follow Gambit's format documentation as summarised (with the
// column-major trap) in shared/design/gambit-formats.md.
#include "sim/io/gambit_nfg.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/core/rational.h"

namespace sim::io {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Rational Exact(const NormalFormGame& g, std::vector<int> profile, int player) {
  return g.exact_payoff(g.ProfileIndex(profile), player);
}

// The error message of parsing `text`, or "" if it parses.
std::string ErrorOf(const std::string& text) {
  try {
    ParseNfg(text, "g.nfg");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// gambit-formats.md §1: Selten's game; contingencies run with player 1 fastest, so the
// fourth pair "1 1" is (row 1, column 2), not (row 2, column 1).
TEST(GambitNfg, PayoffBodyRunsWithPlayerOneFastest) {
  NormalFormGame g = ParseNfg(
      "NFG 1 R \"Selten (IJGT, 75), Figure 2, normal form\"\n"
      "{ \"Player 1\" \"Player 2\" } { 3 2 }\n\n"
      "1 1 0 2 0 2 1 1 0 3 2 0\n");
  EXPECT_EQ(g.title(), "Selten (IJGT, 75), Figure 2, normal form");
  EXPECT_EQ(g.player_names(), (std::vector<std::string>{"Player 1", "Player 2"}));
  EXPECT_EQ(g.strategy_names(0), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(g.strategy_names(1), (std::vector<std::string>{"1", "2"}));
  // The table of gambit-formats.md (checked there with gambit-convert).
  const int table[3][2][2] = {{{1, 1}, {1, 1}}, {{0, 2}, {0, 3}}, {{0, 2}, {2, 0}}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j)
      for (int p = 0; p < 2; ++p) EXPECT_EQ(Exact(g, {i, j}, p), table[i][j][p]) << i << j << p;
}

TEST(GambitNfg, ThreePlayerContingenciesFollowTheOdometer) {
  // 111, 211, 121, 221, 112, ...: payoff k*10+p for contingency k and player p.
  std::string text = "NFG 1 R \"\" { \"a\" \"b\" \"c\" } { 2 2 2 }\n";
  for (int k = 0; k < 8; ++k)
    for (int p = 0; p < 3; ++p) text += std::to_string(k * 10 + p) + " ";
  NormalFormGame g = ParseNfg(text);
  EXPECT_EQ(Exact(g, {1, 0, 0}, 2), 12);
  EXPECT_EQ(Exact(g, {0, 1, 0}, 0), 20);
  EXPECT_EQ(Exact(g, {0, 0, 1}, 1), 41);
  EXPECT_EQ(Exact(g, {1, 1, 1}, 2), 72);
}

TEST(GambitNfg, NestedLabelsAndPayoffBody) {
  NormalFormGame g = ParseNfg(
      "NFG 1 R \"t\" { \"Row\" \"Col\" }\n{ { \"U\" \"D\" } { \"L\" \"R\" } }\n"
      "\"a comment\"\n3 3 0 5 5 0 1 1\n");
  EXPECT_EQ(g.strategy_names(0), (std::vector<std::string>{"U", "D"}));
  EXPECT_EQ(g.strategy_names(1), (std::vector<std::string>{"L", "R"}));
  EXPECT_EQ(Exact(g, {1, 0}, 0), 0);  // second contingency "0 5" is (D, L)
  EXPECT_EQ(Exact(g, {1, 0}, 1), 5);
  EXPECT_EQ(Exact(g, {0, 1}, 0), 5);  // third contingency "5 0" is (U, R)
}

// gambit-formats.md §2: the outcome version, as Gambit's own writer emits it.
TEST(GambitNfg, OutcomeBodyWithCommasLabelsAndNullOutcome) {
  std::string comment;
  NormalFormGame g = ParseNfg(
      "NFG 1 R \"title\" { \"Player 1\" \"Player 2\" }\n"
      "{ { \"1\" \"2\" \"3\" } { \"1\" \"2\" } }\n\"\"\n"
      "{\n{ \"\" 1, 1 }\n{ \"o2\" 0, 2 }\n}\n1 2 2 1 0 0\n",
      "g.nfg", &comment);
  EXPECT_EQ(comment, "");
  EXPECT_EQ(Exact(g, {0, 0}, 1), 1);
  EXPECT_EQ(Exact(g, {1, 0}, 1), 2);
  EXPECT_EQ(Exact(g, {2, 0}, 1), 2);
  EXPECT_EQ(Exact(g, {0, 1}, 0), 1);
  EXPECT_EQ(Exact(g, {1, 1}, 0), 0);  // null outcome 0: all payoffs 0
  EXPECT_EQ(Exact(g, {2, 1}, 1), 0);
}

TEST(GambitNfg, OutcomeBodyWithCountsNoCommasAndObsoleteD) {
  NormalFormGame g = ParseNfg(
      "NFG 1 D \"\" { \"A\" \"B\" } { 2 1 }\n{ { \"x\" 3/2 -1 } { 0 .5 } }\n2 1\n");
  EXPECT_EQ(Exact(g, {0, 0}, 1), Rational(1, 2));
  EXPECT_EQ(Exact(g, {1, 0}, 0), Rational(3, 2));
}

TEST(GambitNfg, NumbersAreExactAsWritten) {
  NormalFormGame g = ParseNfg(
      "NFG 1 R \"\" { \"A\" } { 7 }\n3/2 .5 -.5 1e1 1.5e-1 -2 0.1\n");
  const Rational expected[] = {Rational(3, 2), Rational(1, 2), Rational(-1, 2), Rational(10),
                               Rational(3, 20), Rational(-2), Rational(1, 10)};
  for (int s = 0; s < 7; ++s) EXPECT_EQ(Exact(g, {s}, 0), expected[s]) << s;
  EXPECT_TRUE(g.has_exact_payoffs());
  EXPECT_EQ(g.payoff(6, 0), 0.1);  // the nearest double
}

TEST(GambitNfg, EmptyNamesGetNumbersAndPlayersKeepTheirNames) {
  NormalFormGame g = ParseNfg(
      "NFG 1 R \"\" { \"Russia\" \"\" } { { \"hold\" \"\" } { \"\" } }\n1 2 3 4\n");
  EXPECT_EQ(g.player_names(), (std::vector<std::string>{"Russia", "Player 2"}));
  EXPECT_EQ(g.strategy_names(0), (std::vector<std::string>{"hold", "2"}));
  EXPECT_EQ(g.strategy_names(1), (std::vector<std::string>{"1"}));
}

// Issue #3: "Strategies without labels are named 1, 2, ... in Gambit's order" -- by count,
// and by position for an empty label among named ones.
TEST(GambitNfg, StrategyCountsAreNamedOneTwoThreeInGambitsOrder) {
  NormalFormGame g = ParseNfg("NFG 1 R \"\" { \"A\" \"B\" } { 3 2 }\n1 2 3 4 5 6 7 8 9 10 11 12\n");
  EXPECT_EQ(g.strategy_names(0), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(g.strategy_names(1), (std::vector<std::string>{"1", "2"}));
  // Strategy "2" of player 1 against "1" of player 2 is the second contingency (payoffs 3 4).
  EXPECT_EQ(g.payoff(g.ProfileIndex(std::vector<int>{1, 0}), 0), 3.0);
}

// gambit-formats.md §2: Gambit 16.6+ renames duplicate labels x to x_1, x_2, ...; we do the
// same, per player, so that NODE/strategy names in solve output identify one strategy.
TEST(GambitNfg, DuplicateStrategyLabelsOfOnePlayerAreNumbered) {
  NormalFormGame g = ParseNfg(
      "NFG 1 R \"\" { \"A\" \"B\" } { { \"C\" \"D\" \"C\" } { \"C\" \"x\" \"x\" \"x_1\" } }\n"
      "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
  EXPECT_EQ(g.strategy_names(0), (std::vector<std::string>{"C_1", "D", "C_2"}));
  // "x_1" is taken by the fourth label, so the repeated x become x_2 and x_3; player B's "C"
  // is unique within B and stays.
  EXPECT_EQ(g.strategy_names(1), (std::vector<std::string>{"C", "x_2", "x_3", "x_1"}));
  // An empty label numbered by its position can collide with a written one: both renamed.
  NormalFormGame h = ParseNfg("NFG 1 R \"\" { \"A\" } { { \"2\" \"\" } }\n0 0\n");
  EXPECT_EQ(h.strategy_names(0), (std::vector<std::string>{"2_1", "2_2"}));
  // The renamed game writes and reads back unchanged.
  EXPECT_EQ(ParseNfg(FormatNfg(g)).strategy_names(1), g.strategy_names(1));
}

TEST(GambitNfg, EscapedQuotesInLabels) {
  NormalFormGame g = ParseNfg(R"(NFG 1 R "say \"hi\"" { "a\\b" } { 1 } 0)");
  EXPECT_EQ(g.title(), "say \"hi\"");
  EXPECT_EQ(g.player_name(0), "a\\b");
}

TEST(GambitNfg, LeadingPlusIsRejectedWithLocation) {
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 2 }\n1 +1\n"),
              StartsWith("g.nfg:2:3: error: invalid number '+1'"));
}

TEST(GambitNfg, ZeroDenominatorAndHexAreRejected) {
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n1/0\n"),
              StartsWith("g.nfg:2:1: error: invalid number '1/0'"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n 0x10\n"),
              StartsWith("g.nfg:2:2: error: invalid number '0x10'"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n1e\n"), HasSubstr("invalid number '1e'"));
}

// Fuzz finding (tests/data/fuzz-regressions/nfg/): 1e400 is a valid exact number, but its
// nearest double is inf, and storing it made GMP's mpq_set_d(inf) raise SIGFPE. A payoff
// beyond the largest double (DBL_MAX = 1.7976931348623157e308, IEEE 754 binary64) is now
// refused where it is written, in both bodies, as a fraction too; so is anything beyond
// +-1e100, where sums and products of payoffs could overflow (issue #12 item 10,
// core/magnitude.h).
TEST(GambitNfg, PayoffBeyondTheLargestDoubleIsRefusedAtItsLocation) {
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 2 }\n1 1e400\n"),
              StartsWith("g.nfg:2:3: error: payoff '1e400' is beyond +-1e100"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n-2e308\n"),
              StartsWith("g.nfg:2:1: error: payoff '-2e308' is beyond +-1e100"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n1e400/3\n"),
              StartsWith("g.nfg:2:1: error: payoff '1e400/3' is beyond +-1e100"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n-1.797e308\n"),
              StartsWith("g.nfg:2:1: error: payoff '-1.797e308' is beyond +-1e100"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n2e100\n"),
              StartsWith("g.nfg:2:1: error: payoff '2e100' is beyond +-1e100"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 } { { \"o\" 1e309 } } 1\n"),
              StartsWith("g.nfg:1:34: error: payoff '1e309' is beyond +-1e100"));
  // A 400-digit integer: the message quotes the start of it, not all of it.
  const std::string error =
      ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n" + std::string(400, '9') + "\n");
  EXPECT_THAT(error, StartsWith("g.nfg:2:1: error: payoff '" + std::string(37, '9') + "...'"));
}

TEST(GambitNfg, LargestAllowedAndTinyNumbersAreKeptExactly) {
  NormalFormGame g = ParseNfg("NFG 1 R \"\" { \"A\" } { 3 }\n1e100 -1e100 1e-400\n");
  EXPECT_EQ(g.payoff(0, 0), 1e100);
  EXPECT_EQ(g.payoff(1, 0), -1e100);
  // 10^-400 underflows to 0 as a double but stays exact (the exact value is what round trips).
  EXPECT_EQ(g.payoff(2, 0), 0.0);
  EXPECT_EQ(Exact(g, {2}, 0), *ParseRational("1e-400"));
}

TEST(GambitNfg, TooFewPayoffsSaysExpectedNumericalPayoff) {
  const std::string error = ErrorOf("NFG 1 R \"\" { \"A\" \"B\" } { 2 2 }\n1 2 3 4 5 6 7\n");
  EXPECT_THAT(error, StartsWith("g.nfg:3:1: error: expected numerical payoff, found end of file"));
  EXPECT_THAT(error, HasSubstr("needs 8 numbers (4 profiles x 2 players); found 7"));
}

TEST(GambitNfg, TrailingTextIsAnError) {
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n1 2\n"),
              StartsWith("g.nfg:2:3: error: expected end of file after the last payoff, found a word '2'"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 1 }\n1 }"), HasSubstr("expected end of file"));
}

TEST(GambitNfg, UnterminatedStringIsLocatedAtItsOpeningQuote) {
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" \"B }\n{ 1 1 }\n"),
              StartsWith("g.nfg:1:18: error: unterminated string"));
}

TEST(GambitNfg, HeaderErrors) {
  EXPECT_THAT(ErrorOf(""), StartsWith("g.nfg:1:1: error: expected 'NFG'"));
  EXPECT_THAT(ErrorOf("EFG 2 R \"\""), StartsWith("g.nfg:1:1: error: expected 'NFG'"));
  EXPECT_THAT(ErrorOf("NFG 2 R \"\""), StartsWith("g.nfg:1:5: error: unsupported .nfg version '2'"));
  EXPECT_THAT(ErrorOf("NFG 1 X \"\""), StartsWith("g.nfg:1:7: error: expected 'R'"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" \"B\" } { 2 }\n"),
              StartsWith("g.nfg:1:24: error: expected strategies for 2 players, found 1"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" } { 0 }\n"),
              HasSubstr("expected a positive strategy count, got '0'"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" \"B\" } { 100000 100000 }\n"),
              HasSubstr("game too large"));
}

TEST(GambitNfg, OutcomeErrors) {
  const std::string head = "NFG 1 R \"\" { \"A\" \"B\" } { 2 1 }\n";
  EXPECT_THAT(ErrorOf(head + "{ { \"\" 1 } }\n1 1\n"),
              StartsWith("g.nfg:2:3: error: outcome 1 has 1 payoffs; expected 2"));
  EXPECT_THAT(ErrorOf(head + "{ { \"\" 1 2 } }\n1 2\n"),
              StartsWith("g.nfg:3:3: error: outcome 2 is not defined (there are 1)"));
  EXPECT_THAT(ErrorOf(head + "{ { \"\" 1 2 } }\n1\n"),
              HasSubstr("expected an outcome number, found end of file"));
  EXPECT_THAT(ErrorOf(head + "{ { \"\" 1 2 } }\n1 -1\n"),
              HasSubstr("expected an outcome number, found '-1'"));
}

TEST(GambitNfg, MissingFileIsAnInputErrorNamingIt) {
  try {
    ReadNfgFile("/nonexistent/x.nfg");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), StartsWith("/nonexistent/x.nfg: error: no such file"));
  }
}

void ExpectSameGame(const NormalFormGame& a, const NormalFormGame& b) {
  EXPECT_EQ(a.title(), b.title());
  EXPECT_EQ(a.player_names(), b.player_names());
  ASSERT_EQ(a.shape(), b.shape());
  for (int p = 0; p < a.num_players(); ++p) EXPECT_EQ(a.strategy_names(p), b.strategy_names(p));
  for (int64_t i = 0; i < a.num_profiles(); ++i) {
    for (int p = 0; p < a.num_players(); ++p) {
      EXPECT_EQ(a.payoff(i, p), b.payoff(i, p));
      if (a.has_exact_payoffs()) {
        EXPECT_EQ(a.exact_payoff(i, p), b.exact_payoff(i, p));
      }
    }
  }
}

TEST(GambitNfg, ExactGameRoundTrips) {
  NormalFormGame g = ParseNfg(
      "NFG 1 R \"a \\\"quoted\\\" title\" { \"P 1\" \"P 2\" \"P3\" }\n"
      "{ { \"x\" \"y\" } { \"z\" } { \"u\" \"v\" } }\n"
      "1/3 -2 1e3 .25 0 7 -1/7 2 3 4 5 6\n");
  const std::string text = FormatNfg(g, "note");
  std::string comment;
  ExpectSameGame(g, ParseNfg(text, "round.nfg", &comment));
  EXPECT_EQ(comment, "note");
  EXPECT_THAT(text, HasSubstr("1/3 -2 1000\n"));
}

TEST(GambitNfg, DoubleGameRoundTripsToTheSameDoubles) {
  NormalFormGame g({"a", "b"}, {{"s", "t"}, {"u", "v", "w"}}, "doubles");
  const double values[] = {0.1, -1e-300, 3e99, 2.5, 1.0 / 3.0, -0.0};
  for (int64_t i = 0; i < g.num_profiles(); ++i) {
    g.set_payoff(i, 0, values[i]);
    g.set_payoff(i, 1, -values[i] * 3);
  }
  const std::string text = FormatNfg(g);
  EXPECT_THAT(text, StartsWith("NFG 1 R \"doubles\" { \"a\" \"b\" }\n{ { \"s\" \"t\" } { \"u\" \"v\" \"w\" } }\n\"\"\n"));
  EXPECT_THAT(text, HasSubstr("3e99"));  // no '+' in exponents: Gambit rejects '+'
  ExpectSameGame(g, ParseNfg(text));
}

TEST(GambitNfg, WriteNfgFileWritesWhatFormatNfgReturns) {
  NormalFormGame g({"a"}, {{"s"}});
  g.set_payoff(0, 0, 4);
  const std::string path = ::testing::TempDir() + "/sim_write_test.nfg";
  WriteNfgFile(g, path);
  ExpectSameGame(g, ReadNfgFile(path));
}

}  // namespace
}  // namespace sim::io
