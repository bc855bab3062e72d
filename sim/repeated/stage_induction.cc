// SPDX-License-Identifier: MIT
#include "sim/repeated/stage_induction.h"

#include <cmath>

#include "sim/model/build_game.h"
#include "sim/solve/registry.h"

namespace sim::repeated {

StageInduction SolveRoundsByStageInduction(const Scenario& scenario) {
  StageInduction out;
  if (!scenario.rounds) {
    out.message = "the scenario has no rounds";
    return out;
  }
  const RoundsSpec& spec = *scenario.rounds;
  if (spec.carry_positions || scenario.sequential() || scenario.has_types() ||
      !spec.short_run.empty() || !spec.resolute.empty() || !spec.costs.empty() ||
      scenario.actors.size() != 2) {
    out.message = "stage induction needs 2 actors, a simultaneous stage, carry: reset and no "
                  "types, short-run actors or position-dependent costs";
    return out;
  }
  out.applies = true;
  Scenario stage = scenario;
  stage.rounds.reset();
  const model::DerivedGame derived = model::BuildGame(stage);
  out.histories = std::pow(static_cast<double>(derived.game.num_profiles()), spec.count);
  const solve::SolveResult all = solve::SolveWithMethods(derived.game, {"enum"}, {});
  if (all.status != solve::SolveStatus::kComplete) {
    out.message = "the stage's equilibria could not all be listed: " + all.message;
    return out;
  }
  if (all.equilibria.size() != 1) {
    out.message = "the stage has " + std::to_string(all.equilibria.size()) +
                  " equilibria: play may depend on history (Benoit & Krishna 1985); solve the tree";
    return out;
  }
  out.unique = true;
  out.stage_equilibrium = all.equilibria.front();
  double weight = 0.0, w = 1.0;
  for (int t = 0; t < spec.count; ++t, w *= spec.discount) weight += w;
  out.values = weight * out.stage_equilibrium.payoffs;
  return out;
}

}  // namespace sim::repeated
