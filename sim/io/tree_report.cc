// SPDX-License-Identifier: MIT
#include "sim/io/tree_report.h"

#include "sim/io/number.h"
#include "sim/io/report.h"

namespace sim::io {
namespace {

using Node = GameTree::Node;

// The action a behaviour takes at node n: "a" when pure, "a 0.5 / b 0.5" when mixed.
std::string Behaviour(const GameTree& tree, const BehaviourProfile& b, Node n) {
  const Eigen::VectorXd& v = b.actions[tree.node(n).infoset];
  std::string text;
  for (Eigen::Index a = 0; a < v.size(); ++a) {
    if (v(a) <= 0.0) continue;
    if (!text.empty()) text += " / ";
    text += tree.action_label(n, static_cast<int>(a));
    if (v(a) < 1.0) text += " " + FormatForPeople(v(a));
  }
  return text;
}

// What each mover believes where it cannot tell nodes apart (Bayes' rule on the path):
// one line per reached information set with several members, e.g. after nature drew
// Trump's type, "russia at 'russia': dealmaker/russia@relief 0.75, hawk/... 0.25".
std::string Beliefs(const GameTree& tree, const solve::TreeEquilibrium& eq) {
  std::string text;
  for (int set = 0; set < tree.num_infosets() && set < static_cast<int>(eq.beliefs.size());
       ++set) {
    const InfoSet& info = tree.infoset(set);
    const Eigen::VectorXd& belief = eq.beliefs[set];
    if (info.player == kChancePlayer || info.nodes.size() < 2 || belief.size() == 0) continue;
    std::string members;
    for (size_t k = 0; k < info.nodes.size(); ++k) {
      if (belief(static_cast<Eigen::Index>(k)) <= 0.0) continue;
      members += (members.empty() ? "" : ", ") + tree.name(info.nodes[k]) + " " +
                 FormatForPeople(belief(static_cast<Eigen::Index>(k)));
    }
    text += "      " + tree.player_name(info.player) + " at '" + tree.InfoSetName(set) +
            "': " + members + "\n";
  }
  return text;
}

// True when some player cannot tell nodes apart somewhere.
bool HasInfoSets(const GameTree& tree) {
  for (int set = 0; set < tree.num_infosets(); ++set) {
    const InfoSet& info = tree.infoset(set);
    if (info.player != kChancePlayer && info.nodes.size() > 1) return true;
  }
  return false;
}

// Beliefs at sets no one reaches (Bayes' rule is silent there): the tremble limit.
std::string OffPathBeliefs(const GameTree& tree, const solve::TreeEquilibrium& eq) {
  std::string text;
  for (int set = 0; set < tree.num_infosets() && set < static_cast<int>(eq.assessment_beliefs.size());
       ++set) {
    const InfoSet& info = tree.infoset(set);
    const Eigen::VectorXd& belief = eq.assessment_beliefs[set];
    if (info.player == kChancePlayer || info.nodes.size() < 2 || belief.size() == 0) continue;
    if (set < static_cast<int>(eq.beliefs.size()) && eq.beliefs[set].size() > 0) continue;
    std::string members;
    for (size_t k = 0; k < info.nodes.size(); ++k) {
      if (belief(static_cast<Eigen::Index>(k)) <= 0.0) continue;
      members += (members.empty() ? "" : ", ") + tree.name(info.nodes[k]) + " " +
                 FormatForPeople(belief(static_cast<Eigen::Index>(k)));
    }
    text += "      " + tree.player_name(info.player) + " at '" + tree.InfoSetName(set) +
            "': " + members + "\n";
  }
  return text;
}

std::string Payoffs(const GameTree& tree, const Eigen::VectorXd& payoffs) {
  std::string text;
  for (int p = 0; p < tree.num_players(); ++p) {
    text += (p ? ", " : "") + tree.player_name(p) + " " + FormatForPeople(payoffs(p));
  }
  return text;
}

}  // namespace

void WriteTreeReportTable(std::ostream& out, const TreeReport& r) {
  const GameTree& tree = *r.tree;
  const solve::SpeResult& res = *r.result;
  const GameTraits traits = tree.traits();
  int decisions = 0;
  for (Node n = 0; n < static_cast<Node>(tree.num_nodes()); ++n) {
    decisions += tree.kind(n) == NodeKind::kDecision;
  }
  out << "Game tree: " << r.title << " (" << r.source << ")\n";
  out << "  players: " << JoinWords(tree.players()) << "; " << tree.num_nodes() << " nodes, "
      << decisions << " decision nodes; "
      << (traits.perfect_information ? "perfect information" : "with information sets")
      << (traits.has_chance ? ", chance moves" : "") << "; " << res.num_subgames
      << " subgame(s)\n\n";
  const bool info_sets = HasInfoSets(tree);
  out << (res.summary.method == "spe" ? "Subgame-perfect equilibria — " : "Nash equilibria — ")
      << res.summary.BriefReport() << "\n";
  if (res.summary.status != solve::SolveStatus::kComplete) {
    out << "  incomplete: " << res.summary.message << "\n";
  }
  for (size_t e = 0; e < res.equilibria.size(); ++e) {
    const solve::TreeEquilibrium& eq = res.equilibria[e];
    out << "  #" << e + 1 << "  expected payoffs: " << Payoffs(tree, eq.payoffs) << "\n";
    std::string path, off;
    for (Node n : tree.Preorder()) {
      if (tree.kind(n) == NodeKind::kTerminal) continue;
      const std::string move = tree.name(n) + ": " + Behaviour(tree, eq.behaviour, n);
      if (eq.reach[n] > 0.0) {
        path += (path.empty() ? "" : " -> ") + move;
      } else if (tree.kind(n) == NodeKind::kDecision) {
        off += "      " + move + "\n";
      }
    }
    out << "      path: " << path << "\n";
    if (!off.empty()) out << "      off the path (what each mover would do):\n" << off;
    const std::string beliefs = Beliefs(tree, eq);
    if (!beliefs.empty()) out << "      beliefs where a mover cannot tell nodes apart:\n" << beliefs;
    if (info_sets) {
      const std::string off_beliefs = OffPathBeliefs(tree, eq);
      if (!off_beliefs.empty()) {
        out << "      beliefs off the path (limit of uniform trembles by the others):\n"
            << off_beliefs;
      }
      out << "      regret: " << FormatForPeople(eq.regret) << (eq.exact ? " (exact)" : "")
          << "; sequential regret given the beliefs: " << FormatForPeople(eq.sequential_regret)
          << (eq.sequential_regret <= 1e-9 ? " (sequential equilibrium)" : "") << "\n";
    }
    if (r.derived) {
      model::TreeMeaning meaning = model::DescribePlay(*r.derived, eq.reach);
      std::string outcomes;
      for (size_t c = 0; c < meaning.outcome_probability.size(); ++c) {
        if (meaning.outcome_probability[c] <= 0.0) continue;
        outcomes += (outcomes.empty() ? "" : ", ") + r.derived->outcome_names[c] + " " +
                    FormatForPeople(meaning.outcome_probability[c]);
      }
      out << "      outcome: " << outcomes << "\n";
    }
  }
  if (!res.threat_message.empty()) out << "\n" << res.threat_message << "\n";
  if (!res.nash.empty()) {
    int removed = 0;
    for (const solve::StrategicNash& nash : res.nash) removed += !nash.non_credible.empty();
    out << "\nPure Nash equilibria of the strategic form: " << res.nash.size()
        << "; resting on threats that are not credible: " << removed << "\n";
    for (size_t k = 0; k < res.nash.size(); ++k) {
      const solve::StrategicNash& nash = res.nash[k];
      if (nash.non_credible.empty()) continue;
      out << "  Nash " << k + 1 << " (payoffs " << Payoffs(tree, nash.payoffs) << "):\n";
      for (const solve::Threat& t : nash.non_credible) {
        out << "    at " << tree.name(t.node) << ", " << tree.player_name(t.player)
            << " threatens " << tree.action_label(t.node, t.action) << " ("
            << FormatForPeople(t.value) << ") but would play "
            << tree.action_label(t.node, t.better_action) << " ("
            << FormatForPeople(t.better_value) << "): not credible\n";
      }
    }
  }
  if (!r.extra_table.empty()) out << '\n' << r.extra_table;
}

void WriteTreeSolveCsv(std::ostream& out, const TreeReport& r) {
  const GameTree& tree = *r.tree;
  const solve::SpeResult& res = *r.result;
  out << "equilibrium,kind,player,strategy,probability,payoff\n";
  for (size_t e = 0; e < res.summary.equilibria.size(); ++e) {
    const solve::Equilibrium& eq = res.summary.equilibria[e];
    for (int p = 0; p < tree.num_players(); ++p) {
      const std::vector<std::string>& names = res.strategy_names[p];
      if (names.empty()) {
        // A player who never moves still has a payoff: one row, empty (sure) plan.
        out << e + 1 << ',' << solve::KindName(eq.kind) << ',' << CsvField(tree.player_name(p))
            << ",,1," << FormatRoundTrip(eq.payoffs(p)) << '\n';
      }
      for (size_t s = 0; s < names.size(); ++s) {
        out << e + 1 << ',' << solve::KindName(eq.kind) << ',' << CsvField(tree.player_name(p))
            << ',' << CsvField(names[s]) << ',' << FormatRoundTrip(eq.profile.strategies[p](s))
            << ',' << FormatRoundTrip(eq.payoffs(p)) << '\n';
      }
    }
  }
  // Sibling tables after a blank line (README: "CSV of game trees").
  if (HasInfoSets(tree)) {
    out << "\nequilibrium,player,infoset,node,belief\n";
    for (size_t e = 0; e < res.equilibria.size(); ++e) {
      const solve::TreeEquilibrium& eq = res.equilibria[e];
      for (int set = 0; set < tree.num_infosets() && set < static_cast<int>(eq.assessment_beliefs.size());
           ++set) {
        const InfoSet& info = tree.infoset(set);
        const Eigen::VectorXd& belief = eq.assessment_beliefs[set];
        if (info.player == kChancePlayer || belief.size() == 0) continue;
        for (size_t k = 0; k < info.nodes.size(); ++k) {
          out << e + 1 << ',' << CsvField(tree.player_name(info.player)) << ','
              << CsvField(tree.InfoSetName(set)) << ',' << CsvField(tree.name(info.nodes[k]))
              << ',' << FormatRoundTrip(belief(static_cast<Eigen::Index>(k))) << '\n';
        }
      }
    }
    out << "\nequilibrium,regret,exact,sequential_regret\n";
    for (size_t e = 0; e < res.equilibria.size(); ++e) {
      const solve::TreeEquilibrium& eq = res.equilibria[e];
      out << e + 1 << ',' << FormatRoundTrip(eq.regret) << ',' << (eq.exact ? "true" : "false")
          << ',' << FormatRoundTrip(eq.sequential_regret) << '\n';
    }
  }
  if (!r.extra_csv.empty()) out << '\n' << r.extra_csv;
  if (res.summary.status != solve::SolveStatus::kComplete) {
    out << "\nstatus,message\n"
        << solve::StatusName(res.summary.status) << ',' << CsvField(res.summary.message) << '\n';
  }
}

void WriteTreeReportJson(std::ostream& out, const TreeReport& r) {
  const GameTree& tree = *r.tree;
  const solve::SpeResult& res = *r.result;
  out << "{\"source\":" << JsonString(r.source) << ",\"title\":" << JsonString(r.title)
      << ",\"players\":[";
  for (int p = 0; p < tree.num_players(); ++p) {
    out << (p ? "," : "") << JsonString(tree.player_name(p));
  }
  out << "],\"nodes\":" << tree.num_nodes() << ",\"subgames\":" << res.num_subgames
      << ",\"method\":" << JsonString(res.summary.method)
      << ",\"status\":" << JsonString(solve::StatusName(res.summary.status))
      << ",\"message\":" << JsonString(res.summary.message) << ",\"equilibria\":[";
  for (size_t e = 0; e < res.equilibria.size(); ++e) {
    const solve::TreeEquilibrium& eq = res.equilibria[e];
    out << (e ? "," : "") << "{\"kind\":"
        << JsonString(solve::KindName(res.summary.equilibria[e].kind)) << ",\"payoffs\":[";
    for (int p = 0; p < tree.num_players(); ++p) {
      out << (p ? "," : "") << JsonNumber(eq.payoffs(p));
    }
    out << "],\"path\":[";
    bool first = true;
    for (Node n : eq.path) {
      out << (first ? "" : ",") << JsonString(tree.name(n));
      first = false;
    }
    out << "],\"behaviour\":{";
    first = true;
    for (Node n : tree.Preorder()) {
      if (tree.kind(n) != NodeKind::kDecision) continue;
      const Eigen::VectorXd& v = eq.behaviour.actions[tree.node(n).infoset];
      out << (first ? "" : ",") << JsonString(tree.name(n)) << ":{";
      for (Eigen::Index a = 0; a < v.size(); ++a) {
        out << (a ? "," : "") << JsonString(tree.action_label(n, static_cast<int>(a))) << ":"
            << JsonNumber(v(a));
      }
      out << "}";
      first = false;
    }
    out << "},\"regret\":" << FormatRoundTrip(eq.regret)
        << ",\"exact\":" << (eq.exact ? "true" : "false")
        << ",\"sequential_regret\":" << FormatRoundTrip(eq.sequential_regret);
    if (e < res.summary.equilibria.size() && !res.summary.equilibria[e].labels.empty()) {
      const std::vector<std::string>& labels = res.summary.equilibria[e].labels;
      out << ",\"labels\":[";
      for (size_t l = 0; l < labels.size(); ++l) out << (l ? "," : "") << JsonString(labels[l]);
      out << "]";
    }
    out << ",\"beliefs\":[";
    first = true;
    for (int set = 0; set < tree.num_infosets() && set < static_cast<int>(eq.assessment_beliefs.size());
         ++set) {
      const InfoSet& info = tree.infoset(set);
      const Eigen::VectorXd& belief = eq.assessment_beliefs[set];
      if (info.player == kChancePlayer || info.nodes.size() < 2 || belief.size() == 0) continue;
      const bool bayes = set < static_cast<int>(eq.beliefs.size()) && eq.beliefs[set].size() > 0;
      out << (first ? "" : ",") << "{\"player\":" << JsonString(tree.player_name(info.player))
          << ",\"infoset\":" << JsonString(tree.InfoSetName(set))
          << ",\"rule\":" << JsonString(bayes ? "bayes" : "tremble-limit") << ",\"nodes\":{";
      for (size_t k = 0; k < info.nodes.size(); ++k) {
        out << (k ? "," : "") << JsonString(tree.name(info.nodes[k])) << ":"
            << FormatRoundTrip(belief(static_cast<Eigen::Index>(k)));
      }
      out << "}}";
      first = false;
    }
    out << "]}";
  }
  out << "],\"non_credible_threats\":[";
  bool first = true;
  for (size_t k = 0; k < res.nash.size(); ++k) {
    for (const solve::Threat& t : res.nash[k].non_credible) {
      out << (first ? "" : ",") << "{\"nash\":" << k + 1
          << ",\"node\":" << JsonString(tree.name(t.node))
          << ",\"player\":" << JsonString(tree.player_name(t.player))
          << ",\"threat\":" << JsonString(tree.action_label(t.node, t.action))
          << ",\"best\":" << JsonString(tree.action_label(t.node, t.better_action))
          << ",\"threat_payoff\":" << JsonNumber(t.value)
          << ",\"best_payoff\":" << JsonNumber(t.better_value) << "}";
      first = false;
    }
  }
  out << "]";
  for (const auto& [name, value] : r.json_fields) out << "," << JsonString(name) << ":" << value;
  out << "}\n";
}

}  // namespace sim::io
