// SPDX-License-Identifier: MIT
#include "sim/solve/solution.h"

#include <cmath>

namespace sim::solve {

const char* KindName(EquilibriumKind kind) {
  switch (kind) {
    case EquilibriumKind::kPure: return "pure";
    case EquilibriumKind::kMixed: return "mixed";
    case EquilibriumKind::kSubgamePerfect: return "spe";
  }
  return "?";
}

const char* StatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kComplete: return "complete";
    case SolveStatus::kPartial: return "incomplete";
    case SolveStatus::kFailed: return "failed";
  }
  return "?";
}

std::string SolveResult::BriefReport() const {
  std::string out = method + ": " + std::to_string(equilibria.size()) +
                    (equilibria.size() == 1 ? " equilibrium" : " equilibria") + " (" +
                    StatusName(status) + ")";
  if (!message.empty()) out += ": " + message;
  return out;
}

std::optional<std::string> SolveOptions::Validate() const {
  if (!(tolerance >= 0.0) || !std::isfinite(tolerance)) return "tolerance must be finite and >= 0";
  if (max_iterations <= 0) return "max_iterations must be > 0";
  if (max_equilibria < 0) return "max_equilibria must be >= 0";
  if (!(max_seconds >= 0.0) || !std::isfinite(max_seconds)) return "max_seconds must be finite and >= 0";
  if (!std::isfinite(qre_lambda)) return "qre_lambda must be finite";
  return std::nullopt;
}

Equilibrium MakeEquilibrium(const NormalFormGame& game, MixedProfile profile) {
  Equilibrium eq;
  eq.kind = profile.IsPure(0.0) ? EquilibriumKind::kPure : EquilibriumKind::kMixed;
  eq.payoffs = ExpectedPayoffs(game, profile);
  eq.regret = Regret(game, profile);
  eq.profile = std::move(profile);
  return eq;
}

}  // namespace sim::solve
