// SPDX-License-Identifier: MIT
// End-to-end tests of `simulate solve --method logit` on game trees (the agent QRE limit,
// solve/tree_logit.h): beliefs and regrets in every format, the CSV's beliefs sibling file,
// and exit status 3 when a tree solve ends without an equilibrium.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli/run_simulate.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::sim::test::RunResult;
using ::sim::test::Simulate;
using ::sim::test::Slurp;
using ::sim::test::TempDir;

// The 3-juror majority jury (tests/data/trees/jury3_majority.efg): the limit is sincere
// voting, worth 11/16 = 0.6875 to every juror (Austen-Smith & Banks 1996), certified with
// both regrets printed; JSON lists the beliefs at each set and the label qre-limit.
TEST(TreeLogitCli, JuryLimitIsReportedWithRegretsAndBeliefs) {
  RunResult table = Simulate({"solve", "tests/data/trees/jury3_majority.efg", "--method", "logit"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("logit: 1 equilibrium (complete)"));
  EXPECT_THAT(table.out, HasSubstr("expected payoffs: Juror 1 0.6875, Juror 2 0.6875, Juror 3 0.6875"));
  EXPECT_THAT(table.out, HasSubstr("sequential regret given the beliefs: 0 (sequential equilibrium)"));
  RunResult json = Simulate({"solve", "tests/data/trees/jury3_majority.efg", "--method", "logit",
                             "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"sequential_regret\":"));
  EXPECT_THAT(json.out, HasSubstr("\"labels\":[\"qre-limit\"]"));
  EXPECT_THAT(json.out, HasSubstr("\"beliefs\":[{\"player\":\"Juror 1\",\"infoset\":"));
}

// The CSV's sibling beliefs table (after a blank line, as for every tree solve): in Selten's
// horse (Selten 1975) player 3's set holds two nodes whose beliefs sum to 1.
TEST(TreeLogitCli, CsvCarriesTheBeliefsTable) {
  const fs::path out = TempDir() / "horse.csv";
  RunResult r = Simulate({"solve", "tests/data/trees/selten_horse.efg", "--method", "logit",
                          "--format", "csv", "--output", out.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(Slurp(out), HasSubstr("equilibrium,kind,player,strategy,probability,payoff\n"
                                    "1,spe,Player 1,P1:R,1,1\n"));
  const std::string csv = Slurp(out);
  EXPECT_THAT(csv, HasSubstr("\n\nequilibrium,player,infoset,node,belief\n"));
  EXPECT_THAT(csv, HasSubstr("1,Player 3,P3,P3 after L,"));
  EXPECT_FALSE(fs::exists(fs::path(out.string() + ".beliefs.csv")));
}

// Asymmetric matching pennies (McKelvey & Palfrey 1995) has no pure equilibrium, so the
// pure method on its strategic form finds none: the report is still written, and the exit
// status is 3 (incomplete) with the reason on stderr, never 0.
TEST(TreeLogitCli, TreeSolveWithoutEquilibriumExitsThree) {
  RunResult r = Simulate({"solve", "tests/data/trees/asymmetric_pennies.efg", "--method", "pure"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 equilibria"));
  // The agent QRE finds its unique equilibrium, Row T 1/2, Column L 1/10: exit 0.
  RunResult logit = Simulate({"solve", "tests/data/trees/asymmetric_pennies.efg", "--method", "logit"});
  EXPECT_EQ(logit.status, 0) << logit.err;
  EXPECT_THAT(logit.out, HasSubstr("Row: T 0.5 / B 0.5 -> Column after T: L 0.1 / R 0.9"));
}

// Combining the agent QRE with other methods on a tree is bad usage (exit 2).
TEST(TreeLogitCli, LogitWithAnotherMethodOnATreeExitsTwo) {
  RunResult r = Simulate({"solve", "tests/data/trees/selten_horse.efg", "-m", "logit", "-m", "pure"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot be combined with others"));
}

}  // namespace
