// SPDX-License-Identifier: MIT
// End-to-end tests of `simulate` on game trees: sequential scenarios, Gambit .efg files
// (solve, round trip through export), DOT export, and bad trees exiting 2 with a location.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

struct RunResult {
  int status = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path TempDir() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("sim_tree_cli_test_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// Runs simulate with `args` from the source directory (arguments contain no quotes).
RunResult Simulate(const std::vector<std::string>& args) {
  const char* env = std::getenv("SIM_SIMULATE");
  std::string binary = env ? env : std::string(SIM_BINARY_DIR) + "/simulate";
  fs::path out = TempDir() / "stdout", err = TempDir() / "stderr";
  std::string command = "cd '" + std::string(SIM_SOURCE_DIR) + "' && '" + binary + "'";
  for (const std::string& a : args) command += " '" + a + "'";
  command += " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  int raw = std::system(command.c_str());
  RunResult run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  run.out = Slurp(out);
  run.err = Slurp(err);
  return run;
}

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

TEST(TreeCli, ExportOfASimultaneousScenarioIsRefused) {
  RunResult r = Simulate({"export", "scenarios/detente.yaml", "--to", "dot"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("scenarios/detente.yaml: error: export --to dot needs a game tree"));
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
