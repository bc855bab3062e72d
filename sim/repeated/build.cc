// SPDX-License-Identifier: MIT
#include "sim/repeated/build.h"

#include <charconv>
#include <cmath>

#include "sim/model/build_game.h"

namespace sim::repeated {
namespace {

// What the automata of one seat need to know about the stage and the block.
struct Seat {
  const Scenario& scenario;
  const RepeatedSpec& spec;
  const NormalFormGame& stage;
  int player;
  const std::vector<PureProfile>& moves;  // [profile][player]

  int n() const { return stage.num_players(); }
  bool Cooperative(int j, int move) const { return spec.cooperate[j] == move; }
  // True when every other player's move in profile a is cooperative.
  bool OthersCooperated(int64_t a) const {
    for (int j = 0; j < n(); ++j)
      if (j != player && !Cooperative(j, moves[a][j])) return false;
    return true;
  }
  std::vector<int> Ladder(int j) const {
    if (!spec.ladder.empty()) return spec.ladder[j];
    return {spec.defect[j], spec.cooperate[j]};
  }
};

Automaton Empty(const std::string& name, const Seat& seat, std::vector<int> move,
                std::vector<std::string> state_names) {
  Automaton a;
  a.name = name;
  a.move = std::move(move);
  a.state_names = std::move(state_names);
  a.num_profiles = seat.stage.num_profiles();
  a.next.resize(static_cast<size_t>(a.num_states() * a.num_profiles));
  return a;
}

// Two states, c (cooperate) and d (defect); `to_c(state, profile)` is the probability of
// being in c next round.
template <typename ToC>
Automaton TwoState(const std::string& name, const Seat& seat, ToC to_c) {
  const int i = seat.player;
  Automaton a = Empty(name, seat, {seat.spec.cooperate[i], seat.spec.defect[i]}, {"c", "d"});
  for (int s = 0; s < 2; ++s) {
    for (int64_t p = 0; p < a.num_profiles; ++p) {
      const double c = to_c(s, p);
      std::vector<Branch>& next = a.next[s * a.num_profiles + p];
      if (c > 0) next.push_back({0, c});
      if (c < 1) next.push_back({1, 1.0 - c});
    }
  }
  return a;
}

// Graduated small steps: rungs l = 0..L of the ladder (least to most conciliatory), k quiet
// rounds per rung. State (l, c) plays rung l; a round is quiet when every actor (itself
// included, as grim trigger counts its own defection) played a rung at least as high as l;
// after k quiet rounds in a row it climbs one rung, and any round that is not quiet sends it
// back to the bottom rung. The top rung is one state. The state is a function of the public
// history, so two steps players never fall out of step (which would make the one who
// is ahead pay for a concession the other no longer returns).
Automaton Steps(const std::string& name, const Seat& seat, int k) {
  const int i = seat.player;
  const std::vector<int> ladder = seat.Ladder(i);
  const int L = static_cast<int>(ladder.size()) - 1;
  std::vector<int> move;
  std::vector<std::string> names;
  for (int l = 0; l < L; ++l) {
    for (int c = 0; c < k; ++c) {
      move.push_back(ladder[l]);
      names.push_back(seat.stage.strategy_name(i, ladder[l]) + "/" + std::to_string(c));
    }
  }
  move.push_back(ladder[L]);
  names.push_back(seat.stage.strategy_name(i, ladder[L]));
  Automaton a = Empty(name, seat, move, names);
  std::vector<std::vector<int>> ladders;
  for (int j = 0; j < seat.n(); ++j) ladders.push_back(seat.Ladder(j));
  for (int s = 0; s < a.num_states(); ++s) {
    const int l = s == L * k ? L : s / k;
    const int c = s == L * k ? 0 : s % k;
    for (int64_t p = 0; p < a.num_profiles; ++p) {
      bool quiet = true;
      for (int j = 0; j < seat.n() && quiet; ++j) {
        const auto at = std::find(ladders[j].begin(), ladders[j].end(), seat.moves[p][j]);
        quiet = at != ladders[j].end() && at - ladders[j].begin() >= l;
      }
      int next = 0;
      if (quiet) next = l == L ? s : (c + 1 == k ? (l + 1 == L ? L * k : (l + 1) * k) : s + 1);
      a.next[s * a.num_profiles + p].push_back({next, 1.0});
    }
  }
  return a;
}

bool MatchesWord(const Seat& seat, int j, int move, const std::string& word) {
  if (word == "cooperate") return seat.Cooperative(j, move);
  if (word == "defect") return !seat.Cooperative(j, move);
  return seat.stage.strategy_name(j, move) == word;
}

bool Matches(const Seat& seat, const RepeatedCondition& condition, int64_t p) {
  auto holds_for = [&](int j) {
    for (const std::string& word : condition.moves)
      if (MatchesWord(seat, j, seat.moves[p][j], word)) return true;
    return false;
  };
  if (condition.who == kRepeatedSelf) return holds_for(seat.player);
  if (condition.who == kRepeatedOther) {
    for (int j = 0; j < seat.n(); ++j)
      if (j != seat.player && !holds_for(j)) return false;
    return true;
  }
  return holds_for(condition.who);
}

Automaton User(const RepeatedAutomaton& spec, const Seat& seat) {
  const int i = seat.player;
  const Actor& actor = seat.scenario.actors[i];
  std::vector<int> move;
  std::vector<std::string> names;
  for (const RepeatedState& state : spec.states) {
    names.push_back(state.name);
    const std::string& play = state.play_by_actor.empty() ? state.play : state.play_by_actor[i];
    if (play == "cooperate") {
      move.push_back(seat.spec.cooperate[i]);
    } else if (play == "defect") {
      move.push_back(seat.spec.defect[i]);
    } else {
      int m = -1;
      for (size_t k = 0; k < actor.moves.size(); ++k)
        if (actor.moves[k].id == play) m = static_cast<int>(k);
      if (m < 0) {
        throw InputError(state.play_location,
                         "automaton '" + spec.name + "' in state '" + state.name + "' plays " +
                             (play.empty() ? "no move for actor '" + actor.id + "'"
                                           : "'" + play + "', which actor '" + actor.id +
                                                 "' cannot play"),
                         "play 'cooperate' or 'defect' (each actor's own move), or list the "
                         "automaton only where every seat has the move");
      }
      move.push_back(m);
    }
  }
  Automaton a = Empty(spec.name, seat, move, names);
  a.start = spec.start;
  for (int s = 0; s < a.num_states(); ++s) {
    for (int64_t p = 0; p < a.num_profiles; ++p) {
      int next = s;
      for (const RepeatedRule& rule : spec.states[s].rules) {
        bool all = true;
        for (const RepeatedCondition& c : rule.when) all = all && Matches(seat, c, p);
        if (all) {
          next = rule.go;
          break;
        }
      }
      a.next[s * a.num_profiles + p].push_back({next, 1.0});
    }
  }
  return a;
}

Automaton Builtin(const RepeatedStrategyName& name, const Seat& seat) {
  const int i = seat.player;
  const RepeatedSpec& spec = seat.spec;
  if (name.base == "allc" || name.base == "alld") {
    const int m = name.base == "allc" ? spec.cooperate[i] : spec.defect[i];
    Automaton a = Empty(name.text, seat, {m}, {name.base == "allc" ? "c" : "d"});
    for (int64_t p = 0; p < a.num_profiles; ++p) a.next[p].push_back({0, 1.0});
    return a;
  }
  if (name.base == "grim") {  // Osborne (2004) ch. 14: c until some profile is not all-cooperate
    return TwoState(name.text, seat, [&](int s, int64_t p) {
      if (s == 1) return 0.0;
      for (int j = 0; j < seat.n(); ++j)
        if (!seat.Cooperative(j, seat.moves[p][j])) return 0.0;
      return 1.0;
    });
  }
  if (name.base == "tft") {
    return TwoState(name.text, seat,
                    [&](int, int64_t p) { return seat.OthersCooperated(p) ? 1.0 : 0.0; });
  }
  if (name.base == "gtft") {  // Molander (1985); Nowak & Sigmund (1992)
    const double g = name.parameter.value_or(spec.generosity);
    return TwoState(name.text, seat,
                    [&](int, int64_t p) { return seat.OthersCooperated(p) ? 1.0 : g; });
  }
  if (name.base == "wsls") {  // Nowak & Sigmund (1993): c when everyone's move was alike
    return TwoState(name.text, seat, [&](int, int64_t p) {
      const bool mine = seat.Cooperative(i, seat.moves[p][i]);
      for (int j = 0; j < seat.n(); ++j)
        if (seat.Cooperative(j, seat.moves[p][j]) != mine) return 0.0;
      return 1.0;
    });
  }
  SIM_CHECK(name.base == "steps", "unknown built-in " + name.base);
  return Steps(name.text, seat, name.parameter ? static_cast<int>(*name.parameter) : spec.quiet);
}

RepeatedStrategyName ParseName(const std::string& text, const RepeatedSpec& spec) {
  const SourceLocation at{"<--strategies>", 1, 1};
  RepeatedStrategyName name;
  name.text = text;
  name.location = at;
  const size_t colon = text.find(':');
  name.base = text.substr(0, colon);
  std::vector<std::string> known = BuiltinRepeatedStrategies();
  for (const RepeatedAutomaton& a : spec.automata) known.push_back(a.name);
  if (std::find(known.begin(), known.end(), name.base) == known.end()) {
    const std::string nearest = NearestWord(name.base, known);
    throw InputError(at, "unknown strategy '" + name.base + "'",
                     (nearest.empty() ? "" : "did you mean '" + nearest + "'? ") +
                         "strategies: " + JoinWords(known));
  }
  if (colon == std::string::npos) return name;
  const std::string parameter = text.substr(colon + 1);
  double value = 0;
  const auto [end, error] =
      std::from_chars(parameter.data(), parameter.data() + parameter.size(), value);
  const bool number = error == std::errc() && end == parameter.data() + parameter.size() &&
                      !parameter.empty() && std::isfinite(value);
  if ((name.base == "gtft" && number && value >= 0 && value <= 1) ||
      (name.base == "steps" && number && value >= 1 && value <= 1000 && value == std::floor(value))) {
    name.parameter = value;
    return name;
  }
  throw InputError(at, "bad parameter '" + parameter + "' of strategy '" + name.base + "'",
                   "gtft:G takes a generosity G in [0, 1]; steps:K a whole number of quiet "
                   "rounds, 1 to 1000; other strategies take none");
}

}  // namespace

RepeatedGame BuildRepeatedGame(const Scenario& scenario, const std::vector<std::string>& only) {
  SIM_CHECK(scenario.repeated.has_value(), "the scenario has a repeated block");
  const RepeatedSpec& spec = *scenario.repeated;
  RepeatedGame game;
  game.stage = model::BuildGame(scenario).game;
  for (const Actor& actor : scenario.actors) game.unpredictability.push_back(actor.unpredictability);

  std::vector<RepeatedStrategyName> names;
  if (!only.empty()) {
    for (const std::string& text : only) names.push_back(ParseName(text, spec));
  } else if (!spec.strategies.empty()) {
    names = spec.strategies;
  } else {
    for (const std::string& b : BuiltinRepeatedStrategies()) names.push_back({b, b, {}, {}});
    for (const RepeatedAutomaton& a : spec.automata) names.push_back({a.name, a.name, {}, {}});
  }
  std::vector<PureProfile> moves;
  for (int64_t p = 0; p < game.stage.num_profiles(); ++p) moves.push_back(game.stage.ProfileAt(p));
  for (const RepeatedStrategyName& name : names) {
    game.strategy_names.push_back(name.text);
    std::vector<Automaton> seats;
    for (int i = 0; i < game.stage.num_players(); ++i) {
      const Seat seat{scenario, spec, game.stage, i, moves};
      const RepeatedAutomaton* user = nullptr;
      for (const RepeatedAutomaton& a : spec.automata)
        if (a.name == name.base) user = &a;
      seats.push_back(user ? User(*user, seat) : Builtin(name, seat));
    }
    game.automata.push_back(std::move(seats));
  }
  return game;
}

}  // namespace sim::repeated
