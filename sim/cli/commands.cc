// SPDX-License-Identifier: MIT
#include "sim/cli/commands.h"
#include "sim/cli/command_support.h"
#include "sim/cli/robustness.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "sim/cli/distributed.h"
#include "sim/core/atomic_file.h"
#include "sim/core/checkpoint.h"
#include "sim/core/error.h"
#include "sim/game/strategic_form.h"
#include "sim/io/gambit_nfg.h"
#include "sim/core/version.h"
#include "sim/io/gambit_efg.h"
#include "sim/io/montecarlo_report.h"
#include "sim/io/number.h"
#include "sim/io/report.h"
#include "sim/io/tree_dot.h"
#include "sim/io/tree_report.h"
#include "sim/io/rounds_report.h"
#include "sim/model/build_tree.h"
#include "sim/montecarlo/run.h"
#include "sim/montecarlo/run_tree.h"
#include "sim/montecarlo/sweep.h"
#include "sim/parallel/runner.h"
#include "sim/model/build_game.h"
#include "sim/scenario/load.h"
#include "sim/solve/pure.h"
#include "sim/solve/registry.h"
#include "sim/solve/tree_logit.h"

namespace sim::cli {
namespace {

solve::SolveOptions MakeSolveOptions(const CommonOptions& options) {
  solve::SolveOptions solve_options;
  solve_options.qre_lambda = options.qre_lambda;
  solve_options.max_equilibria = options.max_equilibria;
  solve_options.max_seconds = options.max_seconds;
  return solve_options;
}

// Incomplete when any method stopped short (SolveStatus other than complete).
Outcome OutcomeOf(const std::vector<solve::SolveResult>& results) {
  for (const solve::SolveResult& r : results) {
    if (r.status != solve::SolveStatus::kComplete) return Outcome::kIncomplete;
  }
  return Outcome::kComplete;
}

void EmitGameReport(const CommonOptions& options, const io::GameReport& report) {
  Emit(options, [&](std::ostream& out) {
    if (options.format == "csv") {
      io::WriteSolveCsv(out, report);
    } else if (options.format == "json") {
      io::WriteReportJson(out, report);
    } else {
      io::WriteReportTable(out, report);
    }
  });
}

// Solves a game tree: subgame-perfect equilibria by default ("spe"), or the Nash equilibria
// of its strategic form with the named normal-form methods.
Outcome ReportTree(const CommonOptions& options, const std::string& path, const std::string& title,
                const GameTree& tree, const model::DerivedTree* derived,
                const std::vector<std::string>& methods,
                const std::function<void(io::TreeReport&)>& extend = {}) {
  solve::SpeOptions spe;
  if (options.max_equilibria > 0) spe.max_equilibria = options.max_equilibria;
  const bool sequence =
      methods.size() == 1 && (methods[0] == "sequence-lcp" || methods[0] == "sequence-enum");
  // sequence-lcp: --max-equilibria N tries N starting points of Lemke's path.
  if (sequence && options.max_equilibria > 0) spe.sequence_starts = options.max_equilibria;
  // sequence-enum: every extreme equilibrium, within --max-seconds / --max-equilibria.
  spe.sequence_all = sequence && methods[0] == "sequence-enum";
  spe.sequence_enum_limits.max_seconds = options.max_seconds;
  spe.sequence_enum_limits.max_equilibria = options.max_equilibria;
  // "logit" and "qre" solve the tree itself (agent QRE, solve/tree_logit.h), alone.
  const bool agent_qre = std::any_of(methods.begin(), methods.end(), [](const std::string& m) {
    return m == "logit" || m == "qre";
  });
  if (agent_qre && methods.size() > 1) {
    throw InputError({"<command line>", 0, 0},
                     "method '" + methods[0] + "' on a game tree cannot be combined with others",
                     "run --method logit (or qre) alone");
  }
  const bool nash = !agent_qre && !sequence && !methods.empty() &&
                    !(methods.size() == 1 && methods[0] == "spe");
  for (const std::string& m : methods) {
    if (m == "spe" || sequence || agent_qre) continue;
    const solve::SolverInfo* info = solve::FindSolver(m);
    if (info == nullptr || !info->solve_normal_form) {
      throw InputError({"<command line>", 0, 0}, "unknown method '" + m + "' for a game tree",
                       "available: spe, sequence-lcp, sequence-enum (2 players), or a normal-form method for "
                       "the strategic form: " +
                           JoinWords(solve::SolverNames()));
    }
    spe.normal_form_methods.push_back(m);
  }
  solve::SolveOptions qre_options;
  qre_options.qre_lambda = options.qre_lambda;
  solve::SpeResult result =
      agent_qre  ? solve::SolveAgentLogit(tree, qre_options, methods[0])
      : sequence ? solve::SolveNashViaSequenceForm(tree, spe)
      : nash     ? solve::SolveNashViaStrategicForm(tree, spe)
                 : solve::SolveSubgamePerfect(tree, spe);
  if (!agent_qre && !nash && !sequence && result.equilibria.empty()) {
    // No subgame-perfect equilibrium found (a strategic form too large, a method that found
    // none): the agent QRE limit is a sequential, hence subgame-perfect, equilibrium.
    solve::SpeResult qre = solve::SolveAgentLogit(tree, qre_options, "logit");
    if (!qre.equilibria.empty()) {
      qre.summary.method = "spe+logit";
      qre.summary.status = solve::SolveStatus::kPartial;
      qre.summary.message = "spe found none (" + result.summary.message +
                            "); reporting the agent QRE limit, one sequential equilibrium (not "
                            "all subgame-perfect ones): " + qre.summary.message;
      qre.threat_message = result.threat_message;
      result = std::move(qre);
    }
  }
  io::TreeReport report;
  report.source = path;
  report.title = title.empty() ? tree.title() : title;
  report.tree = &tree;
  report.result = &result;
  report.derived = derived;
  if (extend) extend(report);
  Emit(options, [&](std::ostream& out) {
    if (options.format == "csv") {
      io::WriteTreeSolveCsv(out, report);
    } else if (options.format == "json") {
      io::WriteTreeReportJson(out, report);
    } else {
      io::WriteTreeReportTable(out, report);
    }
  });
  return result.summary.status == solve::SolveStatus::kComplete && !result.equilibria.empty()
             ? Outcome::kComplete
             : Outcome::kIncomplete;
}

// A `rounds:` game with private types is one subgame (nature's draw is at the root), so the
// subgame-perfect solver would return a Nash equilibrium whose play off the path need not be
// rational (Moscow deterred by a threat no type would carry out). By default it gets the
// agent QRE's limit instead, a sequential equilibrium with its beliefs (scenarios/README.md).
std::vector<std::string> RoundsMethods(const Scenario& scenario, const model::DerivedTree& derived,
                                       const std::vector<std::string>& methods) {
  if (!methods.empty() || !scenario.rounds) return methods;
  for (const auto& names : derived.rounds.type_names) {
    if (!names.empty()) return {"logit"};
  }
  return methods;
}

// The round table of the first equilibrium: table section, CSV sibling table, JSON field.
void AppendRounds(const model::DerivedTree& derived, io::TreeReport& report) {
  if (report.result == nullptr || report.result->equilibria.empty()) return;
  const solve::TreeEquilibrium& eq = report.result->equilibria.front();
  const model::RoundsPlay play = model::DescribeRounds(derived, eq.behaviour, eq.reach);
  report.extra_table += (report.extra_table.empty() ? "" : "\n") + io::RoundsTable(derived, play);
  report.extra_csv = io::RoundsCsv(derived, play);
  report.json_fields.emplace_back("rounds", io::RoundsJson(derived, play));
}

// Adds sections to a report before it is written (the Monte Carlo section): a table section
// and JSON fields, for a normal-form report and a tree report alike.
using ReportExtension = std::function<void(const Scenario&, std::string* extra_table,
                                           std::vector<std::pair<std::string, std::string>>*)>;

// Everything the report shows about a scenario's derived game (the scenario as the run
// loaded it: the file is read once per run). `counts`: the run's Monte Carlo outcome counts,
// for findings that read p() / selected().
Outcome ReportScenario(const CommonOptions& options, const std::string& path,
                       const Scenario& scenario, const std::vector<std::string>& methods,
                       const ReportExtension& extend = {},
                       const std::vector<int64_t>* counts = nullptr) {
  if (scenario.tree_game()) {
    const model::DerivedTree derived = model::BuildSequentialGame(scenario);
    return ReportTree(options, path, scenario.title.empty() ? scenario.id : scenario.title,
                      derived.tree, &derived, RoundsMethods(scenario, derived, methods),
                      [&](io::TreeReport& report) {
                        if (extend) extend(scenario, &report.extra_table, &report.json_fields);
                        AppendFindings(scenario, counts, 0, nullptr, &report.extra_table,
                                       &report.json_fields);
                        AppendTreeWhy(scenario, *report.tree, *report.result, &report.extra_table,
                                      &report.json_fields);
                        if (scenario.rounds) AppendRounds(derived, report);  // rounds_report.h
                      });
  }
  const model::DerivedGame derived = model::BuildGame(scenario);
  const NormalFormGame& game = derived.game;

  io::GameReport report;
  report.source = path;
  report.title = scenario.title.empty() ? scenario.id : scenario.title;
  report.game = &game;
  report.derived = &derived;
  const solve::SolveOptions solve_options = MakeSolveOptions(options);
  solve::SolveResult merged =
      methods.empty() ? solve::SolveWithDefaults(game, solve_options, &report.results)
                      : solve::SolveWithMethods(game, methods, solve_options, &report.results);
  report.equilibria = std::move(merged.equilibria);
  for (const solve::Equilibrium& eq : report.equilibria)
    report.meanings.push_back(model::DescribeProfile(derived, eq.profile));
  report.dominance = solve::EliminateStrictlyDominated(game);
  // Bounded so that a large constant-sum game cannot stall the report (quadratic worst case).
  report.pareto = solve::ParetoEfficientProfiles(game, /*max_comparisons=*/200'000'000);
  report.security = solve::PureSecurityLevels(game);
  if (extend) extend(scenario, &report.extra_table, &report.json_fields);
  AppendFindings(scenario, counts, 0, &report.equilibria, &report.extra_table, &report.json_fields);
  EmitGameReport(options, report);
  return OutcomeOf(report.results);
}

// The report of an imported .nfg game: no scenario, so no outcomes or issue positions.
Outcome ReportNfg(const CommonOptions& options, const std::string& path,
                  const std::vector<std::string>& methods) {
  if (!options.sets.empty()) {
    throw InputError({"<command line>", 0, 0}, "--set applies to scenarios, not to .nfg files",
                     "edit the payoffs in " + path + " instead");
  }
  const NormalFormGame game = io::ReadNfgFile(path, /*comment=*/nullptr, options.max_profiles);
  io::GameReport report;
  report.source = path;
  report.title = game.title().empty() ? path : game.title();
  report.game = &game;
  const solve::SolveOptions solve_options = MakeSolveOptions(options);
  solve::SolveResult merged =
      methods.empty() ? solve::SolveWithDefaults(game, solve_options, &report.results)
                      : solve::SolveWithMethods(game, methods, solve_options, &report.results);
  report.equilibria = std::move(merged.equilibria);
  report.dominance = solve::EliminateStrictlyDominated(game);
  report.pareto = solve::ParetoEfficientProfiles(game, /*max_comparisons=*/200'000'000);
  report.security = solve::PureSecurityLevels(game);
  EmitGameReport(options, report);
  return OutcomeOf(report.results);
}

// A Gambit .efg without perfect recall: Nash equilibria in mixed strategies of its reduced
// strategic form (as Gambit does), when that form fits the limits; otherwise the located
// perfect-recall refusal, with the form's size. Behaviour strategies may not suffice
// without perfect recall (Kuhn 1953), so no tree solver applies.
Outcome ReportImperfectRecall(const CommonOptions& options, const std::string& path,
                              const GameTree& tree, const Diagnostic& problem,
                              const std::vector<std::string>& methods) {
  const ReducedStrategicForm form = ImperfectRecallForm(tree, problem);
  const std::string note =
      "the game lacks perfect recall (" + problem.ToString().substr(0, problem.ToString().find('\n')) +
      "): solved in mixed strategies of its reduced strategic form; behaviour strategies may not "
      "suffice without perfect recall";
  for (const std::string& m : methods) {
    const solve::SolverInfo* info = solve::FindSolver(m);
    if (info == nullptr || !info->solve_normal_form) {
      throw InputError({"<command line>", 0, 0},
                       "method '" + m + "' does not apply to a tree without perfect recall",
                       "it is solved through its strategic form: " + JoinWords(solve::SolverNames()));
    }
  }
  io::GameReport report;
  report.source = path;
  report.title = tree.title().empty() ? path : tree.title();
  report.game = &form.game;
  const solve::SolveOptions solve_options = MakeSolveOptions(options);
  solve::SolveResult merged =
      methods.empty() ? solve::SolveWithDefaults(form.game, solve_options, &report.results)
                      : solve::SolveWithMethods(form.game, methods, solve_options, &report.results);
  report.equilibria = std::move(merged.equilibria);
  report.notes.push_back("Note: " + note + ".");
  report.csv_notes.push_back(note);
  report.json_fields.push_back({"perfect_recall", "false"});
  report.json_fields.push_back({"note", io::JsonString(note)});
  EmitGameReport(options, report);
  return OutcomeOf(report.results);
}

// ---- Monte Carlo -------------------------------------------------------------------------

montecarlo::MonteCarloOptions ResolveOptions(const Scenario& scenario,
                                             const MonteCarloCliOptions& cli) {
  montecarlo::MonteCarloOptions options;
  const MonteCarloSpec& spec = scenario.montecarlo;
  options.draws = cli.draws > 0 ? cli.draws : spec.draws;
  options.seed = cli.seed >= 0 ? static_cast<uint64_t>(cli.seed) : spec.seed;
  // By default the ranks of an MPI run on one machine share its hardware threads.
  options.threads = cli.threads > 0 ? cli.threads
                                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) /
                                                      std::max(1, parallel::ThisProcess().node_ranks));
  options.select = spec.select;
  if (!cli.select.empty()) {
    auto rule = SelectFromKey(cli.select);
    if (!rule) {
      throw InputError(SourceLocation{"<command line>"}, "unknown selection rule '" + cli.select + "'",
                       "known: " + JoinWords(SelectKeys()));
    }
    options.select = *rule;
  }
  if (cli.logit_lambda0 > 0) {
    options.logit_lambda0 = cli.logit_lambda0;
  } else if (spec.logit_lambda0 > 0) {
    options.logit_lambda0 = spec.logit_lambda0;
  }
  return options;
}

io::Manifest MakeManifest(const CommonOptions& options, const std::string& command,
                          const std::string& path, const std::string& text,
                          const montecarlo::MonteCarloOptions& mc,
                          const montecarlo::MonteCarloResult& result) {
  io::Manifest m;
  m.version = kVersion;
  m.command = command;
  m.scenario = path;
  m.scenario_hash = io::HashText(text);
  m.seed = mc.seed;
  m.draws = mc.draws;
  m.select = SelectKey(mc.select);
  m.methods = result.methods;
  m.sets = options.sets;
  for (size_t a = 0; a < result.actor_names.size(); ++a)
    m.models.push_back(result.actor_names[a] + ": " + result.models[a]);
  return m;
}

// A one-line progress bar with ETA on stderr, redrawn at most 10 times a second; cleared
// when done. Only used when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  ~ProgressBar() {
    if (enabled_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  void Update(double done, double total, const std::string& label) {
    if (!enabled_ || total <= 0) return;
    const auto now = Clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    drawn_ = true;
    const double fraction = std::min(1.0, done / total);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(filled, '#');
    bar.append(kWidth - filled, '.');
    char eta[64] = "ETA --";
    if (fraction > 0) {
      const double remaining = elapsed * (1.0 - fraction) / fraction;
      std::snprintf(eta, sizeof eta, "ETA %dm%02ds", static_cast<int>(remaining) / 60,
                    static_cast<int>(remaining) % 60);
    }
    std::cerr << "\r[" << bar << "] " << static_cast<int>(fraction * 100) << "% " << label << "  "
              << eta << "\033[K" << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_, last_;
};

// Total work bound, the same for a run and a sweep: a typo such as --draws 10^12, or
// N=100000 on two axes, must not start a week-long run.
void CheckDrawBudget(size_t points, int64_t draws, int64_t max_draws) {
  if (static_cast<double>(points) * static_cast<double>(draws) <= static_cast<double>(max_draws)) {
    return;
  }
  const std::string work = points == 1 ? std::to_string(draws) + " draws"
                                       : "the sweep would run " + std::to_string(points) +
                                             " points x " + std::to_string(draws) + " draws";
  throw InputError(SourceLocation{"<command line>"},
                   (points == 1 ? "the run would make " : "") + work +
                       ", more than the limit of " + std::to_string(max_draws) + " draws in all",
                   std::string(points == 1 ? "use fewer --draws" : "use fewer points per --vary axis or fewer --draws") +
                       ", or raise the limit with --max-draws N");
}

bool WantsMonteCarlo(const Scenario& scenario, const MonteCarloCliOptions& cli) {
  return scenario.montecarlo.present || cli.draws > 0;
}

}  // namespace

Outcome RunScenario(const CommonOptions& options, const std::string& scenario_path,
                    const MonteCarloCliOptions& cli) {
  CheckOutputIsNoInput(options, scenario_path);
  // Read and hashed once: the report, the Monte Carlo and the manifest see the same bytes.
  const std::string text = ReadScenarioFile(scenario_path);
  const Scenario scenario = ParseScenario(text, scenario_path, MakeLoadOptions(options));
  if (!WantsMonteCarlo(scenario, cli)) {
    if (!cli.shard.empty())
      throw InputError(SourceLocation{"<command line>"}, "--shard applies to Monte Carlo runs");
    if (!parallel::ThisProcess().root()) return Outcome::kComplete;
    return ReportScenario(options, scenario_path, scenario, {});
  }
  const montecarlo::MonteCarloOptions mc = ResolveOptions(scenario, cli);
  CheckDrawBudget(1, mc.draws, cli.max_draws);
  // Trees (stages, an explicit tree, types, resolute actors) get the tree Monte Carlo
  // (PreparedRun chooses: NeedsTreeMonteCarlo).
  PointResults results(1, [&](size_t) { return scenario; }, mc, cli);
  if (results.Detached(options, RunManifest("run", options, cli, scenario_path, text + scenario.included_text, {})))
    return Outcome::kComplete;
  ProgressBar bar(cli.progress && !cli.quiet);
  results.SetProgress([&](int64_t chunks, int64_t) {
    const int64_t done = std::min(mc.draws, chunks * montecarlo::kChunkDraws);
    bar.Update(static_cast<double>(done), static_cast<double>(mc.draws),
               std::to_string(done) + "/" + std::to_string(mc.draws) + " draws");
  });
  const montecarlo::MonteCarloResult result = results.Get(0);
  const io::Manifest manifest = MakeManifest(options, "run", scenario_path, text + scenario.included_text, mc, result);
  if (options.format == "csv") {
    Emit(
        options,
        [&](std::ostream& out) {
          io::WriteMonteCarloCsvHeader(out);
          io::WriteMonteCarloCsvRows(out, result);
        },
        [&] { return io::ManifestJson(manifest, "") + "\n"; });
    return Outcome::kComplete;
  }
  return ReportScenario(options, scenario_path, scenario, {},
                 [&](const Scenario&, std::string* extra_table,
                     std::vector<std::pair<std::string, std::string>>* json_fields) {
                   std::ostringstream section;
                   io::WriteMonteCarloTable(section, result, manifest);
                   *extra_table = section.str();
                   json_fields->emplace_back("montecarlo", io::MonteCarloJson(result, manifest));
                 },
                 &result.outcome_counts);
}

void RunSweep(const CommonOptions& options, const MonteCarloCliOptions& cli,
              const std::string& scenario_path, const std::vector<std::string>& vary) {
  std::vector<montecarlo::SweepAxis> axes;
  for (const std::string& argument : vary) axes.push_back(montecarlo::ParseSweepAxis(argument));
  const std::vector<std::vector<double>> points = montecarlo::GridPoints(axes);
  std::vector<std::string> columns;
  for (const montecarlo::SweepAxis& axis : axes) columns.push_back(axis.path);

  CheckOutputIsNoInput(options, scenario_path);
  // Read and hashed once: editing the file mid-sweep changes nothing.
  const std::string text = ReadScenarioFile(scenario_path);
  // Check the scenario (and every axis path, at its first value) before any long work.
  const LoadOptions base_load = MakeLoadOptions(options);
  auto load_point = [&](const std::vector<double>& values) {
    LoadOptions load = base_load;
    for (size_t a = 0; a < axes.size(); ++a)
      load.overrides.push_back({axes[a].path, io::FormatRoundTrip(values[a]), "--vary " + vary[a],
                                /*number=*/true});
    Scenario scenario = ParseScenario(text, scenario_path, load);
    // A swept number is fixed at the grid value: drop a distribution the file gave it.
    for (const montecarlo::SweepAxis& axis : axes)
      std::erase_if(scenario.uncertain, [&](const UncertainNumber& u) { return u.path == axis.path; });
    return scenario;
  };
  const Scenario first = load_point(points.front());
  montecarlo::MonteCarloOptions mc = ResolveOptions(first, cli);
  CheckDrawBudget(points.size(), mc.draws, cli.max_draws);
  // The points' chunks: here, across MPI ranks, one --shard slice, or merged parts.
  PointResults results(points.size(), [&](size_t p) { return load_point(points[p]); }, mc, cli);
  if (results.Detached(options, RunManifest("sweep", options, cli, scenario_path, text + first.included_text, vary))) return;

  // --output FILE keeps every finished point in FILE.checkpoint (core/checkpoint.h), so a
  // sweep stopped by a signal can be finished with the same command plus --resume. The
  // fingerprint covers everything that shapes the output; --threads and the progress bar
  // do not change it. Each point's rendered text is one chunk, so a resumed run writes the
  // same bytes as an uninterrupted one.
  std::optional<Checkpoint> checkpoint;
  if (WantsManifestFile(options) && cli.merged == nullptr) {
    std::string sets, axes_text;
    for (const std::string& set : options.sets) sets += set + '\n';
    for (const std::string& axis : vary) axes_text += axis + '\n';
    checkpoint.emplace(options.output + ".checkpoint",
                       Fingerprint({kVersion, "sweep", scenario_path, text, sets, axes_text,
                                    options.format, std::to_string(options.max_profiles),
                                    std::to_string(mc.draws), std::to_string(mc.seed),
                                    std::to_string(cli.draws), std::to_string(cli.seed),
                                    cli.select,
                                    // Only when given, so older checkpoints stay valid.
                                    cli.logit_lambda0 > 0 ? io::FormatRoundTrip(cli.logit_lambda0)
                                                          : std::string()}));
    checkpoint->Open(cli.resume);
    for (size_t p = 1; p < std::min(points.size(), checkpoint->chunks().size()); ++p) results.Skip(p);
  } else if (cli.resume) {
    throw InputError(SourceLocation{"<command line>"}, "--resume needs --output FILE (a regular file)",
                     "the finished points of a sweep are kept beside its output file");
  }

  ProgressBar bar(cli.progress && !cli.quiet);
  const double total = static_cast<double>(points.size()) * static_cast<double>(mc.draws);
  io::Manifest manifest;
  std::string json_points;
  std::vector<std::string> table_rows;
  results.SetProgress([&](int64_t done, int64_t all) {
    const int64_t per_point = all / static_cast<int64_t>(points.size());
    bar.Update(total * static_cast<double>(done) / static_cast<double>(all), total,
               "point " + std::to_string(std::min<int64_t>(done / per_point + 1, points.size())) + "/" +
                   std::to_string(points.size()));
  });
  // Records a finished point. Point 0, always computed again, must match what the
  // checkpoint holds for it: the resumed run then provably continues the same computation.
  auto keep = [&](size_t p, const std::string& chunk) {
    if (!checkpoint) return;
    if (p < checkpoint->chunks().size()) {
      if (checkpoint->chunks()[p] != chunk) {
        throw InputError(SourceLocation{checkpoint->path()},
                         "the checkpoint does not match this run (its first point differs)",
                         "remove it to start afresh");
      }
      return;
    }
    checkpoint->Record(chunk);
  };
  auto run = [&](std::ostream* csv) {
    // Every point uses the same seed: common random numbers, so differences between points
    // come from the swept numbers and not from sampling noise.
    for (size_t p = 0; p < points.size(); ++p) {
      // A point finished by an earlier, interrupted run is taken from the checkpoint. Point 0
      // is always computed again: the manifest is made from its result.
      const bool finished = checkpoint && p > 0 && p < checkpoint->chunks().size();
      if (finished) {
        if (csv) {
          *csv << checkpoint->chunks()[p];
        } else if (options.format == "json") {
          json_points += checkpoint->chunks()[p];
        } else {
          table_rows.push_back(checkpoint->chunks()[p]);
        }
        continue;
      }
      const montecarlo::MonteCarloResult result = results.Get(p);
      if (p == 0) {
        manifest = MakeManifest(options, "sweep", scenario_path, text + first.included_text, mc, result);
        manifest.vary = vary;
        // A swept unpredictability differs between points: name the models only.
        for (std::string& model : manifest.models) model = model.substr(0, model.find(" u="));
      }
      std::vector<std::string> prefix;
      for (double v : points[p]) prefix.push_back(io::FormatRoundTrip(v));
      if (csv) {
        std::ostringstream rows;
        io::WriteMonteCarloCsvRows(rows, result, prefix);
        *csv << rows.str();
        keep(p, rows.str());
      } else if (options.format == "json") {
        std::string point = std::string(p ? ",\n" : "\n") + "    {\"values\": {";
        for (size_t a = 0; a < axes.size(); ++a)
          point += std::string(a ? ", " : "") + io::JsonString(axes[a].path) + ": " + prefix[a];
        point += "}, \"montecarlo\": " + io::MonteCarloJson(result, manifest) + "}";
        json_points += point;
        keep(p, point);
      } else {
        std::string row;
        for (size_t a = 0; a < axes.size(); ++a) row += (a ? ", " : "") + axes[a].path + "=" + prefix[a];
        row += ":";
        for (size_t c = 0; c < result.outcome_names.size(); ++c) {
          if (result.outcome_names[c] == montecarlo::kUnsolvedOutcome && result.outcome_counts[c] == 0) continue;
          const double share = static_cast<double>(result.outcome_counts[c]) / result.draws;
          const montecarlo::Interval ci = montecarlo::WilsonInterval(result.outcome_counts[c], result.draws);
          row += "  " + result.outcome_names[c] + " " + io::FormatForPeople(100 * share, 1) + "% [" +
                 io::FormatForPeople(100 * ci.low, 1) + ", " + io::FormatForPeople(100 * ci.high, 1) + "]";
        }
        table_rows.push_back(row);
        keep(p, row);
      }
    }
  };
  if (options.format == "csv") {
    // The rows are computed before --output is opened, so a run killed midway (a rank of an
    // MPI run is killed with SIGKILL when another dies) leaves not even a temporary file.
    std::ostringstream rows;
    run(&rows);
    Emit(
        options,
        [&](std::ostream& out) {
          io::WriteMonteCarloCsvHeader(out, columns);
          out << rows.str();
        },
        [&] { return io::ManifestJson(manifest, "") + "\n"; });
    if (checkpoint) checkpoint->Discard();
    return;
  }
  run(nullptr);
  Emit(options, [&](std::ostream& out) {
    if (options.format == "json") {
      out << "{\n  \"manifest\": " << io::ManifestJson(manifest) << ",\n  \"points\": [" << json_points
          << "\n  ]\n}\n";
      return;
    }
    out << "Sweep of " << scenario_path << " (" << points.size() << " points, " << mc.draws
        << " draws each; outcome probabilities with 95% Wilson intervals)\n";
    for (const std::string& row : table_rows) out << "  " << row << '\n';
    out << "Manifest: simulate " << manifest.version << ", sweep of " << manifest.scenario << " ("
        << manifest.scenario_hash << "), seed " << manifest.seed << ", draws " << manifest.draws
        << ", select " << manifest.select << ", methods " << manifest.methods;
    for (const std::string& v : vary) out << ", --vary " << v;
    out << '\n';
  });
  if (checkpoint) checkpoint->Discard();
}

Outcome RunSolve(const CommonOptions& options, const std::string& game_path,
                 const std::vector<std::string>& methods) {
  CheckOutputIsNoInput(options, game_path);
  if (IsNfgPath(game_path)) return ReportNfg(options, game_path, methods);
  if (IsEfg(game_path)) {
    TreeLimits limits = EfgLimits(options);
    limits.require_perfect_recall = false;
    const GameTree tree = io::ReadEfgFile(game_path, limits);
    if (auto problem = tree.RecallProblem()) {
      return ReportImperfectRecall(options, game_path, tree, *problem, methods);
    }
    return ReportTree(options, game_path, tree.title(), tree, nullptr, methods);
  }
  return ReportScenario(
      options, game_path,
      ParseScenario(ReadScenarioFile(game_path), game_path, MakeLoadOptions(options)), methods);
}

std::string MethodsHelp() {
  std::string text = "Methods (--method; repeat to combine):\n";
  for (const solve::SolverInfo& info : solve::BuiltinSolvers())
    text += "  " + info.name + std::string(info.name.size() < 14 ? 14 - info.name.size() : 1, ' ') +
            info.description + "\n";
  return text;
}

}  // namespace sim::cli
