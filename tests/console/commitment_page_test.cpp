// A commitment's page: its history of list versions, each with the ratings given while it was
// shown, under the privacy floor like every other figure.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/export/xlsx_book.hpp"
#include "wire/crypto.hpp"
#include "wire/rating_batch.hpp"

using testing::ConsoleFixture;

TEST_CASE("a commitment's page counts the ratings of each list version it was shown in") {
  ConsoleFixture f;
  // Three more votes for hall-01's c-0101 given under version 2: they count for the period, not for
  // version 1.
  REQUIRE(f.addGoodVotes("2026-11-18T15:00+08:00", 3, 2));
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const std::string page = staff.get("/console/commitments/c-0101").body;
  CHECK(page.find("本版评价数") != std::string::npos);
  // Version 1 (the published one): the fixture's 50 votes, 30 of them good.
  CHECK(page.find("<td class=\"n\">50</td><td class=\"n\">60.0%</td>") != std::string::npos);
  CHECK(page.find("该版本在评价器上展示期间的全部评价") != std::string::npos);
}

TEST_CASE("poor-rating reasons are shown by label, never by code, and add up to the poor ratings") {
  ConsoleFixture f;
  // Beside the fixture's 20 poor ratings with 服务态度差 (attitude): 3 with a code no list names
  // (a list published without reasons), 4 without a reason.
  wire::RatingBatch batch{"hall-01-k1", "00000000-0000-4000-8000-000000000001", 7, "2026-11-18T11:00:00+08:00", {}};
  batch.counts.push_back({"c-0101", 1, "2026-11-18T11:00+08:00", "poor", std::string("runaround"), 3, 0});
  batch.counts.push_back({"c-0101", 1, "2026-11-18T11:00+08:00", "poor", std::nullopt, 4, 0});
  REQUIRE(f.store->ingest(batch, wire::sha256Hex(wire::encodeBatch(batch)), "hall-01", f.now, 0) ==
          hub::IngestResult::Accepted);
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const std::string page = staff.get("/console/commitments/c-0101").body;
  CHECK(page.find("<td>服务态度差</td><td class=\"n\">20</td>") != std::string::npos);
  CHECK(page.find("<td>其他原因（已不在承诺清单中）</td><td class=\"n\">3</td>") != std::string::npos);
  CHECK(page.find("<td>未选原因</td><td class=\"n\">4</td>") != std::string::npos);
  CHECK(page.find("runaround") == std::string::npos);
  CHECK(page.find(">attitude<") == std::string::npos);
}

TEST_CASE("the month's ledger is two clicks away whatever period is on screen: 承诺, then 上月 or 本月") {
  ConsoleFixture f;
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const std::string page = staff.get("/console/commitments?period=today&hall=hall-01").body;
  CHECK(
      page.find(
          "月度台账： <a href=\"/console/commitments?period=last_month&amp;hall=hall-01&amp;format=xlsx\">上月</a>") !=
      std::string::npos);
  const auto ledger = staff.get("/console/commitments?period=month&hall=hall-01&format=xlsx");
  CHECK(ledger.status == 200);
  CHECK(ledger.contentType == hub::kXlsxType);
}
