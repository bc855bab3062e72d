// SPDX-License-Identifier: MIT
#include "sim/io/rounds_report.h"

#include <algorithm>

#include "sim/io/number.h"
#include "sim/io/report.h"

namespace sim::io {
namespace {

std::string TypeName(const model::DerivedTree& d, int actor, int type) {
  return type < 0 ? "" : d.rounds.type_names[actor][type];
}

std::string ActorName(const model::DerivedTree& d, int actor) {
  // The first player of the actor is named after it (a short-run actor's is "a@r1").
  for (size_t p = 0; p < d.rounds.player_actor.size(); ++p) {
    if (d.rounds.player_actor[p] == actor) {
      const std::string& name = d.tree.player_name(static_cast<int>(p));
      return name.substr(0, name.find('@'));
    }
  }
  return "";
}

}  // namespace

std::string RoundsCsv(const model::DerivedTree& d, const model::RoundsPlay& play) {
  std::string out = "round,history,player,action,probability,belief_of,type,belief\n";
  for (const model::RoundAction& row : play.actions) {
    for (size_t a = 0; a < row.actions.size(); ++a) {
      out += std::to_string(row.round) + ',' + CsvField(row.history) + ',' +
             CsvField(d.tree.player_name(row.player)) + ',' + CsvField(row.actions[a]) + ',' +
             FormatRoundTrip(row.probabilities[a]) + ",," +
             CsvField(TypeName(d, row.actor, row.type)) + ",\n";
    }
  }
  for (const model::RoundBelief& b : play.beliefs) {
    out += std::to_string(b.round) + ',' + CsvField(b.history) + ",,,," +
           CsvField(ActorName(d, b.actor)) + ',' + CsvField(TypeName(d, b.actor, b.type)) + ',' +
           FormatRoundTrip(b.belief) + '\n';
  }
  return out;
}

std::string RoundsTable(const model::DerivedTree& d, const model::RoundsPlay& play) {
  std::string out = "Rounds (equilibrium #1; histories reached, earlier rounds joined by '|'):\n";
  int last = 0;
  for (const model::RoundAction& row : play.actions) last = std::max(last, row.round);
  for (int round = 1; round <= last; ++round) {
    for (const model::RoundBelief& x : play.beliefs) {
      if (x.round != round) continue;
      out += "  round " + std::to_string(round) + " after " +
             (x.history.empty() ? "(start)" : x.history) + ": P(" + ActorName(d, x.actor) +
             " is " + TypeName(d, x.actor, x.type) + ") = " + FormatForPeople(x.belief) + "\n";
    }
    for (const model::RoundAction& row : play.actions) {
      if (row.round != round) continue;
      std::string what;
      for (size_t a = 0; a < row.actions.size(); ++a) {
        if (row.probabilities[a] <= 0.0) continue;
        what += (what.empty() ? "" : " / ") + row.actions[a];
        if (row.probabilities[a] < 1.0) what += " " + FormatForPeople(row.probabilities[a]);
      }
      out += "  round " + std::to_string(round) + " after " +
             (row.history.empty() ? "(start)" : row.history) + ": " +
             d.tree.player_name(row.player) +
             (row.type >= 0 ? " (" + TypeName(d, row.actor, row.type) + ")" : "") + " plays " +
             what + "\n";
    }
  }
  return out;
}

std::string RoundsJson(const model::DerivedTree& d, const model::RoundsPlay& play) {
  std::string out = "{\"behaviour\":[";
  for (size_t i = 0; i < play.actions.size(); ++i) {
    const model::RoundAction& row = play.actions[i];
    out += std::string(i ? "," : "") + "{\"round\":" + std::to_string(row.round) +
           ",\"history\":" + JsonString(row.history) +
           ",\"player\":" + JsonString(d.tree.player_name(row.player)) +
           ",\"type\":" + (row.type < 0 ? "null" : JsonString(TypeName(d, row.actor, row.type))) +
           ",\"actions\":{";
    for (size_t a = 0; a < row.actions.size(); ++a) {
      out += std::string(a ? "," : "") + JsonString(row.actions[a]) + ":" +
             JsonNumber(row.probabilities[a]);
    }
    out += "}}";
  }
  out += "],\"beliefs\":[";
  for (size_t i = 0; i < play.beliefs.size(); ++i) {
    const model::RoundBelief& b = play.beliefs[i];
    out += std::string(i ? "," : "") + "{\"round\":" + std::to_string(b.round) +
           ",\"history\":" + JsonString(b.history) + ",\"of\":" + JsonString(ActorName(d, b.actor)) +
           ",\"type\":" + JsonString(TypeName(d, b.actor, b.type)) +
           ",\"belief\":" + JsonNumber(b.belief) + "}";
  }
  return out + "]}";
}

}  // namespace sim::io
