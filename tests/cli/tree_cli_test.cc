// SPDX-License-Identifier: MIT
// End-to-end tests of `simulate` on game trees: sequential scenarios, Gambit .efg files
// (solve, round trip through export), DOT export, and bad trees exiting 2 with a location.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli/run_simulate.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using ::sim::test::RunResult;
using ::sim::test::Simulate;
using ::sim::test::Slurp;
using ::sim::test::TempDir;
using ::sim::test::WriteFile;

// Entry deterrence (Selten 1978) as Gambit writes it: unnamed nodes, so the solve CSV names
// them by their path of actions.
constexpr const char* kEntry = R"(EFG 2 R "entry" { "entrant" "incumbent" }
""
p "" 1 1 "" { "out" "in" } 0
t "" 1 "" { 0, 2 }
p "" 2 1 "" { "fight" "accommodate" } 0
t "" 2 "" { -1, -1 }
t "" 3 "" { 1, 1 }
)";

TEST(TreeCli, SolveEfgReportsTheSubgamePerfectEquilibriumAsNodeActionRows) {
  const fs::path game = TempDir() / "entry.efg";
  std::ofstream(game) << kEntry;
  RunResult r = Simulate({"solve", game.string(), "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "equilibrium,kind,player,strategy,probability,payoff\n"
            "1,spe,entrant,root:out,0,1\n"
            "1,spe,entrant,root:in,1,1\n"
            "1,spe,incumbent,in:fight,0,1\n"
            "1,spe,incumbent,in:accommodate,1,1\n");
}

TEST(TreeCli, TableShowsThePathAndTheThreatThatIsNotCredible) {
  const fs::path game = TempDir() / "entry.efg";
  std::ofstream(game) << kEntry;
  RunResult r = Simulate({"solve", game.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("path: root: in -> in: accommodate"));
  EXPECT_THAT(r.out, HasSubstr("at in, incumbent threatens fight (-1) but would play "
                               "accommodate (1): not credible"));
}

TEST(TreeCli, ExportEfgThenSolveGivesTheSameEquilibria) {
  RunResult direct = Simulate({"solve", "scenarios/detente_sequential.yaml", "--format", "csv"});
  ASSERT_EQ(direct.status, 0) << direct.err;
  const fs::path efg = TempDir() / "detente.efg";
  RunResult exported =
      Simulate({"export", "scenarios/detente_sequential.yaml", "--to", "efg", "--output",
                efg.string()});
  ASSERT_EQ(exported.status, 0) << exported.err;
  RunResult back = Simulate({"solve", efg.string(), "--format", "csv"});
  ASSERT_EQ(back.status, 0) << back.err;
  EXPECT_EQ(back.out, direct.out);
}

TEST(TreeCli, ExportDotIsAcceptedByGraphviz) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) GTEST_SKIP() << "dot not installed";
  const fs::path dot = TempDir() / "tree.dot";
  RunResult r = Simulate({"export", "scenarios/detente_sequential.yaml", "--to", "dot",
                          "--output", dot.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(Slurp(dot), HasSubstr("color=red"));
  const std::string command = "dot -Tpng -o '" + (TempDir() / "tree.png").string() + "' '" +
                              dot.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0);
}

// A simultaneous scenario exports as a tree in which nobody sees another's move; Gambit
// would solve it as the same game, so its reduced strategic form is the scenario's own
// normal form: exporting both to .nfg gives the same payoffs in the same order.
TEST(TreeCli, SimultaneousScenarioExportsAsATreeWithTheSameStrategicForm) {
  const fs::path efg = TempDir() / "detente.efg";
  RunResult tree = Simulate({"export", "scenarios/detente.yaml", "--to", "efg", "--output",
                             efg.string()});
  ASSERT_EQ(tree.status, 0) << tree.err;
  RunResult via_tree = Simulate({"export", efg.string(), "--to", "nfg"});
  RunResult direct = Simulate({"export", "scenarios/detente.yaml", "--to", "nfg"});
  ASSERT_EQ(via_tree.status, 0) << via_tree.err;
  ASSERT_EQ(direct.status, 0) << direct.err;
  // The payoff lists (the last line of each .nfg) agree number for number.
  auto last_line = [](const std::string& text) {
    const size_t end = text.find_last_not_of('\n');
    return text.substr(text.rfind('\n', end) + 1, end - text.rfind('\n', end));
  };
  EXPECT_EQ(last_line(via_tree.out), last_line(direct.out));
  RunResult dot = Simulate({"export", "scenarios/detente.yaml", "--to", "dot"});
  EXPECT_EQ(dot.status, 0) << dot.err;
  EXPECT_THAT(dot.out, HasSubstr("digraph"));
}

TEST(TreeCli, ScenarioWithTypesIsSolvedAsABayesianGame) {
  RunResult r = Simulate({"tests/data/good/types_concede.yaml"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("usa_type: dealmaker 0.75 / hawk 0.25"));
  EXPECT_THAT(r.out, HasSubstr("russia at 'russia': dealmaker/russia@relief 0.75, "
                               "hawk/russia@pressure 0.25"));
  RunResult v = Simulate({"validate", "tests/data/good/types_concede.yaml"});
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_THAT(v.out, HasSubstr("ok (with types: 2 actors, 15 nodes)"));
}

// The Monte Carlo of trees (montecarlo/run_tree.h) runs on sequential scenarios and on
// scenarios with types, rather than flattening them to a normal form (which the refusal this
// test used to check prevented), with the same CSV as a normal-form scenario.
TEST(TreeCli, MonteCarloRunsOnTreesWithTheSameCsv) {
  for (const char* path : {"scenarios/detente_sequential.yaml", "tests/data/good/types_concede.yaml"}) {
    RunResult r = Simulate({path, "--draws", "100", "--format", "csv"});
    ASSERT_EQ(r.status, 0) << path << r.err;
    EXPECT_THAT(r.out, ::testing::StartsWith("metric,name,value,ci_low,ci_high,draws\n")) << path;
    EXPECT_THAT(r.out, HasSubstr("outcome,unsolved,0,")) << path;
  }
}

// The acceptance commands of the tree Monte Carlo: a run and a sweep of the US's
// unpredictability on detente_sequential.yaml exit 0, and their output is byte-identical at
// 1 and 2 threads (fixed chunks merged in chunk order).
TEST(TreeCli, DetenteSequentialRunAndSweepAreTheSameOnOneAndTwoThreads) {
  std::string run[2], sweep[2];
  for (int t = 0; t < 2; ++t) {
    const std::string threads = std::to_string(t + 1);
    RunResult r = Simulate({"scenarios/detente_sequential.yaml", "--draws", "2000", "--format",
                            "csv", "--threads", threads});
    ASSERT_EQ(r.status, 0) << r.err;
    run[t] = r.out;
    RunResult s = Simulate({"sweep", "scenarios/detente_sequential.yaml", "--vary",
                            "actors.usa.unpredictability=0:0.9:4", "--draws", "2000", "--format",
                            "csv", "--threads", threads, "--quiet"});
    ASSERT_EQ(s.status, 0) << s.err;
    sweep[t] = s.out;
  }
  EXPECT_EQ(run[0], run[1]);
  EXPECT_EQ(sweep[0], sweep[1]);
  EXPECT_THAT(sweep[0], HasSubstr("0.9,outcome,exploited_relief,"));
  // The table report of a tree carries the Monte Carlo section.
  RunResult table = Simulate({"scenarios/detente_sequential.yaml", "--draws", "600"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("\nMonte Carlo: 600 draws, seed 1, select uniform, methods spe"));
}

// The logit model on a tree (scenarios/README.md, "logit"; formerly refused): with the US on
// logit at u = 0.3 every draw of detente_sequential.yaml plays the agent logit QRE of the
// tree (McKelvey & Palfrey 1998), so the table says so for all 400 draws, and the CSV is
// byte-identical at 1 and 2 threads.
TEST(TreeCli, LogitOnATreePlaysTheAgentQreInEveryDraw) {
  const std::string text = Slurp(fs::path(SIM_SOURCE_DIR) / "scenarios" / "detente_sequential.yaml") +
                           "\nmontecarlo:\n  model: logit\n";
  const fs::path file = WriteFile("detente_logit.yaml", text);
  sim::test::CopySharedActors(TempDir());
  RunResult table = Simulate({file.string(), "--draws", "400", "--set",
                              "actors.usa.unpredictability=0.3"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("400 of 400 draws played the logit quantal response"));
  std::string out[2];
  for (int threads : {1, 2}) {
    RunResult r = Simulate({file.string(), "--draws", "400", "--format", "csv", "--threads",
                            std::to_string(threads), "--set", "actors.usa.unpredictability=0.3"});
    ASSERT_EQ(r.status, 0) << r.err;
    out[threads - 1] = r.out;
  }
  EXPECT_EQ(out[0], out[1]);
}

// The type model on a tree (tremble_tree.h, WithErraticTypes): a montecarlo block with
// `model: type` on detente_sequential.yaml runs (exit 0) with either actor unpredictable, and
// the CSV is byte-identical at 1 and 2 threads. With the US erratic with prior 0.3 and the
// normal US holding, relief is played in u/2 = 15% of the draws (counted in `action` rows).
TEST(TreeCli, TypeModelOnDetenteSequentialRunsTheSameOnOneAndTwoThreads) {
  const std::string text = Slurp(fs::path(SIM_SOURCE_DIR) / "scenarios" / "detente_sequential.yaml") +
                           "\nmontecarlo:\n  model: type\n";
  const fs::path file = WriteFile("detente_type.yaml", text);
  sim::test::CopySharedActors(TempDir());
  for (const char* actor : {"usa", "russia"}) {
    std::string out[2];
    for (int t = 0; t < 2; ++t) {
      RunResult r = Simulate({file.string(), "--draws", "2000", "--format", "csv", "--set",
                              std::string("actors.") + actor + ".unpredictability=0.3",
                              "--threads", std::to_string(t + 1)});
      ASSERT_EQ(r.status, 0) << actor << r.err;
      out[t] = r.out;
    }
    EXPECT_EQ(out[0], out[1]) << actor;
    EXPECT_THAT(out[0], HasSubstr("outcome,unsolved,0,")) << actor;
  }
}

// Each bad tree file is one kind of problem; each must exit 2 with FILE:LINE:COL.
TEST(TreeCli, BadTreesExitTwoWithALocatedMessage) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"tests/data/bad/tree_negative_probability.efg",
       "tree_negative_probability.efg:2:12: error: probability of move 'x' at chance node "
       "'nature' is negative"},
      {"tests/data/bad/tree_probabilities_sum.efg",
       "tree_probabilities_sum.efg:2:12: error: probabilities at chance node 'nature' sum to "
       "5/6, not exactly 1"},
      {"tests/data/bad/tree_unknown_player.efg",
       "tree_unknown_player.efg:2:10: error: player 3 does not exist"},
      {"tests/data/bad/tree_truncated.efg",
       "tree_truncated.efg:4:1: error: the file ends before node 'root' has a child for every "
       "move"},
      {"tests/data/bad/stages_probabilities.yaml",
       "stages_probabilities.yaml:7:5: error: the probabilities of chance stage 'congress' sum "
       "to 5/6, not exactly 1"},
      {"tests/data/bad/tree_cycle.yaml",
       "tree_cycle.yaml:8:5: error: the moves form a cycle: 'start' -> 'middle' -> 'start'"},
      {"tests/data/bad/tree_dangling.yaml",
       "tree_dangling.yaml:8:13: error: move 'go' of node 'start' leads to unknown node "
       "'finish'"},
      {"tests/data/bad/stages_unknown_actor.yaml",
       "stages_unknown_actor.yaml:6:12: error: unknown actor 'rusia' in 'stages'"},
  };
  for (const auto& [file, message] : cases) {
    RunResult r = Simulate({"solve", file});
    EXPECT_EQ(r.status, 2) << file << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(message)) << file;
  }
}

}  // namespace

namespace {

// A 3-player tree without proper subgames (B does not see chance's move) whose player A has
// 17 binary information sets: 2^17 reduced strategies, beyond the strategic form's 100,000.
std::string WideThreePlayerTree() {
  std::string efg = "EFG 2 R \"wide\" { \"A\" \"B\" \"C\" }\n\"\"\nc \"\" 1 \"\" {";
  for (int i = 0; i < 17; ++i) efg += " \"c" + std::to_string(i) + "\" 1/17";
  efg += " } 0\n";
  for (int i = 0; i < 17; ++i) {
    efg += "p \"\" 2 1 \"\" { \"u\" \"v\" } 0\n";
    for (int j = 0; j < 2; ++j) {
      efg += "p \"\" 1 " + std::to_string(i + 1) + " \"\" { \"x\" \"y\" } 0\n";
      efg += "t \"\" 1 \"\" { 1, 0, 0 }\nt \"\" 2 \"\" { 0, 1, 0 }\n";
    }
  }
  return efg;
}

}  // namespace

// Issue #17: a solve whose spe ends with no equilibrium (the 3-player strategic form is too
// large) falls back to the agent QRE limit, one sequential equilibrium, and is incomplete:
// exit 3, and the CSV says why.
TEST(TreeCli, FailedTreeSolveExitsThreeAndTheCsvSaysWhy) {
  const fs::path game = TempDir() / "wide.efg";
  std::ofstream(game) << WideThreePlayerTree();
  RunResult r = Simulate({"solve", game.string(), "--format", "csv"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\nstatus,message\nincomplete,"));
  EXPECT_THAT(r.out, HasSubstr("the strategic form is too large"));
}

// Issue #17: the belief table and the regret table follow the solve CSV after blank lines;
// in beer-quiche (Cho & Kreps 1987) the receiver's belief after the path's breakfast is the
// prior, 0.9 strong.
TEST(TreeCli, CsvOfATreeWithInformationSetsCarriesBeliefsAndRegret) {
  RunResult r = Simulate({"solve", "tests/data/efg/beer_quiche.efg", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\n\nequilibrium,player,infoset,node,belief\n"));
  EXPECT_THAT(r.out, HasSubstr("\n\nequilibrium,regret,exact,sequential_regret\n1,0,true,"));
  const bool beer = r.out.find("1,Receiver,after beer,strong/beer,0.9\n") != std::string::npos;
  const bool quiche = r.out.find("1,Receiver,after quiche,strong/quiche,0.9\n") != std::string::npos;
  EXPECT_TRUE(beer || quiche) << r.out;
}
