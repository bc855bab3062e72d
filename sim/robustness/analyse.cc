// SPDX-License-Identifier: MIT
// The robustness analysis: Latin hypercube sampling of the ranges, per-sample solving in
// fixed chunks merged in chunk order, tipping points by scan and bisection, and the flags.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <string_view>
#include <exception>
#include <thread>

#include "sim/core/error.h"
#include "sim/montecarlo/random.h"
#include "sim/montecarlo/run.h"
#include "sim/montecarlo/run_tree.h"
#include "sim/robustness/solver.h"

namespace sim::robustness {
namespace {

using detail::Plan;
using detail::SampleSolver;

// Mergeable per-chunk tally.
struct Tally {
  std::vector<int64_t> holds;                         // per finding
  std::vector<montecarlo::Correlation> correlation;   // [finding * params + param]
  std::vector<char> forced;                           // per finding: implied by dominance in every sample
  std::vector<std::vector<char>> always_dominated;    // [actor][move]
  int64_t samples = 0, unsolved = 0;

  void Reset(size_t findings, size_t params, const Scenario& s) {
    holds.assign(findings, 0);
    correlation.assign(findings * params, montecarlo::Correlation());
    forced.assign(findings, 1);
    always_dominated.resize(s.actors.size());
    for (size_t a = 0; a < s.actors.size(); ++a) always_dominated[a].assign(s.actors[a].moves.size(), 1);
    samples = unsolved = 0;
  }
  void Merge(const Tally& t) {
    for (size_t f = 0; f < holds.size(); ++f) holds[f] += t.holds[f];
    for (size_t k = 0; k < correlation.size(); ++k) correlation[k].Merge(t.correlation[k]);
    for (size_t f = 0; f < forced.size(); ++f) forced[f] = forced[f] && t.forced[f];
    for (size_t a = 0; a < always_dominated.size(); ++a)
      for (size_t m = 0; m < always_dominated[a].size(); ++m)
        always_dominated[a][m] = always_dominated[a][m] && t.always_dominated[a][m];
    samples += t.samples;
    unsolved += t.unsolved;
  }
};

// Latin hypercube (McKay, Beckman & Conover 1979): parameter j of sample i lies in stratum
// perm_j(i) of N equal-probability strata, at a uniform position inside it. Every parameter's
// margin is stratified whatever N is; the permutations and positions are functions of (seed,
// N, i, j) only, so any chunk can be computed anywhere.
class LatinHypercube {
 public:
  LatinHypercube(uint64_t seed, int64_t n, size_t dims) : seed_(seed), n_(n), perms_(dims) {}
  // Builds dimension j's permutation (each dimension on its own, so they can be built in
  // parallel).
  void Build(size_t j) {
    std::vector<uint32_t>& perm = perms_[j];
    perm.resize(n_);
    for (int64_t i = 0; i < n_; ++i) perm[i] = static_cast<uint32_t>(i);
    montecarlo::Stream stream(seed_, ~uint64_t{0} - j, 0);  // permutation streams: draws from the top
    for (int64_t i = n_ - 1; i > 0; --i) {  // Fisher-Yates
      const uint64_t k = static_cast<uint64_t>(stream.Uniform() * static_cast<double>(i + 1));
      std::swap(perm[i], perm[std::min<uint64_t>(k, i)]);
    }
  }
  double operator()(int64_t i, size_t j) const {
    montecarlo::Stream stream(seed_, static_cast<uint64_t>(i), j);
    return (perms_[j][i] + stream.OpenUniform()) / static_cast<double>(n_);
  }

 private:
  uint64_t seed_;
  int64_t n_;
  std::vector<std::vector<uint32_t>> perms_;
};

std::vector<bool> EvaluateAll(const Scenario& s, const GameFacts& facts) {
  std::vector<bool> out;
  for (const Finding& f : s.findings) out.push_back(Evaluate(f.holds, facts));
  return out;
}

// Runs `work(worker, item)` for items 0..count-1 on `threads` workers; rethrows the first
// exception.
template <typename Work>
void Parallel(std::vector<SampleSolver>& workers, int64_t count, Work&& work) {
  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  auto loop = [&](SampleSolver& worker) {
    try {
      for (int64_t item; (item = next.fetch_add(1)) < count && !failed;) work(worker, item);
    } catch (...) {
      if (!failed.exchange(true)) error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers.size(); ++t) pool.emplace_back(loop, std::ref(workers[t]));
  loop(workers[0]);
  for (std::thread& thread : pool) thread.join();
  if (error) std::rethrow_exception(error);
}

// The tipping points of every finding along parameter j, both sides.
void TippingPoints(SampleSolver& solver, const Plan& plan, const Parameter& param, size_t j,
                   const std::vector<bool>& at_base, std::vector<Tipping>* low, std::vector<Tipping>* high) {
  const Scenario& s = *plan.base;
  const size_t nf = s.findings.size();
  GameFacts facts;
  auto eval = [&](double x) {
    solver.Set(j, x);
    solver.Solve(&facts, true);
    return EvaluateAll(solver.scenario(), facts);
  };
  const double tolerance = kTippingTolerance * (param.high - param.low);
  for (int side = 0; side < 2; ++side) {
    const double bound = side == 0 ? param.low : param.high;
    std::vector<Tipping>& out = side == 0 ? *low : *high;
    out.assign(nf, Tipping());
    if (bound == param.base) continue;
    std::vector<char> done(nf, 0);
    double previous = param.base;
    for (int k = 1; k <= kTippingScan; ++k) {
      const double x = param.base + (bound - param.base) * k / kTippingScan;
      const std::vector<bool> v = eval(x);
      for (size_t f = 0; f < nf; ++f) {
        if (done[f] || v[f] == at_base[f]) continue;
        done[f] = 1;
        double same = previous, flipped = x;  // bisection: `same` keeps the base value
        while (std::fabs(flipped - same) > tolerance) {
          const double mid = 0.5 * (same + flipped);
          (eval(mid)[f] == at_base[f] ? same : flipped) = mid;
        }
        eval(flipped);
        out[f].value = flipped;
        out[f].other_side = solver.DescribeEquilibria(facts);
      }
      previous = x;
      if (std::all_of(done.begin(), done.end(), [](char d) { return d != 0; })) break;
    }
  }
  solver.ResetToBase();
}

// Of the moves dominated in every sample, those the finding needs: without that one move's
// dominance (at the base point) it no longer follows from dominance alone. All of them when
// no single one is needed (several would each suffice).
std::vector<std::string> NeededDominance(SampleSolver& solver, const Scenario& s, const Finding& finding,
                                         const std::vector<std::vector<char>>& always) {
  GameFacts facts;
  solver.ResetToBase();
  solver.Solve(&facts, false);
  std::vector<std::string> needed, all;
  std::vector<char> has, every;
  for (size_t a = 0; a < always.size(); ++a) {
    for (size_t m = 0; m < always[a].size(); ++m) {
      if (!always[a][m]) continue;
      const std::string name = s.actors[a].id + "." + s.actors[a].moves[m].id;
      all.push_back(name);
      GameFacts without = facts;
      without.dominated = always;
      without.dominated[a][m] = 0;
      const bool region = solver.Region(without, &has, &every);
      const std::optional<bool> forced =
          region ? EvaluateForced(finding.holds, without, has, every) : std::nullopt;
      if (!(forced.has_value() && *forced)) needed.push_back(name);
    }
  }
  return needed.empty() ? all : needed;
}

}  // namespace

// The state of a run between its chunks and its result.
struct Analysis::State {
  State(const Scenario& scenario, const Options& options)
      : scenario(scenario), options(options), numbers(RangedNumbers(this->scenario)),
        plan(detail::MakePlan(scenario, numbers, options)), nf(scenario.findings.size()),
        np(plan.numbers.size()), lhs(options.seed, options.samples, np) {}

  Scenario scenario;  // plan.base points here
  Options options;
  std::vector<RangedNumber> numbers;
  Plan plan;
  size_t nf, np;
  LatinHypercube lhs;
  Result result;
  std::vector<SampleSolver> workers;
  std::vector<bool> at_base;
  int64_t sample_chunks = 0;
};

// Chunk results as bytes: little-endian 64-bit words (an int, or a double's bits), so any
// process merges them to the same bits.
namespace {

void PutWord(uint64_t w, std::string* out) {
  for (int b = 0; b < 8; ++b) out->push_back(static_cast<char>((w >> (8 * b)) & 0xFF));
}
void PutDouble(double x, std::string* out) {
  uint64_t w;
  std::memcpy(&w, &x, sizeof w);
  PutWord(w, out);
}
void PutText(const std::string& text, std::string* out) {
  PutWord(text.size(), out);
  *out += text;
}

class Bytes {
 public:
  explicit Bytes(std::string_view bytes) : bytes_(bytes) {}
  uint64_t Word() {
    if (at_ + 8 > bytes_.size()) throw Error("a robustness chunk result is truncated");
    uint64_t w = 0;
    for (int b = 0; b < 8; ++b) w |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[at_ + b])) << (8 * b);
    at_ += 8;
    return w;
  }
  int64_t Int() { return static_cast<int64_t>(Word()); }
  double Double() {
    const uint64_t w = Word();
    double x;
    std::memcpy(&x, &w, sizeof x);
    return x;
  }
  std::string Text() {
    const uint64_t n = Word();
    if (n > bytes_.size() - at_) throw Error("a robustness chunk result is truncated");
    std::string text(bytes_.substr(at_, n));
    at_ += n;
    return text;
  }
  void End() const {
    if (at_ != bytes_.size()) throw Error("a robustness chunk result has bytes left over");
  }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

std::string SerializeTally(const Tally& t) {
  std::string out;
  for (int64_t h : t.holds) PutWord(static_cast<uint64_t>(h), &out);
  for (const montecarlo::Correlation& c : t.correlation) {
    double state[5];
    c.State(state);
    PutWord(static_cast<uint64_t>(c.count()), &out);
    for (double x : state) PutDouble(x, &out);
  }
  for (char f : t.forced) PutWord(f != 0, &out);
  for (const std::vector<char>& moves : t.always_dominated)
    for (char d : moves) PutWord(d != 0, &out);
  PutWord(static_cast<uint64_t>(t.samples), &out);
  PutWord(static_cast<uint64_t>(t.unsolved), &out);
  return out;
}

// Into `t`, which has the run's shape (Reset).
void DeserializeTally(std::string_view bytes, Tally* t) {
  Bytes in(bytes);
  for (int64_t& h : t->holds) h = in.Int();
  for (montecarlo::Correlation& c : t->correlation) {
    const int64_t n = in.Int();
    double state[5];
    for (double& x : state) x = in.Double();
    c = montecarlo::Correlation::FromState(n, state);
  }
  for (char& f : t->forced) f = in.Word() != 0;
  for (std::vector<char>& moves : t->always_dominated)
    for (char& d : moves) d = in.Word() != 0;
  t->samples = in.Int();
  t->unsolved = in.Int();
  in.End();
}

std::string SerializeTipping(const std::vector<Tipping>& low, const std::vector<Tipping>& high) {
  std::string out;
  for (const std::vector<Tipping>* side : {&low, &high}) {
    for (const Tipping& t : *side) {
      PutWord(t.value.has_value(), &out);
      PutDouble(t.value.value_or(0.0), &out);
      PutText(t.other_side, &out);
    }
  }
  return out;
}

void DeserializeTipping(std::string_view bytes, size_t nf, std::vector<Tipping>* low, std::vector<Tipping>* high) {
  Bytes in(bytes);
  for (std::vector<Tipping>* side : {low, high}) {
    side->assign(nf, Tipping());
    for (Tipping& t : *side) {
      const bool has = in.Word() != 0;
      const double value = in.Double();
      if (has) t.value = value;
      t.other_side = in.Text();
    }
  }
  in.End();
}

}  // namespace

Analysis::Analysis(const Scenario& scenario, const Options& options) {
  SIM_CHECK(options.samples > 0 && options.threads >= 1, "samples and threads must be positive");
  if (scenario.findings.empty()) {
    throw InputError(SourceLocation{scenario.path, 1, 1}, "the scenario has no findings to test",
                     "add a findings: block (scenarios/README.md, \"Findings and ranges\")");
  }
  {
    Scenario copy = scenario;
    if (RangedNumbers(copy).empty()) {
      throw InputError(SourceLocation{scenario.path, 1, 1}, "no number of the scenario is ranged",
                       "name ranges in a ranges: block, or give it a default: rule");
    }
  }
  s_ = std::make_unique<State>(scenario, options);
  State& s = *s_;
  s.plan.base = &s.scenario;

  Result& result = s.result;
  result.scenario = scenario.path;
  result.samples = options.samples;
  result.seed = options.seed;
  result.draws = s.plan.needs_montecarlo ? options.draws : 0;
  result.select = SelectKey(s.plan.select);
  for (const RangedNumber& n : s.plan.numbers) {
    Parameter p;
    p.path = n.path;
    p.distribution = n.distribution.ToString();
    p.base = n.base;
    auto [lo, hi] = n.distribution.Support();
    if (!std::isfinite(lo)) lo = detail::Quantile(n.distribution, 1e-3);
    if (!std::isfinite(hi)) hi = detail::Quantile(n.distribution, 1 - 1e-3);
    p.low = std::min(lo, n.base);
    p.high = std::max(hi, n.base);
    p.named = n.named;
    result.parameters.push_back(p);
  }

  const int threads = static_cast<int>(std::max<int64_t>(1, options.threads));
  s.workers.reserve(threads);
  for (int t = 0; t < threads; ++t) s.workers.emplace_back(s.plan);

  // The base point.
  GameFacts base_facts;
  s.workers[0].Solve(&base_facts, true);
  s.at_base = EvaluateAll(s.scenario, base_facts);
  result.findings.resize(s.nf);
  const std::string base_equilibria = s.workers[0].DescribeEquilibria(base_facts);
  for (FindingResult& f : result.findings) f.base_equilibria = base_equilibria;

  // The samples' strata.
  Parallel(s.workers, static_cast<int64_t>(s.np),
           [&](SampleSolver&, int64_t j) { s.lhs.Build(static_cast<size_t>(j)); });
  s.sample_chunks = (options.samples + kChunkSamples - 1) / kChunkSamples;
}

Analysis::~Analysis() = default;

std::vector<int64_t> Analysis::chunks() const {
  std::vector<int64_t> out{s_->sample_chunks};
  if (s_->options.tipping) out.push_back(static_cast<int64_t>(s_->np));
  return out;
}

std::vector<std::string> Analysis::Compute(int64_t job, int64_t first, int64_t last) {
  State& s = *s_;
  const std::vector<int64_t> shape = chunks();
  SIM_CHECK(job >= 0 && job < static_cast<int64_t>(shape.size()) && 0 <= first && first <= last &&
                last <= shape[job],
            "robustness chunks out of the run");
  std::vector<std::string> out(last - first);
  const size_t nf = s.nf, np = s.np;
  if (job == 1) {
    // Tipping points: chunk j is parameter j, both sides, every finding.
    Parallel(s.workers, last - first, [&](SampleSolver& worker, int64_t item) {
      const size_t j = static_cast<size_t>(first + item);
      std::vector<Tipping> low, high;
      TippingPoints(worker, s.plan, s.result.parameters[j], j, s.at_base, &low, &high);
      out[item] = SerializeTipping(low, high);
    });
    return out;
  }
  const Options& options = s.options;
  Parallel(s.workers, last - first, [&](SampleSolver& worker, int64_t item) {
    Tally tally;
    tally.Reset(nf, np, s.scenario);
    const int64_t chunk = first + item;
    const int64_t begin = chunk * kChunkSamples, end = std::min(options.samples, begin + kChunkSamples);
    GameFacts facts;
    std::vector<double> u(np);
    std::vector<char> has, all;
    for (int64_t i = begin; i < end; ++i) {
      for (size_t j = 0; j < np; ++j) {
        u[j] = s.lhs(i, j);
        worker.Set(j, detail::Quantile(s.plan.numbers[j].distribution, u[j]));
      }
      worker.Solve(&facts, true);
      ++tally.samples;
      tally.unsolved += facts.equilibrium_outcomes.empty();
      for (size_t a = 0; a < tally.always_dominated.size(); ++a)
        for (size_t m = 0; m < tally.always_dominated[a].size(); ++m)
          tally.always_dominated[a][m] = tally.always_dominated[a][m] &&
                                         a < facts.dominated.size() && facts.dominated[a][m];
      const bool region = worker.Region(facts, &has, &all);
      for (size_t f = 0; f < nf; ++f) {
        const FindingPredicate& pred = s.scenario.findings[f].holds;
        const bool holds = Evaluate(pred, facts);
        tally.holds[f] += holds;
        for (size_t j = 0; j < np; ++j) tally.correlation[f * np + j].Add(u[j], holds ? 1.0 : 0.0);
        if (tally.forced[f]) {
          const std::optional<bool> forced = region ? EvaluateForced(pred, facts, has, all) : std::nullopt;
          tally.forced[f] = forced.has_value() && *forced;
        }
      }
    }
    worker.ResetToBase();
    out[item] = SerializeTally(tally);
  });
  return out;
}

Result Analysis::Finish(const std::vector<std::vector<std::string>>& results) {
  State& s = *s_;
  const Scenario& scenario = s.scenario;
  const size_t nf = s.nf, np = s.np;
  const std::vector<int64_t> shape = chunks();
  SIM_CHECK(results.size() == shape.size(), "a robustness result needs every job");
  for (size_t job = 0; job < shape.size(); ++job)
    SIM_CHECK(static_cast<int64_t>(results[job].size()) == shape[job], "a robustness result needs every chunk");
  Tally total, chunk;
  total.Reset(nf, np, scenario);
  chunk.Reset(nf, np, scenario);
  for (const std::string& bytes : results[0]) {
    DeserializeTally(bytes, &chunk);
    total.Merge(chunk);
  }
  Result result = std::move(s.result);
  result.unsolved_samples = total.unsolved;

  std::vector<std::vector<Tipping>> low(np), high(np);
  if (s.options.tipping)
    for (size_t j = 0; j < np; ++j) DeserializeTipping(results[1][j], nf, &low[j], &high[j]);

  // Selection rules, for findings that read the Monte Carlo.
  std::vector<std::vector<std::pair<SelectRule, bool>>> by_rule(nf);
  if (s.plan.needs_montecarlo) {
    for (const std::string& key : SelectKeys()) {
      const SelectRule rule = *SelectFromKey(key);
      GameFacts facts;
      s.workers[0].Solve(&facts, true, rule);
      for (size_t f = 0; f < nf; ++f)
        if (scenario.findings[f].holds.NeedsMonteCarlo())
          by_rule[f].emplace_back(rule, Evaluate(scenario.findings[f].holds, facts));
    }
  }

  std::vector<std::string> dominated_moves;
  for (size_t a = 0; a < scenario.actors.size(); ++a)
    for (size_t m = 0; m < scenario.actors[a].moves.size(); ++m)
      if (total.always_dominated[a][m])
        dominated_moves.push_back(scenario.actors[a].id + "." + scenario.actors[a].moves[m].id);

  for (size_t f = 0; f < nf; ++f) {
    const Finding& finding = scenario.findings[f];
    FindingResult& r = result.findings[f];
    r.name = finding.name;
    r.text = finding.holds.text;
    r.claims = finding.claims;
    r.preference = finding.preference;
    r.base_holds = s.at_base[f];
    r.holds = total.holds[f];
    r.samples = total.samples;
    r.interval = montecarlo::WilsonInterval(r.holds, r.samples);
    for (size_t j = 0; j < np; ++j) r.sensitivity.push_back(total.correlation[f * np + j].value());
    if (s.options.tipping) {
      for (size_t j = 0; j < np; ++j) {
        r.tipping_low.push_back(low[j][f]);
        r.tipping_high.push_back(high[j][f]);
      }
    }
    r.by_construction = r.holds == r.samples && total.forced[f] && !dominated_moves.empty();
    if (r.by_construction) r.dominated_moves = NeededDominance(s.workers[0], scenario, finding, total.always_dominated);
    std::string holds_under, fails_under;
    for (const auto& [rule, holds] : by_rule[f]) {
      std::string& list = holds ? holds_under : fails_under;
      list += (list.empty() ? "" : ", ") + std::string(SelectKey(rule));
    }
    r.depends_on_selection = !holds_under.empty() && !fails_under.empty();
    if (r.depends_on_selection)
      r.selection_detail = "holds under " + holds_under + "; fails under " + fails_under;
  }
  return result;
}

Result Analyse(const Scenario& scenario, const Options& options) {
  Analysis analysis(scenario, options);
  const std::vector<int64_t> shape = analysis.chunks();
  std::vector<std::vector<std::string>> results(shape.size());
  const int64_t batch = 16 * static_cast<int64_t>(std::max(1, options.threads));
  for (size_t job = 0; job < shape.size(); ++job) {
    for (int64_t first = 0; first < shape[job]; first += batch) {
      const int64_t last = std::min(shape[job], first + batch);
      for (std::string& r : analysis.Compute(static_cast<int64_t>(job), first, last)) results[job].push_back(std::move(r));
      if (job == 0 && options.progress) options.progress(std::min(options.samples, last * kChunkSamples), options.samples);
    }
  }
  return analysis.Finish(results);
}

std::vector<BaseFinding> EvaluateAtBase(const Scenario& scenario, const std::vector<int64_t>* counts,
                                        int threads, const std::vector<solve::Equilibrium>* equilibria) {
  std::vector<BaseFinding> out;
  if (scenario.findings.empty()) return out;
  Options options;
  options.draws = scenario.montecarlo.draws;
  options.seed = scenario.montecarlo.seed;
  const Plan plan = detail::MakePlan(scenario, {}, options);
  SampleSolver solver(plan);
  GameFacts facts;
  if (equilibria != nullptr && !plan.tree) {
    solver.UseEquilibria(*equilibria, &facts);
  } else {
    solver.Solve(&facts, false);
  }
  if (plan.needs_montecarlo) {
    std::vector<int64_t> own;
    if (counts == nullptr) {
      montecarlo::MonteCarloOptions mc;
      mc.draws = scenario.montecarlo.draws;
      mc.seed = scenario.montecarlo.seed;
      mc.threads = std::max(1, threads);
      mc.select = scenario.montecarlo.select;
      if (scenario.montecarlo.logit_lambda0 > 0) mc.logit_lambda0 = scenario.montecarlo.logit_lambda0;
      own = (montecarlo::NeedsTreeMonteCarlo(scenario) ? montecarlo::RunTreeMonteCarlo(scenario, mc)
                                  : montecarlo::RunMonteCarlo(scenario, mc))
                .outcome_counts;
      counts = &own;
    }
    int64_t draws = 0, best = 0;
    for (int64_t c : *counts) draws += c;
    for (size_t o = 0; o < counts->size(); ++o) {
      facts.probability.push_back(draws ? static_cast<double>((*counts)[o]) / static_cast<double>(draws) : 0.0);
      if (o < plan.num_outcomes && (*counts)[o] > best) {
        best = (*counts)[o];
        facts.selected = static_cast<int>(o);
      }
    }
  }
  for (const Finding& f : scenario.findings) out.push_back({&f, Evaluate(f.holds, facts)});
  return out;
}

}  // namespace sim::robustness
