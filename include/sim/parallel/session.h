// SPDX-License-Identifier: MIT
// MPI's life cycle for the `simulate` process. In a build with MPI (-DSIM_MPI=ON) and when
// the process was started by an MPI launcher (mpiexec, srun: its PMI_* / PMIX_* / OMPI_*
// environment), MPI is initialised here and finalised at exit; otherwise nothing happens and
// the process is rank 0 of 1. Only main uses this.
#pragma once

namespace sim::parallel {

class Session {
 public:
  Session(int* argc, char*** argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Why this process cannot run as started, or "": a build without MPI started by an MPI
  // launcher with more than one rank (every rank would run the whole job and write it).
  const char* Refusal() const { return refusal_; }

  // Ends a failed run with exit status `code`. With one process: returns `code`. Across
  // ranks: rank 0 (which has reported the error) aborts every rank with `code`; another
  // rank waits for rank 0 to do so (its error is almost always rank 0's too), and after
  // kOrphanSeconds reports `message` itself and aborts the run.
  int Fail(int code, const char* message);

  static constexpr int kOrphanSeconds = 10;

 private:
  const char* refusal_ = "";
};

}  // namespace sim::parallel
