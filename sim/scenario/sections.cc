// SPDX-License-Identifier: MIT
#include "sim/scenario/sections.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace sim::scenario_detail {

std::string Quote(const std::string& s) { return "'" + s + "'"; }

std::string LineColumn(const SourceLocation& at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

// "did you mean 'x'? LABEL: a, b, c" for an unknown name among `known`.
std::string UnknownNameHint(const std::string& name, const std::vector<std::string>& known,
                            const std::string& label) {
  const std::string nearest = NearestName(name, known);
  std::string hint = nearest.empty() ? "" : "did you mean '" + nearest + "'? ";
  return hint + (known.empty() ? "there are no " + label : label + ": " + JoinWords(known));
}

namespace {

std::vector<std::string> IssueIds(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const Issue& issue : scenario.issues) ids.push_back(issue.id);
  return ids;
}

// Checks that a map key is usable as a name in predicates; reports it otherwise.
bool CheckName(Reader& reader, const Entry& entry, const std::string& kind) {
  if (IsName(entry.key)) return true;
  reader.Error(reader.Where(entry.key_node), "invalid " + kind + " name " + Quote(entry.key),
               kNameRule);
  return false;
}

// Index of issue `entry.key`, or -1 after reporting an unknown issue.
int ResolveIssue(LoadContext& context, const Entry& entry, const std::string& where) {
  const int issue = context.scenario.FindIssue(entry.key);
  if (issue < 0 && context.issues_known) {
    context.reader.Error(context.reader.Where(entry.key_node),
                         "unknown issue " + Quote(entry.key) + " in " + where,
                         UnknownNameHint(entry.key, IssueIds(context.scenario), "issues"));
  }
  return issue;
}

}  // namespace

// `effects: {ISSUE: DELTA, ...}`: deltas in [-1, 1] (positions live in [0, 1]).
std::vector<Effect> ReadEffects(LoadContext& context, const Entry& entry, const std::string& owner) {
  std::vector<Effect> effects;
  MapReader map(context.reader, entry.value, "effects of " + owner,
                context.reader.Where(entry.key_node));
  for (const Entry& e : map.entries()) {
    const int issue = ResolveIssue(context, e, "effects of " + owner);
    const SourceLocation at = context.reader.Where(e.key_node);
    const std::optional<double> delta =
        context.reader.Number(e.value, NumberRule{-1.0, 1.0}, "effect on " + e.key, at);
    if (issue >= 0 && delta) effects.push_back({issue, *delta, at});
  }
  return effects;
}

std::optional<Rational> ReadProbability(Reader& reader, const Entry& entry, const std::string& what,
                                        Rational& sum) {
  const SourceLocation at = reader.Where(entry.value, reader.Where(entry.key_node));
  const std::optional<std::string> text = reader.String(entry.value, "probability", at);
  std::optional<Rational> r = text ? ParseRational(*text) : std::nullopt;
  if (text && !r) {
    reader.Error(at, "probability " + Quote(*text) + " of " + what + " is not a number",
                 "write a fraction such as 1/4 or a decimal such as 0.25");
  } else if (r && sgn(*r) < 0) {
    reader.Error(at, "probability " + Quote(*text) + " of " + what + " is negative");
    r.reset();
  }
  if (r) sum += *r;
  return r;
}

namespace {

// Nodes read once every actor's moves are known (their predicates may name any move).
struct Deferred {
  int actor;
  int move;       // -1 for utility terms
  Entry entry;
  int type = -1;  // terms of this private type of the actor (-1: the actor's own terms)
};
constexpr int kResoluteType = -2;  // Deferred::type of the resolute type's terms

void ReadMoves(LoadContext& context, Actor& actor, int actor_index, const Entry& entry,
               std::vector<Deferred>& deferred) {
  Reader& reader = context.reader;
  const std::string owner = "actor " + Quote(actor.id);
  const SourceLocation at = reader.Where(entry.key_node);
  reader.Visit(entry.value);
  const size_t errors_before = reader.sink().size();
  if (entry.value.IsSequence()) {  // `moves: [hold, relax]`: names only
    for (const YAML::Node& item : entry.value) {
      const std::optional<std::string> id = reader.String(item, "move name", at);
      if (!id) continue;
      const SourceLocation item_at = reader.Where(item, at);
      if (!IsName(*id)) {
        reader.Error(item_at, "invalid move name " + Quote(*id), kNameRule);
        continue;
      }
      bool duplicate = false;
      for (const Move& m : actor.moves) {
        if (m.id == *id) {
          reader.Error(item_at, "duplicate move " + Quote(*id) + " of " + owner + " (first at " +
                                    LineColumn(m.location) + ")");
          duplicate = true;
        }
      }
      if (!duplicate) {
        Move move;
        move.id = *id;
        move.location = item_at;
        actor.moves.push_back(std::move(move));
      }
    }
  } else if (!entry.value.IsMap() && !entry.value.IsNull()) {
    reader.Error(reader.Where(entry.value, at),
                 "expected a map of moves or a list of move names for 'moves' of " + owner +
                     ", got " + Describe(entry.value));
    return;
  } else {
    MapReader moves(reader, entry.value, "'moves' of " + owner, at);
    for (const Entry& m : moves.entries()) {
      if (!CheckName(reader, m, "move")) continue;
      Move move;
      move.id = m.key;
      move.location = reader.Where(m.key_node);
      const std::string what = "move " + Quote(m.key) + " of " + owner;
      MapReader spec(reader, m.value, what, move.location,
                     {"description", "cost", "effects", "conditional"});
      for (const Entry& field : spec.entries()) {
        const SourceLocation field_at = reader.Where(field.key_node);
        if (context.has_payoff_table && field.key != "description") {
          reader.Error(field_at, Quote(field.key) + " of " + what +
                                     " has no use: the payoff table gives the utilities",
                       "remove it, or remove 'payoffs' and derive utilities from issues");
          continue;
        }
        if (field.key == "description") {
          if (auto text = reader.String(field.value, field.key, field_at)) move.description = *text;
        } else if (field.key == "cost") {
          if (auto cost = reader.Number(field.value, kAnyFinite, "cost", field_at)) move.cost = *cost;
        } else if (field.key == "effects") {
          move.effects = ReadEffects(context, field, what);
        } else if (field.key == "conditional") {
          deferred.push_back({actor_index, static_cast<int>(actor.moves.size()), field});
        }
      }
      actor.moves.push_back(std::move(move));
    }
  }
  // An actor whose every move was refused has already been reported.
  if (actor.moves.empty() && reader.sink().size() == errors_before) {
    reader.Error(at, owner + " has no moves", "every actor needs at least one move");
  }
}

void ReadStakes(LoadContext& context, Actor& actor, const Entry& entry) {
  Reader& reader = context.reader;
  const std::string owner = "stakes of actor " + Quote(actor.id);
  MapReader stakes(reader, entry.value, owner, reader.Where(entry.key_node));
  for (const Entry& e : stakes.entries()) {
    const int issue = ResolveIssue(context, e, owner);
    MapReader spec(reader, e.value, "stake of actor " + Quote(actor.id) + " in " + Quote(e.key),
                   reader.Where(e.key_node), {"ideal", "salience"});
    Stake stake;
    if (const Entry* ideal = spec.Require("ideal")) {
      stake.ideal = reader.Number(ideal->value, kUnitInterval, "ideal", reader.Where(ideal->key_node))
                        .value_or(0.0);
    }
    if (const Entry* salience = spec.Require("salience")) {
      stake.salience = reader.Number(salience->value, kNonNegative, "salience",
                                     reader.Where(salience->key_node))
                           .value_or(0.0);
    }
    if (issue >= 0) actor.stakes[issue] = stake;
  }
}

// The stakes a private type overrides: `{ISSUE: {ideal, salience}, ...}`.
void ReadTypeStakes(LoadContext& context, const Entry& f, const std::string& what, ActorType& type) {
  Reader& reader = context.reader;
  MapReader stakes(reader, f.value, "stakes of " + what, reader.Where(f.key_node));
  for (const Entry& e : stakes.entries()) {
    StakeOverride stake;
    stake.issue = ResolveIssue(context, e, "stakes of " + what);
    MapReader fields(reader, e.value, "stake of " + what + " in " + Quote(e.key),
                     reader.Where(e.key_node), {"ideal", "salience"});
    if (const Entry* ideal = fields.Find("ideal")) {
      stake.ideal = reader.Number(ideal->value, kUnitInterval, "ideal",
                                  reader.Where(ideal->key_node));
    }
    if (const Entry* salience = fields.Find("salience")) {
      stake.salience = reader.Number(salience->value, kNonNegative, "salience",
                                     reader.Where(salience->key_node));
    }
    if (fields.ok() && fields.entries().empty()) {
      reader.Error(reader.Where(e.key_node),
                   "stake of " + what + " in " + Quote(e.key) + " changes nothing",
                   "give 'ideal', 'salience' or both");
    }
    if (stake.issue >= 0) type.stakes.push_back(stake);
  }
}

// `types: {TYPE: {prior, description, stakes, terms}, ...}`: private types (D2.3, D2.4).
// Terms are deferred like the actor's own (their predicates may name any move).
void ReadTypes(LoadContext& context, Actor& actor, int actor_index, const Entry& field,
               std::vector<Deferred>& deferred) {
  Reader& reader = context.reader;
  const SourceLocation at = reader.Where(field.key_node);
  const std::string owner = "types of actor " + Quote(actor.id);
  MapReader types(reader, field.value, owner, at);
  if (!types.ok()) return;
  if (types.entries().size() < 2) {
    reader.Error(at, owner + " lists " + std::to_string(types.entries().size()) + " type(s)",
                 "private types need at least two, each with its prior probability");
  }
  Rational sum = 0;
  bool all_read = true;
  for (const Entry& t : types.entries()) {
    if (!CheckName(reader, t, "type")) continue;
    ActorType type;
    type.id = t.key;
    type.location = reader.Where(t.key_node);
    const std::string what = "type " + Quote(t.key) + " of actor " + Quote(actor.id);
    MapReader spec(reader, t.value, what, type.location,
                   {"prior", "description", "stakes", "terms"});
    std::optional<Rational> prior;
    if (const Entry* p = spec.Require("prior")) prior = ReadProbability(reader, *p, what, sum);
    if (prior) {
      type.prior = RationalToString(*prior);
    } else {
      all_read = false;
    }
    for (const Entry& f : spec.entries()) {
      const SourceLocation f_at = reader.Where(f.key_node);
      if (f.key == "description") {
        type.description = reader.String(f.value, "description", f_at).value_or("");
      } else if (f.key == "stakes") {
        ReadTypeStakes(context, f, what, type);
      } else if (f.key == "terms") {
        deferred.push_back({actor_index, -1, f, static_cast<int>(actor.types.size())});
      }
    }
    actor.types.push_back(std::move(type));
  }
  if (all_read && !actor.types.empty() && sum != 1) {
    reader.Error(at, "the priors of " + owner + " sum to " + RationalToString(sum) +
                         ", not exactly 1");
  }
}

// `resolute: {description, claims, stakes, terms}`: the preferences of the actor's resolute
// type for the `resolute` unpredictability model (uncertainty.h): the type that, with prior u,
// the others fear it is (McManus 2019: perceived resolve is what gives leverage). Its stakes
// and terms override the actor's own as a private type's do; `claims` name the document
// claims behind them, and at least one is required: the direction is a judgement to defend.
void ReadResolute(LoadContext& context, Actor& actor, int actor_index, const Entry& field,
                  std::vector<Deferred>& deferred) {
  Reader& reader = context.reader;
  ActorType type;
  type.id = "resolute";
  type.location = reader.Where(field.key_node);
  const std::string what = "the resolute type of actor " + Quote(actor.id);
  MapReader spec(reader, field.value, what, type.location,
                 {"description", "claims", "stakes", "terms"});
  if (!spec.ok()) return;
  bool changes = false;
  const Entry* terms = nullptr;
  for (const Entry& f : spec.entries()) {
    const SourceLocation f_at = reader.Where(f.key_node);
    if (f.key == "description") {
      type.description = reader.String(f.value, "description", f_at).value_or("");
    } else if (f.key == "claims") {
      reader.Visit(f.value);
      if (!f.value.IsSequence() || f.value.size() == 0) {
        reader.Error(reader.Where(f.value, f_at),
                     "expected a non-empty list of claim ids for 'claims' of " + what +
                         ", got " + Describe(f.value),
                     "e.g. claims: [D2.3, D2.4]");
        continue;
      }
      for (const YAML::Node& item : f.value) {
        if (auto id = reader.String(item, "claim id", reader.Where(item, f_at)))
          actor.resolute_claims.push_back(*id);
      }
    } else if (f.key == "stakes") {
      ReadTypeStakes(context, f, what, type);
      changes = true;
    } else if (f.key == "terms") {
      terms = &f;
      changes = true;
    }
  }
  if (spec.Require("claims") == nullptr) return;
  if (!changes) {
    reader.Error(type.location, what + " changes nothing",
                 "give the 'stakes' (e.g. an ideal at the escalatory end) or 'terms' in which "
                 "the resolute type differs");
  }
  actor.resolute = std::move(type);
  if (terms != nullptr) deferred.push_back({actor_index, -1, *terms, kResoluteType});
}

// `types_known_to: [ACTOR, ...]`: the other actors who learn this actor's type.
void ReadTypesKnownTo(LoadContext& context, int index, const Entry& field) {
  Reader& reader = context.reader;
  Actor& actor = context.scenario.actors[index];
  const SourceLocation at = reader.Where(field.key_node);
  reader.Visit(field.value);
  if (!field.value.IsSequence()) {
    reader.Error(reader.Where(field.value, at),
                 "expected a list of actor ids for 'types_known_to' of actor " + Quote(actor.id) +
                     ", got " + Describe(field.value));
    return;
  }
  if (actor.types.empty()) {
    reader.Error(at, "'types_known_to' of actor " + Quote(actor.id) + " has no use",
                 "the actor has no 'types'");
  }
  std::vector<std::string> ids;
  for (const Actor& a : context.scenario.actors) ids.push_back(a.id);
  for (const YAML::Node& item : field.value) {
    const SourceLocation item_at = reader.Where(item, at);
    const std::optional<std::string> id = reader.String(item, "actor", item_at);
    if (!id) continue;
    const int other = context.scenario.FindActor(*id);
    if (other < 0) {
      reader.Error(item_at, "unknown actor " + Quote(*id) + " in 'types_known_to' of actor " +
                                Quote(actor.id),
                   UnknownNameHint(*id, ids, "actors"));
    } else if (other == index) {
      reader.Error(item_at, "actor " + Quote(actor.id) + " always knows its own type",
                   "list only the other actors who learn it");
    } else if (std::find(actor.types_known_to.begin(), actor.types_known_to.end(), other) ==
               actor.types_known_to.end()) {
      actor.types_known_to.push_back(other);
    }
  }
}

void ReadConditional(LoadContext& context, const Deferred& d, const PredicateNames& names) {
  Reader& reader = context.reader;
  Move& move = context.scenario.actors[d.actor].moves[d.move];
  const std::string what =
      "move " + Quote(move.id) + " of actor " + Quote(context.scenario.actors[d.actor].id);
  const SourceLocation at = reader.Where(d.entry.key_node);
  reader.Visit(d.entry.value);
  if (!d.entry.value.IsSequence()) {
    reader.Error(reader.Where(d.entry.value, at),
                 "expected a list of {when, effects} for 'conditional' of " + what + ", got " +
                     Describe(d.entry.value));
    return;
  }
  for (const YAML::Node& item : d.entry.value) {
    const SourceLocation item_at = reader.Where(item, at);
    MapReader spec(reader, item, "a conditional effect of " + what, item_at, {"when", "effects"});
    if (!spec.ok()) continue;
    ConditionalEffect conditional;
    conditional.location = item_at;
    if (const Entry* when = spec.Require("when")) {
      if (auto p = context.ReadPredicate(when->value, names, "when", reader.Where(when->key_node))) {
        conditional.condition = std::move(*p);
      }
    }
    if (const Entry* effects = spec.Require("effects")) {
      conditional.effects = ReadEffects(context, *effects, what);
    }
    move.conditional_effects.push_back(std::move(conditional));
  }
}

void ReadTerms(LoadContext& context, const Deferred& d, const PredicateNames& names) {
  Reader& reader = context.reader;
  Actor& actor = context.scenario.actors[d.actor];
  std::vector<UtilityTerm>& terms = d.type == kResoluteType ? actor.resolute->terms
                                    : d.type < 0            ? actor.terms
                                                            : actor.types[d.type].terms;
  const SourceLocation at = reader.Where(d.entry.key_node);
  reader.Visit(d.entry.value);
  if (!d.entry.value.IsSequence()) {
    reader.Error(reader.Where(d.entry.value, at),
                 "expected a list of {name, value, when} for 'terms' of actor " + Quote(actor.id) +
                     ", got " + Describe(d.entry.value));
    return;
  }
  for (const YAML::Node& item : d.entry.value) {
    const SourceLocation item_at = reader.Where(item, at);
    MapReader spec(reader, item, "a term of actor " + Quote(actor.id), item_at,
                   {"name", "value", "when"});
    if (!spec.ok()) continue;
    UtilityTerm term;
    term.location = item_at;
    if (const Entry* name = spec.Require("name")) {
      term.name = reader.String(name->value, "name", reader.Where(name->key_node)).value_or("");
    }
    if (const Entry* value = spec.Require("value")) {
      term.value = reader.Number(value->value, kAnyFinite, "value", reader.Where(value->key_node))
                       .value_or(0.0);
    }
    if (const Entry* when = spec.Find("when")) {
      if (auto p = context.ReadPredicate(when->value, names, "when", reader.Where(when->key_node))) {
        term.when = std::move(*p);
      }
    }
    terms.push_back(std::move(term));
  }
}

// "12000000" or, past int64, "about 1.2e+20"; and "usa 4 x russia 3000000".
std::string ProfileCountText(const std::vector<int64_t>& moves) {
  long double product = 1;
  for (int64_t m : moves) product *= static_cast<long double>(m);
  if (product < 9.2e18L) return std::to_string(static_cast<int64_t>(product));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "about %.3Lg", product);
  return buffer;
}

void CheckProfileLimit(LoadContext& context, const SourceLocation& key_at) {
  const Scenario& scenario = context.scenario;
  std::vector<int64_t> moves;
  std::string factors;
  for (const Actor& actor : scenario.actors) {
    if (actor.moves.empty()) return;  // already reported
    moves.push_back(static_cast<int64_t>(actor.moves.size()));
    if (moves.size() <= 8) {
      factors += (factors.empty() ? "" : " x ") + actor.id + " " + std::to_string(actor.moves.size());
    }
  }
  if (moves.size() > 8) factors += " x ...";
  // Private types multiply the game: nature's draw of them precedes the moves.
  for (const Actor& actor : scenario.actors) {
    if (actor.types.empty()) continue;
    moves.push_back(static_cast<int64_t>(actor.types.size()));
    factors += " x " + actor.id + " " + std::to_string(actor.types.size()) + " types";
  }
  const int64_t limit = scenario.limits.max_profiles;
  if (std::optional<int64_t> count = CountProfilesWithin(moves, limit)) {
    context.num_profiles = *count;
    return;
  }
  context.game_too_large = true;
  context.reader.Error(
      key_at,
      "the game has " + ProfileCountText(moves) + " move profiles (" + factors +
          " moves), more than the limit of " + std::to_string(limit),
      "a larger limit needs about profiles x (actors + issues) x 8 bytes of memory; raise it "
      "with 'limits: {max_profiles: N}' in the scenario, or give actors fewer moves");
}

}  // namespace

std::optional<int64_t> CountProfilesWithin(const std::vector<int64_t>& moves, int64_t limit) {
  int64_t count = 1;
  for (int64_t m : moves) {
    // count * m > limit  <=>  count > limit / m (integer division, m >= 1): no overflow.
    if (m <= 0) return 0;
    if (count > limit / m) return std::nullopt;
    count *= m;
  }
  if (count > limit) return std::nullopt;
  return count;
}

PredicateNames LoadContext::Names(bool allow_positions) const {
  PredicateNames names;
  names.issues = IssueIds(scenario);
  for (const Actor& actor : scenario.actors) {
    names.actors.push_back(actor.id);
    std::vector<std::string> moves;
    for (const Move& move : actor.moves) moves.push_back(move.id);
    names.moves.push_back(std::move(moves));
  }
  names.allow_positions = allow_positions;
  names.actors_known = actors_known;
  names.issues_known = issues_known;
  return names;
}

std::optional<Predicate> LoadContext::ReadPredicate(const YAML::Node& node,
                                                    const PredicateNames& names,
                                                    std::string_view what,
                                                    const SourceLocation& at) {
  std::optional<std::string> text = reader.String(node, what, at);
  if (!text) return std::nullopt;
  ParsedPredicate parsed = ParsePredicate(*text, names);
  if (parsed.error) {
    SourceLocation where = reader.document().WhereIn(node, parsed.error->offset);
    if (!where.known()) where = at;
    reader.Error(where, parsed.error->message, parsed.error->hint);
    return std::nullopt;
  }
  return std::move(parsed.predicate);
}

void ReadLimits(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  MapReader limits(context.reader, value, "'limits'", key_at, {"max_profiles"});
  if (const Entry* max = limits.Find("max_profiles")) {
    // 2^53: the largest count a double (the one number reader) holds exactly.
    const NumberRule rule{1.0, 9007199254740992.0, /*integer=*/true};
    if (auto n = context.reader.Number(max->value, rule, "max_profiles",
                                       context.reader.Where(max->key_node))) {
      // LoadOptions::max_profiles (the command line) wins over the file.
      if (context.options.max_profiles <= 0) {
        context.scenario.limits.max_profiles = static_cast<int64_t>(*n);
      }
    }
  }
}

void ReadIssues(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  MapReader issues(reader, value, "'issues'", key_at);
  if (!issues.ok()) {
    context.issues_known = false;
    return;
  }
  for (const Entry& entry : issues.entries()) {
    if (!CheckName(reader, entry, "issue")) {
      context.issues_known = false;
      continue;
    }
    Issue issue;
    issue.id = entry.key;
    issue.location = reader.Where(entry.key_node);
    MapReader spec(reader, entry.value, "issue " + Quote(entry.key), issue.location,
                   {"description", "low", "high", "status_quo"});
    for (const Entry& field : spec.entries()) {
      const SourceLocation at = reader.Where(field.key_node);
      if (field.key == "status_quo") {
        issue.status_quo = reader.Number(field.value, kUnitInterval, "status_quo", at).value_or(0.0);
        continue;
      }
      const std::string text = reader.String(field.value, field.key, at).value_or("");
      if (field.key == "description") issue.description = text;
      if (field.key == "low") issue.low = text;
      if (field.key == "high") issue.high = text;
    }
    spec.Require("status_quo");
    context.scenario.issues.push_back(std::move(issue));
  }
}

void ReadActors(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  Scenario& scenario = context.scenario;
  MapReader actors(reader, value, "'actors'", key_at);
  if (!actors.ok()) {
    context.actors_known = false;
    return;
  }
  if (actors.entries().empty()) {
    reader.Error(key_at, "the scenario has no actors", "give at least one actor with its moves");
    context.actors_known = false;
    return;
  }
  std::vector<Deferred> deferred;
  std::vector<std::pair<int, Entry>> known_to;  // read once every actor is known
  for (const Entry& entry : actors.entries()) {
    if (!CheckName(reader, entry, "actor")) {
      context.actors_known = false;
      continue;
    }
    const int index = static_cast<int>(scenario.actors.size());
    Actor actor;
    actor.id = actor.name = entry.key;
    actor.location = reader.Where(entry.key_node);
    actor.stakes.resize(scenario.issues.size());
    const std::string what = "actor " + Quote(entry.key);
    MapReader spec(reader, entry.value, what, actor.location,
                   {"name", "description", "stakes", "unpredictability", "moves", "terms",
                    "types", "types_known_to", "resolute"});
    for (const Entry& field : spec.entries()) {
      const SourceLocation at = reader.Where(field.key_node);
      if (context.has_payoff_table &&
          (field.key == "stakes" || field.key == "terms" || field.key == "types" ||
           field.key == "resolute")) {
        reader.Error(at, Quote(field.key) + " of " + what +
                             " has no use: the payoff table gives the utilities",
                     "remove it, or remove 'payoffs' and derive utilities from issues");
      } else if (field.key == "name") {
        actor.name = reader.String(field.value, "name", at).value_or(actor.name);
      } else if (field.key == "description") {
        actor.description = reader.String(field.value, "description", at).value_or("");
      } else if (field.key == "unpredictability") {
        actor.unpredictability =
            reader.Number(field.value, kUnitInterval, "unpredictability", at).value_or(0.0);
      } else if (field.key == "stakes") {
        ReadStakes(context, actor, field);
      } else if (field.key == "moves") {
        ReadMoves(context, actor, index, field, deferred);
      } else if (field.key == "terms") {
        deferred.push_back({index, -1, field});
      } else if (field.key == "types") {
        ReadTypes(context, actor, index, field, deferred);
      } else if (field.key == "types_known_to") {
        known_to.push_back({index, field});
      } else if (field.key == "resolute") {
        ReadResolute(context, actor, index, field, deferred);
      }
    }
    if (spec.ok() && spec.Require("moves") == nullptr) context.actors_known = false;
    scenario.actors.push_back(std::move(actor));
  }
  for (const auto& [index, field] : known_to) ReadTypesKnownTo(context, index, field);
  // Predicates may name any actor's moves, so they are read once all moves are known.
  const PredicateNames moves_only = context.Names(/*allow_positions=*/false);
  const PredicateNames everything = context.Names(/*allow_positions=*/true);
  for (const Deferred& d : deferred) {
    if (d.move >= 0) {
      ReadConditional(context, d, moves_only);
    } else {
      ReadTerms(context, d, everything);
    }
  }
  CheckProfileLimit(context, key_at);
}

void ReadOutcomes(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  reader.Visit(value);
  if (value.IsNull()) return;
  if (!value.IsSequence()) {
    reader.Error(reader.Where(value, key_at),
                 "expected a list of {name, when} for 'outcomes', got " + Describe(value),
                 "outcomes are ordered: the first class whose 'when' holds names the outcome");
    return;
  }
  const PredicateNames names = context.Names(/*allow_positions=*/true);
  std::vector<std::pair<std::string, SourceLocation>> named;  // each name, where it was given
  for (const YAML::Node& item : value) {
    const SourceLocation item_at = reader.Where(item, key_at);
    MapReader spec(reader, item, "an outcome", item_at, {"name", "when", "description"});
    if (!spec.ok()) continue;
    OutcomeClass outcome;
    outcome.location = item_at;
    if (const Entry* name = spec.Require("name")) {
      const SourceLocation at = reader.Where(name->value, reader.Where(name->key_node));
      outcome.name = reader.String(name->value, "name", at).value_or("");
      if (!outcome.name.empty() && !IsName(outcome.name)) {
        reader.Error(at, "invalid outcome name " + Quote(outcome.name), kNameRule);
      } else if (outcome.name == "other") {
        reader.Error(at, "the outcome name 'other' is reserved",
                     "'other' names the profiles that no outcome class matches");
      }
      for (const auto& [earlier, earlier_at] : named) {
        if (outcome.name.empty() || earlier != outcome.name) continue;
        // A name given by --set is blamed on that argument, not on the file's line.
        const bool earlier_set = earlier_at.file != at.file;
        const SourceLocation& blamed = earlier_set ? earlier_at : at;
        const SourceLocation& other = earlier_set ? at : earlier_at;
        reader.Error(blamed, "duplicate outcome " + Quote(outcome.name) + " (" +
                                 (earlier_set ? "also at " + other.file + ":" : "first at ") +
                                 LineColumn(other) + ")");
      }
      named.emplace_back(outcome.name, at);
    }
    if (const Entry* description = spec.Find("description")) {
      outcome.description =
          reader.String(description->value, "description", reader.Where(description->key_node))
              .value_or("");
    }
    if (const Entry* when = spec.Require("when")) {
      if (auto p = context.ReadPredicate(when->value, names, "when", reader.Where(when->key_node))) {
        outcome.when = std::move(*p);
      }
    }
    context.scenario.outcomes.push_back(std::move(outcome));
  }
}

}  // namespace sim::scenario_detail
