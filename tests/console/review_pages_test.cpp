// Leader reviews (领导点评): a leader reviews a unit of their hall, the 单位 page shows it and flags
// units without one in six months, the unit's commitments show it; staff read but never write, and
// other halls never see it.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;
using testing::header;

namespace {
std::string review(const std::string& csrf, const std::string& hall, const std::string& unit, const std::string& note) {
  return "csrf=" + csrf + "&hall=" + hall + "&unit=" + hub::urlEncode(unit) + "&note=" + hub::urlEncode(note);
}
}  // namespace

TEST_CASE("a leader reviews a unit, the 单位 page and the unit's commitments show it, and it goes stale") {
  ConsoleFixture f;
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const auto before = leader.get("/console/units").body;
  CHECK(before.find("半年内未点评") != std::string::npos);
  CHECK(before.find("action=\"/console/reviews\"") != std::string::npos);  // their only hall: a form per unit

  const auto posted =
      leader.post("/console/reviews", review(leader.csrf(), "hall-01", "区人社局", "窗口服务改进明显，继续保持"));
  CHECK(posted.status == 303);
  CHECK(header(posted, "Location") == "/console/units?hall=hall-01");
  const auto after = leader.get("/console/units").body;
  CHECK(after.find("窗口服务改进明显") != std::string::npos);
  CHECK(after.find("半年内未点评") == std::string::npos);
  CHECK(leader.get("/console/commitments/c-0101").body.find("窗口服务改进明显") != std::string::npos);
  CHECK(f.reviews->forUnit({"hall-01"}, "区人社局").at(0).half == "2026H2");
  bool audited = false;
  for (const auto& e : f.accounts->auditEntries(20)) audited |= e.action == "review_add" && e.login == "leader1";
  CHECK(audited);

  f.now += 200 * 86'400;  // six months on (a new session), the unit is due a review again
  REQUIRE(leader.login("leader1", "leader1-password"));
  CHECK(leader.get("/console/units").body.find("半年内未点评") != std::string::npos);
}

TEST_CASE("staff read reviews but cannot write them, and other halls never see them") {
  ConsoleFixture f;
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  REQUIRE(leader.post("/console/reviews", review(leader.csrf(), "hall-01", "区人社局", "点评内容甲")).status == 303);
  auto staff1 = f.browser();
  REQUIRE(staff1.login("staff1", "staff1-password"));
  const auto units = staff1.get("/console/units").body;
  CHECK(units.find("点评内容甲") != std::string::npos);
  CHECK(units.find("action=\"/console/reviews\"") == std::string::npos);
  CHECK(staff1.post("/console/reviews", review(staff1.csrf(), "hall-01", "区人社局", "x")).status == 403);
  auto staff2 = f.browser();
  REQUIRE(staff2.login("staff2", "staff2-password"));
  CHECK(staff2.get("/console/units").body.find("点评内容甲") == std::string::npos);
  CHECK(f.reviews->forUnit({"hall-01"}, "区人社局").size() == 1);
}

TEST_CASE("a malformed review is refused with the field named and nothing stored") {
  ConsoleFixture f;
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const std::string csrf = leader.csrf();
  struct Bad {
    const char* what;
    std::string form;
    int status;
    const char* says;
  };
  const Bad bad[] = {
      {"no csrf", "hall=hall-01&unit=x&note=x", 403, "表单已过期"},
      {"other hall", review(csrf, "hall-02", "区医保局", "x"), 403, "大厅 hall-02 不在您负责的范围内"},
      {"bad hall", review(csrf, "../x", "区人社局", "x"), 400, "大厅编号无法识别"},
      {"unknown unit", review(csrf, "hall-01", "区医保局", "x"), 400, "单位“区医保局”不在hall-01的现行清单中"},
      {"no unit", review(csrf, "hall-01", "", "x"), 400, "不在hall-01的现行清单中"},
      {"empty note", review(csrf, "hall-01", "区人社局", " \n"), 400, "点评内容不能为空"},
      {"long note", review(csrf, "hall-01", "区人社局", std::string(2001, 'x')), 400, "内容太长"},
  };
  for (const auto& b : bad) {
    const std::string what = b.what;
    CAPTURE(what);
    const auto res = leader.post("/console/reviews", b.form);
    CHECK(res.status == b.status);
    CHECK(res.body.find(b.says) != std::string::npos);
  }
  CHECK(f.reviews->latestByUnit({"hall-01", "hall-02"}).empty());
}

TEST_CASE("half-years run January to June and July to December") {
  CHECK(hub::halfYearOf("2026-06-30") == "2026H1");
  CHECK(hub::halfYearOf("2026-07-01") == "2026H2");
  CHECK(hub::halfYearOf("2027-01-01") == "2027H1");
}
