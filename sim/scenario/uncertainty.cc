// SPDX-License-Identifier: MIT
#include "sim/scenario/uncertainty.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "sim/scenario/scenario.h"

namespace sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string Num(double v) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

std::string List(const std::vector<double>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + Num(values[i]);
  return out;
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

// A 0-based index written in a path ("0", "12"); -1 if it is not one.
int ParseIndex(const std::string& text) {
  int value = -1;
  auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || value < 0) return -1;
  return value;
}

template <typename T>
std::vector<std::string> Ids(const std::vector<T>& items) {
  std::vector<std::string> ids;
  for (const T& item : items) ids.push_back(item.id);
  return ids;
}

NumberLookup Bad(std::string problem, std::string hint = {}) {
  NumberLookup r;
  r.problem = std::move(problem);
  r.hint = std::move(hint);
  return r;
}

NumberLookup Unknown(const std::string& what, const std::string& word,
                     const std::vector<std::string>& known) {
  std::string hint;
  const std::string near = NearestWord(word, known);
  if (!near.empty()) hint = "did you mean '" + near + "'? ";
  hint += "known: " + JoinWords(known);
  return Bad("unknown " + what + " '" + word + "'", hint);
}

NumberLookup Slot(double* value, double min, double max) {
  NumberLookup r;
  r.slot = NumberSlot{value, min, max};
  return r;
}

NumberLookup FindEffect(Scenario& s, std::vector<Effect>& effects, const std::string& issue,
                        const std::string& where) {
  const int k = s.FindIssue(issue);
  if (k < 0) return Unknown("issue", issue, Ids(s.issues));
  for (Effect& e : effects) {
    if (e.issue == k) return Slot(&e.delta, -1.0, 1.0);
  }
  return Bad(where + " has no effect on issue '" + issue + "'",
             "only numbers written in the scenario can be uncertain");
}

NumberLookup FindActorNumber(Scenario& s, Actor& actor, const std::vector<std::string>& p) {
  const std::string& field = p.size() > 2 ? p[2] : std::string();
  if (field == "unpredictability" && p.size() == 3) return Slot(&actor.unpredictability, 0.0, 1.0);
  if (field == "stakes" && p.size() == 5) {
    const int k = s.FindIssue(p[3]);
    if (k < 0) return Unknown("issue", p[3], Ids(s.issues));
    if (static_cast<int>(actor.stakes.size()) <= k) actor.stakes.resize(s.issues.size());
    if (p[4] == "ideal") return Slot(&actor.stakes[k].ideal, 0.0, 1.0);
    if (p[4] == "salience") return Slot(&actor.stakes[k].salience, 0.0, kInf);
    return Bad("a stake has no number '" + p[4] + "'", "numbers of a stake: ideal, salience");
  }
  if (field == "moves" && p.size() >= 5) {
    Move* move = nullptr;
    for (Move& m : actor.moves) move = m.id == p[3] ? &m : move;
    if (move == nullptr) return Unknown("move", p[3], Ids(actor.moves));
    const std::string where = "move '" + actor.id + "." + move->id + "'";
    if (p[4] == "cost" && p.size() == 5) return Slot(&move->cost, -kInf, kInf);
    if (p[4] == "effects" && p.size() == 6) return FindEffect(s, move->effects, p[5], where);
    if (p[4] == "conditional" && p.size() == 8 && p[6] == "effects") {
      const int c = ParseIndex(p[5]);
      if (c < 0 || c >= static_cast<int>(move->conditional_effects.size()))
        return Bad(where + " has no conditional effect " + p[5],
                   "it has " + std::to_string(move->conditional_effects.size()));
      return FindEffect(s, move->conditional_effects[c].effects, p[7], where);
    }
  }
  if (field == "terms" && p.size() == 5 && p[4] == "value") {
    const int t = ParseIndex(p[3]);
    if (t < 0 || t >= static_cast<int>(actor.terms.size()))
      return Bad("actor '" + actor.id + "' has no term " + p[3],
                 "it has " + std::to_string(actor.terms.size()));
    return Slot(&actor.terms[t].value, -kInf, kInf);
  }
  return Bad("not a number of the model: actors." + actor.id + "." +
                 (p.size() > 2 ? p[2] : std::string()) + "...",
             "uncertain actor numbers: unpredictability, stakes.ISSUE.ideal, "
             "stakes.ISSUE.salience, moves.MOVE.cost, moves.MOVE.effects.ISSUE, "
             "moves.MOVE.conditional.K.effects.ISSUE, terms.K.value");
}

}  // namespace

const char* KindKey(Distribution::Kind kind) {
  switch (kind) {
    case Distribution::Kind::kUniform: return "uniform";
    case Distribution::Kind::kNormal: return "normal";
    case Distribution::Kind::kBeta: return "beta";
    case Distribution::Kind::kTriangular: return "triangular";
    case Distribution::Kind::kChoice: return "choice";
  }
  return "?";
}

std::vector<std::string> KindKeys() { return {"uniform", "normal", "beta", "triangular", "choice"}; }

std::optional<Distribution::Kind> KindFromKey(const std::string& key) {
  for (auto kind : {Distribution::Kind::kUniform, Distribution::Kind::kNormal,
                    Distribution::Kind::kBeta, Distribution::Kind::kTriangular,
                    Distribution::Kind::kChoice}) {
    if (key == KindKey(kind)) return kind;
  }
  return std::nullopt;
}

const char* ModelKey(UnpredictabilityModel model) {
  switch (model) {
    case UnpredictabilityModel::kTremble: return "tremble";
    case UnpredictabilityModel::kPreferenceNoise: return "preference_noise";
    case UnpredictabilityModel::kLogit: return "logit";
    case UnpredictabilityModel::kType: return "type";
    case UnpredictabilityModel::kResolute: return "resolute";
  }
  return "?";
}

std::vector<std::string> ModelKeys() {
  return {"tremble", "preference_noise", "logit", "type", "resolute"};
}

std::optional<UnpredictabilityModel> ModelFromKey(const std::string& key) {
  for (auto m : {UnpredictabilityModel::kTremble, UnpredictabilityModel::kPreferenceNoise,
                 UnpredictabilityModel::kLogit, UnpredictabilityModel::kType,
                 UnpredictabilityModel::kResolute}) {
    if (key == ModelKey(m)) return m;
  }
  return std::nullopt;
}

std::optional<std::string> Distribution::Problem() const {
  const std::string name = KindKey(kind);
  auto arity = [&](size_t n, const char* form) -> std::optional<std::string> {
    if (params.size() != n)
      return name + " takes " + std::to_string(n) + " numbers " + form + ", got " +
             std::to_string(params.size());
    return std::nullopt;
  };
  for (double v : params)
    if (!std::isfinite(v)) return name + " parameters must be finite";
  std::optional<std::string> problem;
  switch (kind) {
    case Kind::kUniform:
      if ((problem = arity(2, "[lo, hi]"))) return problem;
      if (!(params[0] < params[1])) return "uniform needs lo < hi, got [" + List(params) + "]";
      break;
    case Kind::kNormal:
      if ((problem = arity(2, "[mean, sd]"))) return problem;
      if (!(params[1] > 0)) return "normal needs sd > 0, got " + Num(params[1]);
      break;
    case Kind::kBeta:
      if ((problem = arity(2, "[a, b]"))) return problem;
      if (!(params[0] > 0 && params[1] > 0))
        return "beta needs a > 0 and b > 0, got [" + List(params) + "]";
      break;
    case Kind::kTriangular:
      if ((problem = arity(3, "[lo, mode, hi]"))) return problem;
      if (!(params[0] <= params[1] && params[1] <= params[2] && params[0] < params[2]))
        return "triangular needs lo <= mode <= hi and lo < hi, got [" + List(params) + "]";
      break;
    case Kind::kChoice:
      if (params.empty()) return std::string("choice needs at least one value");
      if (!weights.empty()) {
        if (weights.size() != params.size())
          return "choice has " + std::to_string(params.size()) + " values but " +
                 std::to_string(weights.size()) + " weights";
        double total = 0;
        for (double w : weights) {
          if (!std::isfinite(w) || w < 0) return "choice weights must be finite and >= 0";
          total += w;
        }
        if (!(total > 0)) return std::string("choice weights must not all be 0");
      }
      break;
  }
  if (!weights.empty() && kind != Kind::kChoice) return "only choice takes weights";
  if (clamp && !(std::isfinite(clamp->first) && std::isfinite(clamp->second) &&
                 clamp->first <= clamp->second))
    return "clamp needs finite [lo, hi] with lo <= hi, got [" + Num(clamp->first) + ", " +
           Num(clamp->second) + "]";
  return std::nullopt;
}

std::pair<double, double> Distribution::Support() const {
  double lo = -kInf, hi = kInf;
  switch (kind) {
    case Kind::kUniform: lo = params[0]; hi = params[1]; break;
    case Kind::kNormal: break;
    case Kind::kBeta: lo = 0; hi = 1; break;
    case Kind::kTriangular: lo = params[0]; hi = params[2]; break;
    case Kind::kChoice:
      lo = kInf;
      hi = -kInf;
      for (size_t i = 0; i < params.size(); ++i) {
        if (!weights.empty() && weights[i] == 0) continue;
        lo = std::min(lo, params[i]);
        hi = std::max(hi, params[i]);
      }
      break;
  }
  if (clamp) {
    lo = std::clamp(lo, clamp->first, clamp->second);
    hi = std::clamp(hi, clamp->first, clamp->second);
  }
  return {lo, hi};
}

double Distribution::Mean() const {
  double mean = 0;
  switch (kind) {
    case Kind::kUniform: mean = 0.5 * (params[0] + params[1]); break;
    case Kind::kNormal: mean = params[0]; break;
    case Kind::kBeta: mean = params[0] / (params[0] + params[1]); break;
    case Kind::kTriangular: mean = (params[0] + params[1] + params[2]) / 3.0; break;
    case Kind::kChoice: {
      double total = 0;
      for (size_t i = 0; i < params.size(); ++i) {
        const double w = weights.empty() ? 1.0 : weights[i];
        mean += w * params[i];
        total += w;
      }
      mean /= total;
      break;
    }
  }
  if (clamp) mean = std::clamp(mean, clamp->first, clamp->second);
  return mean;
}

std::string Distribution::ToString() const {
  std::string out = std::string(KindKey(kind)) + "(" + List(params) + ")";
  if (!weights.empty()) out += " weights (" + List(weights) + ")";
  if (clamp) out += " clamped to [" + Num(clamp->first) + ", " + Num(clamp->second) + "]";
  return out;
}

const char* SelectKey(SelectRule rule) {
  switch (rule) {
    case SelectRule::kUniform: return "uniform";
    case SelectRule::kPayoffDominant: return "payoff-dominant";
    case SelectRule::kRiskDominant: return "risk-dominant";
    case SelectRule::kQreLimit: return "qre-limit";
  }
  return "?";
}

std::vector<std::string> SelectKeys() {
  return {"uniform", "payoff-dominant", "risk-dominant", "qre-limit"};
}

std::optional<SelectRule> SelectFromKey(const std::string& key) {
  for (auto rule : {SelectRule::kUniform, SelectRule::kPayoffDominant, SelectRule::kRiskDominant,
                    SelectRule::kQreLimit}) {
    if (key == SelectKey(rule)) return rule;
  }
  return std::nullopt;
}

NumberLookup FindNumber(Scenario& s, const std::string& path) {
  const std::vector<std::string> p = Split(path);
  if (p[0] == "issues") {
    if (p.size() != 3 || p[2] != "status_quo")
      return Bad("not a number of the model: " + path, "an issue's number: issues.ISSUE.status_quo");
    const int k = s.FindIssue(p[1]);
    if (k < 0) return Unknown("issue", p[1], Ids(s.issues));
    return Slot(&s.issues[k].status_quo, 0.0, 1.0);
  }
  if (p[0] == "actors" && p.size() >= 3) {
    const int a = s.FindActor(p[1]);
    if (a < 0) return Unknown("actor", p[1], Ids(s.actors));
    return FindActorNumber(s, s.actors[a], p);
  }
  if (p[0] == "payoffs" && p.size() == 3 && s.payoff_table) {
    // The profile as the file writes it ("hold, stay": one move per actor) or its index.
    int k = ParseIndex(p[1]);
    if (k < 0) {
      std::vector<std::string> words;
      std::string word;
      for (char c : p[1] + ",") {
        if (c == ',' || c == ' ') {
          if (!word.empty()) words.push_back(word);
          word.clear();
        } else {
          word += c;
        }
      }
      if (words.size() == s.actors.size()) {
        int64_t index = 0, stride = 1;
        for (size_t a = 0; a < words.size() && index >= 0; ++a) {
          int move = -1;
          for (size_t m = 0; m < s.actors[a].moves.size(); ++m)
            if (s.actors[a].moves[m].id == words[a]) move = static_cast<int>(m);
          index = move < 0 ? -1 : index + stride * move;
          stride *= static_cast<int64_t>(s.actors[a].moves.size());
        }
        k = static_cast<int>(index);
      }
    }
    const int j = ParseIndex(p[2]);
    auto& table = s.payoff_table->payoffs;
    if (k < 0 || k >= static_cast<int>(table.size()) || j < 0 ||
        j >= static_cast<int>(table[k].size()))
      return Bad("no payoff at " + path, "payoffs.PROFILE.J: PROFILE as in the file, J the 0-based actor");
    return Slot(&table[k][j], -kInf, kInf);
  }
  return Bad("not a number of the model: " + path,
             "uncertain numbers live under issues.ISSUE, actors.ACTOR or payoffs");
}

void CheckUncertainNumbers(Scenario& scenario, DiagnosticSink& sink) {
  for (size_t i = 0; i < scenario.uncertain.size(); ++i) {
    const UncertainNumber& u = scenario.uncertain[i];
    for (size_t j = 0; j < i; ++j) {
      if (scenario.uncertain[j].path == u.path)
        sink.Error(u.location, "'" + u.path + "' is given two distributions",
                   "first at " + scenario.uncertain[j].location.ToString());
    }
    if (auto problem = u.distribution.Problem()) {
      sink.Error(u.location, "bad distribution for '" + u.path + "': " + *problem);
      continue;
    }
    NumberLookup lookup = FindNumber(scenario, u.path);
    if (!lookup.slot) {
      sink.Error(u.location, "cannot vary '" + u.path + "': " + lookup.problem, lookup.hint);
      continue;
    }
    const auto [lo, hi] = u.distribution.Support();
    if (lo < lookup.slot->min || hi > lookup.slot->max) {
      std::string message = "'" + u.path + "' must stay ";
      if (lookup.slot->max == kInf) {
        message.append(">= ").append(Num(lookup.slot->min));
      } else {
        message.append("in [").append(Num(lookup.slot->min)).append(", ");
        message.append(Num(lookup.slot->max)).append("]");
      }
      message.append(" but ").append(u.distribution.ToString()).append(" can draw values outside it");
      sink.Error(u.location, message, "narrow the distribution or add clamp: [lo, hi]");
    }
  }
}

}  // namespace sim
