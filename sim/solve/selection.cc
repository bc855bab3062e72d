// SPDX-License-Identifier: MIT
#include "sim/solve/selection.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/solve/logit.h"
#include "sim/solve/payoff_eval.h"

namespace sim::solve {
namespace {

void AddLabel(Equilibrium& eq, const char* label) {
  if (std::find(eq.labels.begin(), eq.labels.end(), label) == eq.labels.end()) {
    eq.labels.push_back(label);
  }
}

bool StrictPure(const NormalFormGame& game, const Equilibrium& eq, double slack) {
  if (!eq.profile.IsPure(1e-12)) return false;
  const PureProfile s = eq.profile.ArgMax();
  const int64_t r = game.ProfileIndex(s);
  for (int p = 0; p < game.num_players(); ++p) {
    for (int a = 0; a < game.num_strategies(p); ++a) {
      if (a == s[p]) continue;
      const int64_t dev = r + (a - s[p]) * game.stride(p);
      if (!(game.payoff(r, p) > game.payoff(dev, p) + slack)) return false;
    }
  }
  return true;
}

// Product over the two players of the loss from deviating alone from the pure profile s.
double DeviationLossProduct(const NormalFormGame& game, const PureProfile& s) {
  const int64_t r = game.ProfileIndex(s);
  double product = 1.0;
  for (int p = 0; p < 2; ++p) {
    const int64_t dev = r + ((1 - s[p]) - s[p]) * game.stride(p);
    product *= game.payoff(r, p) - game.payoff(dev, p);
  }
  return product;
}

}  // namespace

void LabelEquilibria(const NormalFormGame& game, std::vector<Equilibrium>& equilibria,
                     const SelectionOptions& options) {
  const double slack = options.tolerance * detail::PayoffScale(game);

  for (size_t a = 0; a < equilibria.size(); ++a) {
    bool dominant = true;
    for (size_t b = 0; b < equilibria.size() && dominant; ++b) {
      if (a == b) continue;
      for (int p = 0; p < game.num_players(); ++p) {
        if (!(equilibria[a].payoffs(p) > equilibria[b].payoffs(p) + slack)) dominant = false;
      }
    }
    if (dominant) AddLabel(equilibria[a], kPayoffDominant);
  }

  if (game.num_players() == 2 && game.num_strategies(0) == 2 && game.num_strategies(1) == 2) {
    std::vector<size_t> strict;
    for (size_t a = 0; a < equilibria.size(); ++a) {
      if (StrictPure(game, equilibria[a], slack)) strict.push_back(a);
    }
    if (strict.size() == 2) {
      const double first = DeviationLossProduct(game, equilibria[strict[0]].profile.ArgMax());
      const double second = DeviationLossProduct(game, equilibria[strict[1]].profile.ArgMax());
      // Loss products are in payoff^2 units.
      if (first > second + slack * detail::PayoffScale(game)) {
        AddLabel(equilibria[strict[0]], kRiskDominant);
      } else if (second > first + slack * detail::PayoffScale(game)) {
        AddLabel(equilibria[strict[1]], kRiskDominant);
      }
    }
  }

  if (options.label_qre_limit) {
    LogitTraceOptions trace_options;
    trace_options.tolerance = options.tolerance;
    LogitTrace trace = TraceLogitBranch(game, trace_options);
    if (!trace.limit) return;
    detail::PayoffEvaluator eval(game);
    const Eigen::VectorXd limit = eval.Flatten(*trace.limit);
    for (Equilibrium& eq : equilibria) {
      if ((eval.Flatten(eq.profile) - limit).lpNorm<Eigen::Infinity>() <= 1e-6) {
        AddLabel(eq, kQreLimit);
        return;
      }
    }
    if (options.append_qre_limit) {
      Equilibrium eq = MakeEquilibrium(game, *trace.limit);
      eq.labels.push_back(kQreLimit);
      equilibria.push_back(std::move(eq));
    }
  }
}

}  // namespace sim::solve
