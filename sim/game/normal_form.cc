// SPDX-License-Identifier: MIT
#include "sim/game/normal_form.h"

#include <cmath>

#include "sim/core/error.h"

namespace sim {

int64_t CountProfiles(std::span<const int> shape, int64_t limit) {
  int64_t count = 1;
  for (int n : shape) {
    if (n <= 0) return 0;
    // count * n > limit, tested without overflowing.
    if (count > limit / n) return -1;
    count *= n;
  }
  return count <= limit ? count : -1;
}

NormalFormGame::NormalFormGame(std::vector<std::string> players,
                               std::vector<std::vector<std::string>> strategies,
                               std::string title)
    : title_(std::move(title)), players_(std::move(players)), strategies_(std::move(strategies)) {
  SIM_CHECK(!players_.empty(), "a game needs at least one player");
  SIM_CHECK(players_.size() == strategies_.size(), "one strategy list per player");
  shape_.reserve(players_.size());
  strides_.reserve(players_.size());
  int64_t stride = 1;
  for (const auto& list : strategies_) {
    SIM_CHECK(!list.empty(), "every player needs a strategy");
    strides_.push_back(stride);
    shape_.push_back(static_cast<int>(list.size()));
    SIM_CHECK(stride <= INT64_MAX / static_cast<int64_t>(list.size()), "too many profiles");
    stride *= static_cast<int64_t>(list.size());
  }
  num_profiles_ = stride;
  payoffs_ = Eigen::MatrixXd::Zero(num_profiles_, num_players());
}

int64_t NormalFormGame::ProfileIndex(std::span<const int> profile) const {
  SIM_CHECK(static_cast<int>(profile.size()) == num_players(), "profile size");
  int64_t index = 0;
  for (int p = 0; p < num_players(); ++p) {
    SIM_CHECK(profile[p] >= 0 && profile[p] < shape_[p], "strategy index out of range");
    index += profile[p] * strides_[p];
  }
  return index;
}

PureProfile NormalFormGame::ProfileAt(int64_t index) const {
  SIM_CHECK(index >= 0 && index < num_profiles_, "profile index out of range");
  PureProfile profile(num_players());
  for (int p = 0; p < num_players(); ++p) {
    profile[p] = static_cast<int>(index % shape_[p]);
    index /= shape_[p];
  }
  return profile;
}

void NormalFormGame::set_payoff(int64_t profile, int player, double value) {
  payoffs_(profile, player) = value;
  if (!exact_.empty()) exact_[player * num_profiles_ + profile] = RationalFromDouble(value);
}

Rational NormalFormGame::exact_payoff(int64_t profile, int player) const {
  const double value = payoffs_(profile, player);
  if (!exact_.empty()) {
    const Rational& exact = exact_[player * num_profiles_ + profile];
    if (RationalToDouble(exact) == value) return exact;
  }
  return RationalFromDouble(value);
}

void NormalFormGame::set_exact_payoff(int64_t profile, int player, const Rational& value) {
  const double nearest = RationalToDouble(value);
  payoffs_(profile, player) = nearest;
  // Integers below 2^53 (and other dyadic values) are their double exactly: no storage.
  const bool representable =
      (value.get_den() == 1 && mpz_fits_slong_p(value.get_num_mpz_t()) &&
       std::abs(value.get_num().get_si()) <= (int64_t{1} << 53)) ||
      RationalFromDouble(nearest) == value;
  if (exact_.empty()) {
    if (representable) return;
    exact_.resize(static_cast<size_t>(num_profiles_) * players_.size());
    for (int p = 0; p < num_players(); ++p) {
      for (int64_t i = 0; i < num_profiles_; ++i) {
        // Rational() is already 0: convert only the nonzero doubles.
        if (payoffs_(i, p) != 0.0) exact_[p * num_profiles_ + i] = RationalFromDouble(payoffs_(i, p));
      }
    }
  }
  exact_[player * num_profiles_ + profile] = value;
}

Eigen::MatrixXd NormalFormGame::PayoffMatrix(int player) const {
  SIM_CHECK(num_players() == 2, "PayoffMatrix needs a 2-player game");
  // Column-major storage with player 0 fastest is exactly the m x n bimatrix.
  return Eigen::Map<const Eigen::MatrixXd>(payoffs_.col(player).data(), shape_[0], shape_[1]);
}

GameTraits NormalFormGame::traits() const {
  GameTraits traits;
  traits.num_players = num_players();
  traits.sequential = false;
  traits.perfect_information = false;
  traits.has_chance = false;
  for (int p = 0; p < num_players(); ++p) traits.num_strategies.push_back(num_strategies(p));
  if (num_profiles_ > 0) {
    Eigen::VectorXd totals = payoffs_.rowwise().sum();
    double scale = std::max(1.0, payoffs_.cwiseAbs().maxCoeff());
    traits.constant_sum = (totals.array() - totals(0)).abs().maxCoeff() <= 1e-12 * scale;
  }
  return traits;
}

}  // namespace sim
