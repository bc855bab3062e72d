// SPDX-License-Identifier: MIT
#include "sim/montecarlo/prepared.h"

#include "sim/core/error.h"
#include "sim/montecarlo/draws.h"
#include "sim/montecarlo/run_tree.h"

namespace sim::montecarlo {

PreparedRun::PreparedRun(const Scenario& scenario, const MonteCarloOptions& options)
    : scenario_(std::make_unique<Scenario>(scenario)), options_(options) {
  engine_ = NeedsTreeMonteCarlo(*scenario_) ? detail::MakeTreeEngine(*scenario_, options_)
                                   : detail::MakeNormalFormEngine(*scenario_, options_);
}

PreparedRun::~PreparedRun() = default;

int64_t PreparedRun::num_chunks() const { return (options_.draws + kChunkDraws - 1) / kChunkDraws; }

std::vector<std::string> PreparedRun::ComputeChunks(int64_t first, int64_t last) const {
  SIM_CHECK(0 <= first && first <= last && last <= num_chunks(), "chunk range out of the run");
  std::vector<std::string> out;
  for (const detail::Tally& tally : engine_->Compute(first, last)) {
    out.emplace_back();
    detail::SerializeTally(tally, &out.back());
  }
  return out;
}

PreparedRun::Merger::Merger(const PreparedRun& run)
    : run_(run), total_(std::make_unique<detail::Tally>()), scratch_(std::make_unique<detail::Tally>()) {
  total_->Reset(*run.scenario_, run.engine_->num_outcomes());
  scratch_->Reset(*run.scenario_, run.engine_->num_outcomes());
}

PreparedRun::Merger::~Merger() = default;

void PreparedRun::Merger::Add(std::string_view bytes) {
  detail::DeserializeTally(bytes, scratch_.get());
  total_->Merge(*scratch_);
  ++added_;
}

MonteCarloResult PreparedRun::Merger::Finish() const {
  SIM_CHECK(added_ == run_.num_chunks(), "a Monte Carlo result needs every chunk");
  return run_.engine_->Describe(*total_);
}

}  // namespace sim::montecarlo
