// 概览: counts grouped by thousands, and a rate with nothing to count shown as "—" with why.
#include <doctest/doctest.h>

#include "console_fixture.hpp"

using testing::ConsoleFixture;

TEST_CASE("the overview groups counts by thousands and says why a rate is missing") {
  ConsoleFixture f;
  REQUIRE(f.addGoodVotes("2026-11-17T10", 1234567));
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const std::string period = "?period=custom&from=2026-11-01&to=2026-11-18";
  const auto none = staff.get("/console/" + period).body;
  CHECK(none.find("1,234,5") != std::string::npos);  // the good votes, with the fixture's own on top
  CHECK(none.find("本期没有需要整改的案件") != std::string::npos);
  CHECK(none.find("尚无报告整改完成的案件") != std::string::npos);

  // A case opened yesterday, due in three weeks: the rate waits for it instead of saying 0.0 %.
  REQUIRE(f.cases->open("hall-01", "c-0101", "2026-11-17", "2026-12-08", "rule", "t", f.now));
  const auto fresh = staff.get("/console/" + period).body;
  CHECK(fresh.find("尚无到期的案件") != std::string::npos);
  CHECK(fresh.find("<span>整改率</span><strong>—</strong>") != std::string::npos);
}

TEST_CASE("the overview leads with satisfaction, its change against the day before and a year ago, and the worst") {
  ConsoleFixture f;
  REQUIRE(f.addGoodVotes("2026-11-17T10", 100));  // the day before: all good
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string page = admin.get("/console/?from=2026-11-18&to=2026-11-18").body;
  // 11-18: 70 good of 92 (76.1 %) against 100 % on 11-17.
  CHECK(page.find("<div class=\"score\"><span>满意率</span><strong>76.1%</strong>") != std::string::npos);
  CHECK(page.find("<div class=\"change down\"><span>环比</span><strong>-23.9 个百分点</strong>"
                  "<small class=\"why\">2026-11-17 — 2026-11-17：100.0%</small>") != std::string::npos);
  // A year earlier nothing was counted: no change is made up.
  CHECK(page.find("<span>同比</span><strong>—</strong><small class=\"why\">对比期 2025-11-18 — 2025-11-18 票数不足") !=
        std::string::npos);
  // The worst first: c-0101 (40 % 一般 or 差) before c-0201 (under 5 %); their units likewise.
  const auto attention = page.substr(page.find("需要关注的承诺"));
  REQUIRE(attention.find("王丽 · 一次办好") != std::string::npos);
  REQUIRE(attention.find("李强") != std::string::npos);
  CHECK(attention.find("王丽 · 一次办好") < attention.find("李强"));
  const auto units = attention.substr(attention.find("需要关注的单位"));
  REQUIRE(units.find("区人社局") != std::string::npos);
  CHECK(units.find("区人社局") < units.find("区医保局"));

  // Nothing chosen: the last 30 days, not a month that may be six days old.
  CHECK(admin.get("/console/").body.find("2026-10-20 — 2026-11-18") != std::string::npos);
}

TEST_CASE("the overview gives 差评率 beside 一般及以下占比, as 好差评 readers expect") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  // 11-18: 22 poor of 92, no fair: both 23.9 %.
  const std::string page = admin.get("/console/?from=2026-11-18&to=2026-11-18").body;
  CHECK(page.find("<span>差评率</span><strong>23.9%</strong>") != std::string::npos);
  CHECK(page.find("<span>一般及以下占比</span><strong>23.9%</strong>") != std::string::npos);
}
