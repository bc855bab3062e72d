// SPDX-License-Identifier: MIT
#include "sim/scenario/montecarlo_section.h"

#include <charconv>
#include <optional>

namespace sim::scenario_detail {
namespace {

constexpr const char* kDistributionForms =
    "distributions: {uniform: [lo, hi]}, {normal: [mean, sd], clamp: [lo, hi]}, "
    "{beta: [a, b]}, {triangular: [lo, mode, hi]}, {choice: [v1, v2, ...], weights: [w1, ...]}";

// The distribution key of `node` when it is written as a distribution (a map holding one of
// the kind keys with a list value), else nothing.
std::optional<std::string> DistributionKey(const YAML::Node& node) {
  if (!node.IsMap()) return std::nullopt;
  for (const auto& item : node) {
    if (!item.first.IsScalar()) continue;
    if (KindFromKey(item.first.Scalar()) && item.second.IsSequence()) return item.first.Scalar();
  }
  return std::nullopt;
}

std::optional<std::vector<double>> Numbers(Reader& reader, const YAML::Node& list,
                                           const std::string& what, const SourceLocation& at) {
  if (!list.IsSequence()) {
    reader.Error(reader.Where(list, at), "expected a list of numbers for '" + what + "', got " +
                                             Describe(list));
    return std::nullopt;
  }
  std::vector<double> values;
  bool ok = true;
  for (const YAML::Node& item : list) {
    auto v = reader.Number(item, kAnyFinite, what, reader.Where(list, at));
    ok = ok && v.has_value();
    values.push_back(v.value_or(0.0));
  }
  if (!ok) return std::nullopt;
  return values;
}


std::string ShortestText(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

class Extractor {
 public:
  Extractor(Document& document, DiagnosticSink& sink, int64_t budget,
            std::vector<UncertainNumber>* out)
      : document_(document), reader_(document, sink, budget), out_(out) {}

  // The rewritten node, or nothing when `node` holds no distribution (no copy needed).
  std::optional<YAML::Node> Rewrite(const YAML::Node& node, const std::string& path) {
    reader_.Visit(node);
    // An alias can make a node its own descendant (yaml-cpp builds the cycle); do not enter
    // it again. The sections report such trees. Depth is bounded by the parser's nesting
    // limit, so this list stays short.
    for (const YAML::Node& ancestor : ancestors_)
      if (ancestor.is(node)) return std::nullopt;
    if (ancestors_.size() >= kMaxDepth) return std::nullopt;
    ancestors_.push_back(node);
    std::optional<YAML::Node> result = RewriteChildren(node, path);
    ancestors_.pop_back();
    return result;
  }

 private:
  static constexpr size_t kMaxDepth = 1000;

  std::optional<YAML::Node> RewriteChildren(const YAML::Node& node, const std::string& path) {
    if (DistributionKey(node)) {
      const SourceLocation at = reader_.Where(node);
      std::optional<Distribution> d = ReadDistribution(reader_, node, path, at);
      // A bad distribution is reported here; its placeholder 0 keeps the sections from
      // reporting the same node again as "not a number".
      YAML::Node scalar(d ? ShortestText(d->Mean()) : std::string("0"));
      document_.AddSynthetic(scalar, at);
      if (d) out_->push_back(UncertainNumber{path, *d, at});
      return scalar;
    }
    if (node.IsMap()) {
      std::vector<std::pair<YAML::Node, YAML::Node>> items;
      bool changed = false;
      for (const auto& item : node) {
        std::optional<YAML::Node> child;
        if (item.first.IsScalar() && !(path.empty() && (item.first.Scalar() == "montecarlo" || item.first.Scalar() == "ranges")))
          child = Rewrite(item.second, Join(path, item.first.Scalar()));
        changed = changed || child.has_value();
        items.emplace_back(item.first, child ? *child : item.second);
      }
      if (!changed) return std::nullopt;
      YAML::Node copy(YAML::NodeType::Map);
      for (auto& [key, value] : items) copy.force_insert(key, value);
      document_.AddRebuilt(copy, node);
      return copy;
    }
    if (node.IsSequence()) {
      std::vector<YAML::Node> items;
      bool changed = false;
      for (size_t i = 0; i < node.size(); ++i) {
        std::optional<YAML::Node> child = Rewrite(node[i], Join(path, std::to_string(i)));
        changed = changed || child.has_value();
        items.push_back(child ? *child : node[i]);
      }
      if (!changed) return std::nullopt;
      YAML::Node copy(YAML::NodeType::Sequence);
      for (YAML::Node& item : items) copy.push_back(item);
      document_.AddRebuilt(copy, node);
      return copy;
    }
    return std::nullopt;
  }

  static std::string Join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  Document& document_;
  Reader reader_;
  std::vector<UncertainNumber>* out_;
  std::vector<YAML::Node> ancestors_;
};

}  // namespace

std::optional<Distribution> ReadDistribution(Reader& reader, const YAML::Node& node,
                                             const std::string& path, const SourceLocation& at) {
  const SourceLocation where = reader.Where(node, at);
  if (!DistributionKey(node)) {
    reader.Error(where, "expected a distribution for '" + path + "', got " + Describe(node),
                 kDistributionForms);
    return std::nullopt;
  }
  std::vector<std::string> allowed = KindKeys();
  allowed.push_back("clamp");
  allowed.push_back("weights");
  MapReader map(reader, node, "the distribution of '" + path + "'", where, allowed);
  Distribution d;
  bool ok = map.ok();
  int kinds = 0;
  for (const Entry& entry : map.entries()) {
    const SourceLocation entry_at = reader.Where(entry.key_node, where);
    if (auto kind = KindFromKey(entry.key)) {
      if (++kinds > 1) {
        reader.Error(entry_at, "a distribution has one kind; '" + path + "' names several",
                     kDistributionForms);
        ok = false;
        continue;
      }
      d.kind = *kind;
      auto params = Numbers(reader, entry.value, entry.key, entry_at);
      ok = ok && params.has_value();
      if (params) d.params = *params;
    } else if (entry.key == "clamp") {
      auto bounds = Numbers(reader, entry.value, "clamp", entry_at);
      if (bounds && bounds->size() != 2) {
        reader.Error(entry_at, "clamp takes 2 numbers [lo, hi], got " +
                                   std::to_string(bounds->size()));
        ok = false;
      } else if (bounds) {
        d.clamp = std::pair{(*bounds)[0], (*bounds)[1]};
      } else {
        ok = false;
      }
    } else if (entry.key == "weights") {
      auto weights = Numbers(reader, entry.value, "weights", entry_at);
      ok = ok && weights.has_value();
      if (weights) d.weights = *weights;
    }
  }
  if (!ok) return std::nullopt;
  if (auto problem = d.Problem()) {
    reader.Error(where, "bad distribution for '" + path + "': " + *problem, kDistributionForms);
    return std::nullopt;
  }
  return d;
}

YAML::Node ExtractInlineDistributions(const YAML::Node& root, Document& document,
                                      DiagnosticSink& sink, int64_t budget,
                                      std::vector<UncertainNumber>* out) {
  Extractor extractor(document, sink, budget, out);
  try {
    if (std::optional<YAML::Node> rewritten = extractor.Rewrite(root, "")) return *rewritten;
  } catch (const BudgetExceeded&) {
    out->clear();  // the sections will report the oversized tree
  }
  return root;
}

void ReadMonteCarlo(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at) {
  Reader& reader = context.reader;
  MonteCarloSpec& spec = context.scenario.montecarlo;
  MapReader block(reader, value, "'montecarlo'", key_at,
                  {"draws", "seed", "select", "model", "models", "logit_lambda0", "vary"});
  spec.present = true;
  spec.location = key_at;
  if (!block.ok()) return;
  for (const Entry& entry : block.entries()) {
    const SourceLocation at = reader.Where(entry.key_node, key_at);
    if (entry.key == "draws") {
      if (auto n = reader.Number(entry.value, NumberRule{1, 1e12, true}, "draws", at))
        spec.draws = static_cast<int64_t>(*n);
    } else if (entry.key == "seed") {
      // Seeds are read as doubles: whole numbers up to 2^53 are exact.
      if (auto n = reader.Number(entry.value, NumberRule{0, 9007199254740992.0, true}, "seed", at))
        spec.seed = static_cast<uint64_t>(*n);
    } else if (entry.key == "logit_lambda0") {
      // The logit model's precision scale (montecarlo/run.h, kLogitLambda0).
      if (auto x = reader.Number(entry.value, NumberRule{1e-6, 1e6, false}, "logit_lambda0", at))
        spec.logit_lambda0 = *x;
    } else if (entry.key == "select") {
      if (auto text = reader.String(entry.value, "select", at)) {
        if (auto rule = SelectFromKey(*text)) {
          spec.select = *rule;
        } else {
          reader.Error(reader.Where(entry.value, at), "unknown selection rule '" + *text + "'",
                       "known: " + JoinWords(SelectKeys()));
        }
      }
    } else if (entry.key == "model" || entry.key == "models") {
      auto read_model = [&](const YAML::Node& node, const SourceLocation& where)
          -> std::optional<UnpredictabilityModel> {
        auto text = reader.String(node, "model", where);
        if (!text) return std::nullopt;
        auto model = ModelFromKey(*text);
        if (!model) {
          const std::string near = NearestWord(*text, ModelKeys());
          reader.Error(reader.Where(node, where), "unknown unpredictability model '" + *text + "'",
                       (near.empty() ? "" : "did you mean '" + near + "'? ") + "known: " +
                           JoinWords(ModelKeys()));
        }
        return model;
      };
      if (entry.key == "model") {
        if (auto model = read_model(entry.value, at)) spec.model = *model;
        continue;
      }
      MapReader models(reader, entry.value, "'montecarlo.models'", at);
      for (const Entry& m : models.entries()) {
        const SourceLocation m_at = reader.Where(m.key_node, at);
        if (context.actors_known && context.scenario.FindActor(m.key) < 0) {
          std::vector<std::string> ids;
          for (const Actor& a : context.scenario.actors) ids.push_back(a.id);
          const std::string near = NearestWord(m.key, ids);
          reader.Error(m_at, "unknown actor '" + m.key + "' in montecarlo.models",
                       (near.empty() ? "" : "did you mean '" + near + "'? ") + "known: " +
                           JoinWords(ids));
          continue;
        }
        if (auto model = read_model(m.value, m_at)) spec.models.emplace_back(m.key, *model);
      }
    } else if (entry.key == "vary") {
      MapReader vary(reader, entry.value, "'montecarlo.vary'", at);
      for (const Entry& v : vary.entries()) {
        const SourceLocation v_at = reader.Where(v.key_node, at);
        if (auto d = ReadDistribution(reader, v.value, v.key, v_at))
          context.scenario.uncertain.push_back(UncertainNumber{v.key, *d, reader.Where(v.value, v_at)});
      }
    }
  }
}

// `rounds: {resolute: [ACTOR]}` uses the actor's resolute type too (model/build_rounds.h).
bool ResoluteInRounds(const Scenario& scenario, const Actor& actor) {
  if (!scenario.rounds) return false;
  for (int a : scenario.rounds->resolute)
    if (scenario.actors[a].id == actor.id) return true;
  return false;
}

// The resolute model and the actors' `resolute` preferences go together (uncertainty.h).
void CheckResoluteModels(LoadContext& context) {
  const Scenario& scenario = context.scenario;
  const MonteCarloSpec& spec = scenario.montecarlo;
  for (const Actor& actor : scenario.actors) {
    UnpredictabilityModel model = spec.model;
    for (const auto& [id, m] : spec.models)
      if (id == actor.id) model = m;
    const std::string what = "actor '" + actor.id + "'";
    if (model == UnpredictabilityModel::kResolute && !actor.resolute) {
      context.reader.Error(spec.location.known() ? spec.location : actor.location,
                           "the resolute unpredictability model of " + what +
                               " needs its resolute preferences",
                           "add 'resolute: {claims: [...], stakes: {ISSUE: {ideal, salience}}}' "
                           "to the actor: what the type the others fear wants");
    } else if (model == UnpredictabilityModel::kResolute && !actor.types.empty()) {
      context.reader.Error(actor.types.front().location,
                           what + " has 'types' and the resolute model",
                           "the resolute model is itself a private type; use one or the other");
    } else if (model != UnpredictabilityModel::kResolute && actor.resolute &&
               !ResoluteInRounds(scenario, actor)) {
      context.reader.Error(actor.resolute->location, "'resolute' of " + what + " has no use",
                           "its Monte Carlo model is " + std::string(ModelKey(model)) +
                               "; set 'montecarlo: {models: {" + actor.id + ": resolute}}'");
    }
  }
}

void CheckMonteCarlo(LoadContext& context) {
  if (context.actors_known) CheckResoluteModels(context);
  if (context.scenario.uncertain.empty()) return;
  if (!context.reader.sink().empty() || !context.actors_known || !context.issues_known) return;
  CheckUncertainNumbers(context.scenario, context.reader.sink());
}

}  // namespace sim::scenario_detail
