// SPDX-License-Identifier: MIT
#include "tests/fuzz/entries.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/checkpoint.h"
#include "sim/core/error.h"
#include "sim/io/gambit_efg.h"
#include "sim/io/gambit_nfg.h"
#include "sim/io/report.h"
#include "sim/io/tree_report.h"
#include "sim/model/build_game.h"
#include "sim/montecarlo/sweep.h"
#include "sim/scenario/load.h"
#include "sim/scenario/predicate_parser.h"
#include "sim/solve/pure.h"
#include "sim/solve/registry.h"
#include "sim/solve/spe.h"

namespace sim::fuzz {
namespace {

// A scenario that uses every section the overrides can reach (issues, stakes, moves with
// effects and conditions, terms, outcomes), for --set arguments to modify.
constexpr const char* kBaseScenario = R"(scenario: base
issues:
  a: {status_quo: 1.0}
  b: {status_quo: 0.5}
actors:
  usa:
    stakes: {a: {ideal: 0.5, salience: 1.0}, b: {ideal: 0.0, salience: 2.0}}
    unpredictability: 0.2
    moves:
      hold:
      relief:
        cost: 0.1
        effects: {a: -0.5}
        conditional:
          - when: "russia.leave"
            effects: {b: -0.25}
  russia:
    stakes: {a: {ideal: 0.0, salience: 1.0}, b: {ideal: 1.0, salience: 0.5}}
    moves:
      stay: {}
      leave: {cost: 0.05, effects: {b: -0.5}}
    terms:
      - {name: audience, value: -0.2, when: "russia.leave and a > 0.75"}
outcomes:
  - {name: deal, when: "a < 1 and b < 0.5"}
)";

// What the CLI does with an accepted scenario, with the invariants a report relies on.
void DeriveSolveReport(const Scenario& scenario) {
  const model::DerivedGame derived = model::BuildGame(scenario);
  const NormalFormGame& game = derived.game;
  for (int64_t i = 0; i < game.num_profiles(); ++i) {
    for (int p = 0; p < game.num_players(); ++p) {
      SIM_CHECK(std::isfinite(game.payoff(i, p)), "BuildGame produced a non-finite payoff");
    }
  }
  io::GameReport report;
  report.source = scenario.path;
  report.title = scenario.title;
  report.game = &game;
  report.derived = &derived;
  solve::SolveResult merged = solve::SolveWithDefaults(game, {}, &report.results);
  report.equilibria = std::move(merged.equilibria);
  for (const solve::Equilibrium& eq : report.equilibria) {
    SIM_CHECK(std::isfinite(eq.regret), "non-finite regret of an equilibrium");
    report.meanings.push_back(model::DescribeProfile(derived, eq.profile));
  }
  report.dominance = solve::EliminateStrictlyDominated(game);
  report.pareto = solve::ParetoEfficientProfiles(game);
  report.security = solve::PureSecurityLevels(game);
  std::ostringstream out;
  io::WriteReportTable(out, report);
  io::WriteSolveCsv(out, report);
  io::WriteReportJson(out, report);
}

LoadOptions SmallGames() {
  LoadOptions options;
  options.max_profiles = kFuzzMaxProfiles;
  return options;
}

}  // namespace

void ScenarioEntry(std::string_view bytes) {
  try {
    DeriveSolveReport(ParseScenario(std::string(bytes), "fuzz.yaml", SmallGames()));
  } catch (const InputError&) {
    // A refusal with located diagnostics is a correct answer to bad input.
  }
}

void OverrideEntry(std::string_view bytes) {
  LoadOptions options = SmallGames();
  std::string text = kBaseScenario;
  size_t start = 0;
  while (start <= bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);
    if (line == "%%") {
      text = std::string(bytes.substr(std::min(end + 1, bytes.size())));
      break;
    }
    try {
      options.overrides.push_back(ParseOverride(std::string(line)));
    } catch (const InputError&) {
      // The CLI stops at the first bad --set; here the others are still tried.
    }
    start = end + 1;
  }
  try {
    DeriveSolveReport(ParseScenario(text, "fuzz.yaml", options));
  } catch (const InputError&) {
  }
}

void PredicateEntry(std::string_view bytes) {
  scenario_detail::PredicateNames names;
  names.issues = {"a", "b", "relief"};
  names.actors = {"usa", "russia"};
  names.moves = {{"hold", "relief"}, {"stay", "leave"}};
  if (!bytes.empty()) {
    names.allow_positions = (bytes[0] & 1) == 0;
    bytes.remove_prefix(1);
  }
  const scenario_detail::ParsedPredicate parsed = scenario_detail::ParsePredicate(bytes, names);
  if (parsed.error) {
    SIM_CHECK(parsed.error->offset <= bytes.size(), "predicate error offset past the text");
    return;
  }
  const std::vector<std::vector<double>> positions = {
      {0.0, 0.0, 0.0}, {1.0, 0.5, 0.25}, {0.5, 1.0, 1.0}};
  for (const std::vector<double>& x : positions) {
    for (int m0 = 0; m0 < 2; ++m0) {
      for (int m1 = 0; m1 < 2; ++m1) {
        const std::vector<int> moves = {m0, m1};
        (void)parsed.predicate.Evaluate(x, std::span<const int>(moves));
      }
    }
  }
}

void NfgEntry(std::string_view bytes) {
  NormalFormGame game;
  std::string comment;
  try {
    game = io::ParseNfg(bytes, "fuzz.nfg", &comment);
  } catch (const InputError&) {
    return;
  }
  // What the reader accepts, the writer must write and the reader read back unchanged
  // (FormatNfg's contract); a sim::Error here (say, a payoff that is not finite) is a bug.
  const NormalFormGame again = io::ParseNfg(io::FormatNfg(game, comment), "roundtrip.nfg");
  SIM_CHECK(again.player_names() == game.player_names(), "players changed in a round trip");
  for (int p = 0; p < game.num_players(); ++p) {
    SIM_CHECK(again.strategy_names(p) == game.strategy_names(p), "strategies changed");
  }
  for (int64_t i = 0; i < game.num_profiles(); ++i) {
    for (int p = 0; p < game.num_players(); ++p) {
      SIM_CHECK(std::isfinite(game.payoff(i, p)), "the reader produced a non-finite payoff");
      SIM_CHECK(again.payoff(i, p) == game.payoff(i, p), "a payoff changed in a round trip");
      SIM_CHECK(again.exact_payoff(i, p) == game.exact_payoff(i, p), "an exact payoff changed");
    }
  }
  if (game.num_profiles() > 64) return;  // solving big games is not what this target tests
  io::GameReport report;
  report.source = "fuzz.nfg";
  report.game = &game;
  report.equilibria = solve::SolveWithDefaults(game, {}, &report.results).equilibria;
  for (const solve::Equilibrium& eq : report.equilibria) {
    SIM_CHECK(std::isfinite(eq.regret), "non-finite regret of an equilibrium");
  }
  report.security = solve::PureSecurityLevels(game);
  std::ostringstream out;
  io::WriteSolveCsv(out, report);
  io::WriteReportJson(out, report);
}

void EfgEntry(std::string_view bytes) {
  TreeLimits limits;
  limits.max_nodes = kFuzzMaxNodes;
  GameTree tree;
  try {
    tree = io::ReadEfg(bytes, "fuzz.efg", limits);
  } catch (const InputError&) {
    return;
  }
  // What the reader accepts, the writer writes and the reader reads back to the same tree
  // (WriteEfg's contract; unnamed nodes come back with the names the first read gave them).
  const GameTree again = io::ReadEfg(io::WriteEfg(tree), "roundtrip.efg", limits);
  SIM_CHECK(again.num_nodes() == tree.num_nodes(), "node count changed in a round trip");
  SIM_CHECK(again.players() == tree.players(), "players changed in a round trip");
  const std::vector<GameTree::Node> order = tree.Preorder(), order_again = again.Preorder();
  SIM_CHECK(order.size() == order_again.size(), "preorder length changed in a round trip");
  for (size_t k = 0; k < order.size(); ++k) {
    const TreeNode& a = tree.node(order[k]);
    const TreeNode& b = again.node(order_again[k]);
    SIM_CHECK(a.kind == b.kind && a.name == b.name, "a node changed in a round trip");
    SIM_CHECK((a.outcome < 0) == (b.outcome < 0), "an outcome appeared or vanished");
    if (a.outcome >= 0) {
      for (double v : tree.outcome(a.outcome).payoffs) {
        SIM_CHECK(std::isfinite(v), "the reader produced a non-finite payoff");
      }
      SIM_CHECK(tree.outcome(a.outcome).payoffs == again.outcome(b.outcome).payoffs,
                "a payoff changed in a round trip");
    }
    if (a.kind != NodeKind::kTerminal) {
      const InfoSet& sa = tree.infoset(a.infoset);
      const InfoSet& sb = again.infoset(b.infoset);
      SIM_CHECK(sa.actions == sb.actions, "actions changed in a round trip");
      for (size_t m = 0; m < sa.probabilities.size(); ++m) {
        SIM_CHECK(sa.probabilities[m].value == sb.probabilities[m].value,
                  "a chance probability changed in a round trip");
      }
    }
  }
  if (tree.num_nodes() > 64) return;  // solving big trees is not what this target tests
  solve::SpeOptions options;
  options.max_equilibria = 16;
  const solve::SpeResult result = solve::SolveSubgamePerfect(tree, options);
  io::TreeReport report;
  report.source = "fuzz.efg";
  report.title = tree.title();
  report.tree = &tree;
  report.result = &result;
  std::ostringstream out;
  io::WriteTreeReportTable(out, report);
  io::WriteTreeSolveCsv(out, report);
  io::WriteTreeReportJson(out, report);
}

void VaryEntry(std::string_view bytes) {
  std::vector<montecarlo::SweepAxis> axes;
  size_t start = 0;
  while (start <= bytes.size() && axes.size() < 4) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    try {
      axes.push_back(montecarlo::ParseSweepAxis(std::string(bytes.substr(start, end - start))));
    } catch (const InputError&) {
    }
    start = end + 1;
  }
  double points = 1;
  for (const montecarlo::SweepAxis& axis : axes) {
    SIM_CHECK(axis.count >= 1 && axis.count <= montecarlo::kMaxAxisPoints, "bad point count");
    const double lo = std::min(axis.low, axis.high), hi = std::max(axis.low, axis.high);
    for (int i : {0, axis.count / 3, axis.count / 2, axis.count - 1}) {
      const double v = axis.Value(i);
      SIM_CHECK(std::isfinite(v) && v >= lo && v <= hi, "a grid value outside [LO, HI]");
    }
    points *= axis.count;
  }
  if (points > 4096) return;  // the grid itself is checked on small sweeps only
  try {
    const std::vector<std::vector<double>> grid = montecarlo::GridPoints(axes);
    SIM_CHECK(static_cast<double>(grid.size()) == points, "grid size is not the product");
  } catch (const InputError&) {
  }
}

void CheckpointEntry(std::string_view bytes) {
  const std::string fingerprint = kFuzzCheckpointFingerprint;
  CheckpointContents contents;
  try {
    contents = ParseCheckpoint(bytes, "fuzz.checkpoint", fingerprint);
  } catch (const InputError&) {
    return;
  }
  SIM_CHECK(contents.valid_bytes <= bytes.size(), "valid prefix longer than the text");
  if (bytes.empty()) {
    SIM_CHECK(contents.chunks.empty() && contents.valid_bytes == 0, "chunks from nothing");
    return;
  }
  std::string encoded = EncodeCheckpointHeader(fingerprint);
  for (size_t i = 0; i < contents.chunks.size(); ++i)
    encoded += EncodeCheckpointRecord(fingerprint, i, contents.chunks[i]);
  SIM_CHECK(encoded == bytes.substr(0, contents.valid_bytes),
            "the valid prefix is not the encoding of its chunks");
  encoded += EncodeCheckpointRecord(fingerprint, contents.chunks.size(), bytes.substr(contents.valid_bytes));
  const CheckpointContents again = ParseCheckpoint(encoded, "fuzz.checkpoint", fingerprint);
  SIM_CHECK(again.chunks.size() == contents.chunks.size() + 1 && again.valid_bytes == encoded.size(),
            "an appended record was not read back");
  SIM_CHECK(std::equal(contents.chunks.begin(), contents.chunks.end(), again.chunks.begin()),
            "re-reading changed a chunk");
}

Entry EntryByName(std::string_view name) {
  if (name == "checkpoint") return CheckpointEntry;
  if (name == "vary") return VaryEntry;
  if (name == "nfg") return NfgEntry;
  if (name == "efg") return EfgEntry;
  if (name == "scenario") return ScenarioEntry;
  if (name == "override") return OverrideEntry;
  if (name == "predicate") return PredicateEntry;
  return nullptr;
}

}  // namespace sim::fuzz
