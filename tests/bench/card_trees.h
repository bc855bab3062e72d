// SPDX-License-Identifier: MIT
// Random 2-player trees of issue #17's shape: chance deals player 1 one of `cards` private
// cards (uniform), then `rounds` rounds of simultaneous moves (player 1 picks one of `a1`
// actions, then player 2 one of `a2` without seeing it nor the card); after each round both
// see both moves. Payoffs are uniform integers in [-9, 9]. The sizes: 2 cards,
// 2 rounds of 2x2 = 63 nodes and 15 information sets; 3 cards, 2 rounds of 3x2 = 193
// nodes; 3 cards, 3 rounds of 2x2 = 382; 3 cards, 3 rounds of 3x3 = 3,280 nodes and 364
// sets; 10 cards, 3 rounds of 3x3 = 10,931 nodes and 1,001 sets.
#pragma once

#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "sim/game/tree.h"

namespace sim::bench {

struct CardTreeShape {
  int cards = 2, rounds = 2, a1 = 2, a2 = 2;
};

class CardTreeBuilder {
 public:
  CardTreeBuilder(CardTreeShape shape, unsigned seed) : shape_(shape), rng_(seed) {}

  GameTree Build() {
    std::vector<std::string> actions;
    std::vector<Probability> probs;
    for (int c = 0; c < shape_.cards; ++c) {
      actions.push_back("c" + std::to_string(c));
      probs.push_back(Probability::Exact(Rational(1, shape_.cards)));
    }
    const GameTree::Node root = tree_.AddChance("deal", actions, probs);
    for (int c = 0; c < shape_.cards; ++c) {
      tree_.AddMove(root, c, Round(shape_.rounds, actions[c], ""));
    }
    tree_.set_root(root);
    return std::move(tree_);
  }

 private:
  int Set(int player, const std::string& key, int actions) {
    auto [it, fresh] = sets_.try_emplace({player, key}, -1);
    if (fresh) {
      std::vector<std::string> names;
      for (int a = 0; a < actions; ++a) names.push_back("a" + std::to_string(a));
      it->second = tree_.AddInfoSet(player, names);
    }
    return it->second;
  }

  // card: player 1's private card; history: both players' past moves.
  GameTree::Node Round(int left, const std::string& card, const std::string& history) {
    if (left == 0) {
      std::uniform_int_distribution<int> pay(-9, 9);
      return tree_.AddTerminal("", {double(pay(rng_)), double(pay(rng_))});
    }
    const GameTree::Node n1 =
        tree_.AddNode(NodeKind::kDecision, "", Set(0, card + history, shape_.a1));
    for (int a = 0; a < shape_.a1; ++a) {
      const GameTree::Node n2 =
          tree_.AddNode(NodeKind::kDecision, "", Set(1, history, shape_.a2));
      for (int b = 0; b < shape_.a2; ++b) {
        tree_.AddMove(n2, b, Round(left - 1, card,
                                   history + "|" + std::to_string(a) + std::to_string(b)));
      }
      tree_.AddMove(n1, a, n2);
    }
    return n1;
  }

  CardTreeShape shape_;
  std::mt19937 rng_;
  GameTree tree_{{"P1", "P2"}};
  std::map<std::pair<int, std::string>, int> sets_;
};

inline GameTree RandomCardTree(CardTreeShape shape, unsigned seed) {
  return CardTreeBuilder(shape, seed).Build();
}

}  // namespace sim::bench
