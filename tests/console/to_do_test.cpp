// 待办: each role sees what needs them — the count beside 整改 in the menu, the overview's to-do
// cards, and the case list filtered by whose turn, unit and deadline, soonest first, with days left.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;

namespace {

// Three cases on 2026-11-18: hall-01's c-0101 waiting for staff and two days late, hall-01's c-0102
// reported done and waiting for a reviewer with three days left, hall-02's waiting for its staff.
void seedCases(ConsoleFixture& f) {
  using hub::CaseActor;
  using hub::CaseStep;
  REQUIRE(f.cases->open("hall-01", "c-0101", "2026-11-02", "2026-11-16", "rule", "t", f.now)->id == 1);
  const auto b = f.cases->open("hall-01", "c-0102", "2026-11-17", "2026-11-21", "staff1", "投诉", f.now)->id;
  REQUIRE(f.cases->take(b, CaseStep::Confirm, CaseActor::Staff, "staff1", "", "2026-11-17", "", f.now).empty());
  REQUIRE(f.cases
              ->take(b, CaseStep::ReportDone, CaseActor::Staff, "staff1", "已整改", "2026-11-18", "", f.now,
                     std::nullopt, "增设导办员")
              .empty());
  REQUIRE(f.cases->open("hall-02", "c-0201", "2026-11-18", "2026-12-09", "rule", "t", f.now)->id == 3);
}

bool has(const std::string& page, const std::string& what) { return page.find(what) != std::string::npos; }
// The 整改 page's case list alone (the commitments over the rule below it link their cases too).
std::string caseList(const std::string& page) { return page.substr(0, page.find("id=\"over-rule\"")); }

}  // namespace

TEST_CASE("staff see the cases waiting for them, overdue first, with days left, and only their halls'") {
  ConsoleFixture f;
  seedCases(f);
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const auto overview = staff.get("/console/").body;
  CHECK(has(overview, "<span>待我办理</span><strong>1</strong>"));
  CHECK(has(overview, "<span>已逾期案件</span><strong>1</strong>"));
  CHECK(has(overview, "整改 <span class=\"count\""));  // the menu's count, on every page
  CHECK_FALSE(has(overview, "失联终端"));              // an administrator's to-do only

  const auto mine = caseList(staff.get("/console/rectifications?cases=mine").body);
  CHECK(has(mine, ">案件 1</a>"));
  CHECK_FALSE(has(mine, ">案件 2</a>"));  // waiting for a reviewer, not for staff
  CHECK_FALSE(has(mine, ">案件 3</a>"));  // another hall's
  CHECK(has(mine, "逾期 2 天"));
  CHECK(has(mine, "共 1 件"));

  const auto all = caseList(staff.get("/console/rectifications").body);
  const auto first = all.find(">案件 1</a>"), second = all.find(">案件 2</a>");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < second);  // the earlier deadline first
  CHECK(has(all, "还剩 3 天"));
}

TEST_CASE("a leader's to-do is 待我复核, and the list filters by deadline and unit") {
  ConsoleFixture f;
  seedCases(f);
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  CHECK(has(leader.get("/console/").body, "<span>待我复核</span><strong>1</strong>"));
  const auto mine = caseList(leader.get("/console/rectifications?cases=mine").body);
  CHECK(has(mine, ">案件 2</a>"));
  CHECK_FALSE(has(mine, ">案件 1</a>"));
  const auto overdue = caseList(leader.get("/console/rectifications?due=overdue").body);
  CHECK(has(overdue, ">案件 1</a>"));
  CHECK_FALSE(has(overdue, ">案件 2</a>"));
  const auto unit = caseList(leader.get("/console/rectifications?unit=" + hub::urlEncode("区人社局")).body);
  CHECK(has(unit, ">案件 1</a>"));        // c-0101's unit in hall-01's list
  CHECK_FALSE(has(unit, ">案件 2</a>"));  // c-0102 is in no list: no unit
  const auto awaiting = caseList(leader.get("/console/rectifications?cases=awaiting_review").body);
  CHECK(has(awaiting, ">案件 2</a>"));
  CHECK_FALSE(has(awaiting, ">案件 1</a>"));
  for (const char* bad : {"/console/rectifications?cases=fly", "/console/rectifications?due=someday"}) {
    CAPTURE(std::string(bad));
    const auto r = leader.get(bad);
    CHECK(r.status == 400);
    CHECK(has(r.body, "案件筛选条件无法识别"));
  }
}

TEST_CASE("an administrator's to-do adds silent kiosks and list drafts waiting to be published") {
  ConsoleFixture f;
  seedCases(f);
  f.drafts->add("hall-01", 2, "{}", "清单.xlsx", "admin", f.now - 3600);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto overview = admin.get("/console/").body;
  CHECK(has(overview, "<span>待我复核</span><strong>1</strong>"));
  CHECK(has(overview, "<span>已逾期案件</span><strong>1</strong>"));
  CHECK(has(overview, "<span>待发布的清单草稿</span><strong>1</strong>"));
  CHECK(has(overview, "失联终端"));
}
