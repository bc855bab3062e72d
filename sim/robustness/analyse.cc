// SPDX-License-Identifier: MIT
// The robustness analysis: Latin hypercube sampling of the ranges, per-sample solving in
// fixed chunks merged in chunk order, tipping points by scan and bisection, and the flags.
#include <algorithm>
#include <atomic>
#include <cmath>
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

Result Analyse(const Scenario& scenario, const Options& options) {
  SIM_CHECK(options.samples > 0 && options.threads >= 1, "samples and threads must be positive");
  if (scenario.findings.empty()) {
    throw InputError(SourceLocation{scenario.path, 1, 1}, "the scenario has no findings to test",
                     "add a findings: block (scenarios/README.md, \"Findings and ranges\")");
  }
  Scenario copy = scenario;
  std::vector<RangedNumber> numbers = RangedNumbers(copy);
  if (numbers.empty()) {
    throw InputError(SourceLocation{scenario.path, 1, 1}, "no number of the scenario is ranged",
                     "name ranges in a ranges: block, or give it a default: rule");
  }
  const Plan plan = detail::MakePlan(scenario, numbers, options);
  const size_t nf = scenario.findings.size(), np = plan.numbers.size();

  Result result;
  result.scenario = scenario.path;
  result.samples = options.samples;
  result.seed = options.seed;
  result.draws = plan.needs_montecarlo ? options.draws : 0;
  result.select = SelectKey(plan.select);
  for (const RangedNumber& n : plan.numbers) {
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
  std::vector<SampleSolver> workers;
  workers.reserve(threads);
  for (int t = 0; t < threads; ++t) workers.emplace_back(plan);

  // The base point.
  GameFacts base_facts;
  workers[0].Solve(&base_facts, true);
  const std::vector<bool> at_base = EvaluateAll(scenario, base_facts);
  const std::string base_equilibria = workers[0].DescribeEquilibria(base_facts);

  // The samples, in chunks merged in chunk order.
  LatinHypercube lhs(options.seed, options.samples, np);
  Parallel(workers, static_cast<int64_t>(np), [&](SampleSolver&, int64_t j) { lhs.Build(static_cast<size_t>(j)); });
  const int64_t num_chunks = (options.samples + kChunkSamples - 1) / kChunkSamples;
  const int64_t batch = 16 * static_cast<int64_t>(threads);
  std::vector<Tally> tallies(batch);
  Tally total;
  total.Reset(nf, np, scenario);
  for (int64_t first = 0; first < num_chunks; first += batch) {
    const int64_t last = std::min(num_chunks, first + batch);
    Parallel(workers, last - first, [&](SampleSolver& worker, int64_t item) {
      Tally& tally = tallies[item];
      tally.Reset(nf, np, scenario);
      const int64_t chunk = first + item;
      const int64_t begin = chunk * kChunkSamples, end = std::min(options.samples, begin + kChunkSamples);
      GameFacts facts;
      std::vector<double> u(np);
      std::vector<char> has, all;
      for (int64_t i = begin; i < end; ++i) {
        for (size_t j = 0; j < np; ++j) {
          u[j] = lhs(i, j);
          worker.Set(j, detail::Quantile(plan.numbers[j].distribution, u[j]));
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
          const FindingPredicate& pred = scenario.findings[f].holds;
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
    });
    for (int64_t chunk = first; chunk < last; ++chunk) total.Merge(tallies[chunk - first]);
    if (options.progress) options.progress(std::min(options.samples, last * kChunkSamples), options.samples);
  }
  result.unsolved_samples = total.unsolved;

  // Tipping points: parameters in parallel, each written to its own slot.
  std::vector<std::vector<Tipping>> low(np), high(np);
  if (options.tipping) {
    Parallel(workers, static_cast<int64_t>(np), [&](SampleSolver& worker, int64_t j) {
      TippingPoints(worker, plan, result.parameters[j], static_cast<size_t>(j), at_base, &low[j], &high[j]);
    });
  }

  // Selection rules, for findings that read the Monte Carlo.
  std::vector<std::vector<std::pair<SelectRule, bool>>> by_rule(nf);
  if (plan.needs_montecarlo) {
    for (const std::string& key : SelectKeys()) {
      const SelectRule rule = *SelectFromKey(key);
      GameFacts facts;
      workers[0].Solve(&facts, true, rule);
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
    FindingResult r;
    r.name = finding.name;
    r.text = finding.holds.text;
    r.claims = finding.claims;
    r.preference = finding.preference;
    r.base_holds = at_base[f];
    r.base_equilibria = base_equilibria;
    r.holds = total.holds[f];
    r.samples = total.samples;
    r.interval = montecarlo::WilsonInterval(r.holds, r.samples);
    for (size_t j = 0; j < np; ++j) r.sensitivity.push_back(total.correlation[f * np + j].value());
    if (options.tipping) {
      for (size_t j = 0; j < np; ++j) {
        r.tipping_low.push_back(low[j][f]);
        r.tipping_high.push_back(high[j][f]);
      }
    }
    r.by_construction = r.holds == r.samples && total.forced[f] && !dominated_moves.empty();
    if (r.by_construction) r.dominated_moves = NeededDominance(workers[0], scenario, finding, total.always_dominated);
    std::string holds_under, fails_under;
    for (const auto& [rule, holds] : by_rule[f]) {
      std::string& list = holds ? holds_under : fails_under;
      list += (list.empty() ? "" : ", ") + std::string(SelectKey(rule));
    }
    r.depends_on_selection = !holds_under.empty() && !fails_under.empty();
    if (r.depends_on_selection)
      r.selection_detail = "holds under " + holds_under + "; fails under " + fails_under;
    result.findings.push_back(std::move(r));
  }
  return result;
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
