// SPDX-License-Identifier: MIT
#include "sim/scenario/findings_section.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/scenario/finding_parser.h"
#include "sim/scenario/montecarlo_section.h"

namespace sim::scenario_detail {
namespace {

std::string Num(double v) {
  char buffer[32];
  auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, r.ptr);
}

const std::vector<std::string>& RuleKinds() {
  static const std::vector<std::string> kinds{"salience", "ideal", "cost", "effect", "status_quo",
                                              "term", "unpredictability", "payoff"};
  return kinds;
}

}  // namespace

void ReadFindings(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  MapReader block(reader, value, "'findings'", key_at);
  if (!block.ok()) return;
  std::vector<std::string> outcomes;
  for (const OutcomeClass& c : context.scenario.outcomes) outcomes.push_back(c.name);
  outcomes.push_back("other");
  const PredicateNames names = context.Names(true);
  for (const Entry& entry : block.entries()) {
    const SourceLocation at = reader.Where(entry.key_node, key_at);
    if (!IsName(entry.key)) {
      reader.Error(at, "invalid finding name '" + entry.key + "'", kNameRule);
      continue;
    }
    MapReader spec(reader, entry.value, "finding '" + entry.key + "'", at,
                   {"claims", "holds", "preference", "description"});
    if (!spec.ok()) continue;
    Finding finding;
    finding.name = entry.key;
    finding.location = at;
    if (const Entry* claims = spec.Find("claims")) {
      const SourceLocation c_at = reader.Where(claims->value, reader.Where(claims->key_node));
      if (!claims->value.IsSequence()) {
        reader.Error(c_at, "expected a list of claim ids for 'claims', got " + Describe(claims->value),
                     "e.g. claims: [R1, D0.4] (ids of the domain brief)");
      } else {
        for (const YAML::Node& id : claims->value)
          if (auto text = reader.String(id, "claim id", c_at)) finding.claims.push_back(*text);
      }
    }
    if (const Entry* preference = spec.Find("preference")) {
      const SourceLocation p_at = reader.Where(preference->value, reader.Where(preference->key_node));
      if (auto text = reader.String(preference->value, "preference", p_at)) {
        if (*text == "true" || *text == "false") {
          finding.preference = *text == "true";
        } else {
          reader.Error(p_at, "expected true or false for 'preference', got '" + *text + "'");
        }
      }
    }
    if (const Entry* holds = spec.Require("holds")) {
      const SourceLocation h_at = reader.Where(holds->key_node);
      if (auto text = reader.String(holds->value, "holds", h_at)) {
        ParsedFinding parsed = ParseFindingPredicate(*text, outcomes, names);
        if (parsed.error) {
          SourceLocation where = reader.document().WhereIn(holds->value, parsed.error->offset);
          if (!where.known()) where = h_at;
          reader.Error(where, parsed.error->message, parsed.error->hint);
        } else {
          finding.holds = std::move(parsed.predicate);
        }
      }
    }
    context.scenario.findings.push_back(std::move(finding));
  }
}

void ReadRanges(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  Ranges& ranges = context.scenario.ranges;
  ranges.present = true;
  ranges.location = key_at;
  MapReader block(reader, value, "'ranges'", key_at);
  if (!block.ok()) return;
  for (const Entry& entry : block.entries()) {
    const SourceLocation at = reader.Where(entry.key_node, key_at);
    if (entry.key == "default") {
      MapReader rules(reader, entry.value, "'ranges.default'", at, RuleKinds());
      for (const Entry& r : rules.entries()) {
        const SourceLocation r_at = reader.Where(r.value, reader.Where(r.key_node, at));
        auto text = reader.String(r.value, r.key, r_at);
        if (!text) continue;
        RangeRule rule;
        rule.kind = r.key;
        std::string body = *text;
        if (!body.empty() && body.back() == '%') {
          rule.relative = true;
          body.pop_back();
        }
        double w = 0;
        auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), w);
        if (body.empty() || ec != std::errc() || ptr != body.data() + body.size() || !std::isfinite(w) ||
            !(w > 0) || (rule.relative && w > 1000)) {
          reader.Error(r_at, "expected a positive half-width for '" + r.key + "', got '" + *text + "'",
                       "a percentage of the base value (25%) or an absolute width (0.1)");
          continue;
        }
        rule.width = rule.relative ? w / 100 : w;
        ranges.defaults.push_back(rule);
      }
      continue;
    }
    RangeSpec spec;
    spec.path = entry.key;
    spec.location = reader.Where(entry.value, at);
    if (entry.value.IsSequence()) {
      if (entry.value.size() != 2) {
        reader.Error(spec.location, "a range is [lo, hi], got " + std::to_string(entry.value.size()) + " numbers",
                     "or a distribution: {uniform: [lo, hi]}, {normal: [mean, sd], clamp: [lo, hi]}, ...");
        continue;
      }
      auto lo = reader.Number(entry.value[0], kAnyFinite, "lo", spec.location);
      auto hi = reader.Number(entry.value[1], kAnyFinite, "hi", spec.location);
      if (!lo || !hi) continue;
      if (!(*lo < *hi)) {
        reader.Error(spec.location, "a range needs lo < hi, got [" + Num(*lo) + ", " + Num(*hi) + "]");
        continue;
      }
      spec.distribution.kind = Distribution::Kind::kUniform;
      spec.distribution.params = {*lo, *hi};
    } else if (auto d = ReadDistribution(reader, entry.value, entry.key, at)) {
      spec.distribution = *d;
    } else {
      continue;
    }
    ranges.named.push_back(std::move(spec));
  }
}

void CheckRanges(LoadContext& context) {
  Scenario& scenario = context.scenario;
  if (scenario.ranges.named.empty()) return;
  if (!context.reader.sink().empty() || !context.actors_known || !context.issues_known) return;
  DiagnosticSink& sink = context.reader.sink();
  for (const RangeSpec& r : scenario.ranges.named) {
    NumberLookup lookup = FindNumber(scenario, r.path);
    if (!lookup.slot) {
      sink.Error(r.location, "cannot range '" + r.path + "': " + lookup.problem, lookup.hint);
      continue;
    }
    const auto [lo, hi] = r.distribution.Support();
    const NumberSlot& slot = *lookup.slot;
    if (lo < slot.min || hi > slot.max) {
      sink.Error(r.location, "the range of '" + r.path + "' leaves the number's domain [" + Num(slot.min) +
                                 ", " + Num(slot.max) + "]",
                 std::isfinite(lo) && std::isfinite(hi) ? "narrow it" : "clamp the distribution");
      continue;
    }
    // A what-if (--set, or a sweep's --vary) may move a number outside its plausible range:
    // only the value the file states must lie inside it.
    const bool overridden = std::any_of(context.options.overrides.begin(), context.options.overrides.end(),
                                        [&](const Override& o) { return o.path == r.path; });
    const double base = *slot.value;
    if (!overridden && (base < lo || base > hi)) {
      sink.Error(r.location, "the range [" + Num(lo) + ", " + Num(hi) + "] of '" + r.path +
                                 "' does not contain its base value " + Num(base),
                 "a plausible range includes the value the scenario states");
    }
  }
}

}  // namespace sim::scenario_detail
