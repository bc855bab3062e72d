// SPDX-License-Identifier: MIT
// The MPI half of the parallel module (-DSIM_MPI=ON). Rank 0 keeps a queue of blocks of
// chunks in run order. Each other rank has up to kDepth blocks in flight: it computes one
// while the next is already in its mailbox, and every result it sends back earns it the next
// block (dynamic load balance: ranks on slow points or slow machines simply take fewer
// blocks). Rank 0 computes blocks from the same queue on a thread of its own while its main
// thread answers the other ranks and hands results to the caller in order. Only the main
// thread calls MPI (MPI_THREAD_FUNNELED). Waiting ranks poll with a short sleep rather than
// block: MPICH's blocking receive spins, which would take a core from the ranks computing
// when the machine is oversubscribed.
#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "sim/core/error.h"
#include "sim/parallel/internal.h"
#include "sim/parallel/session.h"

namespace sim::parallel {
namespace {

enum Tag : int { kBlock = 1, kStop = 2, kResult = 3, kError = 4 };
constexpr int kDepth = 3;  // blocks in flight per rank other than 0

bool g_mpi = false;
// When MPI_Init began and ended (for SIM_MPI_STATS: the start-up a run pays before any work).
std::chrono::steady_clock::time_point g_init_start, g_init_end;

// Whether an MPI launcher started this process (Hydra/PMI of MPICH and Slurm, PMIx, Open MPI).
bool StartedByLauncher() {
  for (const char* name : {"PMI_RANK", "PMI_SIZE", "PMI_FD", "PMIX_RANK", "OMPI_COMM_WORLD_SIZE"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

// Sleeps from 20 us up to `most` while nothing arrives.
class Backoff {
 public:
  explicit Backoff(std::chrono::microseconds most) : most_(most) {}
  void Idle() {
    std::this_thread::sleep_for(delay_);
    delay_ = std::min(delay_ * 2, most_);
  }
  void Reset() { delay_ = std::chrono::microseconds(20); }

 private:
  std::chrono::microseconds most_;
  std::chrono::microseconds delay_{20};
};

void PutInt(int64_t value, std::string* out) {
  out->append(reinterpret_cast<const char*>(&value), sizeof value);  // same machine type
}
int64_t GetInt(const std::string& bytes, size_t* at) {
  int64_t value = 0;
  SIM_CHECK(*at + sizeof value <= bytes.size(), "truncated MPI message");
  std::memcpy(&value, bytes.data() + *at, sizeof value);
  *at += sizeof value;
  return value;
}

std::string PackResult(int64_t block, double seconds, const std::vector<std::string>& results) {
  std::string out;
  PutInt(block, &out);
  int64_t bits;
  std::memcpy(&bits, &seconds, sizeof bits);
  PutInt(bits, &out);
  PutInt(static_cast<int64_t>(results.size()), &out);
  for (const std::string& r : results) {
    PutInt(static_cast<int64_t>(r.size()), &out);
    out += r;
  }
  return out;
}

std::vector<std::string> UnpackResult(const std::string& bytes, int64_t* block, double* seconds) {
  size_t at = 0;
  *block = GetInt(bytes, &at);
  const int64_t bits = GetInt(bytes, &at);
  std::memcpy(seconds, &bits, sizeof bits);
  std::vector<std::string> results(GetInt(bytes, &at));
  for (std::string& r : results) {
    const int64_t size = GetInt(bytes, &at);
    SIM_CHECK(size >= 0 && at + size <= bytes.size(), "truncated MPI message");
    r.assign(bytes, at, size);
    at += size;
  }
  return results;
}

void PutText(const std::string& text, std::string* out) {
  PutInt(static_cast<int64_t>(text.size()), out);
  *out += text;
}
std::string GetText(const std::string& bytes, size_t* at) {
  const int64_t size = GetInt(bytes, at);
  SIM_CHECK(size >= 0 && *at + size <= bytes.size(), "truncated MPI message");
  std::string text = bytes.substr(*at, size);
  *at += size;
  return text;
}

// An error of another rank, as bytes: 'I' and the diagnostics of an InputError (so rank 0
// reports it exactly as one process would, exit 2), or 'E' and the text of any other.
std::string PackError(const std::exception& e) {
  std::string out;
  if (const auto* input = dynamic_cast<const InputError*>(&e)) {
    out = "I";
    PutInt(static_cast<int64_t>(input->diagnostics().size()), &out);
    for (const Diagnostic& d : input->diagnostics()) {
      PutText(d.location.file, &out);
      PutInt(d.location.line, &out);
      PutInt(d.location.column, &out);
      PutText(d.message, &out);
      PutText(d.hint, &out);
    }
    return out;
  }
  return "E" + std::string(e.what());
}

[[noreturn]] void ThrowError(const std::string& bytes, int rank) {
  if (!bytes.empty() && bytes[0] == 'I') {
    size_t at = 1;
    std::vector<Diagnostic> diagnostics(GetInt(bytes, &at));
    for (Diagnostic& d : diagnostics) {
      d.location.file = GetText(bytes, &at);
      d.location.line = static_cast<int>(GetInt(bytes, &at));
      d.location.column = static_cast<int>(GetInt(bytes, &at));
      d.message = GetText(bytes, &at);
      d.hint = GetText(bytes, &at);
    }
    throw InputError(std::move(diagnostics));
  }
  throw Error("rank " + std::to_string(rank) + " failed: " + bytes.substr(bytes.empty() ? 0 : 1));
}

std::string Receive(const MPI_Status& probed) {
  int count = 0;
  MPI_Get_count(&probed, MPI_BYTE, &count);
  std::string bytes(count, '\0');
  MPI_Recv(bytes.data(), count, MPI_BYTE, probed.MPI_SOURCE, probed.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return bytes;
}

// Sends without spinning: MPI_Send of a message above the eager limit waits for the receiver
// inside MPI, busy, which takes the CPU rank 0 needs to receive it on a loaded machine.
void Send(const std::string& bytes, int to, int tag) {
  MPI_Request request;
  MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD, &request);
  Backoff backoff(std::chrono::microseconds(200));
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    backoff.Idle();
  }
}

class MpiRunner final : public Runner {
 public:
  MpiRunner(const Work& work, const std::vector<char>& wanted, Progress progress)
      : work_(work), progress_(std::move(progress)), size_(ThisProcess().size) {
    for (const Block& b : Blocks(work.chunks, work.block)) {
      if (!wanted.empty() && !wanted[b.job]) continue;
      blocks_.push_back(b);
      total_ += b.last - b.first;
    }
    in_flight_.assign(size_, 0);
    stopped_.assign(size_, false);
    seconds_.assign(blocks_.size(), 0.0);
    busy_.assign(size_, 0.0);
    count_.assign(size_, 0);
  }

  ~MpiRunner() override {
    quit_ = true;
    if (local_.joinable()) local_.join();
    if (std::getenv("SIM_MPI_STATS") != nullptr) ReportStats();
  }

  std::vector<std::string> Collect(int64_t job) override {
    Start();
    // Rank 0 answers within 200 us (a block takes milliseconds; the others have more queued).
    Backoff backoff(std::chrono::microseconds(200));
    for (;;) {
      const bool received = Pump();
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (local_error_) std::rethrow_exception(local_error_);
        if (Complete(job)) {
          std::vector<std::string> out;
          for (auto it = results_.begin(); it != results_.end() && blocks_[it->first].job == job;) {
            for (std::string& r : it->second) out.push_back(std::move(r));
            it = results_.erase(it);
          }
          return out;
        }
      }
      if (received) {
        backoff.Reset();
      } else {
        backoff.Idle();
      }
    }
  }

 private:
  void Start() {
    if (started_) return;
    started_ = true;
    started_at_ = Clock::now();
    for (int d = 0; d < kDepth; ++d)
      for (int rank = 1; rank < size_; ++rank) Dispatch(rank);
    local_ = std::thread([this] { ComputeLocally(); });
  }

  int64_t Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    return next_ < static_cast<int64_t>(blocks_.size()) ? next_++ : -1;
  }

  // Sends `rank` its next block, or stop once the queue is empty and it has none left.
  void Dispatch(int rank) {
    const int64_t b = Take();
    if (b < 0) {
      if (in_flight_[rank] == 0 && !stopped_[rank]) {
        MPI_Send(nullptr, 0, MPI_BYTE, rank, kStop, MPI_COMM_WORLD);
        stopped_[rank] = true;
      }
      return;
    }
    const int64_t message[4] = {b, blocks_[b].job, blocks_[b].first, blocks_[b].last};
    MPI_Send(message, 4, MPI_INT64_T, rank, kBlock, MPI_COMM_WORLD);
    ++in_flight_[rank];
  }

  void ComputeLocally() {
    for (int64_t b; !quit_ && (b = Take()) >= 0;) {
      try {
        const auto start = Clock::now();
        std::vector<std::string> results = work_.compute(blocks_[b].job, blocks_[b].first, blocks_[b].last);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        std::lock_guard<std::mutex> lock(mutex_);
        Record(b, 0, seconds);
        results_[b] = std::move(results);
        local_done_ += blocks_[b].last - blocks_[b].first;
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        local_error_ = std::current_exception();
        return;
      }
    }
  }

  // Receives what has arrived; returns whether anything did.
  bool Pump() {
    bool any = false;
    for (;;) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
      if (!flag) break;
      any = true;
      const std::string bytes = Receive(status);
      const int from = status.MPI_SOURCE;
      if (status.MPI_TAG == kError) ThrowError(bytes, from);
      SIM_CHECK(status.MPI_TAG == kResult, "unexpected MPI message");
      int64_t b = -1;
      double seconds = 0;
      std::vector<std::string> results = UnpackResult(bytes, &b, &seconds);
      SIM_CHECK(b >= 0 && b < static_cast<int64_t>(blocks_.size()), "MPI result of an unknown block");
      Record(b, from, seconds);
      remote_done_ += blocks_[b].last - blocks_[b].first;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        results_[b] = std::move(results);
      }
      --in_flight_[from];
      Dispatch(from);
    }
    int64_t done;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done = local_done_ + remote_done_;
    }
    if (progress_ && done != reported_) {
      reported_ = done;
      progress_(done, total_);
    }
    return any;
  }

  // Whether every block of `job` has its result (mutex_ held). Blocks are in job order and
  // earlier jobs were collected already, so the job's blocks are the first in results_.
  bool Complete(int64_t job) {
    int64_t count = 0;
    for (auto it = results_.begin(); it != results_.end() && blocks_[it->first].job == job; ++it)
      ++count;
    const auto [lo, hi] = std::equal_range(blocks_.begin(), blocks_.end(), Block{job, 0, 0},
                                           [](const Block& a, const Block& b) { return a.job < b.job; });
    return count == hi - lo;
  }

  using Clock = std::chrono::steady_clock;

  // Block b ran on `rank` for `seconds` (compute only, for SIM_MPI_STATS).
  void Record(int64_t b, int rank, double seconds) {
    std::lock_guard<std::mutex> lock(stats_mutex_);
    seconds_[b] = seconds;
    busy_[rank] += seconds;
    ++count_[rank];
  }

  // SIM_MPI_STATS=1: on stderr, the load balance measured (busy time per rank) against the
  // makespan a static split (equal contiguous shares of the same blocks) would have had.
  void ReportStats() {
    std::lock_guard<std::mutex> lock(stats_mutex_);
    const double wall = std::chrono::duration<double>(Clock::now() - created_).count();
    double total = 0, dynamic = 0, static_split = 0;
    for (int r = 0; r < size_; ++r) dynamic = std::max(dynamic, busy_[r]);
    const size_t n = blocks_.size();
    for (int r = 0; r < size_; ++r) {
      double share = 0;
      for (size_t b = n * r / size_; b < n * (r + 1) / size_; ++b) share += seconds_[b];
      static_split = std::max(static_split, share);
    }
    for (double s : seconds_) total += s;
    std::fprintf(stderr, "mpi stats: %d ranks, %zu blocks (up to %lld chunks), %.3f s of compute, "
                 "run %.3f s\n", size_, n, static_cast<long long>(work_.block), total, wall);
    for (int r = 0; r < size_; ++r)
      std::fprintf(stderr, "mpi stats: rank %d: %d blocks, busy %.3f s\n", r, count_[r], busy_[r]);
    std::fprintf(stderr, "mpi stats: busiest rank %.3f s (ideal %.3f s); a static split would have "
                 "kept its busiest rank %.3f s\n", dynamic, total / size_, static_split);
    // Where rank 0's time went: MPI_Init, then the set-up before the queue starts (reading
    // the scenario, preparing the first point), then the queue until the last result.
    const auto seconds = [](Clock::time_point a, Clock::time_point b) {
      return std::chrono::duration<double>(b - a).count();
    };
    std::fprintf(stderr, "mpi stats: rank 0: MPI_Init %.3f s, then set-up %.3f s, then the queue %.3f s\n",
                 seconds(g_init_start, g_init_end), seconds(g_init_end, started_at_),
                 seconds(started_at_, Clock::now()));
  }

  const Work& work_;
  Progress progress_;
  const int size_;
  const Clock::time_point created_ = Clock::now();
  Clock::time_point started_at_ = created_;
  std::mutex stats_mutex_;
  std::vector<double> seconds_, busy_;
  std::vector<int> count_;
  std::vector<Block> blocks_;
  int64_t total_ = 0, remote_done_ = 0, reported_ = -1;
  std::vector<int> in_flight_;
  std::vector<char> stopped_;
  bool started_ = false;
  std::thread local_;
  std::atomic<bool> quit_{false};
  std::mutex mutex_;  // guards next_, results_, local_done_, local_error_
  int64_t next_ = 0, local_done_ = 0;
  std::map<int64_t, std::vector<std::string>> results_;  // by block index
  std::exception_ptr local_error_;
};

}  // namespace

bool MpiCompiledIn() { return true; }

Session::Session(int* argc, char*** argv) {
  if (!StartedByLauncher()) return;
  int provided = 0;
  g_init_start = std::chrono::steady_clock::now();
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  g_init_end = std::chrono::steady_clock::now();
  g_mpi = true;
  Place place;
  MPI_Comm_rank(MPI_COMM_WORLD, &place.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &place.size);
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &place.node_ranks);
  MPI_Comm_free(&node);
  internal::SetPlace(place);
}

Session::~Session() {
  if (g_mpi) MPI_Finalize();
}

int Session::Fail(int code, const char* message) {
  const Place place = ThisProcess();
  if (!g_mpi || place.size == 1) return code;
  if (!place.root()) {
    std::this_thread::sleep_for(std::chrono::seconds(kOrphanSeconds));
    std::cerr << "simulate: rank " << place.rank << ": " << message << std::endl;
  }
  std::cerr.flush();
  // mpiexec forwards each rank's stderr through a pipe; an abort right after the write can
  // kill the forwarder before the message is through (seen in CI: exit 2, empty stderr).
  // A short pause lets it drain: the run is ending anyway.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  MPI_Abort(MPI_COMM_WORLD, code);
  return code;
}

std::unique_ptr<Runner> internal::MakeMpiRunner(const Work& work, std::vector<char> wanted,
                                                Progress progress) {
  return std::make_unique<MpiRunner>(work, wanted, std::move(progress));
}

void internal::ServeMpi(const Work& work) {
  Backoff backoff(std::chrono::microseconds(1000));
  for (;;) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      backoff.Idle();
      continue;
    }
    backoff.Reset();
    if (status.MPI_TAG == kStop) {
      MPI_Recv(nullptr, 0, MPI_BYTE, 0, kStop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      return;
    }
    SIM_CHECK(status.MPI_TAG == kBlock, "unexpected MPI message");
    int64_t message[4];
    MPI_Recv(message, 4, MPI_INT64_T, 0, kBlock, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::string reply;
    int tag = kResult;
    try {
      const auto start = std::chrono::steady_clock::now();
      std::vector<std::string> results = work.compute(message[1], message[2], message[3]);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      reply = PackResult(message[0], seconds, results);
    } catch (const std::exception& e) {
      reply = PackError(e);
      tag = kError;
    }
    Send(reply, 0, tag);
    if (tag == kError) {
      // Rank 0 reports the error and aborts the run; wait for it.
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
}

}  // namespace sim::parallel
