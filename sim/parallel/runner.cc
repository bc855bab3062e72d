// SPDX-License-Identifier: MIT
#include "sim/parallel/runner.h"

#include <algorithm>

#include "sim/core/error.h"
#include "sim/parallel/internal.h"

namespace sim::parallel {
namespace {

Place g_place;

class LocalRunner final : public Runner {
 public:
  LocalRunner(const Work& work, Progress progress) : work_(work), progress_(std::move(progress)) {
    for (int64_t c : work_.chunks) total_ += c;
  }

  std::vector<std::string> Collect(int64_t job) override {
    std::vector<std::string> out;
    const int64_t chunks = work_.chunks[job];
    for (int64_t first = 0; first < chunks; first += work_.block) {
      const int64_t last = std::min(chunks, first + work_.block);
      for (std::string& r : work_.compute(job, first, last)) out.push_back(std::move(r));
      done_ += last - first;
      if (progress_) progress_(done_, total_);
    }
    return out;
  }

 private:
  const Work& work_;
  Progress progress_;
  int64_t done_ = 0, total_ = 0;
};

}  // namespace

void internal::SetPlace(Place place) { g_place = place; }

Place ThisProcess() { return g_place; }

std::vector<Block> Blocks(const std::vector<int64_t>& chunks, int64_t block) {
  SIM_CHECK(block >= 1, "blocks need at least one chunk");
  std::vector<Block> out;
  for (size_t job = 0; job < chunks.size(); ++job)
    for (int64_t first = 0; first < chunks[job]; first += block)
      out.push_back({static_cast<int64_t>(job), first, std::min(chunks[job], first + block)});
  return out;
}

std::unique_ptr<Runner> MakeLocalRunner(const Work& work, Progress progress) {
  return std::make_unique<LocalRunner>(work, std::move(progress));
}

std::unique_ptr<Runner> MakeRunner(const Work& work, std::vector<char> wanted, Progress progress) {
  SIM_CHECK(g_place.root(), "only rank 0 collects results");
  if (g_place.size == 1) return MakeLocalRunner(work, std::move(progress));
  return internal::MakeMpiRunner(work, std::move(wanted), std::move(progress));
}

void Serve(const Work& work) {
  SIM_CHECK(!g_place.root(), "rank 0 collects, it does not serve");
  internal::ServeMpi(work);
}

}  // namespace sim::parallel
