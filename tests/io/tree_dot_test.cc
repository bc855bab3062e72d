// SPDX-License-Identifier: MIT
#include "sim/io/tree_dot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sim/solve/spe.h"
#include "tests/game/tree_examples.h"

namespace sim::io {
namespace {

using ::testing::HasSubstr;

TEST(TreeDot, LabelsNodesMovesAndHighlightsTheEquilibriumPath) {
  GameTree tree = testing::EntryDeterrence();
  solve::SpeResult r = solve::SolveSubgamePerfect(tree);
  ASSERT_EQ(r.equilibria.size(), 1u);
  const std::string dot =
      WriteTreeDot(tree, {r.equilibria[0].behaviour, r.equilibria[0].reach});
  EXPECT_THAT(dot, HasSubstr("digraph G {"));
  EXPECT_THAT(dot, HasSubstr("[label=\"incumbent\\nincumbent\", shape=ellipse, color=red"));
  EXPECT_THAT(dot, HasSubstr("[label=\"peace\\n(1, 1)\", shape=box, color=red"));
  EXPECT_THAT(dot, HasSubstr("0->2 [label=\"in\", color=red, penwidth=2.5]"));
  EXPECT_THAT(dot, HasSubstr("0->1 [label=\"out\"]"));
}

TEST(TreeDot, OffPathChoicesAndInformationSetsAreDrawn) {
  GameTree tree = testing::SeltensHorse();
  solve::SpeOptions options;
  options.normal_form_methods = {"pure"};
  solve::SpeResult r = solve::SolveSubgamePerfect(tree, options);
  ASSERT_FALSE(r.equilibria.empty());
  const std::string dot =
      WriteTreeDot(tree, {r.equilibria[0].behaviour, r.equilibria[0].reach});
  EXPECT_THAT(dot, HasSubstr("2->3 [style=dotted, dir=none, constraint=false, label=\"p3\"]"));
  EXPECT_THAT(dot, HasSubstr("color=blue, style=dashed"));
}

TEST(TreeDot, OutputIsAcceptedByGraphviz) {
  // Needs graphviz (tools/test installs it: SIM_EXTRA_PACKAGES).
  if (std::system("command -v dot >/dev/null 2>&1") != 0) GTEST_SKIP() << "dot not installed";
  const auto dir = std::filesystem::temp_directory_path() / "sim_tree_dot_test";
  std::filesystem::create_directories(dir);
  int count = 0;
  for (const GameTree& tree : {testing::Centipede(), testing::SeltensHorse(),
                               testing::Ultimatum(3)}) {
    solve::SpeOptions options;
    options.normal_form_methods = {"pure"};
    solve::SpeResult r = solve::SolveSubgamePerfect(tree, options);
    ASSERT_FALSE(r.equilibria.empty());
    const auto path = dir / ("tree" + std::to_string(count++) + ".dot");
    std::ofstream(path) << WriteTreeDot(tree, {r.equilibria[0].behaviour, r.equilibria[0].reach});
    const std::string command =
        "dot -Tpng -o " + (dir / "out.png").string() + " " + path.string() + " 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    EXPECT_GT(std::filesystem::file_size(dir / "out.png"), 100u);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sim::io
