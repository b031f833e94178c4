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
