// SPDX-License-Identifier: MIT
// Textbook game trees shared by the tree, solver and file-format tests. Each builder cites
// the game's source; the expected answers live in the tests that use them.
#pragma once

#include <string>
#include <vector>

#include "sim/game/tree.h"

namespace sim::testing {

// Ultimatum game with whole units (e.g. Osborne 2004, "An Introduction to Game Theory",
// ch. 6, the ultimatum game with a discrete pie): the proposer offers x in {0..pie} of `pie`
// units; the responder accepts (pie - x, x) or rejects (0, 0).
inline GameTree Ultimatum(int pie) {
  GameTree tree({"proposer", "responder"}, "ultimatum");
  std::vector<std::string> offers;
  for (int x = 0; x <= pie; ++x) offers.push_back("offer" + std::to_string(x));
  GameTree::Node root = tree.AddDecision(0, "propose", offers);
  for (int x = 0; x <= pie; ++x) {
    GameTree::Node r = tree.AddDecision(1, "respond" + std::to_string(x), {"accept", "reject"});
    tree.AddMove(root, x, r);
    tree.AddMove(r, 0, tree.AddTerminal("", {double(pie - x), double(x)}));
    tree.AddMove(r, 1, tree.AddTerminal("", {0.0, 0.0}));
  }
  return tree;
}

// Rosenthal's (1981) centipede with the four-move payoffs of McKelvey & Palfrey (1992,
// Econometrica 60, Fig. 1): taking at move k ends the game; passing four times ends it too.
inline GameTree Centipede() {
  GameTree tree({"1", "2"}, "centipede");
  const double take[4][2] = {{0.4, 0.1}, {0.2, 0.8}, {1.6, 0.4}, {0.8, 3.2}};
  GameTree::Node prev = GameTree::kNoNode;
  for (int k = 0; k < 4; ++k) {
    GameTree::Node n = tree.AddDecision(k % 2, "move" + std::to_string(k + 1), {"take", "pass"});
    if (prev != GameTree::kNoNode) tree.Connect(prev, "pass", n);
    tree.Connect(n, "take", tree.AddTerminal("", {take[k][0], take[k][1]}));
    prev = n;
  }
  tree.Connect(prev, "pass", tree.AddTerminal("end", {6.4, 1.6}));
  return tree;
}

// Entry deterrence, the stage game of Selten's (1978) chain-store paradox: the entrant
// stays out (0, 2) or enters; the incumbent then fights (-1, -1) or accommodates (1, 1).
inline GameTree EntryDeterrence() {
  GameTree tree({"entrant", "incumbent"}, "entry deterrence");
  GameTree::Node root = tree.AddDecision(0, "entrant", {"out", "in"});
  tree.Connect(root, "out", tree.AddTerminal("stay_out", {0, 2}));
  GameTree::Node inc = tree.AddDecision(1, "incumbent", {"fight", "accommodate"});
  tree.Connect(root, "in", inc);
  tree.Connect(inc, "fight", tree.AddTerminal("war", {-1, -1}));
  tree.Connect(inc, "accommodate", tree.AddTerminal("peace", {1, 1}));
  return tree;
}

// Selten's horse (Selten 1975, IJGT 4, Fig. 1; payoffs as in Fudenberg & Tirole 1991,
// §8.4): player 1 plays D or A; after A player 2 plays d or a; player 3 cannot tell
// "1 played D" (node x) from "1 played A, 2 played d" (node y) and plays L or R.
inline GameTree SeltensHorse() {
  GameTree tree({"1", "2", "3"}, "Selten's horse");
  GameTree::Node n1 = tree.AddDecision(0, "n1", {"A", "D"});
  GameTree::Node n2 = tree.AddDecision(1, "n2", {"a", "d"});
  int three = tree.AddInfoSet(2, {"L", "R"}, "p3");
  GameTree::Node x = tree.AddNode(NodeKind::kDecision, "x", three);
  GameTree::Node y = tree.AddNode(NodeKind::kDecision, "y", three);
  tree.Connect(n1, "A", n2);
  tree.Connect(n1, "D", x);
  tree.Connect(n2, "a", tree.AddTerminal("", {1, 1, 1}));
  tree.Connect(n2, "d", y);
  tree.Connect(x, "L", tree.AddTerminal("", {3, 3, 2}));
  tree.Connect(x, "R", tree.AddTerminal("", {0, 0, 0}));
  tree.Connect(y, "L", tree.AddTerminal("", {4, 4, 0}));
  tree.Connect(y, "R", tree.AddTerminal("", {0, 0, 1}));
  return tree;
}

}  // namespace sim::testing
