// SPDX-License-Identifier: MIT
// Between the parallel module's files: the MPI half (mpi.cc, or none.cc without MPI).
#pragma once

#include <memory>
#include <vector>

#include "sim/parallel/runner.h"

namespace sim::parallel::internal {

void SetPlace(Place place);
std::unique_ptr<Runner> MakeMpiRunner(const Work& work, std::vector<char> wanted, Progress progress);
void ServeMpi(const Work& work);

}  // namespace sim::parallel::internal
