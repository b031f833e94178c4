// 申诉 → 复核认定评价有误: the leader names the days — or just the hours — whose ratings were
// mistaken, judging by the window's ratings by day and hour on the case page; nothing uploaded
// changes, and the commitment's page and the tallies API show raw and adjusted figures that agree.
// Malformed days and hours are refused by name and store nothing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;

namespace {
// The rule's case for hall-01's c-0101 (over it in the fixture), appealed by staff with `why`; its id.
std::string appealedCase(ConsoleFixture& f, const std::string& why) {
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  staff.get("/console/rectifications");  // the rule opens the case
  const auto id = std::to_string(f.cases->latestFor("hall-01", "c-0101")->id);
  REQUIRE(
      staff.post("/console/cases/" + id + "/step", "csrf=" + staff.csrf() + "&step=appeal&note=" + hub::urlEncode(why))
          .status == 303);
  return id;
}

std::string dispute(const std::string& csrf, const std::string& from, const std::string& to) {
  return "csrf=" + csrf + "&step=dispute&note=" + hub::urlEncode("调取记录，确认为同一人连续误触") + "&from=" + from +
         "&to=" + to;
}
}  // namespace

TEST_CASE("a dispute takes the named days out of the adjusted figures, page and API alike, raw ones unchanged") {
  ConsoleFixture f;
  // Besides the fixture's votes of 11-18 (30 好, 20 差), ten 好 on 11-17 that nobody disputes.
  REQUIRE(f.addGoodVotes("2026-11-17T09:00+08:00", 10));
  const auto id = appealedCase(f, "疑似误触");

  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const std::string form = leader.get("/console/cases/" + id).body;
  // Nothing marked until the leader chooses: the window is never the default.
  CHECK(form.find("<input type=\"date\" name=\"from\" max=\"2026-11-18\">") != std::string::npos);
  CHECK(form.find("name=\"from\" value=") == std::string::npos);
  const std::string csrf = leader.csrf();
  struct Bad {
    std::string from, to;
    const char* says;
  };
  for (const Bad& b :
       {Bad{"", "2026-11-18", "请选择评价有误的起止日期"}, Bad{"2026-11-18", "18.11.2026", "请选择评价有误的起止日期"},
        Bad{"2026-11-18", "2026-11-17", "开始时间晚于结束时间"},
        Bad{"2026-11-18", "2026-11-19", "还没到的日子没有评价"},
        Bad{"2025-01-01", "2026-11-18", "一次认定最多覆盖一年"}}) {
    CAPTURE(b.says);
    const auto r = leader.post("/console/cases/" + id + "/step", dispute(csrf, b.from, b.to));
    CHECK(r.status == 400);
    CHECK(r.body.find(b.says) != std::string::npos);
    CHECK(f.cases->find(std::stoll(id))->state == hub::CaseState::Appealed);
    CHECK(f.cases->disputedRanges(std::nullopt).empty());
  }
  REQUIRE(leader.post("/console/cases/" + id + "/step", dispute(csrf, "2026-11-18", "2026-11-18")).status == 303);
  CHECK(f.cases->find(std::stoll(id))->state == hub::CaseState::Disputed);

  // The page: raw 40 好 / 20 差, adjusted 10 好 (11-17 only), and the day with its reason.
  const std::string page = leader.get("/console/commitments/c-0101?period=month").body;
  CHECK(page.find("<td>原始</td><td class=\"n\">40</td><td class=\"n\">0</td><td class=\"n\">20</td><td "
                  "class=\"n\">60</td><td class=\"n\">66.7%</td>") != std::string::npos);
  CHECK(page.find("<td>调整后</td><td class=\"n\">10</td><td class=\"n\">0</td><td class=\"n\">0</td><td "
                  "class=\"n\">10</td><td class=\"n\">100.0%</td>") != std::string::npos);
  CHECK(page.find("2026-11-18 — 2026-11-18") != std::string::npos);
  CHECK(page.find("调取记录，确认为同一人连续误触") != std::string::npos);

  // The API: the same raw counts, the same adjusted ones, and the range.
  const auto api = f.router->handle(
      {"GET", "/api/v1/tallies?from=2026-11-01&to=2026-11-30&hall=hall-01", "Bearer " + f.staffToken, "", ""});
  REQUIRE(api.status == 200);
  const auto doc = nlohmann::json::parse(api.body);
  const auto row = std::find_if(doc["rows"].begin(), doc["rows"].end(),
                                [](const nlohmann::json& r) { return r["commitment_id"] == "c-0101"; });
  REQUIRE(row != doc["rows"].end());
  CHECK((*row)["good"] == 40);
  CHECK((*row)["poor"] == 20);
  CHECK((*row)["adjusted"]["good"] == 10);
  CHECK((*row)["adjusted"]["poor"] == 0);
  CHECK((*row)["adjusted"]["total"] == 10);
  CHECK((*row)["adjusted"]["satisfaction"] == 1.0);
  CHECK((*row)["disputed"][0]["from"] == "2026-11-18");
  CHECK((*row)["disputed"][0]["case"] == std::stoll(id));
  // A period without the disputed day has nothing to adjust.
  const auto before = f.router->handle(
      {"GET", "/api/v1/tallies?from=2026-11-17&to=2026-11-17&hall=hall-01", "Bearer " + f.staffToken, "", ""});
  CHECK(nlohmann::json::parse(before.body)["rows"][0].count("adjusted") == 0);
  // What the kiosks uploaded is untouched.
  CHECK(f.store->tallies("2026-11-18", "2026-11-18", std::nullopt, hub::TallyGroup::Commitment).at(0).poor == 20);
}

TEST_CASE("an appeal about one hour marks that hour alone, judged by the case page's ratings by hour") {
  ConsoleFixture f;                                      // 11-18: 30 好 at 9 o'clock, 20 差 at 10 o'clock
  REQUIRE(f.addGoodVotes("2026-11-18T11:00+08:00", 2));  // two more at 11: under the privacy floor
  const auto id = appealedCase(f, "11 月 18 日 10 时疑似误触");
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const std::string page = leader.get("/console/cases/" + id).body;
  CAPTURE(page);
  CHECK(page.find("评价窗口内各日各时段的评价") != std::string::npos);
  // The day's row and its hours: the hour under the floor gives its votes, never its 差; the other
  // hours' 差 are withheld too, as the day's 差 less theirs would give the hidden hour away.
  CHECK(page.find("<td>2026-11-18</td><td class=\"n\">32</td><td class=\"n\">0</td><td class=\"n\">20</td>") !=
        std::string::npos);
  CHECK(page.find("9 时：30</span>") != std::string::npos);
  CHECK(page.find("10 时：20</span>") != std::string::npos);
  CHECK(page.find("11 时：2</span>") != std::string::npos);
  CHECK(page.find("（差") == std::string::npos);

  const std::string csrf = leader.csrf();
  const auto post = [&](const std::string& range) {
    return leader.post("/console/cases/" + id + "/step",
                       "csrf=" + csrf + "&step=dispute&note=" + hub::urlEncode("监控显示为同一人连续点击") + range);
  };
  CHECK(post("&from=2026-11-18&from_hour=24&to=2026-11-18&to_hour=10").body.find("时段请选择 0 到 23 点") !=
        std::string::npos);
  CHECK(post("&from=2026-11-18&from_hour=11&to=2026-11-18&to_hour=10").body.find("开始时间晚于结束时间") !=
        std::string::npos);
  CHECK(f.cases->disputedRanges(std::nullopt).empty());
  REQUIRE(post("&from=2026-11-18&from_hour=10&to=2026-11-18&to_hour=10").status == 303);

  // Only the 10 o'clock 差 are taken out: 9 and 11 o'clock stand.
  const auto api = f.router->handle(
      {"GET", "/api/v1/tallies?from=2026-11-18&to=2026-11-18&hall=hall-01", "Bearer " + f.staffToken, "", ""});
  const auto row = nlohmann::json::parse(api.body)["rows"][0];
  CHECK(row["poor"] == 20);
  CHECK(row["adjusted"]["good"] == 32);
  CHECK(row["adjusted"]["poor"] == 0);
  CHECK(row["disputed"][0]["from_hour"] == 10);
  CHECK(row["disputed"][0]["to_hour"] == 10);
  const std::string commitment = leader.get("/console/commitments/c-0101?from=2026-11-18&to=2026-11-18").body;
  CHECK(commitment.find("2026-11-18 10:00 — 2026-11-18 10:59") != std::string::npos);
}

TEST_CASE("hours that reach the privacy floor show their 差 on the case page") {
  ConsoleFixture f;  // 11-18: 30 好 at 9 o'clock, 20 差 at 10 o'clock, nothing else
  const auto id = appealedCase(f, "疑似误触");
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const std::string page = leader.get("/console/cases/" + id).body;
  CHECK(page.find("9 时：30（差 0）") != std::string::npos);
  CHECK(page.find("10 时：20（差 20）") != std::string::npos);
}
