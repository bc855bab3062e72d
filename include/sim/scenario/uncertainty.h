// SPDX-License-Identifier: MIT
// Uncertain numbers of a scenario (Monte Carlo): the distribution a number is drawn from,
// which number it is (by its path in the scenario file), and the settings of the scenario's
// `montecarlo:` block. Value types and checks only: sampling lives in montecarlo/random.h,
// the draw loop in montecarlo/run.h. Reference: scenarios/README.md, "Monte Carlo".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"

namespace sim {

struct Scenario;

// A probability distribution for one number.
//   uniform    params = {lo, hi}              lo < hi
//   normal     params = {mean, sd}            sd > 0; optional clamp [lo, hi] applied after
//   beta       params = {a, b}                a, b > 0; support [0, 1]
//   triangular params = {lo, mode, hi}        lo <= mode <= hi, lo < hi
//   choice     params = {v1, v2, ...}         weights (>= 0, sum > 0) default to all 1
// `clamp` is accepted on every kind (it only matters where the support is wider).
struct Distribution {
  enum class Kind { kUniform, kNormal, kBeta, kTriangular, kChoice };
  Kind kind = Kind::kUniform;
  std::vector<double> params;
  std::vector<double> weights;                      // choice only; empty = equal weights
  std::optional<std::pair<double, double>> clamp;   // [lo, hi], lo <= hi

  // The number's base value, used wherever the scenario is read without sampling (the
  // deterministic report, validation of the number's range): the mean of the distribution,
  // clamped for normal (clamp(mean)), the weighted mean for choice.
  double Mean() const;
  // Smallest and largest value a draw can take (after the clamp); +-inf for an unclamped
  // normal.
  std::pair<double, double> Support() const;
  // Why the parameters are invalid (e.g. "uniform needs lo < hi, got [0.4, 0.2]"), or
  // nothing when they are valid.
  std::optional<std::string> Problem() const;
  // Compact text for reports: "uniform(0.2, 0.4)", "normal(0.5, 0.1) clamped to [0, 1]".
  std::string ToString() const;
};

// "uniform", "normal", "beta", "triangular", "choice": the YAML keys of the kinds.
const char* KindKey(Distribution::Kind kind);
std::optional<Distribution::Kind> KindFromKey(const std::string& key);
std::vector<std::string> KindKeys();

// One uncertain number: the scenario path of the number it replaces (the same dot-separated
// path `--set` takes, e.g. "actors.usa.stakes.sanctions.ideal") and its distribution.
struct UncertainNumber {
  std::string path;
  Distribution distribution;
  SourceLocation location;  // the distribution in the file (inline or in montecarlo.vary)
};

// How an actor's unpredictability u (Actor::unpredictability) acts in the Monte Carlo.
// Formulas: scenarios/README.md, "Unpredictability models".
enum class UnpredictabilityModel {
  kTremble,          // with probability u the actor's move is uniform; all anticipate it
  kPreferenceNoise,  // ideal points and saliences redrawn around their base with spread u
  kLogit,            // logit quantal response, precision lambda0 (1 - u) / (u R)
  kType,             // with prior u an erratic type who plays uniformly, fixed per draw
  kResolute,         // with prior u a resolute type (Actor::resolute's preferences), private,
                     // who plays its own best replies: unpredictability with a direction
};
const char* ModelKey(UnpredictabilityModel model);  // "tremble", "preference_noise", ...
std::optional<UnpredictabilityModel> ModelFromKey(const std::string& key);
std::vector<std::string> ModelKeys();

// How one equilibrium of a draw's game is picked when it has several.
//   uniform          every equilibrium found equally likely
//   payoff-dominant  uniformly among those labelled "payoff-dominant"
//   risk-dominant    uniformly among those labelled "risk-dominant"
//   qre-limit        uniformly among those labelled "qre-limit"
// Labels come from solve::LabelEquilibria, applied by the Monte Carlo to every draw's game
// (solve::Equilibrium::labels). When no equilibrium of a draw carries the label (e.g.
// risk-dominant on a game larger than 2x2), that draw falls back to `uniform` and is counted
// (reports show it).
enum class SelectRule { kUniform, kPayoffDominant, kRiskDominant, kQreLimit };
const char* SelectKey(SelectRule rule);  // "uniform", "payoff-dominant", ...
std::optional<SelectRule> SelectFromKey(const std::string& key);
std::vector<std::string> SelectKeys();

// The scenario's `montecarlo:` block. Every field has a default; the command line's
// --draws/--seed/--select/--logit-lambda0 override draws/seed/select/logit_lambda0.
struct MonteCarloSpec {
  bool present = false;             // the scenario has a montecarlo block
  int64_t draws = 10'000;
  uint64_t seed = 1;
  SelectRule select = SelectRule::kUniform;
  UnpredictabilityModel model = UnpredictabilityModel::kTremble;  // default for every actor
  std::vector<std::pair<std::string, UnpredictabilityModel>> models;  // per actor id
  // The logit model's precision scale lambda0 (montecarlo/run.h, kLogitLambda0); 0 = that
  // default. Key `logit_lambda0`, in [1e-6, 1e6]; --logit-lambda0 overrides it.
  double logit_lambda0 = 0;
  SourceLocation location;
};

// Where a number of a scenario lives, as a pointer into one Scenario object, plus the range
// its values must stay in (e.g. [0, 1] for an ideal point, [0, inf) for a salience).
struct NumberSlot {
  double* value = nullptr;
  double min = -1.0 / 0.0;
  double max = 1.0 / 0.0;
};

// Resolves a scenario path to the number it names in `scenario`. Paths (ids as in the file):
//   issues.ISSUE.status_quo
//   actors.ACTOR.unpredictability
//   actors.ACTOR.stakes.ISSUE.ideal | .salience
//   actors.ACTOR.moves.MOVE.cost
//   actors.ACTOR.moves.MOVE.effects.ISSUE
//   actors.ACTOR.moves.MOVE.conditional.K.effects.ISSUE     (K: 0-based)
//   actors.ACTOR.terms.K.value                              (K: 0-based)
//   payoffs.K.J       (direct payoff table: profile K, actor J, 0-based)
// Returns the slot, or a message saying what is wrong with the path (with the known names).
// The pointer stays valid while `scenario` is neither moved nor resized.
struct NumberLookup {
  std::optional<NumberSlot> slot;
  std::string problem;  // set when slot is empty
  std::string hint;
};
NumberLookup FindNumber(Scenario& scenario, const std::string& path);

// Checks every uncertain number of `scenario` against the number it replaces: the path must
// name a number of the model and the distribution's support must lie in that number's range
// (a normal on a bounded number needs a clamp). Problems go to `sink`, located at the
// distribution.
void CheckUncertainNumbers(Scenario& scenario, DiagnosticSink& sink);

}  // namespace sim
