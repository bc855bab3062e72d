// SPDX-License-Identifier: MIT
#include "sim/scenario/rounds_section.h"

#include <algorithm>
#include <cmath>

namespace sim::scenario_detail {
namespace {

// `short_run: [ACTOR, ...]` and `resolute: [ACTOR, ...]`: known actors, each once.
std::vector<int> ReadActorList(LoadContext& context, const Entry& entry) {
  Reader& reader = context.reader;
  const SourceLocation at = reader.Where(entry.key_node);
  std::vector<int> actors;
  reader.Visit(entry.value);
  if (!entry.value.IsSequence()) {
    reader.Error(reader.Where(entry.value, at),
                 "expected a list of actors for '" + entry.key + "' in 'rounds'");
    return actors;
  }
  std::vector<std::string> known;
  for (const Actor& a : context.scenario.actors) known.push_back(a.id);
  for (const YAML::Node& item : entry.value) {
    const SourceLocation item_at = reader.Where(item, at);
    const std::string id = reader.String(item, entry.key, item_at).value_or("");
    if (id.empty()) continue;
    const int a = context.scenario.FindActor(id);
    if (a < 0) {
      reader.Error(item_at, "unknown actor " + Quote(id) + " in '" + entry.key + "' of 'rounds'",
                   UnknownNameHint(id, known, "actors"));
    } else if (std::find(actors.begin(), actors.end(), a) != actors.end()) {
      reader.Error(item_at, "actor " + Quote(id) + " is listed twice in '" + entry.key + "'");
    } else {
      actors.push_back(a);
    }
  }
  return actors;
}

// `costs: [{move: ACTOR.MOVE, when: PREDICATE, cost: C}, ...]`.
bool ReadCosts(LoadContext& context, const Entry& entry, RoundsSpec& spec) {
  Reader& reader = context.reader;
  const SourceLocation at = reader.Where(entry.key_node);
  reader.Visit(entry.value);
  if (!entry.value.IsSequence()) {
    reader.Error(reader.Where(entry.value, at),
                 "expected a list of {move, when, cost} for 'costs' in 'rounds'",
                 "e.g. costs: [{move: usa.snap_back, when: \"sanctions < 0.5\", cost: 0.3}]");
    return false;
  }
  bool ok = true;
  const PredicateNames names = context.Names(/*allow_positions=*/true);
  for (const YAML::Node& item : entry.value) {
    const SourceLocation item_at = reader.Where(item, at);
    MapReader map(reader, item, "a cost in 'rounds'", item_at, {"move", "when", "cost"});
    if (!map.ok()) {
      ok = false;
      continue;
    }
    PositionCost cost;
    cost.location = item_at;
    if (const Entry* move = map.Require("move")) {
      const SourceLocation m_at = reader.Where(move->value, reader.Where(move->key_node));
      const std::string text = reader.String(move->value, "move", m_at).value_or("");
      const size_t dot = text.find('.');
      const int a = dot == std::string::npos ? -1 : context.scenario.FindActor(text.substr(0, dot));
      if (a >= 0) {
        const std::vector<Move>& moves = context.scenario.actors[a].moves;
        for (size_t m = 0; m < moves.size(); ++m) {
          if (moves[m].id == text.substr(dot + 1)) cost.move = static_cast<int>(m);
        }
      }
      if (a < 0 || cost.move < 0) {
        if (!text.empty())
          reader.Error(m_at, "unknown move " + Quote(text) + " in a cost of 'rounds'",
                       "write ACTOR.MOVE, e.g. usa.snap_back");
        ok = false;
      }
      cost.actor = a;
    } else {
      ok = false;
    }
    if (const Entry* when = map.Find("when")) {
      if (auto p = context.ReadPredicate(when->value, names, "when", reader.Where(when->key_node))) {
        cost.when = std::move(*p);
      } else {
        ok = false;
      }
    }
    if (const Entry* c = map.Require("cost")) {
      if (auto v = reader.Number(c->value, kAnyFinite, "cost", reader.Where(c->key_node))) {
        cost.cost = *v;
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (ok) spec.costs.push_back(std::move(cost));
  }
  return ok;
}

bool HasChance(const Scenario& scenario) {
  if (scenario.sequence) {
    for (const Stage& s : scenario.sequence->stages) {
      if (s.actor < 0) return true;
    }
  }
  if (scenario.tree) {
    for (const TreeNodeSpec& n : scenario.tree->nodes) {
      if (n.chance) return true;
    }
  }
  return false;
}

}  // namespace

void ReadRounds(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  Scenario& scenario = context.scenario;
  MapReader block(reader, value, "'rounds'", key_at, {"count", "discount", "carry", "costs", "short_run", "resolute"});
  if (!block.ok()) return;
  RoundsSpec spec;
  spec.location = key_at;
  bool ok = true;
  if (const Entry* count = block.Require("count")) {
    const auto t = reader.Number(count->value, NumberRule{1, 1000, true}, "count",
                                 reader.Where(count->key_node));
    ok = ok && t.has_value();
    if (t) spec.count = static_cast<int>(*t);
  } else {
    ok = false;
  }
  if (const Entry* discount = block.Find("discount")) {
    const SourceLocation at = reader.Where(discount->key_node);
    if (auto d = reader.Number(discount->value, kUnitInterval, "discount", at)) {
      if (*d <= 0) {
        reader.Error(reader.Where(discount->value, at), "discount must be above 0, got 0",
                     "round t's payoffs weigh discount^(t-1); 1 is the plain sum");
        ok = false;
      } else {
        spec.discount = *d;
      }
    } else {
      ok = false;
    }
  }
  if (const Entry* carry = block.Find("carry")) {
    const SourceLocation at = reader.Where(carry->value, reader.Where(carry->key_node));
    const std::string word = reader.String(carry->value, "carry", at).value_or("");
    if (word == "positions") {
      spec.carry_positions = true;
    } else if (word == "reset") {
      spec.carry_positions = false;
    } else {
      if (!word.empty())
        reader.Error(at, "unknown carry '" + word + "' in 'rounds'",
                     "carry: positions (effects apply to the current positions) or reset (each "
                     "round starts at the status quo)");
      ok = false;
    }
  }
  if (!ok || !context.actors_known) return;
  if (const Entry* costs = block.Find("costs")) {
    if (!ReadCosts(context, *costs, spec)) return;
  }
  if (const Entry* list = block.Find("short_run")) spec.short_run = ReadActorList(context, *list);
  if (const Entry* list = block.Find("resolute")) {
    spec.resolute = ReadActorList(context, *list);
    for (int a : spec.resolute) {
      const Actor& actor = scenario.actors[a];
      if (!actor.resolute || !actor.types.empty()) {
        reader.Error(reader.Where(list->key_node),
                     "actor " + Quote(actor.id) + " in 'resolute' needs a 'resolute' block and no 'types'",
                     "its resolute type has prior u (its unpredictability): describe the type "
                     "under actors." + actor.id + ".resolute");
        return;
      }
    }
  }
  if (spec.carry_positions && HasChance(scenario)) {
    reader.Error(key_at, "'rounds' with carry: positions cannot carry a chance stage's effects",
                 "use carry: reset, or write the chance event as an actor's move");
    return;
  }
  // A simultaneous stage's tree has profiles^count histories: refuse it before building
  // anything (model/build_rounds.h counts those of a sequential stage, and the types).
  if (!context.game_too_large && context.num_profiles > 0 && !scenario.sequential()) {
    const double histories = std::pow(static_cast<double>(context.num_profiles), spec.count);
    if (histories > static_cast<double>(scenario.limits.max_profiles)) {
      reader.Error(key_at,
                   "the " + std::to_string(spec.count) + "-round game has " +
                       std::to_string(context.num_profiles) + "^" + std::to_string(spec.count) +
                       " = " + (histories < 1e18 ? std::to_string(static_cast<long long>(histories))
                                                  : std::to_string(histories)) +
                       " histories, more than the limit of " +
                       std::to_string(scenario.limits.max_profiles),
                   "fewer rounds or moves, or raise --max-profiles");
      return;
    }
  }
  scenario.rounds = spec;
}

}  // namespace sim::scenario_detail
