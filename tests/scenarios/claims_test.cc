// SPDX-License-Identifier: MIT
// Every claim id of the domain brief is encoded by some scenario or listed, with its reason, as
// not modelled in scenarios/CLAIMS.md (issue #15 item 4). The brief numbers its claims
// D0.1-D0.6, D1.1-D1.7, D2.1-D2.5, D3.1-D3.9 and D4.1-D4.9 (one block per source document).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The ids cited anywhere in the scenario files ("D2.4" as a whole word).
std::set<std::string> CitedIds() {
  std::set<std::string> ids;
  const std::regex id(R"(\bD[0-4]\.[0-9]\b)");
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::filesystem::path(SIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string text = Slurp(entry.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it)
      ids.insert(it->str());
  }
  return ids;
}

// The ids in the first column of CLAIMS.md's "Not modelled" table, with a reason beside them.
std::set<std::string> NotModelled() {
  std::set<std::string> ids;
  const std::string text = Slurp(std::filesystem::path(SIM_SOURCE_DIR) / "scenarios" / "CLAIMS.md");
  const std::regex row(R"(\n\| (D[0-4]\.[0-9]) \| [^|]+\| ([^|\n]+)\|)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), row); it != std::sregex_iterator(); ++it) {
    EXPECT_GT((*it)[2].str().size(), 10u) << (*it)[1] << " is listed without a reason";
    ids.insert((*it)[1].str());
  }
  return ids;
}

TEST(Claims, EveryClaimOfTheBriefIsCitedOrListedAsNotModelledWithAReason) {
  const std::set<std::string> cited = CitedIds();
  const std::set<std::string> not_modelled = NotModelled();
  const int claims_per_document[] = {6, 7, 5, 9, 9};  // D0 .. D4 in the domain brief
  for (int d = 0; d < 5; ++d) {
    for (int c = 1; c <= claims_per_document[d]; ++c) {
      const std::string id = "D" + std::to_string(d) + "." + std::to_string(c);
      EXPECT_TRUE(cited.count(id) + not_modelled.count(id) == 1)
          << id << (cited.count(id) ? " is cited and also listed as not modelled in scenarios/CLAIMS.md"
                                    : " is neither cited by a scenario nor listed in scenarios/CLAIMS.md");
    }
  }
}

}  // namespace
