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
#include "sim/scenario/findings.h"
#include "sim/scenario/predicate.h"
#include "sim/scenario/repeated.h"
#include "sim/scenario/rounds.h"
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

// A private type of an actor (incomplete information, D2.3/D2.4: Moscow does not know which
// Trump it faces): nature draws the type from the prior, the actor knows it, the others know
// only the prior (Harsanyi). A type changes what the actor wants, never what it can do: its
// stakes override the actor's issue by issue (a field left out keeps the actor's value) and
// its terms are added to the actor's.
struct StakeOverride {
  int issue = -1;
  std::optional<double> ideal;
  std::optional<double> salience;
};
struct ActorType {
  std::string id;
  std::string description;
  std::string prior;  // exact, as GMP writes it ("1/4"); the priors of a type set sum to 1
  std::vector<StakeOverride> stakes;
  std::vector<UtilityTerm> terms;
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
  std::vector<ActorType> types;   // empty: the actor's preferences are common knowledge
  std::vector<int> types_known_to;  // other actors who also learn the type (indices)
  // The preferences of the actor's resolute type, for the `resolute` unpredictability model
  // (montecarlo: with prior u the actor is this type, privately): stakes and terms that
  // override the actor's own, as a private type's do. `prior` is unused; `claims` are the
  // document claims the resolute preferences encode.
  std::optional<ActorType> resolute;
  std::vector<std::string> resolute_claims;
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

// ---- Sequential play (`stages`): who moves when, and what each mover has seen ----

// One outcome of a chance stage: its probability as written ("1/4", "0.25"; exact, checked
// to sum to 1 with the others) and the effects it has on the issues.
struct ChanceBranch {
  std::string id;
  std::string probability;
  std::vector<Effect> effects;
  SourceLocation location;
};

// A stage of a sequential scenario: an actor's move, or a chance event (e.g. Congress
// blocking relief, D4.6). Each actor moves in at most one stage; an actor in no stage plays
// its first move. A chance stage with a `when` happens only on paths where the predicate
// holds over the moves made before it (moves not yet made count as not chosen).
struct Stage {
  std::string name;          // the actor's id, or the chance stage's name
  int actor = -1;            // -1 for a chance stage
  std::vector<int> moves;    // the actor's moves offered here (indices; all by default)
  // What the mover sees: every earlier stage (the default), or only those listed (indices
  // of earlier stages). Histories that differ only in unseen stages form one information set.
  bool observes_all = true;
  std::vector<int> observed;
  Predicate when;            // chance stages only
  std::vector<ChanceBranch> branches;  // chance stages only
  SourceLocation location;
};

struct Sequence {
  std::vector<Stage> stages;
  SourceLocation location;   // the `stages` key
};

// ---- Sequential play, explicit form (`tree`): every node written out ----

// A move out of an explicit tree node: an actor's move (its index) or a chance branch (its
// label, probability as written, effects), leading to the node named `to`.
struct TreeBranchSpec {
  std::string label;          // the move's id or the branch's name
  int move = -1;              // decision nodes: index into the actor's moves
  std::string probability;    // chance nodes: exact text, e.g. "1/4"
  std::vector<Effect> effects;  // chance nodes
  std::string to;             // the child's node name (checked when the tree is built)
  SourceLocation location;
};

struct TreeNodeSpec {
  std::string name;
  int actor = -1;             // decision nodes; -1 for chance nodes and leaves
  bool chance = false;
  std::string infoset;        // decision nodes of one actor with one label share a set
  std::vector<TreeBranchSpec> branches;  // empty for a leaf
  std::optional<std::vector<double>> payoffs;  // per actor; leaves without derive them
  SourceLocation location;
};

struct ExplicitTree {
  std::vector<TreeNodeSpec> nodes;  // nodes[0] is the root
  SourceLocation location;          // the `tree` key
};

// An actor taken from a shared definition (scenarios/actors/, `include:` + `shared:`).
struct SharedActorUse {
  std::string actor;        // the scenario's actor id
  std::string shared;       // the library's actor id
  SourceLocation definition;  // where the library defines it
};

// A shared number the scenario changes (`override:`), with its stated reason.
struct ActorOverride {
  std::string actor;         // the scenario's actor id
  std::string path;          // under the actor: unpredictability, stakes.ISSUE.ideal|salience
  std::string value;         // as the scenario writes it
  std::string shared_value;  // as the library writes it
  std::string why;
  std::vector<std::string> claims;
  SourceLocation location;
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
  std::optional<Sequence> sequence;  // `stages`: a sequential game instead of a simultaneous one
  std::optional<ExplicitTree> tree;  // `tree`: the same, every node written out
  ScenarioLimits limits;
  // Monte Carlo (scenarios/README.md): numbers written as distributions, inline or in the
  // montecarlo block's `vary:` (each holds its base value, Distribution::Mean(), above),
  // and the block's settings.
  std::vector<UncertainNumber> uncertain;
  MonteCarloSpec montecarlo;
  // Conclusions and plausible ranges (scenario/findings.h).
  std::vector<Finding> findings;
  Ranges ranges;
  std::optional<RepeatedSpec> repeated;  // `repeated:` (simulate repeated)
  std::optional<RoundsSpec> rounds;      // `rounds:`: the stage played count times, as a tree
  // Shared actors (`include:`): the library files read, their bytes (part of what a run's
  // result depends on, so hashed with the scenario's), the actors taken and the overrides.
  std::vector<std::string> includes;
  std::string included_text;
  std::vector<SharedActorUse> shared_actors;
  std::vector<ActorOverride> actor_overrides;

  int FindIssue(const std::string& id) const;  // -1 if absent
  int FindActor(const std::string& id) const;  // -1 if absent
  // True for sequential scenarios (`stages` or `tree`), which model/ turns into a GameTree.
  bool sequential() const { return sequence.has_value() || tree.has_value(); }
  // True when some actor has private types: the game is a tree with nature's draw of the
  // types at its root (model/build_tree.h), even when the moves are simultaneous.
  bool has_types() const;
  // True when model/ turns the scenario into a GameTree rather than a NormalFormGame.
  bool tree_game() const { return sequential() || has_types() || rounds.has_value(); }
};

}  // namespace sim
