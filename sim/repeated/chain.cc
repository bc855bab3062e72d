// SPDX-License-Identifier: MIT
// The Markov chain of one profile of automata, and what is computed over it: values,
// one-shot deviation gains, the critical discount, Monte Carlo play.
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "sim/core/error.h"
#include "sim/montecarlo/random.h"
#include "sim/repeated/repeated.h"

namespace sim::repeated {
namespace {

// Probability that a player intending `intended` plays `move`, trembling with `u` over `m`
// moves: (1 - u) [move = intended] + u / m.
double Tremble(double u, int m, int move, int intended) {
  return (move == intended ? 1.0 - u : 0.0) + u / m;
}

class Chain {
 public:
  Chain(const RepeatedGame& game, std::span<const int> profile)
      : game_(game), n_(game.stage.num_players()), A_(game.stage.num_profiles()) {
    SIM_CHECK(static_cast<int>(profile.size()) == n_, "one strategy per player");
    for (int i = 0; i < n_; ++i) automata_.push_back(&game.automata[profile[i]][i]);
    moves_.resize(static_cast<size_t>(A_));
    for (int64_t a = 0; a < A_; ++a) moves_[a] = game.stage.ProfileAt(a);
    Explore();
    Weigh();
  }

  int num_states() const { return static_cast<int>(joint_.size()); }

  // Normalised values at every joint state: (I - delta P) V = (1 - delta) R.
  Eigen::MatrixXd Values(double delta) const {
    const int J = num_states();
    Eigen::MatrixXd M = Eigen::MatrixXd::Identity(J, J) - delta * P_;
    return Eigen::PartialPivLU<Eigen::MatrixXd>(M).solve((1.0 - delta) * R_);
  }

  // The largest normalised one-shot deviation gain max_{j,i,b} Q_i(j, b) - V_i(j).
  double MaxGain(double delta, const Eigen::MatrixXd& V) const {
    double worst = -std::numeric_limits<double>::infinity();
    std::vector<double> others(static_cast<size_t>(A_)), w(static_cast<size_t>(A_));
    for (int j = 0; j < num_states(); ++j) {
      for (int i = 0; i < n_; ++i) {
        const int m_i = game_.stage.num_strategies(i);
        const double u_i = game_.unpredictability[i];
        for (int64_t a = 0; a < A_; ++a) {
          double p = 1.0;
          for (int k = 0; k < n_ && p > 0; ++k) {
            if (k == i) continue;
            p *= Tremble(game_.unpredictability[k], game_.stage.num_strategies(k), moves_[a][k],
                         intended_[j][k]);
          }
          others[a] = p;
          if (p == 0) continue;
          double next = 0;
          for (int e = offset_[j * A_ + a]; e < offset_[j * A_ + a + 1]; ++e)
            next += entries_[e].probability * V(entries_[e].state, i);
          w[a] = (1.0 - delta) * game_.stage.payoff(a, i) + delta * next;
        }
        for (int b = 0; b < m_i; ++b) {
          if (b == intended_[j][i]) continue;
          double q = 0;
          for (int64_t a = 0; a < A_; ++a) {
            if (others[a] == 0) continue;
            q += others[a] * Tremble(u_i, m_i, moves_[a][i], b) * w[a];
          }
          worst = std::max(worst, q - V(j, i));
        }
      }
    }
    return worst;
  }

  const RepeatedGame& game() const { return game_; }

 private:
  // Breadth-first search of the joint states reachable after some history, recording the
  // transitions of every (state, observed profile).
  void Explore() {
    std::vector<int64_t> radix(n_);
    int64_t size = 1;
    for (int i = 0; i < n_; ++i) {
      radix[i] = size;
      const int s = automata_[i]->num_states();
      if (size > (int64_t{1} << 53) / s) throw Error("the joint automaton state space is too large");
      size *= s;
    }
    std::unordered_map<int64_t, int> index;
    auto intern = [&](const std::vector<int>& states) {
      int64_t code = 0;
      for (int i = 0; i < n_; ++i) code += states[i] * radix[i];
      auto [it, inserted] = index.emplace(code, static_cast<int>(joint_.size()));
      if (inserted) {
        if (static_cast<int>(joint_.size()) >= kMaxJointStates) {
          throw Error("more than " + std::to_string(kMaxJointStates) +
                      " joint automaton states are reachable; use smaller automata");
        }
        joint_.push_back(states);
        std::vector<int> intended(n_);
        for (int i = 0; i < n_; ++i) intended[i] = automata_[i]->move[states[i]];
        intended_.push_back(std::move(intended));
      }
      return it->second;
    };
    std::vector<int> start(n_);
    for (int i = 0; i < n_; ++i) start[i] = automata_[i]->start;
    intern(start);
    offset_.push_back(0);
    std::vector<int> pick(n_), next(n_);
    for (size_t j = 0; j < joint_.size(); ++j) {
      for (int64_t a = 0; a < A_; ++a) {
        // The product of the players' next-state distributions (an odometer over branches).
        std::fill(pick.begin(), pick.end(), 0);
        while (true) {
          double p = 1.0;
          for (int i = 0; i < n_; ++i) {
            const Branch& b = automata_[i]->Next(joint_[j][i], a)[pick[i]];
            next[i] = b.state;
            p *= b.probability;
          }
          if (p > 0) entries_.push_back({intern(next), p});
          int i = 0;
          while (i < n_ && ++pick[i] == static_cast<int>(automata_[i]->Next(joint_[j][i], a).size()))
            pick[i++] = 0;
          if (i == n_) break;
        }
        offset_.push_back(static_cast<int>(entries_.size()));
      }
    }
  }

  // P(j, j') and R(j, i) under the intended moves, trembles included.
  void Weigh() {
    const int J = num_states();
    P_ = Eigen::MatrixXd::Zero(J, J);
    R_ = Eigen::MatrixXd::Zero(J, n_);
    for (int j = 0; j < J; ++j) {
      for (int64_t a = 0; a < A_; ++a) {
        double p = 1.0;
        for (int k = 0; k < n_ && p > 0; ++k)
          p *= Tremble(game_.unpredictability[k], game_.stage.num_strategies(k), moves_[a][k],
                       intended_[j][k]);
        if (p == 0) continue;
        for (int i = 0; i < n_; ++i) R_(j, i) += p * game_.stage.payoff(a, i);
        for (int e = offset_[j * A_ + a]; e < offset_[j * A_ + a + 1]; ++e)
          P_(j, entries_[e].state) += p * entries_[e].probability;
      }
    }
  }

  const RepeatedGame& game_;
  int n_;
  int64_t A_;
  std::vector<const Automaton*> automata_;
  std::vector<PureProfile> moves_;         // [profile][player]
  std::vector<std::vector<int>> joint_;    // [joint state][player]: automaton state
  std::vector<std::vector<int>> intended_;  // [joint state][player]: intended move
  std::vector<int> offset_;                // transitions of (j, a): entries_[offset_[j A + a] ..)
  std::vector<Branch> entries_;
  Eigen::MatrixXd P_, R_;
};

double PayoffRange(const NormalFormGame& stage) {
  const double range = stage.payoffs().maxCoeff() - stage.payoffs().minCoeff();
  return range > 0 ? range : 1.0;
}

std::vector<double> StartValues(const Eigen::MatrixXd& V) {
  std::vector<double> values(static_cast<size_t>(V.cols()));
  for (int i = 0; i < V.cols(); ++i) values[i] = V(0, i);  // joint state 0 is the start
  return values;
}

}  // namespace

std::vector<double> PairValues(const RepeatedGame& game, std::span<const int> profile,
                               double discount) {
  return StartValues(Chain(game, profile).Values(discount));
}

PairAnalysis AnalysePair(const RepeatedGame& game, std::span<const int> profile,
                         const AnalysisOptions& options) {
  SIM_CHECK(options.discount >= 0 && options.discount < 1, "discount in [0, 1)");
  const Chain chain(game, profile);
  // The solve's rounding grows like cond(I - delta P) ~ 1 / (1 - delta), but mostly along
  // the constant vector (the near-null direction of I - P), which shifts V and every Q
  // alike; the gains Q - V keep an error near machine precision times R.
  const double range = PayoffRange(game.stage);
  auto threshold = [&](double) { return options.tolerance * range; };
  auto holds = [&](double delta) {
    return chain.MaxGain(delta, chain.Values(delta)) <= threshold(delta);
  };

  PairAnalysis result;
  result.profile.assign(profile.begin(), profile.end());
  result.joint_states = chain.num_states();
  const Eigen::MatrixXd V = chain.Values(options.discount);
  result.values = StartValues(V);
  result.max_gain = std::max(0.0, chain.MaxGain(options.discount, V));
  result.equilibrium = result.max_gain <= threshold(options.discount);
  if (!options.critical) return result;

  std::vector<double> grid;
  for (int k = 0; k < options.scan_points; ++k)
    grid.push_back(static_cast<double>(k) / options.scan_points);
  for (int p = 3; p <= 6; ++p) grid.push_back(1.0 - std::pow(10.0, -p));
  grid.push_back(options.discount);
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  for (size_t k = 0; k < grid.size(); ++k) {
    if (!holds(grid[k])) continue;
    if (k == 0) {
      result.critical_discount = grid[0];
      break;
    }
    // holds(hi), not holds(lo): bisect to the boundary, keeping the side where it holds.
    double lo = grid[k - 1], hi = grid[k];
    for (int b = 0; b < options.bisections && hi - lo > 1e-15; ++b) {
      const double mid = 0.5 * (lo + hi);
      (holds(mid) ? hi : lo) = mid;
    }
    result.critical_discount = hi;
    break;
  }
  return result;
}

std::vector<PairAnalysis> AnalyseAll(const RepeatedGame& game, const AnalysisOptions& options) {
  const int n = game.stage.num_players();
  const int S = game.num_strategies();
  std::vector<PairAnalysis> rows;
  std::vector<int> profile(n, 0);
  while (true) {
    rows.push_back(AnalysePair(game, profile, options));
    int i = 0;
    while (i < n && ++profile[i] == S) profile[i++] = 0;
    if (i == n) break;
  }
  return rows;
}

std::vector<TournamentRow> Tournament(const RepeatedGame& game,
                                      const std::vector<PairAnalysis>& rows) {
  const int S = game.num_strategies();
  std::vector<double> sum(S, 0.0);
  std::vector<int> count(S, 0);
  for (const PairAnalysis& row : rows) {
    for (size_t i = 0; i < row.profile.size(); ++i) {
      sum[row.profile[i]] += row.values[i];
      ++count[row.profile[i]];
    }
  }
  std::vector<TournamentRow> table(S);
  for (int s = 0; s < S; ++s) table[s] = {s, count[s] > 0 ? sum[s] / count[s] : 0.0, 0};
  std::stable_sort(table.begin(), table.end(),
                   [](const TournamentRow& a, const TournamentRow& b) { return a.score > b.score; });
  for (size_t k = 0; k < table.size(); ++k) {
    const bool tie = k > 0 && std::abs(table[k].score - table[k - 1].score) <=
                                  1e-12 * std::max(1.0, std::abs(table[k].score));
    table[k].rank = tie ? table[k - 1].rank : static_cast<int>(k) + 1;
  }
  return table;
}

int TruncationRounds(double discount) {
  if (discount <= 0) return 1;
  const double rounds = std::ceil(std::log(1e-12) / std::log(discount));
  return static_cast<int>(std::clamp(rounds, 1.0, 1e7));
}

SimulatedValues SimulatePair(const RepeatedGame& game, std::span<const int> profile,
                             double discount, int64_t plays, uint64_t seed, uint64_t slot) {
  const NormalFormGame& stage = game.stage;
  const int n = stage.num_players();
  std::vector<const Automaton*> automata;
  for (int i = 0; i < n; ++i) automata.push_back(&game.automata[profile[i]][i]);
  SimulatedValues result;
  result.plays = plays;
  result.rounds = TruncationRounds(discount);
  std::vector<double> mean(n, 0.0), m2(n, 0.0), value(n);
  std::vector<int> state(n);
  for (int64_t k = 0; k < plays; ++k) {
    montecarlo::Stream rng(seed, static_cast<uint64_t>(k), slot);
    for (int i = 0; i < n; ++i) state[i] = automata[i]->start;
    std::fill(value.begin(), value.end(), 0.0);
    double weight = 1.0 - discount;
    for (int t = 0; t < result.rounds; ++t) {
      int64_t a = 0;
      for (int i = 0; i < n; ++i) {
        int move = automata[i]->move[state[i]];
        const double u = game.unpredictability[i];
        if (u > 0 && rng.Uniform() < u) move = rng.Below(stage.num_strategies(i));
        a += move * stage.stride(i);
      }
      for (int i = 0; i < n; ++i) value[i] += weight * stage.payoff(a, i);
      weight *= discount;
      for (int i = 0; i < n; ++i) {
        const std::vector<Branch>& branches = automata[i]->Next(state[i], a);
        size_t pick = 0;
        if (branches.size() > 1) {
          double r = rng.Uniform();
          while (pick + 1 < branches.size() && r >= branches[pick].probability)
            r -= branches[pick++].probability;
        }
        state[i] = branches[pick].state;
      }
    }
    // Welford's running mean and sum of squared deviations.
    for (int i = 0; i < n; ++i) {
      const double d = value[i] - mean[i];
      mean[i] += d / static_cast<double>(k + 1);
      m2[i] += d * (value[i] - mean[i]);
    }
  }
  result.mean = mean;
  result.std_error.resize(n);
  for (int i = 0; i < n; ++i) {
    result.std_error[i] =
        plays > 1 ? std::sqrt(m2[i] / static_cast<double>(plays - 1) / static_cast<double>(plays))
                  : 0.0;
  }
  return result;
}

}  // namespace sim::repeated
