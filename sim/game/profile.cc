// SPDX-License-Identifier: MIT
#include "sim/game/profile.h"

#include <algorithm>
#include <cmath>

#include "sim/core/error.h"

namespace sim {

MixedProfile MixedProfile::Pure(const NormalFormGame& game, const PureProfile& profile) {
  MixedProfile mixed;
  for (int p = 0; p < game.num_players(); ++p) {
    Eigen::VectorXd v = Eigen::VectorXd::Zero(game.num_strategies(p));
    v(profile[p]) = 1.0;
    mixed.strategies.push_back(std::move(v));
  }
  return mixed;
}

MixedProfile MixedProfile::Uniform(const NormalFormGame& game) {
  MixedProfile mixed;
  for (int p = 0; p < game.num_players(); ++p) {
    int n = game.num_strategies(p);
    mixed.strategies.push_back(Eigen::VectorXd::Constant(n, 1.0 / n));
  }
  return mixed;
}

bool MixedProfile::IsDistribution(double tolerance) const {
  for (const Eigen::VectorXd& v : strategies) {
    if (v.size() == 0 || v.minCoeff() < -tolerance) return false;
    if (std::abs(v.sum() - 1.0) > tolerance) return false;
  }
  return true;
}

bool MixedProfile::IsPure(double tolerance) const {
  for (const Eigen::VectorXd& v : strategies) {
    if (v.maxCoeff() < 1.0 - tolerance) return false;
  }
  return true;
}

PureProfile MixedProfile::ArgMax() const {
  PureProfile profile;
  for (const Eigen::VectorXd& v : strategies) {
    Eigen::Index best = 0;
    v.maxCoeff(&best);
    profile.push_back(static_cast<int>(best));
  }
  return profile;
}

namespace {

// Calls visit(profile_index, probability) for every profile with positive probability
// under `mixed`, skipping players' zero-probability strategies. The recursion runs over
// players from the last (slowest index) to the first.
template <typename Visit>
void ForEachSupportedProfile(const NormalFormGame& game, const MixedProfile& mixed,
                             int skip_player, Visit&& visit) {
  const int n = game.num_players();
  std::vector<int> strategy(n, 0);
  // Supports per player (the skipped player keeps only strategy 0, weight 1).
  std::vector<std::vector<int>> support(n);
  for (int p = 0; p < n; ++p) {
    if (p == skip_player) {
      support[p] = {0};
      continue;
    }
    for (int s = 0; s < game.num_strategies(p); ++s) {
      if (mixed.strategies[p](s) != 0.0) support[p].push_back(s);
    }
    if (support[p].empty()) return;
  }
  std::vector<size_t> cursor(n, 0);
  while (true) {
    int64_t index = 0;
    double probability = 1.0;
    for (int p = 0; p < n; ++p) {
      int s = support[p][cursor[p]];
      index += s * game.stride(p);
      if (p != skip_player) probability *= mixed.strategies[p](s);
    }
    visit(index, probability);
    int p = 0;
    while (p < n && ++cursor[p] == support[p].size()) cursor[p++] = 0;
    if (p == n) break;
  }
}

void CheckShape(const NormalFormGame& game, const MixedProfile& mixed) {
  SIM_CHECK(static_cast<int>(mixed.strategies.size()) == game.num_players(),
            "mixed profile has the wrong number of players");
  for (int p = 0; p < game.num_players(); ++p) {
    SIM_CHECK(mixed.strategies[p].size() == game.num_strategies(p),
              "mixed strategy has the wrong size");
  }
}

}  // namespace

Eigen::VectorXd ExpectedPayoffs(const NormalFormGame& game, const MixedProfile& mixed) {
  CheckShape(game, mixed);
  if (game.num_players() == 2) {
    // x' A y for each player, using the bimatrix view of the payoff columns.
    const int m = game.num_strategies(0), n = game.num_strategies(1);
    Eigen::VectorXd result(2);
    for (int p = 0; p < 2; ++p) {
      Eigen::Map<const Eigen::MatrixXd> matrix(game.payoffs().col(p).data(), m, n);
      result(p) = mixed.strategies[0].dot(matrix * mixed.strategies[1]);
    }
    return result;
  }
  Eigen::VectorXd result = Eigen::VectorXd::Zero(game.num_players());
  ForEachSupportedProfile(game, mixed, /*skip_player=*/-1, [&](int64_t index, double prob) {
    result += prob * game.payoffs().row(index).transpose();
  });
  return result;
}

Eigen::VectorXd DeviationPayoffs(const NormalFormGame& game, const MixedProfile& mixed,
                                 int player) {
  CheckShape(game, mixed);
  const int k = game.num_strategies(player);
  if (game.num_players() == 2) {
    const int m = game.num_strategies(0), n = game.num_strategies(1);
    Eigen::Map<const Eigen::MatrixXd> matrix(game.payoffs().col(player).data(), m, n);
    return player == 0 ? Eigen::VectorXd(matrix * mixed.strategies[1])
                       : Eigen::VectorXd(matrix.transpose() * mixed.strategies[0]);
  }
  Eigen::VectorXd result = Eigen::VectorXd::Zero(k);
  const int64_t stride = game.stride(player);
  ForEachSupportedProfile(game, mixed, player, [&](int64_t base, double prob) {
    for (int s = 0; s < k; ++s) result(s) += prob * game.payoff(base + s * stride, player);
  });
  return result;
}

double Regret(const NormalFormGame& game, const MixedProfile& mixed) {
  double regret = 0.0;
  for (int p = 0; p < game.num_players(); ++p) {
    Eigen::VectorXd deviation = DeviationPayoffs(game, mixed, p);
    double expected = deviation.dot(mixed.strategies[p]);
    regret = std::max(regret, deviation.maxCoeff() - expected);
  }
  return regret;
}

}  // namespace sim
