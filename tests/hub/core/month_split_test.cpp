// splitAtMonths: which days come from the daily rows and which months from the monthly ones.
#include <doctest/doctest.h>

#include "hub/core/month_split.hpp"

using hub::splitAtMonths;

TEST_CASE("a range inside one month is all days") {
  const auto s = splitAtMonths("2026-11-03", "2026-11-26");
  CHECK(s.headFrom == "2026-11-03");
  CHECK(s.headTo == "2026-11-26");
  CHECK(s.firstMonth.empty());
  CHECK(s.lastMonth.empty());
  CHECK(s.tailFrom.empty());
}

TEST_CASE("a whole month alone is one month and no days") {
  const auto s = splitAtMonths("2026-02-01", "2026-02-28");
  CHECK(s.headFrom.empty());
  CHECK(s.firstMonth == "2026-02");
  CHECK(s.lastMonth == "2026-02");
  CHECK(s.tailFrom.empty());
}

TEST_CASE("this half-year so far: whole months, then the days of this month") {
  const auto s = splitAtMonths("2026-07-01", "2026-11-26");
  CHECK(s.headFrom.empty());
  CHECK(s.firstMonth == "2026-07");
  CHECK(s.lastMonth == "2026-10");
  CHECK(s.tailFrom == "2026-11-01");
  CHECK(s.tailTo == "2026-11-26");
}

TEST_CASE("ragged at both ends, across a year and a leap February") {
  const auto s = splitAtMonths("2027-12-15", "2028-03-02");
  CHECK(s.headFrom == "2027-12-15");
  CHECK(s.headTo == "2027-12-31");
  CHECK(s.firstMonth == "2028-01");
  CHECK(s.lastMonth == "2028-02");  // 2028-02-29 is the month's last day
  CHECK(s.tailFrom == "2028-03-01");
  CHECK(s.tailTo == "2028-03-02");
}

TEST_CASE("two partial months with no whole month between are days only") {
  const auto s = splitAtMonths("2026-01-20", "2026-02-10");
  CHECK(s.headFrom == "2026-01-20");
  CHECK(s.headTo == "2026-02-10");
  CHECK(s.firstMonth.empty());
}

TEST_CASE("a range ending on a month's last day has no tail, and one day is one day") {
  const auto s = splitAtMonths("2026-03-31", "2026-04-30");
  CHECK(s.headFrom == "2026-03-31");
  CHECK(s.headTo == "2026-03-31");
  CHECK(s.firstMonth == "2026-04");
  CHECK(s.tailFrom.empty());
  const auto one = splitAtMonths("2026-05-01", "2026-05-01");
  CHECK(one.headFrom == "2026-05-01");
  CHECK(one.headTo == "2026-05-01");
  CHECK(one.firstMonth.empty());
}
