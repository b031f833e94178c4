// One ledger for both routes: the 台账 an administrator downloads from the console and the one the
// API hands a token holder (/api/v1/tallies and /api/v1/rectifications ?format=xlsx) are built by
// the same code (hub/export/ledger_builder.hpp) and read back cell for cell equal — 台账, 单位汇总,
// 整改案件 (a case the rule opened), 领导点评 (a leader's review) and 评议会 (a panel's results) — as
// Excel reads them.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"
#include "hub_process.hpp"
#include "temp_dir.hpp"

using testing::ConsoleFixture;

namespace {

// Every sheet, every cell, as openpyxl reads them: "== name" then one line per row.
std::string workbookText(const std::string& bytes) {
  return testing::readXlsx(
      bytes,
      "import openpyxl,sys\n"
      "wb = openpyxl.load_workbook(sys.argv[1])\n"
      "for ws in wb:\n"
      "  print('== ' + ws.title)\n"
      "  for r in ws.iter_rows(values_only=True): print('|'.join('' if v is None else str(v) for v "
      "in r))");
}

hub::Response apiGet(ConsoleFixture& f, const std::string& target) {
  return f.router->handle({"GET", target, "Bearer " + f.staffToken, "", ""});
}

}  // namespace

TEST_CASE("the console's ledger and the API's read back equal, cases and reviews included") {
  ConsoleFixture f;
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  // The rule opens c-0101's case when 整改 is drawn; the leader reviews its unit.
  REQUIRE(staff.get("/console/rectifications?from=2026-11-01&to=2026-11-30&hall=hall-01").status == 200);
  REQUIRE(f.cases->latestFor("hall-01", "c-0101"));
  REQUIRE(leader
              .post("/console/reviews", "csrf=" + leader.csrf() + "&hall=hall-01&unit=" + hub::urlEncode("区人社局") +
                                            "&note=" + hub::urlEncode("窗口服务改进明显"))
              .status == 303);

  // A 评议会 held in the period, with six ballots: its own sheet, apart from the residents' votes.
  using G = hub::panel::Grade;
  testing::holdPanel(f, "十一月评议会", {G::Good, G::FairlyGood, G::Fair, G::Poor, G::Good, G::FairlyGood});

  // 征求意见 received in the period: one accepted, one flagged (its text never in a file), one from a
  // day before the period (not in the sheet).
  f.suggestions->openPeriod("hall-01", "2027年度公开承诺征求意见", f.now + 86'400, "2026-11-19", "staff1",
                            f.now - 20 * 86'400);
  const auto early = f.suggestions->add("hall-01", "", "十月的意见", false, "hall-01-k1", f.now - 20 * 86'400);
  const auto kept = f.suggestions->add("hall-01", "区人社局", "希望周末也能办社保", false, "hall-01-k1", f.now);
  const auto rude = f.suggestions->add("hall-01", "", "王八蛋", true, "poster", f.now);
  REQUIRE(early.outcome == hub::SuggestionStore::AddOutcome::Added);
  REQUIRE(f.suggestions->decide(kept.number, {hub::SuggestionState::Accepted, "", 0}, "staff1", f.now) ==
          hub::DecisionOutcome::Done);

  const std::string scope = "from=2026-11-01&to=2026-11-30&hall=hall-01&format=xlsx";
  const auto fromConsole = staff.get("/console/commitments?" + scope);
  const auto fromApi = apiGet(f, "/api/v1/tallies?" + scope);
  REQUIRE(fromConsole.status == 200);
  REQUIRE(fromApi.status == 200);
  const std::string book = workbookText(fromConsole.body);
  CAPTURE(book);
  // What makes the comparison worth having: every sheet, with the case and the review in them.
  CHECK(book.find("== 台账") != std::string::npos);
  CHECK(book.find("== 单位汇总") != std::string::npos);
  CHECK(book.find("== 整改案件") != std::string::npos);
  CHECK(book.find("== 领导点评") != std::string::npos);
  CHECK(book.find("hall-01|c-0101|") != std::string::npos);
  CHECK(book.find("窗口服务改进明显") != std::string::npos);
  // 评议会: the panel's row and its category's, grades a cell each (2 好, 2 较好, 1 一般, 1 差).
  CHECK(book.find("== 评议会") != std::string::npos);
  CHECK(book.find("十一月评议会|") != std::string::npos);
  CHECK(book.find("|6 / 6|c-0101|") != std::string::npos);
  CHECK(book.find("|全部|6|2|2|1|1|0|0.3333333333333333|是") != std::string::npos);
  CHECK(book.find("|人大代表|6|2|2|1|1|0|0.3333333333333333|") != std::string::npos);
  // 征求意见: the period's two, the accepted one with who decided it, the flagged one's text withheld.
  CHECK(book.find("== 征求意见") != std::string::npos);
  CHECK(book.find("|" + std::to_string(kept.number) +
                  "|2026-11-18|区人社局|希望周末也能办社保|已采纳||staff1|2026-11-18|") != std::string::npos);
  CHECK(book.find("|" + std::to_string(rude.number) +
                  "|2026-11-18|大厅整体服务|（含不当用语，内容仅管理员可见）|待审核|") != std::string::npos);
  CHECK(book.find("王八蛋") == std::string::npos);
  CHECK(book.find("十月的意见") == std::string::npos);
  CHECK(workbookText(fromApi.body) == book);

  // The rectification ledger likewise: the commitments over the rule, and the same other sheets.
  const auto rectConsole = staff.get("/console/rectifications?" + scope);
  const auto rectApi = apiGet(f, "/api/v1/rectifications?" + scope);
  REQUIRE(rectConsole.status == 200);
  REQUIRE(rectApi.status == 200);
  const std::string rect = workbookText(rectConsole.body);
  CAPTURE(rect);
  CHECK(rect.find("限期整改台账") != std::string::npos);
  CHECK(workbookText(rectApi.body) == rect);
}
