// SPDX-License-Identifier: MIT
#include "sim/scenario/repeated_section.h"

#include <charconv>
#include <cmath>

namespace sim::scenario_detail {
namespace {

constexpr int kMaxAutomatonStates = 256;
constexpr const char* kStrategyForms =
    "built-ins: allc, alld, grim, tft, gtft (gtft:G, generosity G in [0, 1]), wsls, steps "
    "(steps:K, K >= 1 quiet rounds per rung); or the name of an automaton in 'automata'";


std::vector<std::string> ActorIds(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const Actor& actor : scenario.actors) ids.push_back(actor.id);
  return ids;
}

std::vector<std::string> MoveIds(const Actor& actor) {
  std::vector<std::string> ids;
  for (const Move& move : actor.moves) ids.push_back(move.id);
  return ids;
}

int FindMove(const Actor& actor, const std::string& id) {
  for (size_t m = 0; m < actor.moves.size(); ++m)
    if (actor.moves[m].id == id) return static_cast<int>(m);
  return -1;
}

bool IsMoveOfSomeActor(const Scenario& scenario, const std::string& id) {
  for (const Actor& actor : scenario.actors)
    if (FindMove(actor, id) >= 0) return true;
  return false;
}

std::string Hint(const std::string& word, const std::vector<std::string>& known,
                 const std::string& label) {
  const std::string nearest = NearestName(word, known);
  return (nearest.empty() ? "" : "did you mean '" + nearest + "'? ") + label + ": " +
         JoinWords(known);
}

class RepeatedReader {
 public:
  RepeatedReader(LoadContext& context, RepeatedSpec& spec)
      : context_(context), reader_(context.reader), scenario_(context.scenario), spec_(spec) {}

  // `cooperate:` / `defect:`: {ACTOR: MOVE, ...}, every actor named once.
  void ReadMoveChoice(const Entry& entry, std::vector<int>& out) {
    const SourceLocation at = reader_.Where(entry.key_node);
    MapReader map(reader_, entry.value, Quote(entry.key) + " of 'repeated'", at);
    if (!map.ok()) return;
    out.assign(scenario_.actors.size(), -1);
    for (const Entry& e : map.entries()) {
      const int actor = ResolveActor(e);
      if (actor < 0) continue;
      const SourceLocation value_at = reader_.Where(e.value, reader_.Where(e.key_node));
      const std::optional<std::string> id = reader_.String(e.value, "move", value_at);
      if (!id) continue;
      const int move = FindMove(scenario_.actors[actor], *id);
      if (move < 0) {
        reader_.Error(value_at, "unknown move " + Quote(*id) + " of actor " +
                                    Quote(scenario_.actors[actor].id) + " in " + Quote(entry.key),
                      Hint(*id, MoveIds(scenario_.actors[actor]), "moves"));
        continue;
      }
      out[actor] = move;
    }
    for (size_t a = 0; a < scenario_.actors.size(); ++a) {
      if (out[a] < 0 && !map.Find(scenario_.actors[a].id)) {
        reader_.Error(at, Quote(entry.key) + " of 'repeated' has no move for actor " +
                              Quote(scenario_.actors[a].id),
                      "name one move per actor, e.g. " + entry.key + ": {" +
                          scenario_.actors[a].id + ": " + scenario_.actors[a].moves[0].id + "}");
      }
    }
  }

  // `steps: {quiet: K, ladder: {ACTOR: [MOVE, ...], ...}}`.
  void ReadSteps(const Entry& entry) {
    const SourceLocation at = reader_.Where(entry.key_node);
    MapReader map(reader_, entry.value, "'steps' of 'repeated'", at, {"quiet", "ladder"});
    if (const Entry* quiet = map.Find("quiet")) {
      if (auto k = reader_.Number(quiet->value, NumberRule{1, 1000, true}, "quiet",
                                  reader_.Where(quiet->key_node)))
        spec_.quiet = static_cast<int>(*k);
    }
    const Entry* ladder = map.Find("ladder");
    if (!ladder) return;
    const SourceLocation ladder_at = reader_.Where(ladder->key_node);
    MapReader ladders(reader_, ladder->value, "'ladder' of 'steps'", ladder_at);
    if (!ladders.ok()) return;
    std::vector<std::vector<int>> rungs(scenario_.actors.size());
    bool ok = true;
    for (const Entry& e : ladders.entries()) {
      const int actor = ResolveActor(e);
      if (actor < 0) {
        ok = false;
        continue;
      }
      const SourceLocation e_at = reader_.Where(e.key_node);
      if (!e.value.IsSequence() || e.value.size() < 2) {
        reader_.Error(reader_.Where(e.value, e_at),
                      "the ladder of actor " + Quote(e.key) +
                          " must be a list of at least two moves, got " +
                          (e.value.IsSequence() ? std::to_string(e.value.size()) + " move(s)"
                                                : Describe(e.value)),
                      "rungs go from the least to the most conciliatory, e.g. [stand_pat, "
                      "small_step, grand_offer]");
        ok = false;
        continue;
      }
      for (const YAML::Node& item : e.value) {
        const SourceLocation item_at = reader_.Where(item, e_at);
        const std::optional<std::string> id = reader_.String(item, "rung", item_at);
        if (!id) {
          ok = false;
          continue;
        }
        const int move = FindMove(scenario_.actors[actor], *id);
        if (move < 0) {
          reader_.Error(item_at, "unknown move " + Quote(*id) + " of actor " + Quote(e.key) +
                                     " in the ladder",
                        Hint(*id, MoveIds(scenario_.actors[actor]), "moves"));
          ok = false;
          continue;
        }
        for (int earlier : rungs[actor]) {
          if (earlier == move) {
            reader_.Error(item_at, "move " + Quote(*id) + " appears twice in the ladder of " +
                                       Quote(e.key));
            ok = false;
          }
        }
        rungs[actor].push_back(move);
      }
    }
    for (size_t a = 0; a < scenario_.actors.size(); ++a) {
      if (rungs[a].empty() && !ladders.Find(scenario_.actors[a].id)) {
        reader_.Error(ladder_at, "the ladder has no rungs for actor " +
                                     Quote(scenario_.actors[a].id),
                      "give every actor its ladder, or none (the default is [defect, cooperate])");
        ok = false;
      }
    }
    if (ok) spec_.ladder = std::move(rungs);
  }

  void ReadAutomata(const Entry& entry) {
    const SourceLocation at = reader_.Where(entry.key_node);
    MapReader map(reader_, entry.value, "'automata' of 'repeated'", at);
    for (const Entry& e : map.entries()) {
      const SourceLocation e_at = reader_.Where(e.key_node);
      if (!IsName(e.key)) {
        reader_.Error(e_at, "invalid automaton name " + Quote(e.key), kNameRule);
        continue;
      }
      bool builtin = false;
      for (const std::string& b : BuiltinRepeatedStrategies()) builtin = builtin || b == e.key;
      if (builtin) {
        reader_.Error(e_at, "automaton " + Quote(e.key) + " has the name of a built-in strategy",
                      "built-ins: " + JoinWords(BuiltinRepeatedStrategies()));
        continue;
      }
      if (auto automaton = ReadAutomaton(e)) spec_.automata.push_back(std::move(*automaton));
    }
  }

  void ReadStrategies(const Entry& entry) {
    const SourceLocation at = reader_.Where(entry.key_node);
    if (!entry.value.IsSequence() || entry.value.size() == 0) {
      reader_.Error(reader_.Where(entry.value, at),
                    "expected a non-empty list of strategies for 'strategies', got " +
                        Describe(entry.value),
                    kStrategyForms);
      return;
    }
    for (const YAML::Node& item : entry.value) {
      const SourceLocation item_at = reader_.Where(item, at);
      const std::optional<std::string> text = reader_.String(item, "strategy", item_at);
      if (!text) continue;
      if (auto name = ParseStrategyName(*text, item_at)) spec_.strategies.push_back(*name);
    }
  }

 private:
  int ResolveActor(const Entry& e) {
    const int actor = scenario_.FindActor(e.key);
    if (actor < 0) {
      reader_.Error(reader_.Where(e.key_node), "unknown actor " + Quote(e.key) + " in 'repeated'",
                    Hint(e.key, ActorIds(scenario_), "actors"));
    }
    return actor;
  }

  std::optional<RepeatedStrategyName> ParseStrategyName(const std::string& text,
                                                        const SourceLocation& at) {
    RepeatedStrategyName name;
    name.text = text;
    name.location = at;
    const size_t colon = text.find(':');
    name.base = text.substr(0, colon);
    bool builtin = false;
    for (const std::string& b : BuiltinRepeatedStrategies()) builtin = builtin || b == name.base;
    bool automaton = false;
    for (const RepeatedAutomaton& a : spec_.automata) automaton = automaton || a.name == name.base;
    if (!builtin && !automaton) {
      std::vector<std::string> known = BuiltinRepeatedStrategies();
      for (const RepeatedAutomaton& a : spec_.automata) known.push_back(a.name);
      reader_.Error(at, "unknown strategy " + Quote(name.base), Hint(name.base, known, "strategies"));
      return std::nullopt;
    }
    if (colon == std::string::npos) return name;
    const std::string parameter = text.substr(colon + 1);
    double value = 0;
    const auto [end, error] =
        std::from_chars(parameter.data(), parameter.data() + parameter.size(), value);
    const bool number = error == std::errc() && end == parameter.data() + parameter.size() &&
                        !parameter.empty() && std::isfinite(value);
    if (name.base == "gtft" && number && value >= 0 && value <= 1) {
      name.parameter = value;
      return name;
    }
    if (name.base == "steps" && number && value >= 1 && value <= 1000 &&
        value == std::floor(value)) {
      name.parameter = value;
      return name;
    }
    reader_.Error(at, "bad parameter " + Quote(parameter) + " of strategy " + Quote(name.base),
                  name.base == "gtft"    ? "gtft:G takes a generosity G in [0, 1]"
                  : name.base == "steps" ? "steps:K takes a whole number K of quiet rounds, 1 to 1000"
                                         : "only gtft and steps take a parameter");
    return std::nullopt;
  }

  // A `when:` map: {self|other|ACTOR: WORD or [WORD, ...]}.
  std::vector<RepeatedCondition> ReadConditions(const Entry& when, const std::string& owner) {
    std::vector<RepeatedCondition> conditions;
    MapReader map(reader_, when.value, "'when' of " + owner, reader_.Where(when.key_node));
    for (const Entry& e : map.entries()) {
      RepeatedCondition condition;
      condition.location = reader_.Where(e.key_node);
      int actor = -1;
      if (e.key == "self") {
        condition.who = kRepeatedSelf;
      } else if (e.key == "other") {
        condition.who = kRepeatedOther;
      } else if ((actor = scenario_.FindActor(e.key)) >= 0) {
        condition.who = actor;
      } else {
        std::vector<std::string> known = {"self", "other"};
        for (const std::string& id : ActorIds(scenario_)) known.push_back(id);
        reader_.Error(condition.location, "unknown player " + Quote(e.key) + " in 'when' of " + owner,
                      Hint(e.key, known, "players"));
        continue;
      }
      std::vector<YAML::Node> items;
      if (e.value.IsSequence()) {
        for (const YAML::Node& item : e.value) items.push_back(item);
      } else {
        items.push_back(e.value);
      }
      bool ok = !items.empty();
      for (const YAML::Node& item : items) {
        const SourceLocation item_at = reader_.Where(item, condition.location);
        const std::optional<std::string> word = reader_.String(item, "move", item_at);
        if (!word) {
          ok = false;
          continue;
        }
        const bool known = *word == "cooperate" || *word == "defect" ||
                           (actor >= 0 ? FindMove(scenario_.actors[actor], *word) >= 0
                                       : IsMoveOfSomeActor(scenario_, *word));
        if (!known) {
          std::vector<std::string> words = {"cooperate", "defect"};
          if (actor >= 0) {
            for (const std::string& id : MoveIds(scenario_.actors[actor])) words.push_back(id);
          } else {
            for (const Actor& a : scenario_.actors)
              for (const std::string& id : MoveIds(a)) words.push_back(id);
          }
          reader_.Error(item_at, "unknown move " + Quote(*word) + " for " + Quote(e.key) +
                                     " in 'when' of " + owner,
                        Hint(*word, words, "moves"));
          ok = false;
          continue;
        }
        condition.moves.push_back(*word);
      }
      if (ok) conditions.push_back(std::move(condition));
    }
    return conditions;
  }

  // `play: {ACTOR: WORD, ...}`: each actor's move in this state (cooperate, defect or one of
  // its own moves). An actor left out cannot play the automaton (refused when it is built).
  bool ReadPlayByActor(const Entry& play, RepeatedState& state, const std::string& owner) {
    MapReader map(reader_, play.value, "'play' of " + owner, reader_.Where(play.key_node));
    state.play_by_actor.assign(scenario_.actors.size(), "");
    bool ok = map.ok();
    for (const Entry& e : map.entries()) {
      const int actor = ResolveActor(e);
      if (actor < 0) {
        ok = false;
        continue;
      }
      const SourceLocation at = reader_.Where(e.value, reader_.Where(e.key_node));
      const std::string word = reader_.String(e.value, "play", at).value_or("");
      if (word.empty()) {
        ok = false;
        continue;
      }
      if (word != "cooperate" && word != "defect" && FindMove(scenario_.actors[actor], word) < 0) {
        std::vector<std::string> words = {"cooperate", "defect"};
        for (const std::string& id : MoveIds(scenario_.actors[actor])) words.push_back(id);
        reader_.Error(at, "unknown move " + Quote(word) + " of actor " + Quote(e.key) +
                              " to play in " + owner,
                      Hint(word, words, "moves"));
        ok = false;
        continue;
      }
      state.play_by_actor[actor] = word;
    }
    return ok;
  }

  std::optional<RepeatedAutomaton> ReadAutomaton(const Entry& e) {
    RepeatedAutomaton automaton;
    automaton.name = e.key;
    automaton.location = reader_.Where(e.key_node);
    const std::string owner = "automaton " + Quote(e.key);
    MapReader spec(reader_, e.value, owner, automaton.location, {"start", "states"});
    if (!spec.ok()) return std::nullopt;
    const Entry* states_entry = spec.Require("states");
    if (!states_entry) return std::nullopt;
    const SourceLocation states_at = reader_.Where(states_entry->key_node);
    MapReader states(reader_, states_entry->value, "'states' of " + owner, states_at);
    if (!states.ok()) return std::nullopt;
    if (states.entries().empty()) {
      reader_.Error(states_at, owner + " has no states", "write at least one: {play: cooperate}");
      return std::nullopt;
    }
    if (static_cast<int>(states.entries().size()) > kMaxAutomatonStates) {
      reader_.Error(states_at, owner + " has " + std::to_string(states.entries().size()) +
                                   " states, more than the limit of " +
                                   std::to_string(kMaxAutomatonStates));
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const Entry& s : states.entries()) names.push_back(s.key);
    auto find_state = [&](const std::string& name) {
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i);
      return -1;
    };
    bool ok = true;
    // A state name in `value` (under `key_at`), or -1 after reporting an unknown one.
    auto read_target = [&](const YAML::Node& value, const SourceLocation& key_at,
                           const std::string& what) {
      const SourceLocation value_at = reader_.Where(value, key_at);
      const std::optional<std::string> name = reader_.String(value, what, value_at);
      if (!name) return -1;
      const int state = find_state(*name);
      if (state < 0) {
        reader_.Error(value_at, "unknown state " + Quote(*name) + " in " + what + " of " + owner,
                      Hint(*name, names, "states"));
      }
      return state;
    };
    if (const Entry* start = spec.Find("start")) {
      automaton.start = read_target(start->value, reader_.Where(start->key_node), "'start'");
      ok = ok && automaton.start >= 0;
    }
    for (const Entry& s : states.entries()) {
      RepeatedState state;
      state.name = s.key;
      state.location = reader_.Where(s.key_node);
      const std::string state_owner = "state " + Quote(s.key) + " of " + owner;
      MapReader fields(reader_, s.value, state_owner, state.location, {"play", "next"});
      if (!fields.ok()) {
        ok = false;
        continue;
      }
      if (const Entry* play = fields.Require("play")) {
        state.play_location = reader_.Where(play->value, reader_.Where(play->key_node));
        if (play->value.IsMap()) {
          ok = ReadPlayByActor(*play, state, state_owner) && ok;
        } else {
          state.play = reader_.String(play->value, "play", state.play_location).value_or("");
          if (!state.play.empty() && state.play != "cooperate" && state.play != "defect" &&
              !IsMoveOfSomeActor(scenario_, state.play)) {
            std::vector<std::string> words = {"cooperate", "defect"};
            for (const Actor& a : scenario_.actors)
              for (const std::string& id : MoveIds(a)) words.push_back(id);
            reader_.Error(state.play_location,
                          "unknown move " + Quote(state.play) + " to play in " + state_owner,
                          Hint(state.play, words, "moves"));
            ok = false;
          }
          ok = ok && !state.play.empty();
        }
      } else {
        ok = false;
      }
      if (const Entry* next = fields.Find("next")) {
        const SourceLocation next_at = reader_.Where(next->key_node);
        if (!next->value.IsSequence()) {
          reader_.Error(reader_.Where(next->value, next_at),
                        "expected a list of {when, go} for 'next' of " + state_owner + ", got " +
                            Describe(next->value),
                        "rules are tried in order; the first whose 'when' holds moves the "
                        "automaton to 'go' (no match: it stays)");
          ok = false;
        } else {
          for (const YAML::Node& item : next->value) {
            RepeatedRule rule;
            rule.location = reader_.Where(item, next_at);
            MapReader r(reader_, item, "a rule of " + state_owner, rule.location, {"when", "go"});
            if (!r.ok()) {
              ok = false;
              continue;
            }
            if (const Entry* when = r.Find("when")) rule.when = ReadConditions(*when, state_owner);
            if (const Entry* go = r.Require("go")) {
              rule.go = read_target(go->value, reader_.Where(go->key_node), "'go'");
            }
            ok = ok && rule.go >= 0;
            state.rules.push_back(std::move(rule));
          }
        }
      }
      automaton.states.push_back(std::move(state));
    }
    if (!ok) return std::nullopt;
    return automaton;
  }

  LoadContext& context_;
  Reader& reader_;
  Scenario& scenario_;
  RepeatedSpec& spec_;
};

}  // namespace

void ReadRepeated(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  const Scenario& scenario = context.scenario;
  MapReader block(reader, value, "'repeated'", key_at,
                  {"discount", "cooperate", "defect", "strategies", "generosity", "steps",
                   "automata"});
  if (!block.ok() || !context.actors_known) return;
  if (scenario.sequential()) {
    reader.Error(key_at, "'repeated' needs a simultaneous stage game; this scenario is sequential",
                 "remove 'stages' or 'tree': the stage is one round of simultaneous moves");
    return;
  }
  if (scenario.has_types()) {
    reader.Error(key_at, "'repeated' does not support private types ('types' of an actor)",
                 "the repeated stage is a game of complete information");
    return;
  }
  RepeatedSpec spec;
  spec.location = key_at;
  RepeatedReader read(context, spec);
  if (const Entry* discount = block.Find("discount")) {
    const SourceLocation at = reader.Where(discount->key_node);
    if (auto d = reader.Number(discount->value, kUnitInterval, "discount", at)) {
      if (*d >= 1.0) {
        reader.Error(reader.Where(discount->value, at), "discount must be below 1, got 1",
                     "the normalised value (1 - discount) x sum needs discount < 1");
      } else {
        spec.discount = *d;
      }
    }
  }
  if (const Entry* cooperate = block.Require("cooperate")) read.ReadMoveChoice(*cooperate, spec.cooperate);
  if (const Entry* defect = block.Require("defect")) read.ReadMoveChoice(*defect, spec.defect);
  if (const Entry* generosity = block.Find("generosity")) {
    if (auto g = reader.Number(generosity->value, kUnitInterval, "generosity",
                               reader.Where(generosity->key_node)))
      spec.generosity = *g;
  }
  if (const Entry* steps = block.Find("steps")) read.ReadSteps(*steps);
  if (const Entry* automata = block.Find("automata")) read.ReadAutomata(*automata);
  if (const Entry* strategies = block.Find("strategies")) read.ReadStrategies(*strategies);
  context.scenario.repeated = std::move(spec);
}

}  // namespace sim::scenario_detail
