// SPDX-License-Identifier: MIT
// The parallel module without MPI (-DSIM_MPI=OFF, or no MPI found): one process, rank 0 of 1.
#include <cstdlib>

#include "sim/core/error.h"
#include "sim/parallel/internal.h"
#include "sim/parallel/session.h"

namespace sim::parallel {

bool MpiCompiledIn() { return false; }

Session::Session(int*, char***) {
  for (const char* name : {"PMI_SIZE", "OMPI_COMM_WORLD_SIZE"}) {
    const char* size = std::getenv(name);
    if (size != nullptr && std::atoi(size) > 1) {
      refusal_ = "this simulate has no MPI support (built with SIM_MPI=OFF): under mpiexec every "
                 "rank would run the whole job; rebuild with -DSIM_MPI=ON, or use --shard";
    }
  }
}
Session::~Session() = default;
int Session::Fail(int code, const char*) { return code; }

std::unique_ptr<Runner> internal::MakeMpiRunner(const Work&, std::vector<char>, Progress) {
  SIM_CHECK(false, "this build has no MPI");
  return nullptr;
}

void internal::ServeMpi(const Work&) { SIM_CHECK(false, "this build has no MPI"); }

}  // namespace sim::parallel
