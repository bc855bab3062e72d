// SPDX-License-Identifier: MIT
// `payoffs:` (scenarios/README.md, "Payoff tables"): a direct payoff table, one entry per
// move profile, checked against the actors' moves. Split from sections.cc.
#include "sim/scenario/sections.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace sim::scenario_detail {

void ReadPayoffs(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  Scenario& scenario = context.scenario;
  MapReader table(reader, value, "'payoffs'", key_at);
  if (!table.ok() || !context.actors_known || context.game_too_large ||
      context.num_profiles == 0) {
    return;  // the actors are broken: profiles cannot be checked (already reported)
  }
  const int n = static_cast<int>(scenario.actors.size());
  const int64_t profiles = context.num_profiles;
  std::vector<std::string> actor_ids;
  for (const Actor& a : scenario.actors) actor_ids.push_back(a.id);
  PayoffTable result;
  result.payoffs.resize(profiles);
  result.location = key_at;
  std::vector<const Entry*> entry_of(profiles, nullptr);
  bool complete = true;
  bool keys_resolved = true;  // false: a key named unknown moves, so "missing" would echo it
  for (const Entry& entry : table.entries()) {
    // The key names one move per actor, in actor order, separated by commas or spaces.
    std::vector<std::pair<std::string, size_t>> words;  // word, offset in the key
    for (size_t i = 0; i < entry.key.size();) {
      if (entry.key[i] == ',' || std::isspace(static_cast<unsigned char>(entry.key[i]))) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < entry.key.size() && entry.key[end] != ',' &&
             !std::isspace(static_cast<unsigned char>(entry.key[end]))) {
        ++end;
      }
      words.emplace_back(entry.key.substr(i, end - i), i);
      i = end;
    }
    const SourceLocation at = reader.Where(entry.key_node);
    if (static_cast<int>(words.size()) != n) {
      reader.Error(at, "profile " + Quote(entry.key) + " names " + std::to_string(words.size()) +
                           " move(s); expected " + std::to_string(n) + ", one per actor",
                   "actor order: " + JoinWords(actor_ids));
      complete = keys_resolved = false;
      continue;
    }
    int64_t index = 0, stride = 1;
    bool known = true;
    for (int a = 0; a < n; ++a) {
      const Actor& actor = scenario.actors[a];
      int move = -1;
      std::vector<std::string> move_ids;
      for (size_t m = 0; m < actor.moves.size(); ++m) {
        move_ids.push_back(actor.moves[m].id);
        if (actor.moves[m].id == words[a].first) move = static_cast<int>(m);
      }
      if (move < 0) {
        reader.Error(reader.document().WhereIn(entry.key_node, words[a].second),
                     "unknown move " + Quote(words[a].first) + " of actor " + Quote(actor.id) +
                         " in payoff profile " + Quote(entry.key),
                     UnknownNameHint(words[a].first, move_ids, "moves of " + actor.id));
        known = false;
      }
      index += stride * std::max(move, 0);
      stride *= static_cast<int64_t>(actor.moves.size());
    }
    if (!known) {
      complete = keys_resolved = false;
      continue;
    }
    if (entry_of[index] != nullptr) {
      reader.Error(at, "duplicate profile " + Quote(entry.key) + " (first at " +
                           LineColumn(reader.Where(entry_of[index]->key_node)) + ")");
      complete = false;
      continue;
    }
    entry_of[index] = &entry;
    reader.Visit(entry.value);
    if (!entry.value.IsSequence() || static_cast<int>(entry.value.size()) != n) {
      reader.Error(reader.Where(entry.value, at),
                   "expected a list of " + std::to_string(n) + " payoffs for profile " +
                       Quote(entry.key) + ", got " +
                       (entry.value.IsSequence()
                            ? "a list of " + std::to_string(entry.value.size())
                            : Describe(entry.value)),
                   "one payoff per actor, in actor order: " + JoinWords(actor_ids));
      complete = false;
      continue;
    }
    result.payoffs[index].resize(n);
    for (int a = 0; a < n; ++a) {
      auto payoff = reader.Number(entry.value[a], kAnyFinite, "payoff of " + actor_ids[a], at);
      if (payoff) {
        result.payoffs[index][a] = *payoff;
      } else {
        complete = false;
      }
    }
  }
  // Every profile exactly once: name the missing ones (the first few).
  int64_t missing = 0;
  std::vector<std::string> examples;
  for (int64_t index = 0; index < profiles; ++index) {
    if (entry_of[index] != nullptr) continue;
    if (++missing <= 5) {
      std::string words;
      int64_t rest = index;
      for (int a = 0; a < n; ++a) {
        const int64_t count = static_cast<int64_t>(scenario.actors[a].moves.size());
        words += (a ? ", " : "") + scenario.actors[a].moves[rest % count].id;
        rest /= count;
      }
      examples.push_back(Quote(words));
    }
  }
  if (missing > 0 && keys_resolved) {
    reader.Error(key_at,
                 "the payoff table lacks " + std::to_string(missing) + " of " +
                     std::to_string(profiles) + " profiles: " + JoinWords(examples) +
                     (missing > 5 ? ", ..." : ""),
                 "every profile of moves must appear exactly once");
    complete = false;
  }
  if (complete && missing == 0) scenario.payoff_table = std::move(result);
}

}  // namespace sim::scenario_detail
