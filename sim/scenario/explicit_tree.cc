// SPDX-License-Identifier: MIT
// `tree`: a sequential scenario written node by node (reference: scenarios/README.md).
// Names of actors, moves and issues and the probability syntax are checked here; the shape
// (moves to undefined nodes, cycles, several parents, probabilities summing to 1) is checked
// when model/ builds the GameTree, with the locations recorded here.
#include "sim/core/rational.h"
#include "sim/scenario/sections.h"

namespace sim::scenario_detail {
namespace {


std::string NearestHint(const std::string& word, const std::vector<std::string>& known,
                        const std::string& label) {
  const std::string nearest = NearestWord(word, known);
  return (nearest.empty() ? "" : "did you mean '" + nearest + "'? ") + label + ": " +
         JoinWords(known);
}

void ReadDecisionMoves(LoadContext& context, TreeNodeSpec& node, const Entry& field) {
  Reader& reader = context.reader;
  const Actor& actor = context.scenario.actors[node.actor];
  std::vector<std::string> known;
  for (const Move& m : actor.moves) known.push_back(m.id);
  MapReader moves(reader, field.value, "'moves' of node " + Quote(node.name),
                  reader.Where(field.key_node));
  for (const Entry& m : moves.entries()) {
    TreeBranchSpec branch;
    branch.label = m.key;
    branch.location = reader.Where(m.key_node);
    for (size_t k = 0; k < actor.moves.size(); ++k) {
      if (actor.moves[k].id == m.key) branch.move = static_cast<int>(k);
    }
    if (branch.move < 0) {
      reader.Error(branch.location, "actor " + Quote(actor.id) + " has no move " + Quote(m.key),
                   NearestHint(m.key, known, "moves"));
      continue;
    }
    branch.to = reader.String(m.value, "the node a move leads to", branch.location).value_or("");
    node.branches.push_back(std::move(branch));
  }
}

void ReadChanceBranches(LoadContext& context, TreeNodeSpec& node, const Entry& field) {
  Reader& reader = context.reader;
  MapReader branches(reader, field.value, "'chance' of node " + Quote(node.name),
                     reader.Where(field.key_node));
  for (const Entry& b : branches.entries()) {
    TreeBranchSpec branch;
    branch.label = b.key;
    branch.location = reader.Where(b.key_node);
    const std::string what = "branch " + Quote(b.key) + " of node " + Quote(node.name);
    MapReader spec(reader, b.value, what, branch.location, {"probability", "to", "effects"});
    if (const Entry* p = spec.Require("probability")) {
      const SourceLocation at = reader.Where(p->value, reader.Where(p->key_node));
      if (auto text = reader.String(p->value, "probability", at)) {
        if (std::optional<Rational> r = ParseRational(*text)) {
          branch.probability = RationalToString(*r);
        } else {
          reader.Error(at, "probability " + Quote(*text) + " of " + what + " is not a number",
                       "write a fraction such as 1/4 or a decimal such as 0.25");
        }
      }
    }
    if (const Entry* to = spec.Require("to")) {
      branch.to = reader.String(to->value, "to", reader.Where(to->key_node)).value_or("");
    }
    if (const Entry* effects = spec.Find("effects")) {
      branch.effects = ReadEffects(context, *effects, what);
    }
    node.branches.push_back(std::move(branch));
  }
}

void ReadPayoffMap(LoadContext& context, TreeNodeSpec& node, const Entry& field) {
  Reader& reader = context.reader;
  const Scenario& scenario = context.scenario;
  const SourceLocation at = reader.Where(field.key_node);
  MapReader map(reader, field.value, "'payoffs' of node " + Quote(node.name), at);
  std::vector<double> payoffs(scenario.actors.size(), 0.0);
  std::vector<char> given(scenario.actors.size(), 0);
  std::vector<std::string> known;
  for (const Actor& a : scenario.actors) known.push_back(a.id);
  for (const Entry& e : map.entries()) {
    const int actor = scenario.FindActor(e.key);
    if (actor < 0) {
      reader.Error(reader.Where(e.key_node), "unknown actor " + Quote(e.key) + " in 'payoffs'",
                   NearestHint(e.key, known, "actors"));
      continue;
    }
    if (auto v = reader.Number(e.value, kAnyFinite, "payoff", reader.Where(e.key_node))) {
      payoffs[actor] = *v;
      given[actor] = 1;
    }
  }
  for (size_t a = 0; a < given.size(); ++a) {
    if (!given[a] && map.ok()) {
      reader.Error(at, "'payoffs' of node " + Quote(node.name) + " has no payoff for actor " +
                           Quote(scenario.actors[a].id));
    }
  }
  node.payoffs = payoffs;
}

}  // namespace

void ReadTree(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  Scenario& scenario = context.scenario;
  reader.Visit(value);
  if (scenario.sequence) {
    reader.Error(key_at, "a scenario has 'stages' or 'tree', not both");
    return;
  }
  if (!value.IsSequence() || value.size() == 0) {
    reader.Error(reader.Where(value, key_at),
                 value.IsSequence() ? std::string("the tree has no nodes")
                                    : "expected a list of nodes for 'tree', got " + Describe(value),
                 "each node is {node: NAME, actor: ID, moves: {MOVE: NODE}}, "
                 "{node: NAME, chance: {BRANCH: {probability: P, to: NODE}}} or "
                 "{node: NAME, payoffs: {...}}");
    return;
  }
  if (!context.actors_known) return;
  if (static_cast<int64_t>(value.size()) > scenario.limits.max_profiles) {
    reader.Error(key_at, "the tree has more than " + std::to_string(scenario.limits.max_profiles) +
                             " nodes");
    return;
  }
  std::vector<std::string> actor_ids;
  for (const Actor& a : scenario.actors) actor_ids.push_back(a.id);
  ExplicitTree tree;
  tree.location = key_at;
  for (const YAML::Node& item : value) {
    const SourceLocation at = reader.Where(item, key_at);
    MapReader spec(reader, item, "a tree node", at,
                   {"node", "actor", "moves", "infoset", "chance", "payoffs", "description"});
    if (!spec.ok()) continue;
    TreeNodeSpec node;
    node.location = at;
    if (const Entry* name = spec.Require("node")) {
      node.name = reader.String(name->value, "node", reader.Where(name->key_node)).value_or("");
    }
    const Entry* actor = spec.Find("actor");
    const Entry* moves = spec.Find("moves");
    const Entry* chance = spec.Find("chance");
    if (actor && chance) {
      reader.Error(at, "node " + Quote(node.name) + " has both 'actor' and 'chance'");
      continue;
    }
    if (actor) {
      const SourceLocation a_at = reader.Where(actor->value, reader.Where(actor->key_node));
      const std::string id = reader.String(actor->value, "actor", a_at).value_or("");
      node.actor = scenario.FindActor(id);
      if (node.actor < 0) {
        reader.Error(a_at, "unknown actor " + Quote(id) + " at node " + Quote(node.name),
                     NearestHint(id, actor_ids, "actors"));
        continue;
      }
      if (moves) {
        ReadDecisionMoves(context, node, *moves);
      } else {
        spec.Require("moves");
      }
      if (const Entry* set = spec.Find("infoset")) {
        node.infoset = reader.String(set->value, "infoset", reader.Where(set->key_node)).value_or("");
      }
    } else if (chance) {
      node.chance = true;
      ReadChanceBranches(context, node, *chance);
    } else if (moves) {
      reader.Error(reader.Where(moves->key_node),
                   "node " + Quote(node.name) + " has 'moves' but no 'actor'");
    }
    if (const Entry* payoffs = spec.Find("payoffs")) ReadPayoffMap(context, node, *payoffs);
    tree.nodes.push_back(std::move(node));
  }
  scenario.tree = std::move(tree);
}

}  // namespace sim::scenario_detail
