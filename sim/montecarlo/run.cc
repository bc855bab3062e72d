// SPDX-License-Identifier: MIT
#include "sim/montecarlo/run.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <exception>
#include <thread>

#include "sim/core/error.h"
#include "sim/model/build_game.h"
#include "sim/model/rederive.h"
#include "sim/montecarlo/draws.h"
#include "sim/montecarlo/fast_bimatrix.h"
#include "sim/montecarlo/perturb.h"
#include "sim/montecarlo/random.h"
#include "sim/solve/logit.h"
#include "sim/solve/registry.h"
#include "sim/solve/selection.h"

namespace sim::montecarlo {
namespace {

using detail::DrawSampler;
using detail::PlaySlot;
using detail::Tally;

// Everything the draws share, read-only once built.
struct Plan {
  const Scenario* base = nullptr;
  MonteCarloOptions options;
  std::vector<UnpredictabilityModel> models;  // per actor
  std::vector<std::string> methods;
  bool game_varies = false;          // some draw changes a payoff-relevant number
  bool cached = false;               // !game_varies: the one solution below serves all draws
  model::DerivedGame fixed_derived;  // valid when cached
  std::vector<solve::Equilibrium> fixed_equilibria;
  bool fixed_qre = false;            // cached: fixed_equilibria is the logit QRE (or empty)
  std::string selection_label;       // "" for uniform
  solve::SelectionOptions selection_options;  // for LabelEquilibria when selection_label is set
  // The default methods are exact `enum` on a small 2-player game: draws first try the
  // floating-point support enumeration (same equilibria on nondegenerate games, ~50x faster)
  // and fall back to `enum` when it reports degeneracy.
  bool fast_bimatrix = false;
  size_t num_outcomes = 0;           // including "other" and "unsolved"
};

// Copies `from` into `to`, reusing `to`'s storage when the shapes agree (every draw of a run
// derives a game of the same shape, so workers allocate nothing once warmed up).
void CopyGame(const NormalFormGame& from, NormalFormGame* to) {
  if (to->payoffs().rows() == from.payoffs().rows() &&
      to->payoffs().cols() == from.payoffs().cols() && !from.has_exact_payoffs() &&
      !to->has_exact_payoffs()) {
    to->mutable_payoffs().noalias() = from.payoffs();
  } else {
    *to = from;
  }
}

// What DrawSolver::Solve produced.
enum class DrawStrategies {
  kNash,       // the game's equilibria (possibly none), labelled when the plan selects
  kQre,        // one logit QRE
  kQreFailed,  // the QRE trace failed: no strategies (the draw is "unsolved")
};

// Turns one draw's game into the strategies the draw plays:
//  1. The perturbed game the players face (detail::PerturbGame): tremble actors' trembles
//     enter every player's expected payoffs, type actors' erratic type enters the others'.
//  2a. Some actor plays logit with u > 0: the heterogeneous logit QRE of the perturbed game,
//      each logit actor at lambda_a = lambda0 (1 - u_a) / (u_a R), everyone else at
//      kLogitBestResponse / R (R: the unperturbed game's payoff range). The solver traces one
//      lambda for all players, so player a's payoffs are scaled by lambda_a and the branch is
//      traced to lambda = 1 (detail::ScalePayoffs).
//  2b. Otherwise its Nash equilibria (fast floating-point enumeration, else the methods),
//      labelled by solve::LabelEquilibria when the plan selects by a label, so that the
//      payoff-/risk-dominance and QRE-limit criteria judge the game of this very draw.
class DrawSolver {
 public:
  DrawStrategies Solve(const Plan& plan, const Scenario& s, const NormalFormGame& game,
                       std::vector<solve::Equilibrium>* out, Tally* tally) {
    const int n = game.num_players();
    randomness_.assign(n, detail::Randomness());
    bool perturbed = false, logit = false;
    for (int a = 0; a < n; ++a) {
      const double u = s.actors[a].unpredictability;
      if (u <= 0) continue;
      switch (plan.models[a]) {
        case UnpredictabilityModel::kTremble: randomness_[a] = {u, /*own_payoffs_too=*/true}; break;
        case UnpredictabilityModel::kType: randomness_[a] = {u, /*own_payoffs_too=*/false}; break;
        case UnpredictabilityModel::kLogit: logit = true; break;
        case UnpredictabilityModel::kPreferenceNoise: break;
        case UnpredictabilityModel::kResolute: break;  // a tree Monte Carlo (run_tree.h)
      }
      perturbed |= randomness_[a].probability > 0;
    }
    if (perturbed) {
      CopyGame(game, &perturbed_);
      detail::PerturbGame(randomness_, &perturbed_);
    }
    const NormalFormGame& faced = perturbed ? perturbed_ : game;

    if (logit) {
      // A constant game has every profile as a QRE at any lambda; its QRE is the centroid,
      // which any positive R gives.
      double range = detail::PayoffRange(game);
      if (!(range > 0)) range = 1.0;
      weights_.assign(n, kLogitBestResponse / range);
      for (int a = 0; a < n; ++a) {
        const double u = s.actors[a].unpredictability;
        if (plan.models[a] == UnpredictabilityModel::kLogit && u > 0)
          weights_[a] = plan.options.logit_lambda0 * (1.0 - u) / (u * range);
      }
      CopyGame(faced, &scaled_);
      detail::ScalePayoffs(weights_, &scaled_);
      solve::LogitTraceOptions trace_options;
      trace_options.target_lambda = 1.0;
      solve::LogitTrace trace = solve::TraceLogitBranch(scaled_, trace_options);
      out->clear();
      if (!trace.ok) {
        ++tally->qre_failures;
        return DrawStrategies::kQreFailed;
      }
      out->push_back(solve::MakeEquilibrium(faced, std::move(trace.end.profile)));
      return DrawStrategies::kQre;
    }

    if (!plan.fast_bimatrix || !detail::SolveNondegenerateBimatrix(faced, out)) {
      *out = solve::SolveWithMethods(faced, plan.methods, solve_options_).equilibria;
      ++tally->exact_solves;
    }
    ++tally->games_solved;
    if (!plan.selection_label.empty() && !out->empty())
      solve::LabelEquilibria(faced, *out, plan.selection_options);
    return DrawStrategies::kNash;
  }

 private:
  std::vector<detail::Randomness> randomness_;
  std::vector<double> weights_;
  NormalFormGame perturbed_, scaled_;
  solve::SolveOptions solve_options_;
};

// One thread's working state: its own copy of the scenario (sampled numbers are written into
// it), its derived game, solver scratch. Built once per thread, reused by every draw.
class Worker {
 public:
  explicit Worker(const Plan& plan) : plan_(plan), scenario_(*plan.base), sampler_(scenario_) {
    if (plan_.game_varies) derived_ = model::BuildGame(scenario_);
    moves_.resize(scenario_.actors.size());
  }

  void RunDraw(int64_t draw, Tally& tally) {
    const Plan& plan = plan_;
    const uint64_t seed = plan.options.seed;
    const size_t num_uncertain = scenario_.uncertain.size();
    const int n = static_cast<int>(scenario_.actors.size());

    // 1. Sample (draws.h).
    sampler_.Sample(*plan.base, plan.models, seed, draw, scenario_);

    // 2-3. Derive and solve (or reuse the one solution when nothing varies).
    const model::DerivedGame* derived = &plan.fixed_derived;
    const std::vector<solve::Equilibrium>* equilibria = &plan.fixed_equilibria;
    bool qre = plan.fixed_qre;
    if (!plan.cached) {
      model::RederiveGame(scenario_, &derived_);
      qre = solver_.Solve(plan, scenario_, derived_.game, &equilibria_, &tally) !=
            DrawStrategies::kNash;
      derived = &derived_;
      equilibria = &equilibria_;
    }
    // Each actor's probability of a uniformly random move in this draw: u under the tremble
    // model (per move) and the type model (the erratic type, per draw; in a one-shot game
    // both are one uniform move with probability u), else 0.
    detail::UnpredictabilityUnder(scenario_, plan.models,
                                  {UnpredictabilityModel::kTremble, UnpredictabilityModel::kType},
                                  &uniform_play_);

    // 4. Select. One play stream per draw with a fixed consumption pattern: 1 uniform for
    //    the selection, then 3 per actor (intended move, tremble or erratic type?, uniform
    //    move).
    Stream play(seed, draw, PlaySlot(num_uncertain, n));
    const double select_uniform = play.Uniform();
    ++tally.draws;
    int outcome = static_cast<int>(plan.num_outcomes) - 1;  // "unsolved"
    if (!equilibria->empty()) {
      const solve::Equilibrium* chosen = nullptr;
      if (qre) {
        // The logit QRE is the draw's one profile: nothing to select.
        chosen = &equilibria->front();
        ++tally.qre_draws;
      } else if (!plan.selection_label.empty()) {
        int labelled = 0;
        for (const solve::Equilibrium& eq : *equilibria)
          labelled += HasLabel(eq, plan.selection_label);
        if (labelled > 0) {
          int pick = std::min(labelled - 1, static_cast<int>(select_uniform * labelled));
          for (const solve::Equilibrium& eq : *equilibria) {
            if (HasLabel(eq, plan.selection_label) && pick-- == 0) {
              chosen = &eq;
              break;
            }
          }
        } else {
          ++tally.fallbacks;
        }
      }
      if (chosen == nullptr) {
        const int count = static_cast<int>(equilibria->size());
        chosen = &(*equilibria)[std::min(count - 1, static_cast<int>(select_uniform * count))];
      }

      // 5. Realize play: intended move from the strategy (the normal type's, for the type
      //    model), then the tremble or the erratic type.
      int64_t index = 0;
      for (int a = 0; a < n; ++a) {
        const double u_move = play.Uniform();
        const double u_uniform = play.Uniform();
        const int random_move = play.Below(derived->game.num_strategies(a));
        const Eigen::VectorXd& strategy = chosen->profile.strategies[a];
        int move = detail::PickWeighted(strategy, static_cast<int>(strategy.size()), u_move);
        if (u_uniform < uniform_play_[a]) move = random_move;
        moves_[a] = move;
        index += move * derived->game.stride(a);
        ++tally.moves[a][move];
      }

      // 6. Classify and record, in the unperturbed game of this draw.
      ++tally.solved;
      outcome = derived->outcome_class[index];
      for (size_t k = 0; k < tally.positions.size(); ++k)
        tally.positions[k].Add(derived->positions(index, k));
      for (int a = 0; a < n; ++a) tally.payoffs[a].Add(derived->game.payoff(index, a));
    }
    tally.RecordOutcome(outcome, sampler_.ranks());
  }

 private:
  static bool HasLabel(const solve::Equilibrium& eq, const std::string& label) {
    return std::find(eq.labels.begin(), eq.labels.end(), label) != eq.labels.end();
  }

  const Plan& plan_;
  Scenario scenario_;
  DrawSampler sampler_;
  std::vector<int> moves_;
  std::vector<double> uniform_play_;
  model::DerivedGame derived_;
  DrawSolver solver_;
  std::vector<solve::Equilibrium> equilibria_;
};

Plan MakePlan(const Scenario& scenario, const MonteCarloOptions& options) {
  Plan plan;
  plan.base = &scenario;
  plan.options = options;
  if (!(options.logit_lambda0 > 0) || !std::isfinite(options.logit_lambda0)) {
    throw InputError(SourceLocation{"<command line>"},
                     "logit lambda0 must be a positive finite number, got " +
                         std::to_string(options.logit_lambda0),
                     "the default is 10 (kLogitLambda0)");
  }
  plan.models = detail::ActorModels(scenario);
  const model::DerivedGame base = model::BuildGame(scenario);
  plan.methods = options.methods.empty() ? solve::DefaultMethods(base.game.traits()) : options.methods;
  plan.num_outcomes = base.outcome_names.size() + 1;
  plan.fast_bimatrix = options.methods.empty() && plan.methods == std::vector<std::string>{"enum"} &&
                       base.game.num_players() == 2 &&
                       base.game.num_strategies(0) <= detail::kMaxFastStrategies &&
                       base.game.num_strategies(1) <= detail::kMaxFastStrategies;
  // Any sampled number may change the game (an unpredictability through the tremble).
  bool varies = !scenario.uncertain.empty();
  for (size_t a = 0; a < scenario.actors.size(); ++a)
    varies |= plan.models[a] == UnpredictabilityModel::kPreferenceNoise &&
              scenario.actors[a].unpredictability > 0;
  plan.game_varies = varies;
  if (options.select != SelectRule::kUniform) {
    plan.selection_label = SelectKey(options.select);
    // The QRE limit costs a logit trace per game: only when it is the rule. When the branch's
    // limit is not among the equilibria found it is appended (it is a Nash equilibrium).
    plan.selection_options.label_qre_limit = options.select == SelectRule::kQreLimit;
    plan.selection_options.append_qre_limit = true;
  }
  // Solve the file's own game once with the methods: it checks them before any thread
  // starts. When nothing varies, the plan's one solution (the same solve, or the logit QRE)
  // serves every draw.
  Tally unused;
  unused.Reset(scenario, plan.num_outcomes);
  DrawSolver solver;
  std::vector<solve::Equilibrium> equilibria;
  std::vector<UnpredictabilityModel> nash_models = plan.models;
  for (UnpredictabilityModel& m : nash_models)
    if (m == UnpredictabilityModel::kLogit) m = UnpredictabilityModel::kPreferenceNoise;
  const bool any_logit = nash_models != plan.models;
  Plan exact = plan;
  exact.fast_bimatrix = false;  // the one solve of a fixed game is the methods' own
  Plan check = exact;
  check.models = nash_models;  // logit off: the methods run whatever the draws do
  DrawStrategies kind = solver.Solve(check, scenario, base.game, &equilibria, &unused);
  if (!varies) {
    plan.cached = true;
    plan.fixed_derived = base;
    // Without logit actors the check was already the draws' solve (labels included).
    if (any_logit) kind = solver.Solve(exact, scenario, base.game, &equilibria, &unused);
    plan.fixed_equilibria = std::move(equilibria);
    plan.fixed_qre = kind != DrawStrategies::kNash;
  }
  return plan;
}

}  // namespace

MonteCarloResult RunMonteCarlo(const Scenario& scenario, const MonteCarloOptions& options) {
  SIM_CHECK(options.draws > 0, "draws must be positive");
  SIM_CHECK(options.threads >= 1, "threads must be >= 1");
  const Plan plan = MakePlan(scenario, options);

  const Tally total = detail::RunChunks<Worker>(scenario, options, plan.num_outcomes, plan);
  MonteCarloResult r = detail::DescribeRun(scenario, options, plan.models, total);
  r.qre_failures = plan.cached ? (plan.fixed_qre && plan.fixed_equilibria.empty() ? total.draws : 0)
                               : total.qre_failures;
  r.games_solved = plan.cached ? 1 : total.games_solved;
  r.exact_solves = plan.cached ? 1 : total.exact_solves;
  r.fast_path = plan.fast_bimatrix && !plan.cached;
  for (size_t i = 0; i < plan.methods.size(); ++i) r.methods += (i ? "+" : "") + plan.methods[i];
  return r;
}

}  // namespace sim::montecarlo
