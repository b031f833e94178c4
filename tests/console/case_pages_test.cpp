// Rectification cases in the console: the rule opens a case when the 整改 page is drawn, staff take
// the unit's steps, a leader judges them, every step is audited; other halls' cases look missing,
// and every malformed form or path gets a clear 4xx.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;
using testing::header;

namespace {

// staff1 logged in, with the case the rule opened for hall-01's c-0101 when 整改 was drawn.
std::string openRuleCase(ConsoleFixture& f, ConsoleFixture::Browser& staff1) {
  REQUIRE(staff1.login("staff1", "staff1-password"));
  staff1.get("/console/rectifications");
  return std::to_string(f.cases->latestFor("hall-01", "c-0101")->id);
}

std::string step(const std::string& csrf, const std::string& code, const std::string& note = "",
                 const std::string& publicOutcome = "") {
  return "csrf=" + csrf + "&step=" + code + "&note=" + hub::urlEncode(note) +
         "&public_outcome=" + hub::urlEncode(publicOutcome);
}

}  // namespace

TEST_CASE("the rule opens a case, staff rectify, a leader closes it, and each step is in the audit log") {
  ConsoleFixture f;
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const auto rect = staff.get("/console/rectifications");
  REQUIRE(rect.status == 200);
  const auto opened = f.cases->latestFor("hall-01", "c-0101");  // 40 % poor of 50: over the rule
  REQUIRE(opened);
  CHECK(opened->openedBy == "rule");
  CHECK(opened->deadline == "2026-12-09");  // 15 working days after Wednesday 18 November
  CHECK(rect.body.find("/console/cases/" + std::to_string(opened->id)) != std::string::npos);
  CHECK_FALSE(f.cases->latestFor("hall-02", "c-0201"));  // under the rule
  staff.get("/console/rectifications");
  CHECK(f.cases->list(std::nullopt).size() == 1);  // drawing the page again opens nothing more

  const std::string url = "/console/cases/" + std::to_string(opened->id);
  const auto page = staff.get(url);
  CHECK(page.status == 200);
  CHECK(page.body.find("待核实") != std::string::npos);
  CHECK(page.body.find("value=\"confirm\"") != std::string::npos);
  CHECK(page.body.find("value=\"approve\"") == std::string::npos);  // not offered to staff
  const std::string csrf = staff.csrf();

  CHECK(staff.post(url + "/step", "step=confirm").status == 403);  // no CSRF token
  CHECK(staff.post(url + "/step", step(csrf, "confirm")).status == 303);
  CHECK(staff.post(url + "/step", step(csrf, "approve")).status == 409);      // not awaiting review yet
  CHECK(staff.post(url + "/step", step(csrf, "report_done")).status == 400);  // what was done?
  const auto noPublicText = staff.post(url + "/step", step(csrf, "report_done", "内部：已约谈窗口负责人"));
  CHECK(noPublicText.status == 400);  // and what residents will read?
  CHECK(noPublicText.body.find("请填写公开的整改情况") != std::string::npos);
  CHECK(staff.get(url).body.find("name=\"public_outcome\"") != std::string::npos);
  CHECK(staff.post(url + "/step", step(csrf, "report_done", "内部：已约谈窗口负责人", "窗口增设引导员")).status == 303);
  CHECK(staff.post(url + "/step", step(csrf, "approve")).status == 403);  // staff do not judge their own work

  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const auto review = leader.get(url).body;
  CHECK(review.find("value=\"approve\"") != std::string::npos);
  CHECK(review.find("居民将看到") != std::string::npos);                  // previewed as residents will read it
  CHECK(review.find(">窗口增设引导员</textarea>") != std::string::npos);  // the draft, for revising
  CHECK(review.find("已约谈") != std::string::npos);  // the note is in the step history, inside the console
  CHECK(leader.post(url + "/step", step(leader.csrf(), "approve", "复核属实，同意销号。")).status == 303);
  const auto closed = f.cases->find(opened->id);
  CHECK(closed->state == hub::CaseState::Closed);
  CHECK(closed->outcome == "窗口增设引导员");  // neither note became public text
  const auto closedPage = leader.get(url).body;
  CHECK(closedPage.find("已销号") != std::string::npos);
  CHECK(closedPage.find("居民看到的整改情况") != std::string::npos);
  // The overview's figures: one case this month, rectified, reported done before its deadline.
  const auto overview = leader.get("/console/?period=month").body;
  CHECK(overview.find("整改率</span><strong>100.0%") != std::string::npos);
  CHECK(overview.find("按期整改率</span><strong>100.0%") != std::string::npos);

  std::vector<std::string> actions;
  for (const auto& e : f.accounts->auditEntries(50))
    if (e.action.rfind("case_", 0) == 0) actions.push_back(e.login + " " + e.action + " " + e.detail);
  const std::string id = std::to_string(opened->id);
  CHECK(actions ==
        std::vector<std::string>{"leader1 case_step " + id + " approve", "staff1 case_step " + id + " report_done",
                                 "staff1 case_step " + id + " confirm", "rule case_open " + id + " hall-01 c-0101"});
}

TEST_CASE("a leader who reported the work done is not offered its review, is told why, and is refused") {
  ConsoleFixture f;
  auto staff = f.browser();
  const std::string url = "/console/cases/" + openRuleCase(f, staff);
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  CHECK(leader.post(url + "/step", step(leader.csrf(), "confirm")).status == 303);  // leaders may do the work
  CHECK(leader.post(url + "/step", step(leader.csrf(), "report_done", "加开窗口", "加开窗口")).status == 303);
  const auto page = leader.get(url).body;
  CHECK(page.find("value=\"approve\"") == std::string::npos);
  CHECK(page.find("value=\"send_back\"") == std::string::npos);
  CHECK(page.find("自己不复核自己的工作") != std::string::npos);
  const auto refused = leader.post(url + "/step", step(leader.csrf(), "approve", "属实"));
  CHECK(refused.status == 403);
  CHECK(refused.body.find("不能复核自己办理的事项") != std::string::npos);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  CHECK(admin.get(url).body.find("value=\"approve\"") != std::string::npos);  // another reviewer may
  CHECK(admin.post(url + "/step", step(admin.csrf(), "approve", "属实")).status == 303);
}

TEST_CASE("another hall's case looks missing, and staff open cases only in their halls") {
  ConsoleFixture f;
  auto staff1 = f.browser();
  const auto id = openRuleCase(f, staff1);
  auto staff2 = f.browser();
  REQUIRE(staff2.login("staff2", "staff2-password"));
  CHECK(staff2.get("/console/cases/" + id).status == 404);
  CHECK(staff2.post("/console/cases/" + id + "/step", step(staff2.csrf(), "confirm")).status == 404);
  CHECK(staff2.get("/console/rectifications").body.find("c-0101") == std::string::npos);
  const std::string csrf2 = staff2.csrf();
  CHECK(staff2.post("/console/cases", "csrf=" + csrf2 + "&hall=hall-01&commitment=c-0101&note=x").status == 403);
  // By hand in their own hall: a case for a commitment under the rule, with a reason.
  const auto byHand =
      staff2.post("/console/cases",
                  "csrf=" + csrf2 + "&hall=hall-02&commitment=c-0201&note=" + hub::urlEncode("群众来电反映排队时间长"));
  CHECK(byHand.status == 303);
  const auto theirs = f.cases->latestFor("hall-02", "c-0201");
  REQUIRE(theirs);
  CHECK(header(byHand, "Location") == "/console/cases/" + std::to_string(theirs->id));
  CHECK(theirs->openedBy == "staff2");
  // Again while it is open: the open case is shown, not a second one.
  CHECK(header(staff2.post("/console/cases", "csrf=" + csrf2 + "&hall=hall-02&commitment=c-0201&note=again"),
               "Location") == "/console/cases/" + std::to_string(theirs->id));
  CHECK(f.cases->list(std::nullopt).size() == 2);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  CHECK(admin.get("/console/cases/" + id).status == 200);
}

TEST_CASE("malformed case paths and forms get a named 4xx and change nothing") {
  ConsoleFixture f;
  auto staff = f.browser();
  const auto id = openRuleCase(f, staff);
  const std::string csrf = staff.csrf();
  struct Bad {
    const char* what;
    hub::Response res;
    int status;
    const char* says;
  };
  const Bad bad[] = {
      {"case number", staff.get("/console/cases/abc"), 400, "案件编号无法识别"},
      {"huge number", staff.get("/console/cases/99999999999999999"), 400, "案件编号无法识别"},
      {"unknown case", staff.get("/console/cases/999"), 404, "没有案件 999"},
      {"empty case", staff.get("/console/cases/"), 400, "案件编号无法识别"},
      {"unknown step", staff.post("/console/cases/" + id + "/step", step(csrf, "fly")), 400, "请选择一项办理操作"},
      {"no step", staff.post("/console/cases/" + id + "/step", "csrf=" + csrf), 400, "请选择一项办理操作"},
      {"long note", staff.post("/console/cases/" + id + "/step", step(csrf, "explain", std::string(2001, 'x'))), 400,
       "内容太长"},
      {"other form", staff.post("/console/cases/" + id + "/close", step(csrf, "confirm")), 404, "没有这个表单"},
      {"hall id", staff.post("/console/cases", "csrf=" + csrf + "&hall=../x&commitment=c-0101&note=x"), 400,
       "大厅编号无法识别"},
      {"commitment id", staff.post("/console/cases", "csrf=" + csrf + "&hall=hall-01&commitment=%3Cb%3E&note=x"), 400,
       "承诺编号无法识别"},
      {"not listed", staff.post("/console/cases", "csrf=" + csrf + "&hall=hall-01&commitment=c-9999&note=x"), 400,
       "承诺 c-9999 不在hall-01的现行清单中"},
      {"no reason", staff.post("/console/cases", "csrf=" + csrf + "&hall=hall-01&commitment=c-0101&note=+"), 400,
       "请写明立案原因"},
  };
  for (const auto& b : bad) {
    const std::string what = b.what, body = b.res.body;
    CAPTURE(what);
    CAPTURE(body);
    CHECK(b.res.status == b.status);
    CHECK(body.find(b.says) != std::string::npos);
  }
  CHECK(f.cases->find(std::stoll(id))->state == hub::CaseState::Verifying);
  CHECK(f.cases->steps(std::stoll(id)).empty());
}
