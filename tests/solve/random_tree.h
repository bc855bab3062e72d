// SPDX-License-Identifier: MIT
// Random 2-player game trees with chance and information sets, perfect recall, for property
// tests of the sequence-form solvers.
#pragma once

#include <map>
#include <random>
#include <string>
#include <vector>

#include "sim/core/rational.h"
#include "sim/game/tree.h"

namespace sim::solve {

// A random 2-player tree with perfect recall: every move is seen by its mover and, with
// probability 1/2, by the other player; a player's information set is what it has seen.
struct RandomTreeBuilder {
  int pay_range = 3;  // payoffs uniform in -pay_range..pay_range
  std::mt19937 rng;
  GameTree tree{{"P1", "P2"}};
  std::map<std::pair<int, std::string>, int> sets;
  int count = 0;

  explicit RandomTreeBuilder(unsigned seed) : rng(seed) {}

  GameTree::Node Build(int depth, std::string seen0, std::string seen1) {
    std::uniform_int_distribution<int> coin(0, 99);
    const std::string name = "n" + std::to_string(count++);
    if (depth == 0 || (depth < 3 && coin(rng) < 15)) {
      std::uniform_int_distribution<int> pay(-pay_range, pay_range);
      return tree.AddTerminal(name, {static_cast<double>(pay(rng)), static_cast<double>(pay(rng))});
    }
    if (coin(rng) < 20) {
      static const std::vector<std::vector<Rational>> kChance = {
          {Rational(1, 2), Rational(1, 2)},
          {Rational(1, 3), Rational(2, 3)},
          {Rational(1, 3), Rational(1, 3), Rational(1, 3)}};
      const std::vector<Rational>& probs = kChance[coin(rng) % 3];
      std::vector<std::string> actions;
      std::vector<Probability> p;
      for (size_t a = 0; a < probs.size(); ++a) {
        actions.push_back("c" + std::to_string(a));
        p.push_back(Probability::Exact(probs[a]));
      }
      const GameTree::Node n = tree.AddChance(name, actions, p);
      const bool see0 = coin(rng) < 60, see1 = coin(rng) < 60;
      for (size_t a = 0; a < probs.size(); ++a) {
        const std::string m = "|" + name + actions[a];
        tree.AddMove(n, static_cast<int>(a), Build(depth - 1, see0 ? seen0 + m : seen0 + "|?",
                                                   see1 ? seen1 + m : seen1 + "|?"));
      }
      return n;
    }
    const int player = coin(rng) % 2;
    const std::string& key = player == 0 ? seen0 : seen1;
    const int k = 2 + static_cast<int>(std::hash<std::string>{}(key) % 2);
    auto [it, fresh] = sets.try_emplace({player, key}, -1);
    if (fresh) {
      std::vector<std::string> actions;
      for (int a = 0; a < k; ++a) actions.push_back("a" + std::to_string(a));
      it->second = tree.AddInfoSet(player, actions, "h" + std::to_string(sets.size()));
    }
    const GameTree::Node n = tree.AddNode(NodeKind::kDecision, name, it->second);
    const bool others_see = coin(rng) < 50;
    for (int a = 0; a < k; ++a) {
      const std::string own = "|" + key + "#" + std::to_string(a);
      const std::string other = others_see ? "|" + std::to_string(player) + "#" + std::to_string(a) : "";
      tree.AddMove(n, a, Build(depth - 1, player == 0 ? seen0 + own : seen0 + other,
                               player == 1 ? seen1 + own : seen1 + other));
    }
    return n;
  }
};

}  // namespace sim::solve
