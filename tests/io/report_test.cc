// SPDX-License-Identifier: MIT
#include "sim/io/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "sim/io/number.h"
#include "sim/io/text_table.h"

namespace sim::io {
namespace {

using ::testing::HasSubstr;

// Prisoner's dilemma (Osborne 2004, §2.2) with its unique equilibrium (fink, fink).
struct Fixture {
  NormalFormGame game{{"row", "col"}, {{"quiet", "fink"}, {"quiet", "fink"}}, "PD"};
  GameReport report;
  Fixture() {
    const double u[4][2] = {{2, 2}, {3, 0}, {0, 3}, {1, 1}};  // Gambit order: row fastest
    for (int i = 0; i < 4; ++i) {
      game.set_payoff(i, 0, u[i][0]);
      game.set_payoff(i, 1, u[i][1]);
    }
    report.source = "pd.yaml";
    report.game = &game;
    report.results.push_back(solve::SolvePureNash(game));
    report.equilibria = report.results[0].equilibria;
    report.dominance = solve::EliminateStrictlyDominated(game);
    report.pareto = solve::ParetoEfficientProfiles(game);  // optional
    report.security = solve::PureSecurityLevels(game);
  }
};

TEST(SolveCsv, HeaderAndOneRowPerEquilibriumPlayerStrategy) {
  Fixture f;
  std::ostringstream out;
  WriteSolveCsv(out, f.report);
  EXPECT_EQ(out.str(),
            "equilibrium,kind,player,strategy,probability,payoff\n"
            "1,pure,row,quiet,0,1\n"
            "1,pure,row,fink,1,1\n"
            "1,pure,col,quiet,0,1\n"
            "1,pure,col,fink,1,1\n");
}

TEST(SolveCsv, MixedProbabilitiesRoundTrip) {
  // Matching pennies: the unique equilibrium mixes 1/2-1/2 (von Neumann); 1/3 shows digits.
  NormalFormGame g({"a", "b"}, {{"x", "y"}, {"x", "y"}});
  GameReport r;
  r.game = &g;
  MixedProfile m;
  m.strategies = {Eigen::Vector2d(1.0 / 3, 2.0 / 3), Eigen::Vector2d(0.5, 0.5)};
  r.equilibria.push_back(solve::MakeEquilibrium(g, m));
  std::ostringstream out;
  WriteSolveCsv(out, r);
  EXPECT_THAT(out.str(), HasSubstr("1,mixed,a,x,0.3333333333333333,0\n"));
  EXPECT_EQ(std::stod("0.3333333333333333"), 1.0 / 3);
}

TEST(SolveCsv, QuotesFieldsWithCommas) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
}

// OWASP, "CSV Injection": a text cell starting with =, +, -, @, tab or CR gets a leading
// single quote so that a spreadsheet shows it instead of running it; numbers stay as they are.
TEST(SolveCsv, NeutralisesCellsASpreadsheetWouldRunAsFormulas) {
  EXPECT_EQ(CsvField("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  EXPECT_EQ(CsvField("+1+1"), "'+1+1");
  EXPECT_EQ(CsvField("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(CsvField("-x"), "'-x");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("\rx"), "\"'\rx\"");          // CR also forces quoting
  EXPECT_EQ(CsvField("=1,2"), "\"'=1,2\"");          // prefixed, then quoted for the comma
  EXPECT_EQ(CsvField("=\"a\""), "\"'=\"\"a\"\"\"");
  // Plain numbers are data to a spreadsheet: never altered.
  for (const char* number : {"-0.5", "+3", "-1e-07", "-2E+10", "-.5", "7"})
    EXPECT_EQ(CsvField(number), number);
  // Not numbers, so prefixed: a formula hidden behind a numeric start.
  for (const char* text : {"-1+1", "-1e", "+", "-", "-inf", "-.e1"})
    EXPECT_EQ(CsvField(text), std::string("'") + text) << text;
  EXPECT_EQ(CsvField("a=b"), "a=b");  // only the first character matters
  EXPECT_EQ(CsvField(""), "");
}

TEST(ReportTable, ShowsBimatrixEquilibriumAndFacts) {
  Fixture f;
  std::ostringstream out;
  WriteReportTable(out, f.report);
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("row \\ col  quiet  fink"));
  EXPECT_THAT(text, HasSubstr("quiet       2, 2  0, 3"));
  EXPECT_THAT(text, HasSubstr("round 1: row drops quiet (dominated by fink)"));
  EXPECT_THAT(text, HasSubstr("Pareto-efficient profiles (3 of 4)"));
  EXPECT_THAT(text, HasSubstr("1  pure  fink  fink     1, 1       0"));
}

TEST(ReportJson, EscapesAndListsEquilibria) {
  Fixture f;
  f.report.title = "tab\there \"quoted\"";
  std::ostringstream out;
  WriteReportJson(out, f.report);
  EXPECT_THAT(out.str(), HasSubstr("\"title\": \"tab\\there \\\"quoted\\\"\""));
  EXPECT_THAT(out.str(), HasSubstr("\"strategies\": {\"row\": {\"quiet\": 0, \"fink\": 1}"));
  EXPECT_EQ(JsonString(std::string("\x01", 1)), "\"\\u0001\"");
}

TEST(Number, RoundTripIsShortestAndExact) {
  EXPECT_EQ(FormatRoundTrip(0.1), "0.1");
  EXPECT_EQ(FormatRoundTrip(-2.0), "-2");
  EXPECT_EQ(FormatRoundTrip(-0.0), "0");
  for (double v : {1.0 / 3, 2.0 / 7, 1e-300, 123456.789e10}) EXPECT_EQ(std::stod(FormatRoundTrip(v)), v);
}

TEST(Number, PeopleFormatTrimsZeros) {
  EXPECT_EQ(FormatForPeople(0.25), "0.25");
  EXPECT_EQ(FormatForPeople(-1.0), "-1");
  EXPECT_EQ(FormatForPeople(1.0 / 3), "0.3333");
  EXPECT_EQ(FormatForPeople(-0.00001), "0");
}

TEST(TextTable, AlignsUtf8ByCodePoints) {
  TextTable t({"name", "n"}, {TextTable::Align::kLeft, TextTable::Align::kRight});
  t.AddRow({"détente", "1"});
  t.AddRow({"x", "10"});
  std::ostringstream out;
  t.Write(out, "");
  EXPECT_EQ(out.str(), "name      n\n-------  --\ndétente   1\nx        10\n");
}

}  // namespace
}  // namespace sim::io
