// SPDX-License-Identifier: MIT
// Readers of the top-level sections of a scenario (issues, actors, outcomes, payoffs,
// limits). Each reads one YAML value into the Scenario, reporting every problem it finds and
// carrying on. The table of top-level keys that calls them, in dependency order, is in
// load.cc. Private to the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "sim/core/rational.h"
#include "sim/scenario/load.h"
#include "sim/scenario/predicate_parser.h"
#include "sim/scenario/reader.h"
#include "sim/scenario/scenario.h"

namespace sim::scenario_detail {

// What one load knows while it reads the sections.
struct LoadContext {
  Reader& reader;
  Scenario& scenario;
  const LoadOptions& options;
  bool has_payoff_table = false;  // the file has `payoffs:`: moves carry no effects or costs
  bool issues_known = true;       // false: `issues` was unreadable, so names may be missing
  bool actors_known = true;       // false: `actors` was unreadable (or absent)
  bool game_too_large = false;    // the profile limit was exceeded (already reported)
  int64_t num_profiles = 0;       // when the actors are known and within the limit

  // The names predicates may use, as far as they are known now.
  PredicateNames Names(bool allow_positions) const;
  // Parses the predicate in scalar `node` (or reports why not, at the exact column).
  std::optional<Predicate> ReadPredicate(const YAML::Node& node, const PredicateNames& names,
                                         std::string_view what, const SourceLocation& at);
};

// One reader per top-level key; `key_at` locates the key itself (for "has no X" messages).
void ReadLimits(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
void ReadIssues(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
void ReadActors(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
void ReadOutcomes(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
// `payoffs` (a direct payoff table): payoffs_section.cc.
void ReadPayoffs(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
// `stages` (sequential scenarios): stages.cc.
void ReadStages(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
// `tree` (sequential scenarios written node by node): explicit_tree.cc.
void ReadTree(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);

// Message helpers shared by the sections: a name in quotes ('usa'), "LINE:COL" of a place,
// and "did you mean 'x'? LABEL: a, b, c" for an unknown name among `known`.
std::string Quote(const std::string& s);
std::string LineColumn(const SourceLocation& at);
std::string UnknownNameHint(const std::string& name, const std::vector<std::string>& known,
                            const std::string& label);

// `effects: {ISSUE: DELTA, ...}` under `entry`; `owner` names what they belong to.
std::vector<Effect> ReadEffects(LoadContext& context, const Entry& entry, const std::string& owner);

// An exact probability in `entry` ("1/4", "0.25"), added to `sum`: nullopt after reporting
// one that is not a number or is negative. `what` names its owner in messages.
std::optional<Rational> ReadProbability(Reader& reader, const Entry& entry, const std::string& what,
                                        Rational& sum);

// The number of move profiles of a game with these move counts, computed without overflow:
// nullopt when it exceeds `limit`.
std::optional<int64_t> CountProfilesWithin(const std::vector<int64_t>& moves, int64_t limit);

}  // namespace sim::scenario_detail
