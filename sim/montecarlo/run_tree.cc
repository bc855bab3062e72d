// SPDX-License-Identifier: MIT
#include "sim/montecarlo/run_tree.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <thread>

#include "sim/core/error.h"
#include "sim/model/build_game.h"
#include "sim/model/build_tree.h"
#include "sim/montecarlo/draws.h"
#include "sim/montecarlo/random.h"
#include "sim/montecarlo/tremble_tree.h"
#include "sim/solve/spe.h"
#include "sim/solve/spe_perfect.h"
#include "sim/solve/tree_logit.h"

namespace sim::montecarlo {
namespace {

using Node = GameTree::Node;
using detail::DrawSampler;
using detail::PickWeighted;
using detail::PlaySlot;
using detail::Tally;

// The child of `n` by `action` (no allocation, unlike GameTree::Children).
Node Child(const GameTree& tree, Node n, int action) {
  for (auto [e, end] = boost::out_edges(n, tree.graph()); e != end; ++e) {
    if (tree.graph()[*e].action == action) return boost::target(*e, tree.graph());
  }
  SIM_CHECK(false, "node '" + tree.name(n) + "' has no move " + std::to_string(action));
  return GameTree::kNoNode;
}

// One draw's solved game: the tree of the draw, its trembled form, and its SPEs with the
// payoff-dominance flag of each. A worker keeps one across its draws: the tree is built once
// and re-derived in place (model::RederiveTree), the trembled tree re-weighted
// (ReweightTransforms), and a trembled tree of perfect information solved by
// solve::PerfectInformationSpe in reused buffers, so that a draw allocates nothing.
struct Solved {
  model::DerivedTree derived;
  bool built = false;           // `derived` holds a tree RederiveTree can refresh
  TrembledTree trembled;
  std::vector<double> tremble;  // the trembles `trembled` was built with
  std::vector<double> types;    // and the erratic-type priors
  std::vector<double> resolute;  // and the resolute-type priors (model::WithResoluteTypes)
  std::vector<double> draw_tremble, draw_types, draw_resolute;  // this draw's (scratch)
  // Perfect-information trembled trees (the common case: every set a singleton once the
  // transforms separate the copies): `spe` holds the SPEs and `kept` the indices of those
  // kept (TreatsCopiesAlike); `equilibria` is then empty.
  bool pure = false;
  bool pure_shape = false;  // `spe` is prepared for the shape of `trembled`
  solve::PerfectInformationSpe spe;
  std::vector<int> kept;
  std::vector<solve::TreeEquilibrium> equilibria;
  std::vector<char> payoff_dominant;
  bool qre = false;         // some actor plays logit: `equilibria` holds the draw's agent QRE
  bool qre_failed = false;  // ... whose trace failed (no profile: the draw is "unsolved")

  int count() const { return pure ? static_cast<int>(kept.size()) : static_cast<int>(equilibria.size()); }
  // Equilibrium e's expected payoff of `player` from the root.
  double payoff(int e, int player) const {
    return pure ? spe.payoffs(kept[e])[player] : equilibria[e].payoffs(player);
  }
};

// Harsanyi & Selten's payoff dominance over the SPEs' expected payoffs (the same criterion
// as solve::LabelEquilibria on a normal form): strictly better for every player than every
// other equilibrium, by more than the tolerance; a lone equilibrium qualifies. Into
// out->payoff_dominant (storage reused).
void PayoffDominant(Solved* out, int players) {
  const int count = out->count();
  out->payoff_dominant.assign(count, 0);
  double scale = 1;
  for (int e = 0; e < count; ++e) {
    double largest = std::abs(out->payoff(e, 0));
    for (int p = 1; p < players; ++p) largest = std::max(largest, std::abs(out->payoff(e, p)));
    scale = std::max(scale, largest);
  }
  const double tolerance = 1e-9 * scale;
  for (int i = 0; i < count; ++i) {
    bool dominant = true;
    for (int j = 0; j < count && dominant; ++j) {
      if (i == j) continue;
      for (int p = 0; p < players && dominant; ++p)
        dominant = out->payoff(i, p) - out->payoff(j, p) > tolerance;
    }
    out->payoff_dominant[i] = dominant;
  }
}

struct Plan {
  const Scenario* base = nullptr;
  MonteCarloOptions options;
  std::vector<UnpredictabilityModel> models;  // per actor
  solve::SpeOptions spe;
  TreeLimits limits;
  SourceLocation where;            // for a trembled tree beyond the limit
  bool cached = false;             // nothing varies: `fixed` serves every draw
  Solved fixed;
  bool by_payoff_dominance = false;
  bool always_fallback = false;    // risk-dominant, qre-limit: not defined on trees
  bool any_resolute = false;       // some actor's model is resolute: types added per draw
  bool rederive = false;           // draws re-derive one tree in place (model::RederiveTree)
  size_t num_outcomes = 0;         // including "other" and "unsolved"
};

// The tree a draw solves: the erratic types first (a type draw above each typed actor's
// first move, tremble_tree.h), then the trembles of the other actors on that tree (an actor has
// one model, so no node is both). Origins and erratic marks are composed back to the tree
// of the draw.
TrembledTree Transform(const GameTree& tree, const std::vector<double>& tremble,
                       const std::vector<double>& types, const Plan& plan) {
  if (std::none_of(types.begin(), types.end(), [](double u) { return u > 0; }))
    return WithTrembles(tree, tremble, plan.limits, plan.where, CopySets::kSeparateSingletons);
  const TrembledTree typed =
      WithErraticTypes(tree, types, plan.limits, plan.where, CopySets::kSeparateSingletons);
  TrembledTree out =
      WithTrembles(typed.tree, tremble, plan.limits, plan.where, CopySets::kSeparateSingletons);
  // Classes of both transforms: a trembled set is labelled with its typed set's name plus its
  // player's tremble record (tremble_tree.h), so its class is (class of the typed set, record).
  std::map<std::pair<int, std::string>, int> classes;
  for (int s = 0; s < out.tree.num_infosets(); ++s) {
    const InfoSet& set = out.tree.infoset(s);
    if (set.player == kChancePlayer || set.nodes.empty()) continue;
    const int typed_set = typed.tree.node(out.origin[set.nodes.front()]).infoset;
    const std::string name = typed.tree.InfoSetName(typed_set);
    const std::string record = set.label.size() >= name.size() ? set.label.substr(name.size()) : set.label;
    out.set_class[s] =
        classes.try_emplace(std::make_pair(typed.set_class[typed_set], record), s).first->second;
  }
  out.erratic.resize(out.origin.size());
  for (size_t n = 0; n < out.origin.size(); ++n) {
    out.erratic[n] = typed.erratic[out.origin[n]];
    out.origin[n] = typed.origin[out.origin[n]];
  }
  return out;
}

// Whether `eq` plays alike at every set of a class (copies its player cannot tell apart).
bool TreatsCopiesAlike(const TrembledTree& t, const solve::TreeEquilibrium& eq) {
  for (size_t s = 0; s < t.set_class.size(); ++s) {
    const int c = t.set_class[s];
    if (c == static_cast<int>(s) || t.tree.infoset(c).player == kChancePlayer) continue;
    if ((eq.behaviour.actions[s] - eq.behaviour.actions[c]).cwiseAbs().maxCoeff() > 1e-9)
      return false;
  }
  return true;
}

// The same for equilibrium e of a perfect-information solve (pure: alike is the same action).
bool TreatsCopiesAlike(const TrembledTree& t, const solve::PerfectInformationSpe& spe, int e) {
  for (size_t s = 0; s < t.set_class.size(); ++s) {
    const int c = t.set_class[s];
    if (c == static_cast<int>(s) || t.tree.infoset(c).player == kChancePlayer) continue;
    if (spe.action(e, static_cast<int>(s)) != spe.action(e, c)) return false;
  }
  return true;
}

// GameTree::PathPayoffs(n)(player) without allocating: the outcome at n, then those above.
double PathPayoff(const GameTree& tree, Node n, int player) {
  const int o = tree.node(n).outcome;
  double v = o >= 0 ? tree.outcome(o).payoffs[player] : 0.0;
  for (Node up = tree.Parent(n); up != GameTree::kNoNode; up = tree.Parent(up)) {
    const int u = tree.node(up).outcome;
    v += u >= 0 ? tree.outcome(u).payoffs[player] : 0.0;
  }
  return v;
}

// The logit model on trees: when some actor plays logit with u > 0 in this draw, the draw's
// one profile is the agent logit QRE (solve/tree_logit.h) of the typed and trembled tree,
// each logit actor at lambda_a = lambda0 (1 - u_a) / (u_a R), everyone else at
// kLogitBestResponse / R, R the range of the draw's terminal payoffs (scenarios/README.md,
// "logit"; the same precisions as the matrix Monte Carlo): the QRE at lambda = 1 with per
// player weights lambda_a. Copies of a node that the transforms separate face the same
// continuation, so their agents respond alike. Returns false when no actor plays logit.
bool SolveAgentQre(const Scenario& scenario, const Plan& plan, Solved* out) {
  const int n = static_cast<int>(scenario.actors.size());
  bool logit = false;
  for (int a = 0; a < n; ++a)
    logit |= plan.models[a] == UnpredictabilityModel::kLogit && scenario.actors[a].unpredictability > 0;
  if (!logit) return false;
  const GameTree& tree = out->derived.tree;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (Node v = 0; v < static_cast<Node>(tree.num_nodes()); ++v) {
    if (tree.kind(v) != NodeKind::kTerminal) continue;
    const Eigen::VectorXd u = tree.PathPayoffs(v);
    lo = std::min(lo, u.minCoeff());
    hi = std::max(hi, u.maxCoeff());
  }
  const double range = hi > lo ? hi - lo : 1.0;
  solve::AgentLogitOptions options;
  options.target_lambda = 1.0;
  // (A tree with resolute types may have more players than actors: those play near best
  // response too.)
  options.weights.assign(std::max(n, out->trembled.tree.num_players()), kLogitBestResponse / range);
  for (int a = 0; a < n; ++a) {
    const double u = scenario.actors[a].unpredictability;
    if (plan.models[a] == UnpredictabilityModel::kLogit && u > 0)
      options.weights[a] = plan.options.logit_lambda0 * (1.0 - u) / (u * range);
  }
  const solve::AgentLogitTrace trace = solve::TraceAgentLogit(out->trembled.tree, options);
  out->equilibria.clear();
  out->payoff_dominant.clear();
  out->qre = true;
  if (!trace.ok) {
    out->qre_failed = true;
    return true;
  }
  solve::TreeEquilibrium eq;
  eq.behaviour = trace.end.profile;
  eq.beliefs = trace.end.beliefs;
  eq.payoffs = ExpectedPayoffs(out->trembled.tree, eq.behaviour, out->trembled.tree.root());
  out->equilibria.push_back(std::move(eq));
  out->payoff_dominant.push_back(0);
  return true;
}

// Whether a and b are positive for the same players (the transforms' shapes agree).
bool SamePositive(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] > 0) != (b[i] > 0)) return false;
  return true;
}

// Build, tremble, solve. The trembled tree separates the copies of perfect-information
// nodes so that backward induction applies (tremble_tree.h, kSeparateSingletons); of its
// SPEs, those that play alike at copies their mover cannot tell apart are the SPEs of the
// model in which the copies share the original's set, and only they are kept (when ties
// made the enumeration stop before any of them, all are kept).
void Solve(const Scenario& scenario, const Plan& plan, Solved* out) {
  const int previous_nodes = out->derived.tree.num_nodes();
  // Tremble probabilities, erratic-type priors, resolute-type priors.
  std::vector<double>& tremble = out->draw_tremble;
  std::vector<double>& types = out->draw_types;
  std::vector<double>& resolute = out->draw_resolute;
  detail::UnpredictabilityUnder(scenario, plan.models, {UnpredictabilityModel::kTremble}, &tremble);
  detail::UnpredictabilityUnder(scenario, plan.models, {UnpredictabilityModel::kType}, &types);
  detail::UnpredictabilityUnder(scenario, plan.models, {UnpredictabilityModel::kResolute}, &resolute);
  if (plan.rederive && out->built) {
    model::RederiveTree(scenario, &out->derived);  // numbers change, never the stages
  } else {
    out->derived = plan.any_resolute
                       ? model::BuildSequentialGame(model::WithResoluteTypes(scenario, resolute))
                       : model::BuildSequentialGame(scenario);
    out->built = plan.rederive;
  }
  // The resolute priors are chance probabilities of the tree: a new prior is a new tree.
  if (!out->trembled.origin.empty() && SamePositive(tremble, out->tremble) &&
      SamePositive(types, out->types) && resolute == out->resolute &&
      out->derived.tree.num_nodes() == previous_nodes) {
    // The same players tremble or have types, and the tree has the same shape as the previous
    // draw's (sampled numbers change payoffs, never the stages): the trembled tree only needs
    // the new payoffs (outcomes keep their indices in the copies, tremble_tree.h) and, when
    // the probabilities changed, the new weights.
    const GameTree& from = out->derived.tree;
    for (int o = 0; o < from.num_outcomes(); ++o) {
      const std::vector<double>& payoffs = from.outcome(o).payoffs;
      std::copy(payoffs.begin(), payoffs.end(), out->trembled.tree.mutable_outcome_payoffs(o));
    }
    if (tremble != out->tremble || types != out->types) {
      ReweightTransforms(&out->trembled, from, tremble, types);
      out->tremble = tremble;
      out->types = types;
    }
  } else {
    out->trembled = Transform(out->derived.tree, tremble, types, plan);
    out->tremble = tremble;
    out->types = types;
    out->resolute = resolute;
    out->pure_shape = out->spe.Prepare(out->trembled.tree);
  }
  out->qre = out->qre_failed = out->pure = false;
  out->kept.clear();
  if (SolveAgentQre(scenario, plan, out)) return;
  const int players = out->trembled.tree.num_players();
  if (out->pure_shape) {
    out->pure = true;
    out->equilibria.clear();
    out->spe.Solve(out->trembled.tree, plan.spe);
    for (int e = 0; e < out->spe.num_equilibria(); ++e)
      if (TreatsCopiesAlike(out->trembled, out->spe, e)) out->kept.push_back(e);
    if (out->kept.empty())
      for (int e = 0; e < out->spe.num_equilibria(); ++e) out->kept.push_back(e);
    PayoffDominant(out, players);
    return;
  }
  std::vector<solve::TreeEquilibrium> all =
      solve::SolveSubgamePerfect(out->trembled.tree, plan.spe).equilibria;
  out->equilibria.clear();
  for (solve::TreeEquilibrium& eq : all)
    if (TreatsCopiesAlike(out->trembled, eq)) out->equilibria.push_back(std::move(eq));
  if (out->equilibria.empty()) out->equilibria = std::move(all);
  PayoffDominant(out, players);
}

class Worker {
 public:
  explicit Worker(const Plan& plan) : plan_(plan), scenario_(*plan.base), sampler_(scenario_) {
    // Per actor: move id -> index, to count the moves played (tree actions are move ids).
    for (const Actor& actor : scenario_.actors) {
      std::map<std::string, int> index;
      for (size_t m = 0; m < actor.moves.size(); ++m) index[actor.moves[m].id] = static_cast<int>(m);
      move_index_.push_back(std::move(index));
    }
  }

  void RunDraw(int64_t draw, Tally& tally) {
    const Plan& plan = plan_;
    const uint64_t seed = plan.options.seed;
    const size_t num_uncertain = scenario_.uncertain.size();
    const int n = static_cast<int>(scenario_.actors.size());

    // 1. Sample (draws.h), as for simultaneous scenarios.
    sampler_.Sample(*plan.base, plan.models, seed, draw, scenario_);

    // 2-3. Build, tremble and solve (or reuse the one solution when nothing varies).
    const Solved* solved = &plan.fixed;
    if (!plan.cached) {
      Solve(scenario_, plan, &solved_);
      ++tally.games_solved;
      solved = &solved_;
    }

    // 4. Select. The play stream: 1 uniform for the selection, then 3 per decision node on
    //    the path (intended move, tremble?, trembled move) and 1 per chance node.
    Stream play(seed, draw, PlaySlot(num_uncertain, n));
    const double select_uniform = play.Uniform();
    ++tally.draws;
    int outcome = static_cast<int>(plan.num_outcomes) - 1;  // "unsolved"
    if (solved->count() > 0) {
      const int count = solved->count();
      int chosen = -1;
      if (solved->qre) {
        chosen = 0;  // the agent QRE is the draw's one profile: nothing to select
        ++tally.qre_draws;
      } else if (plan.by_payoff_dominance) {
        const int labelled = static_cast<int>(
            std::count(solved->payoff_dominant.begin(), solved->payoff_dominant.end(), 1));
        if (labelled > 0) {
          int pick = std::min(labelled - 1, static_cast<int>(select_uniform * labelled));
          for (int e = 0; e < count && chosen < 0; ++e)
            if (solved->payoff_dominant[e] && pick-- == 0) chosen = e;
        } else {
          ++tally.fallbacks;
        }
      } else if (plan.always_fallback) {
        ++tally.fallbacks;
      }
      if (chosen < 0) chosen = std::min(count - 1, static_cast<int>(select_uniform * count));
      const BehaviourProfile* behaviour = solved->pure ? nullptr : &solved->equilibria[chosen].behaviour;
      const int pure = solved->pure ? solved->kept[chosen] : -1;

      // 5. Realize play in the trembled tree.
      const GameTree& tree = solved->trembled.tree;
      Node node = tree.root();
      while (tree.kind(node) != NodeKind::kTerminal) {
        const int set = tree.node(node).infoset;
        if (tree.kind(node) == NodeKind::kChance) {
          const std::vector<Probability>& p = tree.infoset(set).probabilities;
          const int b = PickWeighted([&](int b) { return p[b].value; },
                                     static_cast<int>(p.size()), play.Uniform());
          // An erratic type's move is nature's draw, and still the actor's move played.
          if (const std::vector<int>& erratic = solved->trembled.erratic;
              !erratic.empty() && erratic[node] >= 0) {
            const auto& index = move_index_[erratic[node]];
            if (auto it = index.find(tree.infoset(set).actions[b]); it != index.end())
              ++tally.moves[erratic[node]][it->second];
          }
          node = Child(tree, node, b);
          continue;
        }
        const int player = tree.player(node);
        const int k = static_cast<int>(tree.infoset(set).actions.size());
        // A pure equilibrium's action is what PickWeighted returns on its point mass.
        const double u_intended = play.Uniform();
        const int intended = behaviour != nullptr
                                 ? PickWeighted(behaviour->actions[set], k, u_intended)
                                 : solved->spe.action(pure, set);
        const double u_tremble = play.Uniform();
        const int random_move = play.Below(k);
        int played = intended;
        Node next = Child(tree, node, intended);
        if (solved->trembled.tremble[next]) {
          if (u_tremble < solved->tremble[player]) played = random_move;
          next = Child(tree, next, played);
        }
        const auto& index = move_index_[player];
        if (auto it = index.find(tree.infoset(set).actions[played]); it != index.end())
          ++tally.moves[player][it->second];
        node = next;
      }

      // 6. Classify and record the leaf of the untrembled tree.
      const Node leaf = solved->trembled.origin[node];
      const model::DerivedTree& derived = solved->derived;
      ++tally.solved;
      outcome = derived.outcome_class[leaf];
      for (size_t k = 0; k < tally.positions.size(); ++k)
        tally.positions[k].Add(derived.positions[leaf][k]);
      for (int a = 0; a < n; ++a) tally.payoffs[a].Add(PathPayoff(derived.tree, leaf, a));
    }
    if (solved->qre_failed) ++tally.qre_failures;
    tally.RecordOutcome(outcome, sampler_.ranks());
  }

 private:
  const Plan& plan_;
  Scenario scenario_;
  DrawSampler sampler_;
  std::vector<std::map<std::string, int>> move_index_;
  Solved solved_;
};

bool SampledUnpredictability(const Scenario& scenario, const std::string& actor) {
  const std::string path = "actors." + actor + ".unpredictability";
  return std::any_of(scenario.uncertain.begin(), scenario.uncertain.end(),
                     [&](const UncertainNumber& u) { return u.path == path; });
}

Plan MakePlan(const Scenario& scenario, const MonteCarloOptions& options) {
  Plan plan;
  plan.base = &scenario;
  plan.options = options;
  const MonteCarloSpec& spec = scenario.montecarlo;
  plan.models = detail::ActorModels(scenario);
  std::vector<double> worst(scenario.actors.size(), 0.0);  // trembles the draws may have
  std::vector<double> worst_types(scenario.actors.size(), 0.0);  // and erratic types
  std::vector<double> worst_resolute(scenario.actors.size(), 0.0);  // and resolute types
  for (size_t a = 0; a < plan.models.size(); ++a) {
    const Actor& actor = scenario.actors[a];
    const bool sampled = SampledUnpredictability(scenario, actor.id);
    const bool active = actor.unpredictability > 0 || sampled;
    const UnpredictabilityModel m = plan.models[a];
    if (m == UnpredictabilityModel::kResolute) {
      plan.any_resolute = true;
      if (active) worst_resolute[a] = 0.5;  // two types: the tree's size for every u in (0, 1)
    }
    if ((m == UnpredictabilityModel::kTremble || m == UnpredictabilityModel::kType) && active) {
      (m == UnpredictabilityModel::kTremble ? worst : worst_types)[a] = 1.0;
      if (!plan.where.known()) plan.where = spec.location.known() ? spec.location : actor.location;
    }
  }
  plan.num_outcomes = scenario.outcomes.size() + 2;  // + "other", "unsolved"
  plan.rederive = !plan.any_resolute && model::CanRederiveTree(scenario);
  plan.spe.analyse_threats = false;  // the report's business, not the draws'
  plan.spe.describe = false;         // draws need behaviour and payoffs only
  plan.spe.normal_form_methods = options.methods;
  switch (options.select) {
    case SelectRule::kUniform: break;
    case SelectRule::kPayoffDominant: plan.by_payoff_dominance = true; break;
    default: plan.always_fallback = true; break;
  }
  // The largest trembled tree any draw can build, refused before any thread starts.
  const model::DerivedTree base =
      model::BuildSequentialGame(plan.any_resolute ? model::WithResoluteTypes(scenario, worst_resolute)
                                                   : scenario);
  // (Sizes depend on which actors have u > 0, not on u; the typed tree throws its own.)
  const GameTree typed = std::any_of(worst_types.begin(), worst_types.end(),
                                     [](double u) { return u > 0; })
                             ? WithErraticTypes(base.tree, worst_types, plan.limits, plan.where).tree
                             : base.tree;
  if (TrembledSize(typed, worst) > static_cast<double>(plan.limits.max_nodes))
    WithTrembles(typed, worst, plan.limits, plan.where);  // throws the located error
  bool varies = !scenario.uncertain.empty();
  for (size_t a = 0; a < scenario.actors.size(); ++a)
    varies |= plan.models[a] == UnpredictabilityModel::kPreferenceNoise &&
              scenario.actors[a].unpredictability > 0;
  if (!varies) {
    plan.cached = true;
    Solve(scenario, plan, &plan.fixed);
  }
  return plan;
}

class TreeEngine final : public detail::Engine {
 public:
  TreeEngine(const Scenario& scenario, const MonteCarloOptions& options)
      : scenario_(scenario), plan_(MakePlan(scenario, options)) {}
  size_t num_outcomes() const override { return plan_.num_outcomes; }
  std::vector<Tally> Compute(int64_t first, int64_t last) const override {
    return detail::ComputeChunks<Worker>(scenario_, plan_.options, plan_.num_outcomes, first, last, plan_);
  }
  MonteCarloResult Describe(const Tally& total) const override {
    const Scenario& scenario = scenario_;
    const Plan& plan = plan_;
    MonteCarloResult r = detail::DescribeRun(scenario, plan.options, plan.models, total);
    r.qre_failures = total.qre_failures;
    r.games_solved = plan.cached ? 1 : total.games_solved;
    r.exact_solves = r.games_solved;
    r.fast_path = false;
    r.methods = "spe";
    for (size_t i = 0; i < plan.options.methods.size(); ++i)
      r.methods += (i ? "+" : "/") + plan.options.methods[i];
    return r;
  }

 private:
  const Scenario& scenario_;
  Plan plan_;
};

}  // namespace

bool NeedsTreeMonteCarlo(const Scenario& scenario) {
  if (scenario.tree_game()) return true;
  const std::vector<UnpredictabilityModel> models = detail::ActorModels(scenario);
  return std::find(models.begin(), models.end(), UnpredictabilityModel::kResolute) != models.end();
}

std::unique_ptr<detail::Engine> detail::MakeTreeEngine(const Scenario& scenario,
                                                       const MonteCarloOptions& options) {
  SIM_CHECK(NeedsTreeMonteCarlo(scenario), "RunTreeMonteCarlo needs a tree scenario");
  SIM_CHECK(options.draws > 0, "draws must be positive");
  SIM_CHECK(options.threads >= 1, "threads must be >= 1");
  return std::make_unique<TreeEngine>(scenario, options);
}

MonteCarloResult RunTreeMonteCarlo(const Scenario& scenario, const MonteCarloOptions& options) {
  const std::unique_ptr<detail::Engine> engine = detail::MakeTreeEngine(scenario, options);
  return engine->Describe(detail::RunAllChunks(*engine, scenario, options));
}

}  // namespace sim::montecarlo
