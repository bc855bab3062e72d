// SPDX-License-Identifier: MIT
#include "sim/robustness/solver.h"

#include <algorithm>
#include <cmath>

#include "sim/core/error.h"
#include "sim/model/rederive.h"
#include "sim/montecarlo/fast_bimatrix.h"
#include "sim/montecarlo/random.h"
#include "sim/montecarlo/run.h"
#include "sim/montecarlo/run_tree.h"
#include "sim/robustness/tree_dominance.h"
#include "sim/solve/tree_logit.h"
#include "sim/solve/pure.h"
#include "sim/solve/registry.h"

namespace sim::robustness::detail {
namespace {

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9),
// refined by one Halley step on NormalCdf.
double NormalQuantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const double e = montecarlo::NormalCdf(x) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

}  // namespace

double Quantile(const Distribution& dist, double u) {
  const std::vector<double>& p = dist.params;
  double x = 0;
  switch (dist.kind) {
    case Distribution::Kind::kUniform: x = p[0] + u * (p[1] - p[0]); break;
    case Distribution::Kind::kNormal: x = p[0] + p[1] * NormalQuantile(u); break;
    case Distribution::Kind::kTriangular: {
      const double lo = p[0], mode = p[1], hi = p[2];
      const double f = (mode - lo) / (hi - lo);
      x = u < f ? lo + std::sqrt(u * (hi - lo) * (mode - lo)) : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
      break;
    }
    case Distribution::Kind::kBeta: {
      double lo = 0, hi = 1;  // bisection on the CDF: 60 halvings reach double precision
      for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        (montecarlo::RegularizedBeta(mid, p[0], p[1]) < u ? lo : hi) = mid;
      }
      x = 0.5 * (lo + hi);
      break;
    }
    case Distribution::Kind::kChoice: {
      const size_t n = p.size();
      double total = 0;
      for (size_t i = 0; i < n; ++i) total += dist.weights.empty() ? 1.0 : dist.weights[i];
      double cumulative = 0;
      x = p.back();
      for (size_t i = 0; i < n; ++i) {
        cumulative += (dist.weights.empty() ? 1.0 : dist.weights[i]) / total;
        if (u < cumulative) {
          x = p[i];
          break;
        }
      }
      break;
    }
  }
  if (dist.clamp) x = std::clamp(x, dist.clamp->first, dist.clamp->second);
  return x;
}

Plan MakePlan(const Scenario& scenario, std::vector<RangedNumber> numbers, const Options& options) {
  Plan plan;
  plan.base = &scenario;
  plan.numbers = std::move(numbers);
  plan.tree = scenario.tree_game();
  plan.num_outcomes = scenario.outcomes.size() + 1;
  for (const Finding& f : scenario.findings) plan.needs_montecarlo |= f.holds.NeedsMonteCarlo();
  plan.draws = options.draws;
  plan.seed = options.seed;
  plan.select = options.select.value_or(scenario.montecarlo.select);
  if (!plan.tree) {
    const model::DerivedGame derived = model::BuildGame(scenario);
    plan.methods = solve::DefaultMethods(derived.game.traits());
    plan.fast_bimatrix = plan.methods == std::vector<std::string>{"enum"} && derived.game.num_players() == 2 &&
                         derived.game.num_strategies(0) <= montecarlo::detail::kMaxFastStrategies &&
                         derived.game.num_strategies(1) <= montecarlo::detail::kMaxFastStrategies;
  }
  return plan;
}

SampleSolver::SampleSolver(const Plan& plan) : plan_(plan), scenario_(*plan.base) {
  // A ranged number is fixed per sample: the inner Monte Carlo must not redraw it.
  std::erase_if(scenario_.uncertain, [&](const UncertainNumber& u) {
    return std::any_of(plan.numbers.begin(), plan.numbers.end(),
                       [&](const RangedNumber& n) { return n.path == u.path; });
  });
  for (const RangedNumber& n : plan.numbers) {
    NumberLookup lookup = FindNumber(scenario_, n.path);
    SIM_CHECK(lookup.slot.has_value(), "unchecked ranged number " + n.path);
    slots_.push_back(lookup.slot->value);
  }
  if (!plan.tree) derived_ = model::BuildGame(scenario_);
}

void SampleSolver::ResetToBase() {
  for (size_t j = 0; j < slots_.size(); ++j) *slots_[j] = plan_.numbers[j].base;
}

void SampleSolver::Solve(GameFacts* facts, bool with_montecarlo, std::optional<SelectRule> select) {
  facts->equilibrium_outcomes.clear();
  if (plan_.tree) {
    tree_ = model::BuildSequentialGame(scenario_);
    solve::SpeOptions spe;
    spe.analyse_threats = false;
    // Rounds with private types: the agent QRE's limit, a sequential equilibrium, as the
    // report solves them (the subgame-perfect solver's Nash equilibrium may rest on
    // irrational play off the path there: the whole game is one subgame).
    const bool rounds_types = scenario_.rounds && tree_.rounds.type_profiles.size() > 1;
    spe_ = rounds_types ? solve::SolveAgentLogit(tree_.tree, {}) : solve::SolveSubgamePerfect(tree_.tree, spe);
    for (const solve::TreeEquilibrium& eq : spe_.equilibria)
      facts->equilibrium_outcomes.push_back(model::DescribePlay(tree_, eq.reach).modal_outcome);
    facts->dominated = DominatedTreeMoves(tree_, scenario_, DominatedTreeActions(tree_.tree));
  } else {
    model::RederiveGame(scenario_, &derived_);
    if (!plan_.fast_bimatrix || !montecarlo::detail::SolveNondegenerateBimatrix(derived_.game, &equilibria_)) {
      equilibria_ = solve::SolveWithMethods(derived_.game, plan_.methods, solve::SolveOptions{}).equilibria;
    }
    Describe(facts);
  }
  facts->probability.clear();
  facts->selected = -1;
  if (with_montecarlo && plan_.needs_montecarlo) {
    montecarlo::MonteCarloOptions mc;
    mc.draws = plan_.draws;
    mc.seed = plan_.seed;
    mc.threads = 1;
    mc.select = select.value_or(plan_.select);
    if (scenario_.montecarlo.logit_lambda0 > 0) mc.logit_lambda0 = scenario_.montecarlo.logit_lambda0;
    const montecarlo::MonteCarloResult r =
        montecarlo::NeedsTreeMonteCarlo(scenario_) ? montecarlo::RunTreeMonteCarlo(scenario_, mc) : montecarlo::RunMonteCarlo(scenario_, mc);
    for (size_t o = 0; o < r.outcome_counts.size(); ++o)
      facts->probability.push_back(static_cast<double>(r.outcome_counts[o]) / static_cast<double>(r.draws));
    int64_t best = 0;
    for (size_t o = 0; o < plan_.num_outcomes && o < r.outcome_counts.size(); ++o) {
      if (r.outcome_counts[o] > best) {
        best = r.outcome_counts[o];
        facts->selected = static_cast<int>(o);
      }
    }
  }
}

void SampleSolver::Describe(GameFacts* facts) {
  facts->equilibrium_outcomes.clear();
  const NormalFormGame& game = derived_.game;
  for (const solve::Equilibrium& eq : equilibria_) {
    if (eq.kind == solve::EquilibriumKind::kPure) {
      int64_t index = 0;
      for (int a = 0; a < game.num_players(); ++a) {
        int s = 0;
        eq.profile.strategies[a].maxCoeff(&s);
        index += s * game.stride(a);
      }
      facts->equilibrium_outcomes.push_back(derived_.outcome_class[index]);
    } else {
      facts->equilibrium_outcomes.push_back(model::DescribeProfile(derived_, eq.profile).modal_outcome);
    }
  }
  const solve::DominanceResult dominance = solve::EliminateStrictlyDominated(game);
  facts->dominated.resize(game.num_players());
  for (int a = 0; a < game.num_players(); ++a) facts->dominated[a].assign(game.num_strategies(a), 0);
  for (const solve::DominanceStep& step : dominance.removed) facts->dominated[step.player][step.strategy] = 1;
}

void SampleSolver::UseEquilibria(const std::vector<solve::Equilibrium>& equilibria, GameFacts* facts) {
  model::RederiveGame(scenario_, &derived_);
  equilibria_ = equilibria;
  Describe(facts);
  facts->probability.clear();
  facts->selected = -1;
}

bool SampleSolver::Region(const GameFacts& facts, std::vector<char>* has, std::vector<char>* all) const {
  has->assign(plan_.num_outcomes, 0);
  all->assign(plan_.num_outcomes, 1);
  bool any = false;
  for (const auto& moves : facts.dominated)
    for (char d : moves) any |= d != 0;
  if (!any) return false;
  if (plan_.tree) {
    TreeRegion(tree_, scenario_, facts.dominated, plan_.num_outcomes, has, all);
    return true;
  }
  const NormalFormGame& game = derived_.game;
  const int n = game.num_players();
  std::vector<int> moves(n, 0);
  for (int64_t i = 0; i < game.num_profiles(); ++i) {
    bool inside = true;
    for (int a = 0; a < n && inside; ++a) inside = !facts.dominated[a][moves[a]];
    if (inside) {
      const int o = derived_.outcome_class[i];
      (*has)[o] = 1;
      for (size_t c = 0; c < all->size(); ++c)
        if (static_cast<int>(c) != o) (*all)[c] = 0;
    }
    for (int a = 0; a < n && ++moves[a] == game.num_strategies(a); ++a) moves[a] = 0;
  }
  return true;
}

std::string SampleSolver::DescribeEquilibria(const GameFacts& facts) const {
  const std::vector<std::string>& names = plan_.tree ? tree_.outcome_names : derived_.outcome_names;
  if (facts.equilibrium_outcomes.empty()) return "no equilibrium";
  std::string out;
  for (size_t e = 0; e < facts.equilibrium_outcomes.size(); ++e) {
    if (e) out += "; ";
    if (!plan_.tree) {
      const solve::Equilibrium& eq = equilibria_[e];
      for (size_t a = 0; a < scenario_.actors.size(); ++a) {
        const Actor& actor = scenario_.actors[a];
        out += a ? " + " : "";
        bool first = true;
        for (int m = 0; m < eq.profile.strategies[a].size(); ++m) {
          const double p = eq.profile.strategies[a](m);
          if (p <= 1e-9) continue;
          out += (first ? "" : "/") + actor.id + "." + actor.moves[m].id;
          if (p < 1 - 1e-9) {
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, " %.2f", p);
            out += buffer;
          }
          first = false;
        }
      }
      out += " -> ";
    }
    out += names[facts.equilibrium_outcomes[e]];
  }
  return out;
}

}  // namespace sim::robustness::detail
