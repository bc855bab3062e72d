// SPDX-License-Identifier: MIT
#include "sim/cli/robustness.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "sim/cli/distributed.h"
#include "sim/core/atomic_file.h"
#include "sim/core/error.h"
#include "sim/core/version.h"
#include "sim/io/montecarlo_report.h"
#include "sim/io/number.h"
#include "sim/io/report.h"
#include "sim/robustness/robustness.h"
#include "sim/robustness/tree_why.h"
#include "sim/robustness/why.h"
#include "sim/scenario/load.h"

namespace sim::cli {
namespace {

using io::FormatForPeople;
using io::FormatRoundTrip;
using io::JsonString;

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The parameters a finding depends on most: by |rho|, largest first, ties by index.
std::vector<size_t> BySensitivity(const robustness::FindingResult& f) {
  std::vector<size_t> order(f.sensitivity.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return std::fabs(f.sensitivity[a]) > std::fabs(f.sensitivity[b]); });
  return order;
}

// The nearest tipping point of a finding over all parameters, as a distance in units of each
// parameter's range: (parameter, side, value), or none.
struct Nearest {
  int parameter = -1;
  bool high = false;
  double value = 0;
};
Nearest NearestTipping(const robustness::Result& r, const robustness::FindingResult& f) {
  Nearest best;
  double distance = 2;
  for (size_t j = 0; j < r.parameters.size() && j < f.tipping_low.size(); ++j) {
    const robustness::Parameter& p = r.parameters[j];
    const double width = p.high - p.low;
    for (int side = 0; side < 2; ++side) {
      const robustness::Tipping& t = side ? f.tipping_high[j] : f.tipping_low[j];
      if (!t.value) continue;
      const double d = std::fabs(*t.value - p.base) / width;
      if (d < distance) {
        distance = d;
        best = {static_cast<int>(j), side == 1, *t.value};
      }
    }
  }
  return best;
}

void WriteCsv(std::ostream& out, const robustness::Result& r) {
  out << "finding,statistic,parameter,value,ci_low,ci_high,samples\n";
  for (const robustness::FindingResult& f : r.findings) {
    out << Csv(f.name) << ",holds_share,," << FormatRoundTrip(static_cast<double>(f.holds) / f.samples) << ','
        << FormatRoundTrip(f.interval.low) << ',' << FormatRoundTrip(f.interval.high) << ',' << f.samples << '\n';
    for (size_t j = 0; j < r.parameters.size(); ++j)
      out << Csv(f.name) << ",sensitivity," << Csv(r.parameters[j].path) << ','
          << FormatRoundTrip(f.sensitivity[j]) << ",,," << f.samples << '\n';
    for (size_t j = 0; j < f.tipping_low.size(); ++j) {
      for (int side = 0; side < 2; ++side) {
        const robustness::Tipping& t = side ? f.tipping_high[j] : f.tipping_low[j];
        out << Csv(f.name) << (side ? ",tipping_high," : ",tipping_low,") << Csv(r.parameters[j].path) << ','
            << (t.value ? FormatRoundTrip(*t.value) : std::string()) << ",,," << '\n';
      }
    }
    if (f.by_construction) out << Csv(f.name) << ",flag,,by_construction,,," << f.samples << '\n';
    if (f.depends_on_selection) out << Csv(f.name) << ",flag,,depends_on_selection,,," << '\n';
  }
}

std::string Json(const robustness::Result& r, const std::string& scenario_hash) {
  std::ostringstream out;
  out << "{\n  \"scenario\": " << JsonString(r.scenario) << ",\n  \"scenario_hash\": " << JsonString(scenario_hash)
      << ",\n  \"version\": " << JsonString(kVersion)
      << ",\n  \"samples\": " << r.samples << ",\n  \"seed\": " << r.seed << ",\n  \"sampling\": "
      << JsonString(r.sampling) << ",\n  \"inner_draws\": " << r.draws << ",\n  \"select\": " << JsonString(r.select)
      << ",\n  \"sensitivity_estimator\": \"spearman\",\n  \"unsolved_samples\": " << r.unsolved_samples
      << ",\n  \"parameters\": [";
  for (size_t j = 0; j < r.parameters.size(); ++j) {
    const robustness::Parameter& p = r.parameters[j];
    out << (j ? "," : "") << "\n    {\"path\": " << JsonString(p.path) << ", \"range\": " << JsonString(p.distribution)
        << ", \"base\": " << FormatRoundTrip(p.base) << ", \"low\": " << FormatRoundTrip(p.low)
        << ", \"high\": " << FormatRoundTrip(p.high) << ", \"named\": " << (p.named ? "true" : "false") << "}";
  }
  out << "\n  ],\n  \"findings\": [";
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const robustness::FindingResult& f = r.findings[i];
    out << (i ? "," : "") << "\n    {\"name\": " << JsonString(f.name) << ", \"holds\": " << JsonString(f.text)
        << ", \"claims\": [";
    for (size_t c = 0; c < f.claims.size(); ++c) out << (c ? ", " : "") << JsonString(f.claims[c]);
    out << "], \"preference\": " << (f.preference ? "true" : "false")
        << ", \"base_holds\": " << (f.base_holds ? "true" : "false")
        << ", \"base_equilibria\": " << JsonString(f.base_equilibria) << ", \"holds_count\": " << f.holds
        << ", \"samples\": " << f.samples
        << ", \"holds_share\": " << FormatRoundTrip(static_cast<double>(f.holds) / f.samples)
        << ", \"ci_low\": " << FormatRoundTrip(f.interval.low) << ", \"ci_high\": " << FormatRoundTrip(f.interval.high)
        << ",\n     \"flags\": {\"by_construction\": " << (f.by_construction ? "true" : "false")
        << ", \"expected\": " << (f.by_construction && f.preference ? "true" : "false") << ", \"dominated_moves\": [";
    for (size_t m = 0; m < f.dominated_moves.size(); ++m) out << (m ? ", " : "") << JsonString(f.dominated_moves[m]);
    out << "], \"depends_on_selection\": " << (f.depends_on_selection ? "true" : "false")
        << ", \"selection\": " << JsonString(f.selection_detail) << "},\n     \"parameters\": [";
    for (size_t j = 0; j < r.parameters.size(); ++j) {
      out << (j ? "," : "") << "\n      {\"path\": " << JsonString(r.parameters[j].path)
          << ", \"sensitivity\": " << FormatRoundTrip(f.sensitivity[j]);
      if (j < f.tipping_low.size()) {
        for (int side = 0; side < 2; ++side) {
          const robustness::Tipping& t = side ? f.tipping_high[j] : f.tipping_low[j];
          out << (side ? ", \"tipping_high\": " : ", \"tipping_low\": ")
              << (t.value ? FormatRoundTrip(*t.value) : std::string("null"))
              << (side ? ", \"beyond_high\": " : ", \"beyond_low\": ")
              << (t.value ? JsonString(t.other_side) : std::string("null"));
        }
      }
      out << "}";
    }
    out << "\n     ]}";
  }
  out << "\n  ]\n}\n";
  return out.str();
}

void WriteTable(std::ostream& out, const robustness::Result& r) {
  out << "Robustness of " << r.scenario << ": " << r.samples << " samples (Latin hypercube, seed " << r.seed << ") of "
      << r.parameters.size() << " ranged numbers";
  if (r.draws > 0) out << "; inner Monte Carlo " << r.draws << " draws, select " << r.select;
  out << "\n";
  if (r.unsolved_samples > 0) out << "  " << r.unsolved_samples << " samples had no equilibrium found\n";
  for (const robustness::FindingResult& f : r.findings) {
    const double share = static_cast<double>(f.holds) / f.samples;
    out << "\nFinding " << f.name;
    if (!f.claims.empty()) {
      out << " [";
      for (size_t c = 0; c < f.claims.size(); ++c) out << (c ? ", " : "") << f.claims[c];
      out << "]";
    }
    out << ": " << f.text << "\n  at the base point: " << (f.base_holds ? "holds" : "FAILS") << " ("
        << f.base_equilibria << ")\n  holds in " << FormatForPeople(100 * share, 1) << "% of samples [95% Wilson "
        << FormatForPeople(100 * f.interval.low, 1) << ", " << FormatForPeople(100 * f.interval.high, 1) << "]\n";
    if (f.by_construction) {
      out << "  flag by_construction: holds in every sample only because ";
      for (size_t m = 0; m < f.dominated_moves.size(); ++m) out << (m ? ", " : "") << f.dominated_moves[m];
      out << (f.dominated_moves.size() == 1 ? " is" : " are") << " strictly dominated in every sample"
          << (f.preference ? " (expected: a statement of preference)" : "") << "\n";
    }
    if (f.depends_on_selection) out << "  flag depends_on_selection: " << f.selection_detail << "\n";
    const std::vector<size_t> order = BySensitivity(f);
    out << "  depends most on (Spearman's rho):";
    int shown = 0;
    for (size_t j : order) {
      if (shown == 3 || std::fabs(f.sensitivity[j]) < 1e-12) break;
      out << (shown ? ", " : " ") << r.parameters[j].path << " " << FormatForPeople(f.sensitivity[j], 3);
      ++shown;
    }
    if (shown == 0) out << " nothing (it never changes)";
    out << "\n";
    if (f.tipping_low.empty()) continue;
    const Nearest nearest = NearestTipping(r, f);
    if (nearest.parameter >= 0) {
      const robustness::Parameter& p = r.parameters[nearest.parameter];
      out << "  nearest tipping point: " << p.path << (nearest.high ? " above " : " below ")
          << FormatForPeople(nearest.value, 6) << " (base " << FormatForPeople(p.base, 6) << ", range ["
          << FormatForPeople(p.low, 6) << ", " << FormatForPeople(p.high, 6) << "])\n";
    }
    bool any = false;
    for (size_t j = 0; j < r.parameters.size(); ++j) {
      for (int side = 0; side < 2; ++side) {
        const robustness::Tipping& t = side ? f.tipping_high[j] : f.tipping_low[j];
        if (!t.value) continue;
        if (!any) out << "  tipping points (others at base):\n";
        any = true;
        out << "    " << r.parameters[j].path << " " << (side ? "above " : "below ") << FormatForPeople(*t.value, 6)
            << " (base " << FormatForPeople(r.parameters[j].base, 6) << "): " << (f.base_holds ? "fails" : "holds")
            << "; there: " << t.other_side << "\n";
      }
    }
    if (!any) out << "  no tipping point inside any range\n";
  }
}

}  // namespace

void RunRobustness(const CommonOptions& options, const MonteCarloCliOptions& cli,
                   const RobustnessCliOptions& rob, const std::string& scenario_path) {
  LoadOptions load;
  for (const std::string& set : options.sets) load.overrides.push_back(ParseOverride(set));
  load.max_profiles = options.max_profiles;
  // Read and hashed once: the part files' manifest and the JSON name these bytes.
  const std::string text = ReadScenarioFile(scenario_path);
  const Scenario scenario = ParseScenario(text, scenario_path, load);
  robustness::Options o;
  o.samples = rob.samples;
  o.draws = rob.draws;
  o.seed = cli.seed >= 0 ? static_cast<uint64_t>(cli.seed) : scenario.montecarlo.seed;
  // By default the ranks of an MPI run on one machine share its hardware threads.
  o.threads = cli.threads > 0 ? cli.threads
                              : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) /
                                                std::max(1, parallel::ThisProcess().node_ranks));
  if (!cli.select.empty()) o.select = SelectFromKey(cli.select);

  // The samples and the tipping points as chunks of sim/parallel: here, across MPI ranks,
  // one --shard slice, or merged parts; every way gives the bytes of one process.
  robustness::Analysis analysis(scenario, o);
  parallel::Work work;
  work.chunks = analysis.chunks();
  int64_t total = 0;
  for (int64_t c : work.chunks) total += c;
  work.block = BlockChunks(o.threads, parallel::ThisProcess().size, total);
  work.compute = [&](int64_t job, int64_t first, int64_t last) { return analysis.Compute(job, first, last); };
  if (!parallel::ThisProcess().root()) {
    parallel::Serve(work);
    return;
  }
  if (!cli.shard.empty()) {
    if (cli.merged != nullptr) throw InputError(SourceLocation{"<command line>"}, "merge takes no --shard");
    const auto [index, count] = parallel::ParseShard(cli.shard);
    if (options.output.empty() || options.output == "-") {
      throw InputError(SourceLocation{"<command line>"}, "--shard needs --output PART",
                       "each slice writes a part file; `simulate merge PART...` writes the result");
    }
    if (parallel::ThisProcess().size > 1) {
      throw InputError(SourceLocation{"<command line>"}, "--shard runs in one process, not under mpiexec",
                       "use either MPI or a job array with --shard");
    }
    parallel::Manifest manifest = RunManifest("robustness", options, cli, scenario_path, text + scenario.included_text, {});
    manifest.emplace_back("samples", std::to_string(rob.samples));
    manifest.emplace_back("inner_draws", std::to_string(rob.draws));
    parallel::WriteShard(work, index, count, manifest, options.output);
    return;
  }

  const bool bar = cli.progress && !cli.quiet;
  const int64_t sample_chunks = work.chunks[0];
  parallel::Progress progress = [&](int64_t done, int64_t all) {
    if (!bar) return;
    // Samples first, then the tipping points (one chunk per parameter).
    if (done <= sample_chunks) {
      std::cerr << "\r" << std::min(rob.samples, done * robustness::kChunkSamples) << "/" << rob.samples
                << " samples" << std::flush;
    } else {
      std::cerr << "\r\033[Ktipping points: " << done - sample_chunks << "/" << all - sample_chunks
                << " parameters" << std::flush;
    }
  };
  std::unique_ptr<parallel::Runner> runner;
  if (cli.merged != nullptr) {
    if (cli.merged->chunks != work.chunks) {
      throw InputError(SourceLocation{"<command line>"}, "the parts do not have the shape of this run",
                       "they were computed with other arguments");
    }
    runner = parallel::MakeMergedRunner(cli.merged);
  } else {
    runner = parallel::MakeRunner(work, {}, progress);
  }
  std::vector<std::vector<std::string>> chunks;
  for (size_t job = 0; job < work.chunks.size(); ++job) chunks.push_back(runner->Collect(static_cast<int64_t>(job)));
  runner.reset();  // every rank is done; rank 0's own compute thread has stopped
  const robustness::Result result = analysis.Finish(chunks);
  if (bar) std::cerr << "\r\033[K" << std::flush;
  auto write = [&](std::ostream& out) {
    if (options.format == "csv") {
      WriteCsv(out, result);
    } else if (options.format == "json") {
      out << Json(result, io::HashText(text + scenario.included_text));  // with its actor libraries
    } else {
      WriteTable(out, result);
    }
  };
  if (options.output.empty() || options.output == "-") {
    std::ostringstream out;
    write(out);
    std::cout << out.str() << std::flush;
    return;
  }
  AtomicFile file(options.output);
  write(file.stream());
  file.Commit();
}

void AppendFindings(const Scenario& scenario, const std::vector<int64_t>* counts, int threads,
                    const std::vector<solve::Equilibrium>* equilibria, std::string* extra_table,
                    std::vector<std::pair<std::string, std::string>>* json_fields) {
  std::ostringstream table;
  // Shared actors (scenarios/actors/) and every number the scenario overrides, with its reason.
  if (!scenario.shared_actors.empty()) {
    table << "Shared actors:";
    std::string shared = "[";
    for (size_t i = 0; i < scenario.shared_actors.size(); ++i) {
      const SharedActorUse& use = scenario.shared_actors[i];
      table << (i ? ", " : " ") << use.actor << (use.actor == use.shared ? "" : " = " + use.shared) << " ("
            << use.definition.file << ")";
      shared += std::string(i ? ", " : "") + "{\"actor\": " + JsonString(use.actor) + ", \"shared\": " +
                JsonString(use.shared) + ", \"file\": " + JsonString(use.definition.file) + "}";
    }
    table << "\n";
    std::string overrides = "[";
    for (size_t i = 0; i < scenario.actor_overrides.size(); ++i) {
      const ActorOverride& o = scenario.actor_overrides[i];
      std::string claims, claims_json;
      for (size_t c = 0; c < o.claims.size(); ++c) {
        claims += (c ? ", " : "") + o.claims[c];
        claims_json += (c ? ", " : "") + JsonString(o.claims[c]);
      }
      table << "  override " << o.actor << "." << o.path << " = " << o.value << " (shared " << o.shared_value
            << "): " << o.why << (claims.empty() ? "" : " [" + claims + "]") << "\n";
      overrides += std::string(i ? ", " : "") + "{\"actor\": " + JsonString(o.actor) + ", \"path\": " +
                   JsonString(o.path) + ", \"value\": " + JsonString(o.value) + ", \"shared_value\": " +
                   JsonString(o.shared_value) + ", \"why\": " + JsonString(o.why) + ", \"claims\": [" +
                   claims_json + "]}";
    }
    json_fields->emplace_back("shared_actors", shared + "]");
    json_fields->emplace_back("actor_overrides", overrides + "]");
  }
  if (!scenario.findings.empty()) {
    const std::vector<robustness::BaseFinding> findings = robustness::EvaluateAtBase(scenario, counts, threads, equilibria);
    table << (table.tellp() > 0 ? "\n" : "") << "Findings (at the scenario's numbers):\n";
    std::string json = "[";
    for (size_t i = 0; i < findings.size(); ++i) {
      const Finding& f = *findings[i].finding;
      table << "  " << f.name << ": " << (findings[i].holds ? "holds" : "FAILS") << "  (" << f.holds.text << ")";
      std::string claims;
      for (size_t c = 0; c < f.claims.size(); ++c) claims += (c ? ", " : "") + f.claims[c];
      if (!claims.empty()) table << " [" << claims << "]";
      table << "\n";
      json += std::string(i ? ", " : "") + "{\"name\": " + JsonString(f.name) + ", \"holds\": " +
              JsonString(f.holds.text) + ", \"result\": " + (findings[i].holds ? "true" : "false") + "}";
    }
    json += "]";
    json_fields->emplace_back("findings", json);
  }
  if (!scenario.tree_game()) {
    const robustness::WhyReport why = robustness::ExplainEquilibria(scenario, equilibria);
    if (!why.equilibria.empty()) {
      table << (table.tellp() > 0 ? "\n" : "") << robustness::WhyTable(why);
      json_fields->emplace_back("why", robustness::WhyJson(why));
    }
  }
  *extra_table += table.str();
}

void AppendTreeWhy(const Scenario& scenario, const GameTree& tree, const solve::SpeResult& result,
                   std::string* extra_table, std::vector<std::pair<std::string, std::string>>* json_fields) {
  const robustness::TreeWhyReport why = robustness::ExplainTreeEquilibria(tree, result, &scenario);
  if (why.equilibria.empty()) return;
  *extra_table += (extra_table->empty() ? "" : "\n") + robustness::TreeWhyTable(tree, why);
  json_fields->emplace_back("why", robustness::TreeWhyJson(tree, why));
}

}  // namespace sim::cli
