// SPDX-License-Identifier: MIT
// The Monte Carlo through the `simulate` binary: reproducible CSV for any --threads, the
// sweep CSV's columns, the manifest, exit status 2 for bad distributions, and no partial
// --output file when a sweep is interrupted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string Simulate() {
  const char* path = std::getenv("SIM_SIMULATE");
  return path ? path : SIM_BINARY_DIR "/simulate";
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Result {
  int status = -1;
  std::string out, err;
};

// A scratch directory per test, removed afterwards.
class MonteCarloCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sim_mc_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result Exec(const std::string& args) {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string command = Simulate() + " " + args + " >" + out.string() + " 2>" + err.string();
    Result run;
    const int status = std::system(command.c_str());
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Read(out);
    run.err = Read(err);
    return run;
  }

  fs::path Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  fs::path dir_;
};

const std::string kDetente = SIM_SOURCE_DIR "/scenarios/detente.yaml";

// A 2x2 game with an uncertain number and preference noise, so every draw re-derives and
// re-solves its game.
const char* kUncertain = R"(scenario: uncertain
issues:
  x: {status_quo: 0.5}
actors:
  a:
    unpredictability: 0.3
    stakes: {x: {ideal: {beta: [2, 5]}, salience: 1}}
    moves:
      stay: {}
      push: {effects: {x: 0.3}, cost: {uniform: [0, 0.1]}}
  b:
    unpredictability: 0.2
    stakes: {x: {ideal: 0.8, salience: {triangular: [0.5, 1, 2]}}}
    moves:
      stay: {}
      pull: {effects: {x: -0.2}}
outcomes:
  - {name: pushed, when: "a.push"}
montecarlo:
  draws: 3000
  seed: 7
  models: {b: preference_noise}
)";

TEST_F(MonteCarloCli, CsvIsByteIdenticalAtOneAndTwoThreads) {
  const fs::path uncertain = Write("uncertain.yaml", kUncertain);
  for (const std::string& scenario : {kDetente + " --draws 3000", uncertain.string()}) {
    const Result one = Exec(scenario + " --format csv --threads 1");
    const Result two = Exec(scenario + " --format csv --threads 2");
    ASSERT_EQ(one.status, 0) << one.err;
    ASSERT_EQ(two.status, 0) << two.err;
    EXPECT_THAT(one.out, ::testing::StartsWith("metric,name,value,ci_low,ci_high,draws\n"));
    EXPECT_EQ(one.out, two.out) << scenario;
  }
}

TEST_F(MonteCarloCli, CsvHasEveryMetricAndAManifestBesideTheOutput) {
  const fs::path uncertain = Write("uncertain.yaml", kUncertain);
  const fs::path csv = dir_ / "mc.csv";
  const Result run = Exec(uncertain.string() + " --format csv --seed 11 -o " + csv.string());
  ASSERT_EQ(run.status, 0) << run.err;
  const std::string text = Read(csv);
  for (const char* row : {"\noutcome,pushed,", "\naction,a:push,", "\nissue,x,", "\npayoff,b,",
                          "\nsensitivity,actors.a.moves.push.cost:pushed,"})
    EXPECT_THAT(text, HasSubstr(row));
  EXPECT_THAT(text, HasSubstr(",3000\n"));  // draws from the montecarlo block
  const std::string manifest = Read(csv.string() + ".manifest.json");
  EXPECT_THAT(manifest, HasSubstr("\"seed\": 11,"));
  EXPECT_THAT(manifest, HasSubstr("\"draws\": 3000,"));
  EXPECT_THAT(manifest, HasSubstr("\"scenario_hash\": \"fnv1a64:"));
  EXPECT_THAT(manifest, HasSubstr("\"models\": [\"a: tremble u=0.3\", \"b: preference_noise u=0.2\"]"));
}

TEST_F(MonteCarloCli, TableAndJsonCarryTheMonteCarloAndItsManifest) {
  const Result table = Exec(kDetente + " --draws 1000");
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Monte Carlo: 1000 draws, seed 1"));
  EXPECT_THAT(table.out, HasSubstr("Manifest: simulate "));
  const Result json = Exec(kDetente + " --draws 1000 --format json");
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"montecarlo\": {\n    \"manifest\": {"));
  EXPECT_THAT(json.out, HasSubstr("{\"metric\": \"outcome\", \"name\": \"detente\""));
}

TEST_F(MonteCarloCli, SweepCsvHasOneColumnPerVariedPathThenTheMonteCarloColumns) {
  const fs::path csv = dir_ / "sweep.csv";
  const Result run = Exec("sweep " + kDetente +
                       " --vary actors.usa.unpredictability=0:1:3"
                       " --vary actors.russia.stakes.sanctions.salience=0.2:0.6:2"
                       " --draws 500 --format csv -o " + csv.string());
  ASSERT_EQ(run.status, 0) << run.err;
  std::istringstream lines(Read(csv));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "actors.usa.unpredictability,actors.russia.stakes.sanctions.salience,"
                  "metric,name,value,ci_low,ci_high,draws");
  // One block per grid point, the last axis fastest, every block the same rows.
  std::vector<std::string> points;
  std::map<std::string, int> rows_per_point;
  while (std::getline(lines, line)) {
    const std::string point = line.substr(0, line.find(',', line.find(',') + 1));
    if (points.empty() || points.back() != point) points.push_back(point);
    ++rows_per_point[point];
  }
  EXPECT_EQ(points, (std::vector<std::string>{"0,0.2", "0,0.6", "0.5,0.2", "0.5,0.6", "1,0.2",
                                              "1,0.6"}));
  for (const auto& [point, rows] : rows_per_point) EXPECT_EQ(rows, rows_per_point["0,0.2"]) << point;
  EXPECT_TRUE(fs::exists(csv.string() + ".manifest.json"));
}

TEST_F(MonteCarloCli, SweepStoppedBySigintLeavesNoPartialOutput) {
  const fs::path csv = dir_ / "big.csv";
  const fs::path uncertain = Write("uncertain.yaml", kUncertain);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string simulate = Simulate();
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(simulate.c_str(), simulate.c_str(), "sweep", uncertain.c_str(), "--vary",
            "actors.a.unpredictability=0:1:1000", "--draws", "100000", "--format", "csv",
            "--threads", "1", "-o", csv.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait until the sweep is midway (a finished point in its checkpoint; the CSV rows are
  // computed before the output's temporary file is opened), then interrupt it.
  bool midway = false;
  const fs::path checkpoint = dir_ / "big.csv.checkpoint";
  for (int i = 0; i < 2000 && !midway; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::ifstream in(checkpoint);
    std::stringstream text;
    text << in.rdbuf();
    midway = text.str().find("\nchunk ") != std::string::npos;
  }
  EXPECT_TRUE(midway);
  ::kill(child, SIGINT);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGINT) << status;
  // Neither the output nor its temporary may remain; the --resume checkpoint sidecar
  // (big.csv.checkpoint, whole records only) is kept on purpose so the sweep can be finished.
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename();
    if (name != "big.csv.checkpoint") left.push_back(name);
  }
  EXPECT_THAT(left, ::testing::UnorderedElementsAre("uncertain.yaml"));
}

TEST_F(MonteCarloCli, PlotSweepTurnsASweepCsvIntoAPng) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) GTEST_SKIP() << "no gnuplot";
  const fs::path csv = dir_ / "sweep.csv", png = dir_ / "sweep.png";
  ASSERT_EQ(Exec("sweep " + kDetente + " --vary actors.usa.unpredictability=0:1:3 --draws 200 "
                 "--format csv -o " + csv.string()).status, 0);
  const std::string command = SIM_SOURCE_DIR "/tools/plot-sweep " + csv.string() + " " +
                              png.string() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string bytes = Read(png);
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
}

// The value, ci_low and ci_high of the CSV row that starts with `prefix` ("action,row:T,").
struct CsvRow {
  double value = -1, low = -1, high = -1;
};
CsvRow Row(const std::string& csv, const std::string& prefix) {
  CsvRow row;
  const size_t at = csv.find("\n" + prefix);
  if (at == std::string::npos) {
    ADD_FAILURE() << "no row " << prefix << " in\n" << csv;
    return row;
  }
  std::istringstream fields(csv.substr(at + 1 + prefix.size()));
  char comma;
  fields >> row.value >> comma >> row.low >> comma >> row.high;
  return row;
}

// Selection from the command line: on detente.yaml at u_usa = 0.1 the standoff and a mixed
// equilibrium exist beside the detente; payoff-dominant picks the detente in every draw, so
// P(detente) = (1 - 2u/3) * 0.95 = 0.8867 (derivation: tests/scenarios/detente_test.cc, R1).
// Risk dominance is defined for 2 x 2 games only, so on this 3 x 4 game every draw falls back
// and the table says so.
TEST_F(MonteCarloCli, SelectPayoffDominantPicksTheDetenteAndRiskDominanceFallsBackOpenly) {
  const std::string args = kDetente + " --draws 4000 --set actors.usa.unpredictability=0.1";
  const Result payoff = Exec(args + " --select payoff-dominant --format csv");
  ASSERT_EQ(payoff.status, 0) << payoff.err;
  const CsvRow detente = Row(payoff.out, "outcome,detente,");
  EXPECT_LE(detente.low, (1 - 0.2 / 3) * 0.95);
  EXPECT_GE(detente.high, (1 - 0.2 / 3) * 0.95);
  const Result uniform = Exec(args + " --format csv");
  ASSERT_EQ(uniform.status, 0) << uniform.err;
  EXPECT_LT(Row(uniform.out, "outcome,detente,").high, detente.low);
  const Result risk = Exec(args + " --select risk-dominant");
  ASSERT_EQ(risk.status, 0) << risk.err;
  EXPECT_THAT(risk.out, HasSubstr("Note: 4000 of 4000 draws had no equilibrium labelled "
                                  "'risk-dominant'; they chose uniformly among all equilibria."));
  const Result two = Exec(args + " --select payoff-dominant --format csv --threads 2");
  EXPECT_EQ(two.out, payoff.out);
}

// A scenario whose montecarlo block puts row on the logit model. Row gets 1 for T and 0 for B
// whatever col does, the payoff range is 1, so at u = 0.9 row plays T with probability
// 1 / (1 + exp(-lambda)), lambda = 10 * 0.1 / 0.9 (scenarios/README.md, "logit"; closed form
// derived in tests/montecarlo/unpredictability_test.cc).
const char* kLogit = R"(scenario: logit
actors:
  row: {unpredictability: 0.9, moves: [T, B]}
  col: {moves: [L, R]}
payoffs:
  T, L: [1, 1]
  B, L: [0, 0]
  T, R: [1, 0.5]
  B, R: [0, 0.5]
outcomes:
  - {name: TL, when: "row.T and col.L"}
montecarlo:
  draws: 4000
  models: {row: logit}
)";

TEST_F(MonteCarloCli, LogitModelRunsEndToEndWithItsLambda0) {
  const fs::path logit = Write("logit.yaml", kLogit);
  const Result csv = Exec(logit.string() + " --format csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  const double expected = 1 / (1 + std::exp(-10 * 0.1 / 0.9));
  const CsvRow t = Row(csv.out, "action,row:T,");
  EXPECT_LE(t.low, expected);
  EXPECT_GE(t.high, expected);
  const Result table = Exec(logit.string());
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("row logit u=0.9 lambda0=10; col tremble u=0"));
  EXPECT_THAT(table.out, HasSubstr("Note: 4000 of 4000 draws played the logit quantal response"));
  // --logit-lambda0 1: lambda = 1/9, P(T) = 1 / (1 + exp(-1/9)) = 0.528.
  const Result flat = Exec(logit.string() + " --logit-lambda0 1 --format csv");
  ASSERT_EQ(flat.status, 0) << flat.err;
  const CsvRow t1 = Row(flat.out, "action,row:T,");
  EXPECT_LE(t1.low, 1 / (1 + std::exp(-1.0 / 9)));
  EXPECT_GE(t1.high, 1 / (1 + std::exp(-1.0 / 9)));
  // The same from the montecarlo block, and a bad value located in the file.
  const std::string block = std::string(kLogit) + "  logit_lambda0: 1\n";
  const Result from_file = Exec(Write("l1.yaml", block).string() + " --format csv");
  EXPECT_EQ(from_file.out, flat.out);
  const fs::path bad = Write("bad.yaml", std::string(kLogit) + "  logit_lambda0: 0\n");
  const Result refused = Exec(bad.string());
  EXPECT_EQ(refused.status, 2);
  EXPECT_THAT(refused.err, HasSubstr(bad.string() + ":15:18: error: 'logit_lambda0' must be in"));
  EXPECT_EQ(Exec(logit.string() + " --logit-lambda0 0").status, 2);
}

// The type model from a montecarlo block: row is an erratic type with prior u = 0.5. Col is
// indifferent only when row's actual P(T) is 2/3, which the normal type reaches by playing T
// with probability 5/6 (2/3 = 0.5/2 + 0.5 * 5/6); derivation in
// tests/montecarlo/unpredictability_test.cc.
TEST_F(MonteCarloCli, TypeModelRunsEndToEnd) {
  const fs::path type = Write("type.yaml", R"(scenario: type
actors:
  row: {unpredictability: 0.5, moves: [T, B]}
  col: {moves: [L, R]}
payoffs:
  T, L: [1, 0]
  B, L: [0, 2]
  T, R: [0, 1]
  B, R: [1, 0]
outcomes:
  - {name: TL, when: "row.T and col.L"}
montecarlo:
  draws: 6000
  model: type
)");
  const Result csv = Exec(type.string() + " --format csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  const CsvRow t = Row(csv.out, "action,row:T,");
  EXPECT_LE(t.low, 2.0 / 3);
  EXPECT_GE(t.high, 2.0 / 3);
  const Result table = Exec(type.string());
  EXPECT_THAT(table.out, HasSubstr("row type u=0.5; col type u=0"));
}

TEST_F(MonteCarloCli, BadDistributionExitsTwoWithALocatedError) {
  const fs::path bad = Write("bad.yaml", std::string(kUncertain).replace(
                                             std::string(kUncertain).find("beta: [2, 5]"), 12,
                                             "beta: [2, -5]"));
  const Result run = Exec(bad.string() + " --draws 10");
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr(bad.string() + ":7:25: error: bad distribution for "
                                                "'actors.a.stakes.x.ideal': beta needs a > 0 "
                                                "and b > 0, got [2, -5]"));
  const Result vary = Exec("sweep " + kDetente + " --vary actors.usa.unpredictability=0:1:x");
  EXPECT_EQ(vary.status, 2);
  EXPECT_THAT(vary.err, HasSubstr("expected a finite number for N, got 'x'"));
}

}  // namespace
