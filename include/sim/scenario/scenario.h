// SPDX-License-Identifier: MIT
// A scenario as the analyst wrote it, in scenario words: issues, actors with ideal points and
// saliences, the moves each actor can make and what they change, named outcome classes, and
// optionally a direct payoff table (textbook games). Plain value types with the source
// location of every element, so later stages can still point at the YAML line. Loading and
// validation live in scenario/load.h; turning a scenario into a game is model/'s job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/scenario/predicate.h"
#include "sim/scenario/uncertainty.h"

namespace sim {

// A dimension of the bargain, with positions in [0, 1].
struct Issue {
  std::string id;
  std::string description;
  std::string low;   // what position 0 means, e.g. "sanctions fully lifted"
  std::string high;  // what position 1 means
  double status_quo = 0.0;
  SourceLocation location;
};

// What an actor wants on one issue. Salience 0 means the actor does not care.
struct Stake {
  double ideal = 0.0;     // in [0, 1]
  double salience = 0.0;  // >= 0
};

// A change of one issue's position: `delta` is added to the position (results are clamped
// to [0, 1] after all effects of a profile are summed).
struct Effect {
  int issue = -1;
  double delta = 0.0;
  SourceLocation location;
};

// Effects that apply only when `condition` holds over the moves of the profile (e.g. Syria
// de-escalation only sticks if the US also eases sanctions). Conditions refer to moves only,
// never to positions, so effects cannot depend on each other circularly.
struct ConditionalEffect {
  Predicate condition;
  std::vector<Effect> effects;
  SourceLocation location;
};

struct Move {
  std::string id;
  std::string description;
  double cost = 0.0;  // subtracted from the mover's utility when played
  std::vector<Effect> effects;
  std::vector<ConditionalEffect> conditional_effects;
  SourceLocation location;
};

// An explicit utility term: `value` is added to the actor's utility whenever `when` holds
// (an audience cost is a negative value, a bonus a positive one).
struct UtilityTerm {
  std::string name;
  double value = 0.0;
  Predicate when;
  SourceLocation location;
};

struct Actor {
  std::string id;
  std::string name;          // display name (defaults to the id)
  std::string description;
  std::vector<Stake> stakes;  // one per issue, in issue order (missing = salience 0)
  std::vector<Move> moves;    // at least one
  std::vector<UtilityTerm> terms;
  double unpredictability = 0.0;  // in [0, 1]; used by the Monte Carlo models
  SourceLocation location;
};

// A named class of outcomes. Classes are tested in file order; the first that holds names
// the outcome. An outcome no class matches is reported as "other".
struct OutcomeClass {
  std::string name;
  std::string description;
  Predicate when;
  SourceLocation location;
};

// A direct payoff table: payoffs[profile][actor], profiles in the model's order (first
// actor's move changing fastest, as NormalFormGame numbers them).
struct PayoffTable {
  std::vector<std::vector<double>> payoffs;
  SourceLocation location;
};

struct ScenarioLimits {
  int64_t max_profiles = 10'000'000;  // refuse larger games (memory = profiles x players x 8 B)
};

struct Scenario {
  std::string path;         // file it was loaded from
  std::string id;           // `scenario:` key, defaults to the file stem
  std::string title;
  std::string description;
  std::vector<Issue> issues;
  std::vector<Actor> actors;
  std::vector<OutcomeClass> outcomes;
  std::optional<PayoffTable> payoff_table;
  ScenarioLimits limits;
  // Monte Carlo (scenarios/README.md): numbers written as distributions, inline or in the
  // montecarlo block's `vary:` (each holds its base value, Distribution::Mean(), above),
  // and the block's settings.
  std::vector<UncertainNumber> uncertain;
  MonteCarloSpec montecarlo;

  int FindIssue(const std::string& id) const;  // -1 if absent
  int FindActor(const std::string& id) const;  // -1 if absent
};

}  // namespace sim
