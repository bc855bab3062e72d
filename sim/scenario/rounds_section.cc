// SPDX-License-Identifier: MIT
#include "sim/scenario/rounds_section.h"

#include <cmath>

namespace sim::scenario_detail {

void ReadRounds(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  Scenario& scenario = context.scenario;
  MapReader block(reader, value, "'rounds'", key_at, {"count", "discount", "carry"});
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
  if (scenario.sequential()) {
    reader.Error(key_at, "'rounds' needs a simultaneous stage for now; this scenario is sequential",
                 "remove 'stages' or 'tree'");
    return;
  }
  if (scenario.has_types()) {
    reader.Error(key_at, "'rounds' with private types is not supported yet",
                 "types in rounds need the sequence-form solver; remove 'types'");
    return;
  }
  // The tree has profiles^count histories: refuse it before building anything.
  if (!context.game_too_large && context.num_profiles > 0) {
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
