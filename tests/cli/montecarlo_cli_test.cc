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
  // Wait until the sweep is writing its temporary file, then interrupt it.
  bool writing = false;
  for (int i = 0; i < 200 && !writing; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    for (const auto& entry : fs::directory_iterator(dir_))
      writing |= entry.path().filename().string().rfind(".big.csv.tmp.", 0) == 0;
  }
  EXPECT_TRUE(writing);
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
