// SPDX-License-Identifier: MIT
// `stages`: the sequential form of a scenario (reference: scenarios/README.md). A list of
// stages, each an actor's move or a chance event, read after the actors so that stages can
// name actors and moves. Probabilities are checked here, exactly, so that a bad file is
// refused with the line of the offending branch.
#include <map>

#include "sim/core/rational.h"
#include "sim/scenario/sections.h"

namespace sim::scenario_detail {
namespace {


void ReadStageMoves(LoadContext& context, Stage& stage, const Entry& field) {
  Reader& reader = context.reader;
  const Actor& actor = context.scenario.actors[stage.actor];
  const SourceLocation at = reader.Where(field.key_node);
  reader.Visit(field.value);
  if (!field.value.IsSequence()) {
    reader.Error(reader.Where(field.value, at),
                 "expected a list of move names for 'moves' of stage " + Quote(stage.name) +
                     ", got " + Describe(field.value));
    return;
  }
  std::vector<std::string> known;
  for (const Move& m : actor.moves) known.push_back(m.id);
  for (const YAML::Node& item : field.value) {
    const std::optional<std::string> id = reader.String(item, "move name", at);
    if (!id) continue;
    const SourceLocation item_at = reader.Where(item, at);
    int index = -1;
    for (size_t m = 0; m < actor.moves.size(); ++m) {
      if (actor.moves[m].id == *id) index = static_cast<int>(m);
    }
    if (index < 0) {
      const std::string nearest = NearestWord(*id, known);
      reader.Error(item_at, "actor " + Quote(actor.id) + " has no move " + Quote(*id),
                   (nearest.empty() ? "" : "did you mean '" + nearest + "'? ") +
                       "moves: " + JoinWords(known));
    } else if (std::find(stage.moves.begin(), stage.moves.end(), index) != stage.moves.end()) {
      reader.Error(item_at, "move " + Quote(*id) + " is listed twice");
    } else {
      stage.moves.push_back(index);
    }
  }
  if (stage.moves.empty()) reader.Error(at, "stage " + Quote(stage.name) + " offers no moves");
}

void ReadObserves(LoadContext& context, Stage& stage, const Entry& field,
                  const std::vector<Stage>& earlier) {
  Reader& reader = context.reader;
  const SourceLocation at = reader.Where(field.key_node);
  reader.Visit(field.value);
  if (field.value.IsScalar()) {
    const std::string text = field.value.Scalar();
    if (text == "all") return;
    if (text == "none") {
      stage.observes_all = false;
      return;
    }
  }
  if (!field.value.IsSequence()) {
    reader.Error(reader.Where(field.value, at),
                 "expected 'all', 'none' or a list of earlier stages for 'observes', got " +
                     Describe(field.value));
    return;
  }
  stage.observes_all = false;
  std::vector<std::string> names;
  for (const Stage& s : earlier) names.push_back(s.name);
  for (const YAML::Node& item : field.value) {
    const std::optional<std::string> name = reader.String(item, "stage name", at);
    if (!name) continue;
    auto it = std::find(names.begin(), names.end(), *name);
    if (it == names.end()) {
      const std::string nearest = NearestWord(*name, names);
      reader.Error(reader.Where(item, at),
                   "stage " + Quote(stage.name) + " cannot observe " + Quote(*name) +
                       ": no earlier stage has that name",
                   (nearest.empty() ? "" : "did you mean '" + nearest + "'? ") +
                       "earlier stages: " + (names.empty() ? "none" : JoinWords(names)));
      continue;
    }
    stage.observed.push_back(static_cast<int>(it - names.begin()));
  }
}

void ReadBranches(LoadContext& context, Stage& stage, const Entry& field) {
  Reader& reader = context.reader;
  const SourceLocation at = reader.Where(field.key_node);
  const std::string owner = "chance stage " + Quote(stage.name);
  MapReader branches(reader, field.value, "'branches' of " + owner, at);
  Rational sum = 0;
  bool all_read = true;
  for (const Entry& b : branches.entries()) {
    ChanceBranch branch;
    branch.id = b.key;
    branch.location = reader.Where(b.key_node);
    const std::string what = "branch " + Quote(b.key) + " of " + owner;
    MapReader spec(reader, b.value, what, branch.location, {"probability", "effects", "description"});
    std::optional<Rational> r;
    if (const Entry* p = spec.Require("probability")) r = ReadProbability(reader, *p, what, sum);
    if (r) {
      branch.probability = RationalToString(*r);
    } else {
      all_read = false;
    }
    for (const Entry& f : spec.entries()) {
      if (f.key == "effects") branch.effects = ReadEffects(context, f, what);
    }
    stage.branches.push_back(std::move(branch));
  }
  if (branches.ok() && stage.branches.empty()) {
    reader.Error(at, owner + " has no branches");
  } else if (all_read && sum != 1) {
    reader.Error(at, "the probabilities of " + owner + " sum to " +
                         RationalToString(sum) +
                         ", not exactly 1");
  }
}

}  // namespace

void ReadStages(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  Scenario& scenario = context.scenario;
  reader.Visit(value);
  if (!value.IsSequence() || value.size() == 0) {
    reader.Error(reader.Where(value, key_at),
                 "expected a list of stages for 'stages', got " + Describe(value),
                 "each stage is {actor: ID} or {chance: NAME, branches: {...}}");
    return;
  }
  if (!context.actors_known) return;  // names cannot be checked; the actors' errors suffice
  Sequence sequence;
  sequence.location = key_at;
  std::map<int, int> stage_of_actor;
  std::vector<std::string> actor_ids;
  for (const Actor& a : scenario.actors) actor_ids.push_back(a.id);
  const PredicateNames moves_only = context.Names(/*allow_positions=*/false);
  long double leaves = 1;
  for (const YAML::Node& item : value) {
    const SourceLocation at = reader.Where(item, key_at);
    MapReader spec(reader, item, "a stage", at,
                   {"actor", "chance", "moves", "observes", "when", "branches", "description"});
    if (!spec.ok()) continue;
    Stage stage;
    stage.location = at;
    const Entry* actor = spec.Find("actor");
    const Entry* chance = spec.Find("chance");
    if ((actor != nullptr) == (chance != nullptr)) {
      reader.Error(at, "a stage needs exactly one of 'actor' (who moves) or 'chance' (a "
                       "chance event's name)");
      continue;
    }
    if (actor) {
      const SourceLocation a_at = reader.Where(actor->value, reader.Where(actor->key_node));
      stage.name = reader.String(actor->value, "actor", a_at).value_or("");
      stage.actor = scenario.FindActor(stage.name);
      if (stage.actor < 0) {
        const std::string nearest = NearestWord(stage.name, actor_ids);
        reader.Error(a_at, "unknown actor " + Quote(stage.name) + " in 'stages'",
                     (nearest.empty() ? "" : "did you mean '" + nearest + "'? ") +
                         "actors: " + JoinWords(actor_ids));
        continue;
      }
      if (auto [it, fresh] = stage_of_actor.emplace(stage.actor, sequence.stages.size()); !fresh) {
        reader.Error(a_at, "actor " + Quote(stage.name) + " already moves in stage " +
                               std::to_string(it->second + 1),
                     "each actor moves at most once in 'stages'");
        continue;
      }
    } else {
      const SourceLocation c_at = reader.Where(chance->value, reader.Where(chance->key_node));
      stage.name = reader.String(chance->value, "chance", c_at).value_or("");
      if (!IsName(stage.name)) reader.Error(c_at, "invalid chance stage name " + Quote(stage.name), kNameRule);
      if (scenario.FindActor(stage.name) >= 0) {
        reader.Error(c_at, "chance stage " + Quote(stage.name) + " has the name of an actor");
      }
    }
    for (const Stage& s : sequence.stages) {
      if (s.name == stage.name && stage.actor < 0) {
        reader.Error(at, "two stages are named " + Quote(stage.name));
      }
    }
    for (const Entry& field : spec.entries()) {
      const SourceLocation f_at = reader.Where(field.key_node);
      const bool for_actor = field.key == "moves" || field.key == "observes";
      const bool for_chance = field.key == "when" || field.key == "branches";
      if ((for_actor && stage.actor < 0) || (for_chance && stage.actor >= 0)) {
        reader.Error(f_at, Quote(field.key) + " belongs to " +
                               (for_actor ? "an actor's stage" : "a chance stage"));
      } else if (field.key == "moves") {
        ReadStageMoves(context, stage, field);
      } else if (field.key == "observes") {
        ReadObserves(context, stage, field, sequence.stages);
      } else if (field.key == "when") {
        if (auto p = context.ReadPredicate(field.value, moves_only, "when", f_at)) {
          stage.when = std::move(*p);
        }
      } else if (field.key == "branches") {
        ReadBranches(context, stage, field);
      }
    }
    if (stage.actor >= 0 && stage.moves.empty() && !spec.Find("moves")) {
      for (size_t m = 0; m < scenario.actors[stage.actor].moves.size(); ++m) {
        stage.moves.push_back(static_cast<int>(m));
      }
    }
    if (stage.actor < 0 && !spec.Find("branches")) spec.Require("branches");
    leaves *= stage.actor >= 0 ? stage.moves.size() : stage.branches.size();
    sequence.stages.push_back(std::move(stage));
  }
  for (const Actor& actor : scenario.actors) {
    if (!actor.types.empty()) leaves *= actor.types.size();  // nature draws the types first
  }
  if (leaves > static_cast<long double>(scenario.limits.max_profiles)) {
    reader.Error(key_at, "the sequential game has more than " +
                             std::to_string(scenario.limits.max_profiles) + " paths",
                 "raise 'limits: {max_profiles: N}', or offer fewer moves per stage");
    return;
  }
  scenario.sequence = std::move(sequence);
}

}  // namespace sim::scenario_detail
