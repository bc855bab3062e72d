// SPDX-License-Identifier: MIT
#include "sim/solve/exact_check.h"

#include "sim/core/error.h"

namespace sim::solve {

ExactCheck CheckExactly(const NormalFormGame& game, const ExactProfile& profile) {
  const int n = game.num_players();
  SIM_CHECK(static_cast<int>(profile.size()) == n, "exact profile has the wrong player count");
  ExactCheck check;
  check.is_distribution = true;
  std::vector<std::vector<int>> support(n);
  for (int p = 0; p < n; ++p) {
    SIM_CHECK(static_cast<int>(profile[p].size()) == game.num_strategies(p),
              "exact strategy has the wrong size");
    Rational total = 0;
    for (int s = 0; s < game.num_strategies(p); ++s) {
      const Rational& q = profile[p][s];
      if (sgn(q) < 0) check.is_distribution = false;
      if (sgn(q) != 0) support[p].push_back(s);
      total += q;
    }
    if (total != 1) check.is_distribution = false;
  }
  check.payoffs.assign(n, Rational(0));
  check.regret = 0;
  if (!check.is_distribution) return check;

  // For each player p: deviation[s] = sum over the others' supported profiles of
  // (product of their probabilities) * u_p(s, others).
  for (int p = 0; p < n; ++p) {
    const int k = game.num_strategies(p);
    std::vector<Rational> deviation(k, Rational(0));
    std::vector<size_t> cursor(n, 0);
    Rational weight;
    while (true) {
      int64_t base = 0;
      weight = 1;
      for (int q = 0; q < n; ++q) {
        if (q == p) continue;
        const int s = support[q][cursor[q]];
        base += s * game.stride(q);
        weight *= profile[q][s];
      }
      for (int s = 0; s < k; ++s) {
        deviation[s] += weight * game.exact_payoff(base + s * game.stride(p), p);
      }
      int q = 0;
      for (; q < n; ++q) {
        if (q == p) continue;
        if (++cursor[q] < support[q].size()) break;
        cursor[q] = 0;
      }
      if (q == n) break;
    }
    Rational expected = 0, best = deviation[0];
    for (int s = 0; s < k; ++s) {
      expected += profile[p][s] * deviation[s];
      if (deviation[s] > best) best = deviation[s];
    }
    check.payoffs[p] = expected;
    if (best - expected > check.regret) check.regret = best - expected;
  }
  check.is_equilibrium = sgn(check.regret) == 0;
  return check;
}

MixedProfile ToMixedProfile(const ExactProfile& profile) {
  MixedProfile mixed;
  for (const std::vector<Rational>& v : profile) {
    Eigen::VectorXd d(static_cast<Eigen::Index>(v.size()));
    for (size_t s = 0; s < v.size(); ++s) d(static_cast<Eigen::Index>(s)) = RationalToDouble(v[s]);
    mixed.strategies.push_back(std::move(d));
  }
  return mixed;
}

std::vector<Rational> Normalise(std::vector<Rational> weights) {
  Rational total = 0;
  for (const Rational& w : weights) total += w;
  if (sgn(total) == 0) return weights;
  for (Rational& w : weights) w /= total;
  return weights;
}

}  // namespace sim::solve
