#!/usr/bin/env bash
# Shared set-up for tools/run and tools/test (sourced, not run): install the Debian packages
# that are missing, then configure and build into build/ incrementally.
# Environment: SIM_BUILD_DIR (default build), SIM_BUILD_TYPE (default Release),
#              SIM_EXTRA_PACKAGES (more packages to ensure, e.g. test-only ones).

SIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIM_BUILD_DIR="${SIM_BUILD_DIR:-$SIM_ROOT/build}"
SIM_BUILD_TYPE="${SIM_BUILD_TYPE:-Release}"

# Everything the build needs, by Debian package name.
SIM_PACKAGES=(cmake g++ make ninja-build libeigen3-dev libboost-graph-dev libyaml-cpp-dev libcli11-dev
              libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev libgmp-dev
              mpich libmpich-dev)  # MPI: MPICH runs as root and oversubscribes without flags

sim_log() { echo "[sim] $*" >&2; }

# The sanitizer tree (build-asan/), shared by tools/test and tools/fuzz so that CI compiles
# the project twice, not three times: clang-14 with AddressSanitizer and UBSan (which in clang
# includes float-cast-overflow), and the library coverage-instrumented for libFuzzer
# (fuzzer-no-link; only the fuzz targets link libFuzzer's main). The tests run in the same
# tree: measured on spe_test and robustness_test, the coverage counters cost 0-20% of run time,
# where a separate fuzz build cost 290 s of CI's 1,512. -O1 -gline-tables-only: line numbers in
# the reports at a fraction of -g's compile time.
SIM_SANITIZER_PACKAGES="clang-14 libclang-rt-14-dev"
SIM_SANITIZER_DIR="${SIM_SANITIZER_DIR:-$SIM_ROOT/build-asan}"
sim_sanitizer_build() {  # sim_sanitizer_build: configure (once) and build SIM_SANITIZER_DIR
  local flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
  flags+=" -fno-omit-frame-pointer -gline-tables-only -O1"
  SIM_BUILD_DIR="$SIM_SANITIZER_DIR" SIM_BUILD_TYPE=Sanitize sim_build \
    -DCMAKE_CXX_COMPILER=clang++-14 -DSIM_BUILD_FUZZERS=ON -DSIM_BUILD_TESTS=ON \
    -DSIM_BUILD_BENCHMARKS=OFF "-DCMAKE_CXX_FLAGS=$flags" \
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined"
}

sim_install_packages() {
  local wanted=("${SIM_PACKAGES[@]}" ${SIM_EXTRA_PACKAGES:-}) missing=() pkg
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "sim needs these Debian packages; run as root:" >&2
    echo "  $line" >&2
    exit 1
  fi
  sim_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# sim_build [CMAKE_ARG...]: extra arguments go to the first configure of SIM_BUILD_DIR.
sim_build() {
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  if [ ! -f "$SIM_BUILD_DIR/CMakeCache.txt" ]; then
    sim_log "configuring ($SIM_BUILD_TYPE) in $SIM_BUILD_DIR"
    # Ninja schedules the two cores better than make's recursion; a tree configured earlier
    # keeps its generator.
    local generator=()
    command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
    cmake -S "$SIM_ROOT" -B "$SIM_BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE="$SIM_BUILD_TYPE" \
      ${SIM_CMAKE_ARGS:-} "$@" >/dev/null
  fi
  sim_log "building"
  # Quiet on success; on failure show the compiler's output.
  local log="$SIM_BUILD_DIR/build.log"
  if ! cmake --build "$SIM_BUILD_DIR" -j "$jobs" ${SIM_BUILD_TARGETS:+--target $SIM_BUILD_TARGETS} >"$log" 2>&1; then
    cat "$log" >&2
    sim_log "build failed"
    exit 1
  fi
}
