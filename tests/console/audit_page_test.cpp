// 审计日志 for administrators: filtered by user, action and days, exported with the same filter;
// malformed filters are refused by name; staff never see it.
#include <doctest/doctest.h>

#include "console_fixture.hpp"

using testing::ConsoleFixture;

TEST_CASE("the audit page filters by user, action and day, and its export keeps the filter") {
  ConsoleFixture f;
  f.accounts->audit("staff1", "export", "/console/commitments?format=csv", "10.0.0.7", f.now - 2 * 86'400);
  f.accounts->audit("staff2", "export", "/console/units?format=xlsx", "10.0.0.8", f.now - 86'400);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string all = admin.get("/console/admin/audit").body;
  CHECK(all.find("/console/units?format=xlsx") != std::string::npos);
  CHECK(all.find("/console/commitments?format=csv") != std::string::npos);

  const std::string byUser = admin.get("/console/admin/audit?user=staff1&action=export").body;
  CHECK(byUser.find("/console/commitments?format=csv") != std::string::npos);
  CHECK(byUser.find("/console/units?format=xlsx") == std::string::npos);
  CHECK(byUser.find("name=\"user\" value=\"staff1\"") != std::string::npos);  // the form keeps the filter

  // f.now is 2026-11-18 (hall time): the day before holds staff2's export only.
  const std::string byDay = admin.get("/console/admin/audit?since=2026-11-17&until=2026-11-17").body;
  CHECK(byDay.find("/console/units?format=xlsx") != std::string::npos);
  CHECK(byDay.find("/console/commitments?format=csv") == std::string::npos);

  const auto csv = admin.get("/console/admin/audit?format=csv&user=staff2");
  REQUIRE(csv.status == 200);
  CHECK(csv.body.find("/console/units?format=xlsx") != std::string::npos);
  CHECK(csv.body.find("staff1") == std::string::npos);

  struct Bad {
    const char* query;
    const char* says;
  };
  for (const Bad& b : {Bad{"user=%3Cscript%3E", "用户一栏请填写登录名"}, Bad{"action=DROP", "请从列表中选择操作"},
                       Bad{"since=17.11.2026", "开始日期无法识别"}, Bad{"until=2026-13-01", "结束日期无法识别"},
                       Bad{"since=2026-11-18&until=2026-11-01", "开始日期晚于结束日期"}}) {
    const std::string query = b.query;
    CAPTURE(query);
    const auto r = admin.get(std::string("/console/admin/audit?") + b.query);
    const std::string body = r.body.substr(0, 400);
    CAPTURE(body);
    CHECK(r.status == 400);
    CHECK(r.body.find(b.says) != std::string::npos);
  }
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(staff.get("/console/admin/audit?user=staff1").status == 403);
}
