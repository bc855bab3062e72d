// SPDX-License-Identifier: MIT
// Private: Lemke's algorithm for large sparse LCPs  w = M z + q >= 0, z >= 0, w.z = 0, in
// revised form: the basis is kept as a sparse LU factorisation (Eigen::SparseLU) with
// product-form (eta) updates between refactorisations, so a pivot costs a sparse solve and
// O(dimension), never the O(dimension^2) of a dense basis inverse. Degeneracy (the sequence
// form's q has two non-zeros) is resolved by a fixed pseudo-random perturbation of q, small
// enough not to change which basis ends the path in generic cases; the end basis is then
// re-solved with the unperturbed q. The caller certifies the result exactly: nothing here is
// trusted beyond "a complementary basis that floating point says is feasible".
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace sim::solve::detail {

struct SparseLcpInput {
  int dim = 0;
  const std::vector<std::vector<std::pair<int, double>>>* neg_m = nullptr;  // columns of -M
  const std::vector<double>* q = nullptr;
  const std::vector<double>* d = nullptr;  // covering vector, > 0
  // Per row, the sign of its perturbation (+1 when null): the sequence form's constraint
  // rows get -1, so that every information set carries a little mass on the path.
  const std::vector<double>* perturb_sign = nullptr;
  // Optional: called with a candidate z near the end of the path (z0 small; the basis with z0
  // swapped for the entering variable, on the unperturbed q); true ends the path there. The
  // caller certifies the candidate exactly, so a wrong candidate only costs the check.
  std::function<bool(const std::vector<double>& z)> accept;
};

struct SparseLemkeResult {
  bool solved = false;      // z0 left the basis
  std::string why;          // when not solved: a ray, a singular basis, the pivot budget
  int64_t pivots = 0;
  std::vector<double> z;    // z at the end basis (unperturbed q), when solved
  std::vector<int> basis;   // the end basis: variable per row (w_i = i, z_j = dim + j)
};

SparseLemkeResult RunSparseLemke(const SparseLcpInput& lcp, int64_t max_pivots);

}  // namespace sim::solve::detail
