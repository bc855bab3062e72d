// SPDX-License-Identifier: MIT
#include "sim/model/rounds_play.h"

#include <algorithm>
#include <map>

namespace sim::model {

RoundsPlay DescribeRounds(const DerivedTree& derived, const BehaviourProfile& behaviour,
                          const std::vector<double>& reach) {
  const GameTree& tree = derived.tree;
  const RoundsLayout& layout = derived.rounds;
  RoundsPlay play;
  for (int set = 0; set < tree.num_infosets(); ++set) {
    const InfoSet& info = tree.infoset(set);
    if (info.player == kChancePlayer || info.nodes.empty()) continue;
    double mass = 0.0;
    for (size_t n : info.nodes) mass += reach[n];
    if (mass <= 0.0) continue;
    const size_t first = info.nodes.front();
    RoundAction row;
    row.round = layout.round[first] + 1;
    row.history = layout.history[first];
    // The moves of this round the mover has seen: those its set's nodes agree on.
    const std::string& partial = layout.partial[first];
    const bool seen = std::all_of(info.nodes.begin(), info.nodes.end(),
                                  [&](size_t n) { return layout.partial[n] == partial; });
    if (seen && !partial.empty()) row.history += (row.history.empty() ? "" : "|") + partial;
    row.player = info.player;
    row.actor = layout.player_actor[info.player];
    row.type = layout.type_profiles[layout.type_profile[first]][row.actor];
    row.actions = info.actions;
    const Eigen::VectorXd& p = behaviour.actions[set];
    row.probabilities.assign(p.data(), p.data() + p.size());
    play.actions.push_back(std::move(row));
  }
  std::stable_sort(play.actions.begin(), play.actions.end(),
                   [](const RoundAction& a, const RoundAction& b) { return a.round < b.round; });
  // Public beliefs at the start of each round: the reach of each type profile's copy.
  struct Key {
    int round;
    std::string history;
    bool operator<(const Key& o) const {
      return round != o.round ? round < o.round : history < o.history;
    }
  };
  std::map<Key, std::vector<double>> mass;  // per (round, history): reach per type profile
  const size_t profiles = layout.type_profiles.size();
  std::vector<Key> order;
  for (GameTree::Node start : layout.round_starts) {
    if (reach[start] <= 0.0) continue;
    Key key{layout.round[start] + 1, layout.history[start]};
    auto [it, fresh] = mass.try_emplace(key, std::vector<double>(profiles, 0.0));
    if (fresh) order.push_back(key);
    it->second[layout.type_profile[start]] += reach[start];
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Key& a, const Key& b) { return a.round < b.round; });
  for (const Key& key : order) {
    const std::vector<double>& m = mass[key];
    double total = 0.0;
    for (double v : m) total += v;
    for (size_t a = 0; a < layout.type_names.size(); ++a) {
      for (size_t t = 0; t < layout.type_names[a].size(); ++t) {
        double sum = 0.0;
        for (size_t p = 0; p < profiles; ++p) {
          if (layout.type_profiles[p][a] == static_cast<int>(t)) sum += m[p];
        }
        play.beliefs.push_back({key.round, key.history, static_cast<int>(a), static_cast<int>(t),
                                sum / total});
      }
    }
  }
  return play;
}

}  // namespace sim::model
