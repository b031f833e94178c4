// 大厅名称: an administrator names halls and orders them; every page, picker and export then shows
// the names; a bad name is refused beside the hall with what was typed, and nothing is stored.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;
using testing::header;

TEST_CASE("an administrator names a hall and pages, pickers and the ledger show the name") {
  ConsoleFixture f;
  REQUIRE(f.addGoodVotes("2026-11-17T10", 12));
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto before = admin.get("/console/admin/halls");
  CHECK(before.status == 200);
  CHECK(before.body.find("hall-01") != std::string::npos);  // a hall the counts name, not yet named

  const auto saved = admin.post(
      "/console/admin/halls",
      testing::formBody(admin.csrf(), {{"hall", "hall-01"}, {"name", "张店区政务服务中心"}, {"order", "1"}}));
  CHECK(saved.status == 303);
  const auto after = admin.get(header(saved, "Location")).body;
  CHECK(after.find("已保存：hall-01 显示为“张店区政务服务中心”") != std::string::npos);
  CHECK(f.halls->names(f.now).nameOf("hall-01") == "张店区政务服务中心");

  const std::string period = "period=custom&from=2026-11-01&to=2026-11-18";
  const auto commitments = admin.get("/console/commitments?" + period).body;
  CHECK(commitments.find("<td>张店区政务服务中心</td>") != std::string::npos);   // the table's hall column
  CHECK(commitments.find(">张店区政务服务中心</option>") != std::string::npos);  // the picker
  const auto print = admin.get("/console/commitments?" + period + "&hall=hall-01&view=print").body;
  CHECK(print.find("大厅：张店区政务服务中心") != std::string::npos);
  CHECK(print.find("大厅：hall-01") == std::string::npos);

  // A staff member of that one hall: the hall named in the scope line, no hall picker at all.
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const auto own = staff.get("/console/commitments?" + period).body;
  CHECK(own.find("2026-11-01 — 2026-11-18 · 张店区政务服务中心") != std::string::npos);  // the scope line
  CHECK(own.find("name=\"hall\"") == std::string::npos);
}

TEST_CASE("a bad hall name or order is refused beside the hall, with what was typed, and nothing stored") {
  ConsoleFixture f;
  REQUIRE(f.addGoodVotes("2026-11-17T10", 1));
  f.halls->name("hall-01", "一号大厅", 1, f.now);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  struct Bad {
    std::string name, order, says;
  };
  std::string tooLong;
  for (int i = 0; i < 41; ++i) tooLong += "厅";
  for (const Bad& b : {Bad{"", "1", "大厅名称不能为空"}, Bad{tooLong, "1", "最多 40 个字"},
                       Bad{"二号大厅", "-3", "排序请填写 0 到 9999"}, Bad{"二号大厅", "12345", "排序请填写"},
                       Bad{"二号\t大厅", "1", "控制字符"}}) {
    CAPTURE(b.says);
    const auto r =
        admin.post("/console/admin/halls",
                   testing::formBody(admin.csrf(), {{"hall", "hall-01"}, {"name", b.name}, {"order", b.order}}));
    CHECK(r.status == 400);
    CHECK(r.body.find(b.says) != std::string::npos);
    CHECK(r.body.find("value=\"" + b.order + "\"") != std::string::npos);  // what was typed, kept
  }
  const auto r = admin.post("/console/admin/halls", testing::formBody(admin.csrf(), {{"hall", "../x"}, {"name", "x"}}));
  CHECK(r.status == 400);
  CHECK(r.body.find("没有编号为“../x”的大厅") != std::string::npos);
  CHECK(f.halls->names(f.now + 3600).nameOf("hall-01") == "一号大厅");
  CHECK(f.halls->list().size() == 1);
}
