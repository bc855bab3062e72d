// SPDX-License-Identifier: MIT
// One libFuzzer target per entry of tests/fuzz/entries.h: the build defines SIM_FUZZ_ENTRY
// as the entry's name (see tests/fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sim::fuzz::SIM_FUZZ_ENTRY(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
