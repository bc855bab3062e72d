// The charts committed under scenarios/charts/ must be drawn from the scenarios as they are
// today (issue #15 item 5): a chart whose manifest records another hash of its scenario shows
// results the file no longer gives. tools/update-charts regenerates every chart.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "sim/io/montecarlo_report.h"
#include "sim/scenario/load.h"

namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Field(const std::string& json, const std::string& name) {
  std::smatch match;
  const std::regex pattern("\"" + name + "\": *\"([^\"]*)\"");
  return std::regex_search(json, match, pattern) ? match[1].str() : std::string();
}

TEST(ChartFreshness, EveryCommittedChartIsDrawnFromItsScenarioAsItIsToday) {
  const std::filesystem::path root = SIM_SOURCE_DIR;
  int charts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root / "scenarios" / "charts")) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".csv.manifest.json")) continue;
    ++charts;
    const std::string manifest = Slurp(entry.path());
    const std::string scenario = Field(manifest, "scenario");
    ASSERT_FALSE(scenario.empty()) << name << " names no scenario";
    ASSERT_TRUE(std::filesystem::is_regular_file(root / scenario)) << name << ": " << scenario;
    // The hash covers the shared actor libraries the scenario includes (scenarios/actors/).
    const std::string included = sim::LoadScenario((root / scenario).string()).included_text;
    EXPECT_EQ(Field(manifest, "scenario_hash"), sim::io::HashText(Slurp(root / scenario) + included))
        << name << " was drawn from an older " << scenario << "; run tools/update-charts";
    const std::string stem = entry.path().string().substr(
        0, entry.path().string().size() - std::string(".csv.manifest.json").size());
    EXPECT_TRUE(std::filesystem::is_regular_file(stem + ".csv")) << name;
    EXPECT_TRUE(std::filesystem::is_regular_file(stem + ".png")) << name;
  }
  EXPECT_GE(charts, 2);  // the README shows the détente and the sequential détente
}

}  // namespace
