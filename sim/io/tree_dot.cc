// SPDX-License-Identifier: MIT
#include "sim/io/tree_dot.h"

#include <boost/graph/graphviz.hpp>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace sim::io {

using Node = GameTree::Node;

namespace {

// A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n.
std::string DotString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Number(double v) { return ShortestDecimal(v); }

class VertexWriter {
 public:
  VertexWriter(const GameTree& tree, const DotHighlight& h) : tree_(tree), h_(h) {}
  void operator()(std::ostream& out, Node n) const {
    const TreeNode& node = tree_.node(n);
    std::string label = node.name, shape;
    if (node.kind == NodeKind::kTerminal) {
      shape = "box";
      Eigen::VectorXd payoffs = tree_.PathPayoffs(n);
      std::string values;
      for (Eigen::Index p = 0; p < payoffs.size(); ++p) {
        values += (p ? ", " : "") + Number(payoffs(p));
      }
      label = label.empty() ? "(" + values + ")" : label + "\n(" + values + ")";
    } else if (node.kind == NodeKind::kChance) {
      shape = "diamond";
      label += "\nchance";
    } else {
      shape = "ellipse";
      label += "\n" + tree_.player_name(tree_.player(n));
    }
    out << "[label=" << DotString(label) << ", shape=" << shape;
    if (!h_.reach.empty() && h_.reach[n] > 0.0) out << ", color=red, penwidth=2";
    out << "]";
  }

 private:
  const GameTree& tree_;
  const DotHighlight& h_;
};

class EdgeWriter {
 public:
  EdgeWriter(const GameTree& tree, const DotHighlight& h) : tree_(tree), h_(h) {}
  void operator()(std::ostream& out, GameTree::Graph::edge_descriptor e) const {
    const Node from = boost::source(e, tree_.graph());
    const int a = tree_.graph()[e].action;
    std::string label = tree_.action_label(from, a);
    if (tree_.kind(from) == NodeKind::kChance) {
      label += " (" + tree_.infoset(tree_.node(from).infoset).probabilities[a].ToString() + ")";
    }
    out << "[label=" << DotString(label);
    if (!h_.reach.empty()) {
      const Eigen::VectorXd& b = h_.behaviour.actions[tree_.node(from).infoset];
      const bool chosen = b.size() > a && b(a) > 0.0;
      if (chosen && h_.reach[from] > 0.0) {
        out << ", color=red, penwidth=2.5";  // on the equilibrium path
      } else if (chosen && tree_.kind(from) == NodeKind::kDecision) {
        out << ", color=blue, style=dashed";  // what the mover would do off the path
      }
    }
    out << "]";
  }

 private:
  const GameTree& tree_;
  const DotHighlight& h_;
};

// Graph attributes, plus dotted lines joining the members of each information set.
class GraphWriter {
 public:
  explicit GraphWriter(const GameTree& tree) : tree_(tree) {}
  void operator()(std::ostream& out) const {
    out << "label=" << DotString(tree_.title()) << ";\nlabelloc=t;\nrankdir=TB;\n";
    for (int i = 0; i < tree_.num_infosets(); ++i) {
      const InfoSet& set = tree_.infoset(i);
      if (set.player == kChancePlayer) continue;
      for (size_t k = 1; k < set.nodes.size(); ++k) {
        out << set.nodes[k - 1] << "->" << set.nodes[k]
            << " [style=dotted, dir=none, constraint=false, label="
            << DotString(tree_.InfoSetName(i)) << "];\n";
      }
    }
  }

 private:
  const GameTree& tree_;
};

}  // namespace

std::string WriteTreeDot(const GameTree& tree, const DotHighlight& highlight) {
  std::ostringstream out;
  boost::write_graphviz(out, tree.graph(), VertexWriter(tree, highlight),
                        EdgeWriter(tree, highlight), GraphWriter(tree));
  return out.str();
}

}  // namespace sim::io
