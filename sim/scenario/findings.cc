// SPDX-License-Identifier: MIT
#include "sim/scenario/findings.h"

#include <algorithm>
#include <cmath>

#include "sim/scenario/scenario.h"

namespace sim {

bool FindingPredicate::NeedsMonteCarlo() const {
  for (const Node& n : postfix)
    if (n.op == Op::kSelected || n.op == Op::kCompare) return true;
  return false;
}

std::vector<RangeRule> BuiltinRangeRules() {
  return {{"salience", 0.25, true}, {"cost", 0.25, true}, {"effect", 0.25, true}, {"ideal", 0.1, false}};
}

namespace {

struct Candidate {
  std::string path;
  std::string kind;
};

// Every judgement number of the model a default rule may reach, in scenario order.
std::vector<Candidate> JudgementNumbers(const Scenario& s) {
  std::vector<Candidate> out;
  for (const Issue& issue : s.issues) out.push_back({"issues." + issue.id + ".status_quo", "status_quo"});
  for (const Actor& actor : s.actors) {
    const std::string a = "actors." + actor.id;
    out.push_back({a + ".unpredictability", "unpredictability"});
    for (size_t k = 0; k < actor.stakes.size() && k < s.issues.size(); ++k) {
      if (!(actor.stakes[k].salience > 0)) continue;  // no stake: its ideal means nothing
      out.push_back({a + ".stakes." + s.issues[k].id + ".ideal", "ideal"});
      out.push_back({a + ".stakes." + s.issues[k].id + ".salience", "salience"});
    }
    for (const Move& move : actor.moves) {
      const std::string m = a + ".moves." + move.id;
      out.push_back({m + ".cost", "cost"});
      for (const Effect& e : move.effects)
        if (e.issue >= 0) out.push_back({m + ".effects." + s.issues[e.issue].id, "effect"});
      for (size_t c = 0; c < move.conditional_effects.size(); ++c)
        for (const Effect& e : move.conditional_effects[c].effects)
          if (e.issue >= 0)
            out.push_back({m + ".conditional." + std::to_string(c) + ".effects." + s.issues[e.issue].id, "effect"});
    }
    for (size_t t = 0; t < actor.terms.size(); ++t)
      out.push_back({a + ".terms." + std::to_string(t) + ".value", "term"});
  }
  if (s.payoff_table) {
    for (size_t k = 0; k < s.payoff_table->payoffs.size(); ++k)
      for (size_t j = 0; j < s.payoff_table->payoffs[k].size(); ++j)
        out.push_back({"payoffs." + std::to_string(k) + "." + std::to_string(j), "payoff"});
  }
  return out;
}

}  // namespace

std::vector<RangedNumber> RangedNumbers(Scenario& scenario) {
  std::vector<RangedNumber> out;
  for (const RangeSpec& r : scenario.ranges.named) {
    NumberLookup lookup = FindNumber(scenario, r.path);
    if (!lookup.slot) continue;  // the loader reported it
    out.push_back({r.path, "", r.distribution, *lookup.slot->value, true});
  }
  const std::vector<RangeRule> rules =
      scenario.ranges.present ? scenario.ranges.defaults : BuiltinRangeRules();
  for (const Candidate& c : JudgementNumbers(scenario)) {
    const auto rule = std::find_if(rules.begin(), rules.end(), [&](const RangeRule& r) { return r.kind == c.kind; });
    if (rule == rules.end()) continue;
    if (std::any_of(out.begin(), out.end(), [&](const RangedNumber& n) { return n.path == c.path; })) continue;
    NumberLookup lookup = FindNumber(scenario, c.path);
    if (!lookup.slot) continue;
    const double base = *lookup.slot->value;
    if (base == 0 && c.kind != "ideal" && c.kind != "status_quo") continue;  // absent, not small
    const double half = rule->relative ? rule->width * std::fabs(base) : rule->width;
    const double lo = std::max(lookup.slot->min, base - half);
    const double hi = std::min(lookup.slot->max, base + half);
    if (!(lo < hi)) continue;
    Distribution d;
    d.kind = Distribution::Kind::kUniform;
    d.params = {lo, hi};
    out.push_back({c.path, c.kind, d, base, false});
  }
  return out;
}

}  // namespace sim
