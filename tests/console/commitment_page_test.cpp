// A commitment's page: its history of list versions, each with the ratings given while it was
// shown, under the privacy floor like every other figure.
#include <doctest/doctest.h>

#include "console_fixture.hpp"

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
