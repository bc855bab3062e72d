// SPDX-License-Identifier: MIT
// Running the `simulate` binary from end-to-end tests: the binary comes from $SIM_SIMULATE
// (set by CTest), falling back to the build tree, and runs in the source directory so that
// relative scenario paths work. Each test process gets a scratch directory of its own.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sim::test {

struct RunResult {
  int status = -1;  // exit status, or 128 + signal
  std::string out, err;
};

inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A fresh directory for this test process (ctest runs each test in a process of its own).
inline std::filesystem::path TempDir() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path d = std::filesystem::temp_directory_path() /
                              ("sim_cli_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// `arg` as one word for /bin/sh, whatever it contains.
inline std::string ShellQuote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string SimulateBinary() {
  const char* env = std::getenv("SIM_SIMULATE");
  return env ? env : std::string(SIM_BINARY_DIR) + "/simulate";
}

// Runs simulate with `args` (stdin empty) and collects its exit status and output.
inline RunResult Simulate(const std::vector<std::string>& args) {
  const std::filesystem::path out = TempDir() / "stdout", err = TempDir() / "stderr";
  std::string command = "cd " + ShellQuote(SIM_SOURCE_DIR) + " && " + ShellQuote(SimulateBinary());
  for (const std::string& a : args) command += " " + ShellQuote(a);
  command += " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string()) + " </dev/null";
  const int raw = std::system(command.c_str());
  RunResult run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  run.out = Slurp(out);
  run.err = Slurp(err);
  return run;
}

// Writes `text` to TempDir()/name and returns the path.
inline std::filesystem::path WriteFile(const std::string& name, const std::string& text) {
  const std::filesystem::path path = TempDir() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Copies the shared actor libraries (scenarios/actors/) next to a shipped scenario copied into
// `dir`, so that its `include: [actors/...]` resolves there as it does in scenarios/.
inline void CopySharedActors(const std::filesystem::path& dir) {
  std::filesystem::copy(std::filesystem::path(SIM_SOURCE_DIR) / "scenarios" / "actors", dir / "actors",
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::skip_existing);
}

}  // namespace sim::test
