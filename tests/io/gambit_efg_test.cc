// SPDX-License-Identifier: MIT
#include "sim/io/gambit_efg.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sim/solve/spe.h"
#include "tests/game/tree_examples.h"

namespace sim::io {
namespace {

using ::testing::HasSubstr;
using Node = GameTree::Node;

// The example of shared/design/gambit-formats.md §3 (Gambit's documented format): a fair
// coin, then player 1 chooses a or b without seeing it; outcome 1 is reused, the last leaf
// has the null outcome.
constexpr const char* kCoin = R"(EFG 2 R "title" { "Player 1" "Player 2" } "optional comment"
c "" 1 "" { "H" 1/2 "T" 1/2 } 0
p "" 1 1 "I1" { "a" "b" } 0
t "" 1 "o1" { 1, -1 }
t "" 2 "o2" { 0 0 }
p "" 1 1 0
t "" 1
t "" 0
)";

std::string ErrorOf(const std::string& text, const TreeLimits& limits = {}) {
  try {
    ReadEfg(text, "g.efg", limits);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

Node Find(const GameTree& tree, const std::string& name) {
  for (Node n = 0; n < static_cast<Node>(tree.num_nodes()); ++n) {
    if (tree.name(n) == name) return n;
  }
  ADD_FAILURE() << "no node " << name;
  return 0;
}

TEST(EfgReader, ReadsTheDocumentedExample) {
  GameTree tree = ReadEfg(kCoin, "coin.efg");
  EXPECT_EQ(tree.num_nodes(), 7);
  EXPECT_EQ(tree.title(), "title");
  EXPECT_THAT(tree.players(), ::testing::ElementsAre("Player 1", "Player 2"));
  // Unnamed nodes are named by their path of actions.
  EXPECT_EQ(tree.name(tree.root()), "root");
  EXPECT_EQ(tree.PathPayoffs(Find(tree, "H/a")), Eigen::Vector2d(1, -1));
  EXPECT_EQ(tree.PathPayoffs(Find(tree, "T/a")), Eigen::Vector2d(1, -1));
  EXPECT_EQ(tree.PathPayoffs(Find(tree, "T/b")), Eigen::Vector2d(0, 0));
  const InfoSet& i1 = tree.infoset(tree.node(Find(tree, "H")).infoset);
  EXPECT_EQ(i1.nodes.size(), 2u);
  EXPECT_EQ(i1.label, "I1");
  EXPECT_EQ(tree.infoset(tree.node(tree.root()).infoset).probabilities[0].exact, Rational(1, 2));
  // Player 1 cannot see the coin and a dominates b: the SPE plays a for (1, -1).
  solve::SpeResult r = solve::SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.equilibria[0].payoffs, Eigen::Vector2d(1, -1));
  EXPECT_THAT(r.strategy_names[0], ::testing::ElementsAre("I1:a", "I1:b"));
}

TEST(EfgReader, OutcomesAtInnerNodesAddUpAlongThePath) {
  GameTree tree = ReadEfg(R"(EFG 2 R "" { "A" "B" }
p "start" 1 1 "" { "go" } 1 "toll" { -1, 0 }
t "end" 2 "prize" { 5, 2 }
)");
  EXPECT_EQ(tree.PathPayoffs(Find(tree, "end")), Eigen::Vector2d(4, 2));
}

void ExpectSameEquilibria(const GameTree& a, const GameTree& b) {
  solve::SpeOptions options;
  options.normal_form_methods = {"pure"};
  solve::SpeResult ra = solve::SolveSubgamePerfect(a, options);
  solve::SpeResult rb = solve::SolveSubgamePerfect(b, options);
  ASSERT_EQ(ra.equilibria.size(), rb.equilibria.size());
  for (size_t i = 0; i < ra.equilibria.size(); ++i) {
    EXPECT_EQ(ra.equilibria[i].payoffs, rb.equilibria[i].payoffs);
    EXPECT_EQ(ra.summary.equilibria[i].profile.strategies,
              rb.summary.equilibria[i].profile.strategies);
  }
}

TEST(EfgRoundTrip, ExportThenImportGivesTheSameTreeAndEquilibria) {
  for (const GameTree& original :
       {testing::Ultimatum(5), testing::Centipede(), testing::EntryDeterrence(),
        testing::SeltensHorse(), ReadEfg(kCoin)}) {
    const std::string text = WriteEfg(original);
    GameTree back = ReadEfg(text, "round.efg");
    EXPECT_EQ(back.num_nodes(), original.num_nodes());
    EXPECT_EQ(back.num_infosets(), original.num_infosets());
    EXPECT_EQ(back.traits().perfect_information, original.traits().perfect_information);
    // Once every node is named, the text itself is a fixed point.
    EXPECT_EQ(WriteEfg(ReadEfg(WriteEfg(back))), WriteEfg(back)) << text;
    ExpectSameEquilibria(original, back);
  }
}

TEST(EfgRoundTrip, RandomRealPayoffsComeBackBitForBit) {
  // Shortest round-trip decimals on the way out, correctly rounded reading on the way in.
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> pay(-1e3, 1e3);
  GameTree tree({"a", "b"});
  Node root = tree.AddDecision(0, "root", {"l", "r"});
  std::vector<std::vector<double>> payoffs;
  for (const char* action : {"l", "r"}) {
    payoffs.push_back({pay(rng), pay(rng) * 1e-9});
    tree.Connect(root, action, tree.AddTerminal(action, payoffs.back()));
  }
  GameTree back = ReadEfg(WriteEfg(tree));
  for (int k = 0; k < 2; ++k) {
    EXPECT_EQ(back.PathPayoffs(back.Children(back.root())[k]),
              Eigen::Vector2d(payoffs[k][0], payoffs[k][1]));
  }
}

TEST(EfgWriter, ChanceProbabilitiesStayExactFractions) {
  GameTree tree({"us"}, "congress");
  Node congress = tree.AddChance("congress", {"block", "pass"},
                                 {Probability::Exact(Rational(1, 20)),
                                  Probability::Exact(Rational(19, 20))});
  tree.Connect(congress, "block", tree.AddTerminal("blocked", {0}));
  tree.Connect(congress, "pass", tree.AddTerminal("relief", {1.5}));
  const std::string text = WriteEfg(tree);
  EXPECT_THAT(text, HasSubstr(R"(c "congress" 1 "" { "block" 1/20 "pass" 19/20 } 0)"));
  GameTree back = ReadEfg(text);
  EXPECT_EQ(back.infoset(0).probabilities[1].exact, Rational(19, 20));
}

TEST(EfgReader, ProbabilitiesThatDoNotSumToExactlyOneAreLocated) {
  EXPECT_THAT(ErrorOf(R"(EFG 2 R "" { "A" }
c "" 1 "" { "x" 1/3 "y" 0.5 } 0
t "" 0
t "" 0
)"),
              HasSubstr("g.efg:2:6: error: probabilities at chance node 'root' sum to 5/6, "
                        "not exactly 1"));
}

TEST(EfgReader, NegativeProbabilityIsLocated) {
  EXPECT_THAT(ErrorOf(R"(EFG 2 R "" { "A" }
c "" 1 "" { "x" -1/2 "y" 3/2 } 0
t "" 0
t "" 0
)"),
              HasSubstr("g.efg:2:6: error: probability of move 'x' at chance node 'root' is "
                        "negative"));
}

TEST(EfgReader, UnknownPlayerIsLocated) {
  EXPECT_THAT(ErrorOf(R"(EFG 2 R "" { "A" "B" }
p "" 3 1 "" { "x" } 0
t "" 0
)"),
              HasSubstr("g.efg:2:6: error: player 3 does not exist: the game has 2 players"));
}

TEST(EfgReader, SyntaxErrorsAreLocated) {
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"\" { \"x\" } 0\nt \"\" 1 \"o\" { +1 }\n"),
              HasSubstr("g.efg:3:14: error: invalid payoff '+1'"));
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"\" { \"x\" \"y\" } 0\nt \"\" 0\n"),
              HasSubstr("g.efg:4:1: error: the file ends before the node on line 2 has a child "
                        "for every move"));
  EXPECT_THAT(ErrorOf("NFG 1 R \"\" { \"A\" }"), HasSubstr("g.efg:1:1: error: not an .efg file"));
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\nt \"\" 0 \"o\" { 1 }\n"),
              HasSubstr("g.efg:2:6: error: the null outcome 0 cannot have a label or payoffs"));
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"\" { \"x\" } 0\np \"\" 1 2 0\nt \"\" 0\n"),
              HasSubstr("g.efg:3:8: error: information set 2 is used before its moves are "
                        "declared"));
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\nt \"\" 0\nt \"\" 0\n"),
              HasSubstr("g.efg:3:1: error: a node after the tree is complete"));
}

TEST(EfgReader, InformationSetRedeclaredDifferentlyIsRefused) {
  EXPECT_THAT(ErrorOf(R"(EFG 2 R "" { "A" "B" }
p "" 1 1 "" { "x" "y" } 0
p "" 2 1 "" { "l" "r" } 0
t "" 0
t "" 0
p "" 2 1 "" { "l" "q" } 0
t "" 0
t "" 0
)"),
              HasSubstr("g.efg:6:8: error: information set 1 is declared again with other "
                        "labels or moves"));
}

TEST(EfgReader, TreesBeyondTheSizeLimitAreRefusedWhileReading) {
  EXPECT_THAT(ErrorOf(kCoin, TreeLimits{3}),
              HasSubstr("g.efg:5:1: error: the game tree has more than 3 nodes"));
}

// A chain of `depth` unnamed decision nodes of one player, each with actions "continue" and
// "stop" (one node per line, line k + 1 for the k-th node), ending in terminals.
std::string Chain(int depth) {
  std::string text = "EFG 2 R \"chain\" { \"A\" }\n";
  for (int k = 1; k <= depth; ++k) {
    text += "p \"\" 1 " + std::to_string(k) + " \"\" { \"continue\" \"stop\" } 0\n";
  }
  for (int k = 0; k <= depth; ++k) text += "t \"\" 0\n";
  return text;
}

// Unnamed nodes are named by their path of actions (issue #4), but a path grows with depth:
// on a chain of depth d the names would total O(d^2) bytes. Past 64 characters a node is
// named by where it is written, "L<line>C<column>", and deeper paths continue from there.
TEST(EfgReader, DeepChainsOfUnnamedNodesGetShortNamesByLine) {
  const GameTree tree = ReadEfg(Chain(20));
  EXPECT_EQ(tree.name(tree.root()), "root");
  Node n = tree.root();
  std::vector<std::string> names;
  while (tree.kind(n) != NodeKind::kTerminal) {
    n = tree.Children(n)[0];
    names.push_back(tree.name(n));
  }
  // "continue" is 8 characters: 7 of them joined by '/' make 62 characters, 8 would make 71.
  EXPECT_EQ(names[0], "continue");
  EXPECT_EQ(names[6].size(), 62u);
  EXPECT_EQ(names[7], "L10C1");  // the 8th node below the root is written on line 10
  EXPECT_EQ(names[8], "L10C1/continue");
  for (const std::string& name : names) EXPECT_LE(name.size(), 64u) << name;
}

TEST(EfgReader, NamingAHundredThousandDeepChainStaysLinear) {
  const GameTree tree = ReadEfg(Chain(100'000));
  size_t total = 0;
  for (Node n = 0; n < static_cast<Node>(tree.num_nodes()); ++n) total += tree.name(n).size();
  // Full paths would total about 9 * 10^10 / 2 bytes; bounded names stay under 65 each.
  EXPECT_LT(total, 65u * static_cast<size_t>(tree.num_nodes()));
}

// Payoffs are doubles: a number beyond the largest double (1.7976931348623157e308, IEEE 754
// binary64) is refused where written, whether decimal or fraction, like "+1" is.
TEST(EfgReader, PayoffBeyondTheLargestDoubleIsLocated) {
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { 1e400/3 }\n"),
              HasSubstr("g.efg:2:14: error: invalid payoff '1e400/3': payoffs are numbers "
                        "within +-1e100"));
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { -1e309 }\n"),
              HasSubstr("g.efg:2:14: error: invalid payoff '-1e309'"));
  // Issue #12 item 10: within the double range but beyond +-1e100 (core/magnitude.h), where
  // payoffs added along a path could overflow.
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { 1.5e100 }\n"),
              HasSubstr("g.efg:2:14: error: invalid payoff '1.5e100'"));
  EXPECT_THAT(ErrorOf("EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { 2e200/3 }\n"),
              HasSubstr("g.efg:2:14: error: invalid payoff '2e200/3'"));
}

TEST(EfgReader, MissingFileIsAnInputError) {
  EXPECT_THROW(ReadEfgFile("/nonexistent/x.efg"), InputError);
}

}  // namespace
}  // namespace sim::io
