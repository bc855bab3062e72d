// SPDX-License-Identifier: MIT
// Private: the saved tableaus of the vertex enumeration's depth-first search, one per depth.
// The search is deep (thousands of levels on 12 x 12 games), so the snapshots take tens of
// megabytes. Measured on random 12 x 12 games: with one heap vector per snapshot a third of
// the enumeration's CPU time went to first-touch page faults (12,000 per game) and TLB
// misses. For machine integers the snapshots therefore live in one flat buffer of
// transparent huge pages (mmap + madvise(MADV_HUGEPAGE), grown by mremap), which cut the
// faults sixfold and the CPU time in half; GMP integers (mpz_class, not trivially
// copyable) keep one IntegerTableau::State per level.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

#include "sim/solve/tableau.h"

namespace sim::solve::detail {

// Anonymous memory that asks for huge pages; contents kept when it grows.
class HugePageBuffer {
 public:
  HugePageBuffer() = default;
  HugePageBuffer(const HugePageBuffer&) = delete;
  HugePageBuffer& operator=(const HugePageBuffer&) = delete;
  HugePageBuffer(HugePageBuffer&& o) noexcept : data_(o.data_), size_(o.size_) {
    o.data_ = nullptr;
    o.size_ = 0;
  }
  ~HugePageBuffer() {
    if (data_ != nullptr) munmap(data_, size_);
  }

  std::byte* data() const { return static_cast<std::byte*>(data_); }
  size_t size() const { return size_; }

  // Makes at least `bytes` available (doubling, in multiples of 2 MiB). Throws bad_alloc.
  void Reserve(size_t bytes) {
    if (bytes <= size_) return;
    constexpr size_t kHugePage = size_t{2} << 20;
    size_t size = size_ == 0 ? kHugePage : size_;
    while (size < bytes) size *= 2;
    void* p = data_ == nullptr ? mmap(nullptr, size, PROT_READ | PROT_WRITE,
                                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                               : mremap(data_, size_, size, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, size, MADV_HUGEPAGE);  // a hint: without THP the buffer still works
    data_ = p;
    size_ = size;
  }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Snapshots of an IntegerTableau<T> by depth: Save(tab, i) overwrites level i (levels
// above i are dropped), Restore(tab, i) brings level i back.
template <typename T, bool kFlat = std::is_trivially_copyable_v<T>>
class SnapshotStack;

// Machine integers: level i at bytes [i * stride, (i + 1) * stride) of one buffer, holding
// the tableau's State fields back to back (T's first, for alignment).
template <typename T>
class SnapshotStack<T, true> {
 public:
  SnapshotStack() = default;

  // The levels of `o` (a narrower kind), widened.
  template <typename U>
  explicit SnapshotStack(const SnapshotStack<U>& o) {
    typename IntegerTableau<U>::State narrow;
    for (size_t i = 0; i < o.levels(); ++i) {
      o.Load(i, &narrow);
      Store(i, IntegerTableau<T>::template WidenState<U>(narrow));
    }
  }

  size_t levels() const { return levels_; }
  size_t bytes() const { return buffer_.size(); }

  void Save(const IntegerTableau<T>& tab, size_t level) {
    tab.Save(&scratch_);  // reuses scratch_'s storage; keeps one definition of a state
    Store(level, scratch_);
  }
  void Restore(IntegerTableau<T>& tab, size_t level) const {
    Load(level, &scratch_);
    tab.Restore(scratch_);
  }

  void Load(size_t level, typename IntegerTableau<T>::State* s) const {
    const std::byte* p = buffer_.data() + level * stride_;
    s->t.resize(t_size_);
    std::memcpy(s->t.data(), p, t_size_ * sizeof(T));
    p += t_size_ * sizeof(T);
    std::memcpy(&s->det, p, sizeof(T));
    p += sizeof(T);
    for (std::vector<int>* v : {&s->basis, &s->row_of, &s->slot_of}) {
      const size_t n = v == &s->basis ? basis_size_ : vars_size_;
      v->resize(n);
      std::memcpy(v->data(), p, n * sizeof(int));
      p += n * sizeof(int);
    }
  }

 private:
  void Store(size_t level, const typename IntegerTableau<T>::State& s) {
    if (stride_ == 0) {
      t_size_ = s.t.size();
      basis_size_ = s.basis.size();
      vars_size_ = s.row_of.size();
      const size_t bytes = (t_size_ + 1) * sizeof(T) + (basis_size_ + 2 * vars_size_) * sizeof(int);
      stride_ = (bytes + alignof(T) - 1) / alignof(T) * alignof(T);
    }
    buffer_.Reserve((level + 1) * stride_);
    std::byte* p = buffer_.data() + level * stride_;
    std::memcpy(p, s.t.data(), t_size_ * sizeof(T));
    p += t_size_ * sizeof(T);
    std::memcpy(p, &s.det, sizeof(T));
    p += sizeof(T);
    for (const std::vector<int>* v : {&s.basis, &s.row_of, &s.slot_of}) {
      std::memcpy(p, v->data(), v->size() * sizeof(int));
      p += v->size() * sizeof(int);
    }
    levels_ = level + 1;
  }

  HugePageBuffer buffer_;
  size_t stride_ = 0, t_size_ = 0, basis_size_ = 0, vars_size_ = 0, levels_ = 0;
  mutable typename IntegerTableau<T>::State scratch_;
};

// GMP integers: one State per level.
template <typename T>
class SnapshotStack<T, false> {
 public:
  SnapshotStack() = default;

  template <typename U>
  explicit SnapshotStack(const SnapshotStack<U>& o) {
    typename IntegerTableau<U>::State narrow;
    levels_.reserve(o.levels());
    for (size_t i = 0; i < o.levels(); ++i) {
      o.Load(i, &narrow);
      levels_.push_back(IntegerTableau<T>::template WidenState<U>(narrow));
    }
  }

  size_t levels() const { return levels_.size(); }
  // Estimated: the words of each level's tableau at their current width.
  size_t bytes() const {
    size_t total = levels_.capacity() * sizeof(typename IntegerTableau<T>::State);
    for (const auto& s : levels_) {
      total += s.t.capacity() * sizeof(T) + (s.basis.capacity() + 2 * s.row_of.capacity()) * sizeof(int);
      if (!s.t.empty()) total += s.t.size() * mpz_size(s.t[0].get_mpz_t()) * sizeof(mp_limb_t);
    }
    return total;
  }
  void Save(const IntegerTableau<T>& tab, size_t level) {
    if (levels_.size() <= level) levels_.resize(level + 1);
    tab.Save(&levels_[level]);
  }
  void Restore(IntegerTableau<T>& tab, size_t level) const { tab.Restore(levels_[level]); }
  void Load(size_t level, typename IntegerTableau<T>::State* s) const { *s = levels_[level]; }

 private:
  std::vector<typename IntegerTableau<T>::State> levels_;
};

}  // namespace sim::solve::detail
