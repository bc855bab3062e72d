// SPDX-License-Identifier: MIT
// Expected result R7 of the domain brief on scenarios/peace_2025_types.yaml, where Trump's
// unpredictability is the prior of his erratic type (D2.3, D2.4) and the Kremlin moves first
// without knowing it: the likelier the erratic type, the less the Kremlin banks on a deal on
// its own terms (D2.2).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/scenarios/scenario_testing.h"

namespace sim::scenario_testing {
namespace {

// Priors of the erratic type, from a predictable Trump to an erratic one (the dealmaker has
// the rest), as exact fractions.
const std::vector<std::pair<std::string, std::string>> kErraticPriors = {
    {"0", "1"},     {"1/20", "19/20"}, {"1/10", "9/10"}, {"1/4", "3/4"},
    {"3/8", "5/8"}, {"1/2", "1/2"},    {"3/4", "1/4"},   {"1", "0"}};

const char* const kCoercibleKyiv = "actors.kyiv.terms.0.value=-0.4";  // the file's comment

SolvedTree SolveAt(const std::pair<std::string, std::string>& prior,
                   std::vector<std::string> sets = {}) {
  sets.push_back("actors.usa.types.erratic.prior=" + prior.first);
  sets.push_back("actors.usa.types.dealmaker.prior=" + prior.second);
  SolvedTree solved = SolveTree("peace_2025_types.yaml", sets);
  EXPECT_EQ(solved.result.equilibria.size(), 1u) << prior.first;
  return solved;
}

// R7 (D2.2, D2.4): with a Kyiv that Trump could coerce, the Kremlin banks on a predictable
// Trump (and gets its deal), but the likelier the erratic type, the less it banks, until it
// hedges; it never banks more as Trump becomes less predictable.
TEST(Peace2025Types, R7MoreUnpredictabilityMakesTheKremlinCautious) {
  double previous = 2.0;
  for (const auto& prior : kErraticPriors) {
    const SolvedTree solved = SolveAt(prior, {kCoercibleKyiv});
    if (solved.result.equilibria.empty()) continue;
    const double bank = solved.MoveProbability("russia", "bank_on_trump");
    EXPECT_LE(bank, previous + 1e-12) << "erratic prior " << prior.first;
    previous = bank;
  }
  const SolvedTree predictable = SolveAt(kErraticPriors.front(), {kCoercibleKyiv});
  ASSERT_FALSE(predictable.result.equilibria.empty());
  EXPECT_DOUBLE_EQ(predictable.MoveProbability("russia", "bank_on_trump"), 1.0);
  EXPECT_DOUBLE_EQ(predictable.outcomes.at("deal_on_russias_terms"), 1.0);
  const SolvedTree erratic = SolveAt({"1/2", "1/2"}, {kCoercibleKyiv});
  ASSERT_FALSE(erratic.result.equilibria.empty());
  EXPECT_DOUBLE_EQ(erratic.MoveProbability("russia", "hedge"), 1.0);
}

// R7 (D2.2): banking on Trump is a gamble: where the Kremlin still banks with some doubt
// about Trump, the erratic type turns on Moscow, so the bet backfires with the prior's
// probability (D2.4).
TEST(Peace2025Types, R7BankingWithDoubtIsAGamble) {
  const SolvedTree solved = SolveAt({"1/10", "9/10"}, {kCoercibleKyiv});
  ASSERT_FALSE(solved.result.equilibria.empty());
  ASSERT_DOUBLE_EQ(solved.MoveProbability("russia", "bank_on_trump"), 1.0);
  EXPECT_NEAR(solved.outcomes.at("backfire"), 0.1, 1e-12);
  EXPECT_NEAR(solved.outcomes.at("deal_on_russias_terms"), 0.9, 1e-12);
}

// R7 (D2.2) at the base: Kyiv does not fold, so the Kremlin does not bank on a deal on its
// terms whatever it believes about Trump.
TEST(Peace2025Types, R7AtTheBaseTheKremlinNeverBanksOnTrump) {
  for (const auto& prior : kErraticPriors) {
    const SolvedTree solved = SolveAt(prior);
    if (solved.result.equilibria.empty()) continue;
    EXPECT_DOUBLE_EQ(solved.MoveProbability("russia", "bank_on_trump"), 0.0) << prior.first;
    EXPECT_EQ(solved.outcomes.count("deal_on_russias_terms"), 0u) << prior.first;
  }
}

}  // namespace
}  // namespace sim::scenario_testing
