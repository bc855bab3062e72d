// SPDX-License-Identifier: MIT
#include "sim/montecarlo/draws.h"

#include <algorithm>
#include <charconv>
#include <bit>
#include <cmath>
#include <cstring>

#include "sim/core/error.h"
#include "sim/model/build_game.h"
#include "sim/montecarlo/random.h"

namespace sim::montecarlo::detail {

std::vector<UnpredictabilityModel> ActorModels(const Scenario& scenario) {
  const MonteCarloSpec& spec = scenario.montecarlo;
  std::vector<UnpredictabilityModel> models(scenario.actors.size(), spec.model);
  for (const auto& [actor, model] : spec.models) {
    const int a = scenario.FindActor(actor);
    if (a >= 0) models[a] = model;
  }
  return models;
}

void UnpredictabilityUnder(const Scenario& scenario, const std::vector<UnpredictabilityModel>& models,
                           std::initializer_list<UnpredictabilityModel> which,
                           std::vector<double>* u) {
  u->assign(scenario.actors.size(), 0.0);
  for (size_t a = 0; a < u->size(); ++a) {
    if (std::find(which.begin(), which.end(), models[a]) != which.end())
      (*u)[a] = scenario.actors[a].unpredictability;
  }
}

DrawSampler::DrawSampler(Scenario& scenario) : ranks_(scenario.uncertain.size()) {
  for (const UncertainNumber& u : scenario.uncertain) {
    NumberLookup lookup = FindNumber(scenario, u.path);
    SIM_CHECK(lookup.slot.has_value(), "unchecked uncertain number " + u.path);
    slots_.push_back(lookup.slot->value);
  }
}

void DrawSampler::Sample(const Scenario& base, const std::vector<UnpredictabilityModel>& models,
                         uint64_t seed, int64_t draw, Scenario& scenario) {
  const size_t num_uncertain = scenario.uncertain.size();
  const int n = static_cast<int>(scenario.actors.size());
  for (int a = 0; a < n; ++a) {
    if (models[a] == UnpredictabilityModel::kPreferenceNoise)
      std::copy(base.actors[a].stakes.begin(), base.actors[a].stakes.end(),
                scenario.actors[a].stakes.begin());
  }
  for (size_t j = 0; j < num_uncertain; ++j) {
    Stream stream(seed, draw, j);
    const montecarlo::Sample s = Draw(scenario.uncertain[j].distribution, stream);
    *slots_[j] = s.value;
    ranks_[j] = s.rank;
  }
  for (int a = 0; a < n; ++a) {
    const double u = scenario.actors[a].unpredictability;
    if (models[a] != UnpredictabilityModel::kPreferenceNoise || u <= 0) continue;
    Stream stream(seed, draw, NoiseSlot(num_uncertain, a));
    for (Stake& stake : scenario.actors[a].stakes) {
      stake.ideal = std::clamp(stake.ideal + u * StandardNormal(stream), 0.0, 1.0);
      stake.salience *= std::exp(u * StandardNormal(stream) - 0.5 * u * u);
    }
  }
}

void Tally::Reset(const Scenario& s, size_t num_outcomes) {
  draws = solved = fallbacks = games_solved = exact_solves = qre_draws = qre_failures = 0;
  outcomes.assign(num_outcomes, 0);
  moves.resize(s.actors.size());
  for (size_t a = 0; a < s.actors.size(); ++a) moves[a].assign(s.actors[a].moves.size(), 0);
  positions.assign(s.issues.size(), RunningMean());
  payoffs.assign(s.actors.size(), RunningMean());
  sensitivity.assign(s.uncertain.size() * num_outcomes, Correlation());
}

void Tally::Merge(const Tally& t) {
  draws += t.draws;
  solved += t.solved;
  fallbacks += t.fallbacks;
  games_solved += t.games_solved;
  exact_solves += t.exact_solves;
  qre_draws += t.qre_draws;
  qre_failures += t.qre_failures;
  for (size_t c = 0; c < outcomes.size(); ++c) outcomes[c] += t.outcomes[c];
  for (size_t a = 0; a < moves.size(); ++a)
    for (size_t m = 0; m < moves[a].size(); ++m) moves[a][m] += t.moves[a][m];
  for (size_t k = 0; k < positions.size(); ++k) positions[k].Merge(t.positions[k]);
  for (size_t a = 0; a < payoffs.size(); ++a) payoffs[a].Merge(t.payoffs[a]);
  for (size_t j = 0; j < sensitivity.size(); ++j) sensitivity[j].Merge(t.sensitivity[j]);
}

void Tally::RecordOutcome(int outcome, const std::vector<double>& ranks) {
  ++outcomes[outcome];
  const size_t num_outcomes = outcomes.size();
  for (size_t j = 0; j < ranks.size(); ++j) {
    for (size_t c = 0; c < num_outcomes; ++c)
      sensitivity[j * num_outcomes + c].Add(ranks[j], static_cast<int>(c) == outcome ? 1.0 : 0.0);
  }
}

Tally RunAllChunks(const Engine& engine, const Scenario& scenario, const MonteCarloOptions& options) {
  const int64_t num_chunks = (options.draws + kChunkDraws - 1) / kChunkDraws;
  const int threads = static_cast<int>(std::min<int64_t>(options.threads, num_chunks));
  const int64_t batch = 16 * static_cast<int64_t>(threads);
  Tally total;
  total.Reset(scenario, engine.num_outcomes());
  for (int64_t first = 0; first < num_chunks; first += batch) {
    const int64_t last = std::min(num_chunks, first + batch);
    for (const Tally& tally : engine.Compute(first, last)) total.Merge(tally);
    if (options.progress) options.progress(std::min(options.draws, last * kChunkDraws), options.draws);
  }
  return total;
}

namespace {

// Little-endian 64-bit words: the bytes mean the same on every machine.
void Put(uint64_t word, std::string* out) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((word >> (8 * i)) & 0xff);
  out->append(bytes, 8);
}
void PutInt(int64_t value, std::string* out) { Put(static_cast<uint64_t>(value), out); }
void PutDouble(double value, std::string* out) { Put(std::bit_cast<uint64_t>(value), out); }

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  uint64_t Word() {
    if (bytes_.size() < 8) throw Error("a chunk tally is truncated");
    uint64_t word = 0;
    for (int i = 0; i < 8; ++i) word |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[i])) << (8 * i);
    bytes_.remove_prefix(8);
    return word;
  }
  int64_t Int() { return static_cast<int64_t>(Word()); }
  double Double() { return std::bit_cast<double>(Word()); }
  void Size(size_t expected) {
    if (Word() != expected) throw Error("a chunk tally does not have the shape of this run");
  }
  bool done() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
};

}  // namespace

void SerializeTally(const Tally& t, std::string* out) {
  for (int64_t v : {t.draws, t.solved, t.fallbacks, t.games_solved, t.exact_solves, t.qre_draws,
                    t.qre_failures})
    PutInt(v, out);
  PutInt(static_cast<int64_t>(t.outcomes.size()), out);
  for (int64_t v : t.outcomes) PutInt(v, out);
  PutInt(static_cast<int64_t>(t.moves.size()), out);
  for (const std::vector<int64_t>& m : t.moves) {
    PutInt(static_cast<int64_t>(m.size()), out);
    for (int64_t v : m) PutInt(v, out);
  }
  for (const std::vector<RunningMean>* means : {&t.positions, &t.payoffs}) {
    PutInt(static_cast<int64_t>(means->size()), out);
    for (const RunningMean& r : *means) {
      PutInt(r.count(), out);
      PutDouble(r.mean(), out);
      PutDouble(r.m2(), out);
    }
  }
  PutInt(static_cast<int64_t>(t.sensitivity.size()), out);
  for (const Correlation& c : t.sensitivity) {
    double state[5];
    c.State(state);
    PutInt(c.count(), out);
    for (double v : state) PutDouble(v, out);
  }
}

void DeserializeTally(std::string_view bytes, Tally* t) {
  Reader in(bytes);
  for (int64_t* v : {&t->draws, &t->solved, &t->fallbacks, &t->games_solved, &t->exact_solves,
                     &t->qre_draws, &t->qre_failures})
    *v = in.Int();
  in.Size(t->outcomes.size());
  for (int64_t& v : t->outcomes) v = in.Int();
  in.Size(t->moves.size());
  for (std::vector<int64_t>& m : t->moves) {
    in.Size(m.size());
    for (int64_t& v : m) v = in.Int();
  }
  for (std::vector<RunningMean>* means : {&t->positions, &t->payoffs}) {
    in.Size(means->size());
    for (RunningMean& r : *means) {
      const int64_t n = in.Int();
      const double mean = in.Double();
      r = RunningMean::FromState(n, mean, in.Double());
    }
  }
  in.Size(t->sensitivity.size());
  for (Correlation& c : t->sensitivity) {
    const int64_t n = in.Int();
    double state[5];
    for (double& v : state) v = in.Double();
    c = Correlation::FromState(n, state);
  }
  if (!in.done()) throw Error("a chunk tally has trailing bytes");
}

MonteCarloResult DescribeRun(const Scenario& scenario, const MonteCarloOptions& options,
                             const std::vector<UnpredictabilityModel>& models,
                             const Tally& total) {
  const size_t num_outcomes = total.outcomes.size();
  MonteCarloResult r;
  r.draws = total.draws;
  r.seed = options.seed;
  r.select = SelectKey(options.select);
  for (const OutcomeClass& c : scenario.outcomes) r.outcome_names.push_back(c.name);
  r.outcome_names.push_back(model::kOtherOutcome);
  r.outcome_names.push_back(kUnsolvedOutcome);
  r.outcome_counts = total.outcomes;
  for (const Actor& actor : scenario.actors) {
    r.actor_names.push_back(actor.id);
    std::vector<std::string> moves;
    for (const Move& move : actor.moves) moves.push_back(move.id);
    r.move_names.push_back(std::move(moves));
  }
  r.move_counts = total.moves;
  for (const Issue& issue : scenario.issues) r.issue_names.push_back(issue.id);
  r.positions = total.positions;
  r.payoffs = total.payoffs;
  for (const UncertainNumber& u : scenario.uncertain) {
    r.sampled.push_back(u.path);
    r.sampled_distributions.push_back(u.distribution.ToString());
  }
  r.sensitivity.resize(scenario.uncertain.size());
  for (size_t j = 0; j < scenario.uncertain.size(); ++j)
    r.sensitivity[j].assign(total.sensitivity.begin() + j * num_outcomes,
                            total.sensitivity.begin() + (j + 1) * num_outcomes);
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    char u[32];
    auto end = std::to_chars(u, u + sizeof u, scenario.actors[a].unpredictability).ptr;
    std::string model = std::string(ModelKey(models[a])) + " u=" + std::string(u, end);
    if (models[a] == UnpredictabilityModel::kLogit) {
      end = std::to_chars(u, u + sizeof u, options.logit_lambda0).ptr;
      model += " lambda0=" + std::string(u, end);
    }
    r.models.push_back(std::move(model));
  }
  r.solved = total.solved;
  r.selection_fallbacks = total.fallbacks;
  r.qre_draws = total.qre_draws;
  return r;
}

}  // namespace sim::montecarlo::detail
