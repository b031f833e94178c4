// common::iso_time: the one ISO-8601 writer and reader every part uses.
#include <doctest/doctest.h>

#include "common/iso_time.hpp"

using namespace common;

TEST_CASE("timestamps carry the hall's offset, minutes drop the seconds, UTC ends in Z") {
  CHECK(isoTimestamp({1'795'223'865, 8 * 3600}) == "2026-11-21T09:17:45+08:00");
  CHECK(isoTimestamp({0, -5 * 3600}) == "1969-12-31T19:00:00-05:00");
  CHECK(isoTimestamp({0, 5 * 3600 + 30 * 60}) == "1970-01-01T05:30:00+05:30");
  CHECK(isoMinute({1'795'223'865, 8 * 3600}) == "2026-11-21T09:17+08:00");
  CHECK(isoUtcTimestamp(1'795'223'865) == "2026-11-21T01:17:45Z");
  CHECK(isoDay(1'795'223'865) == "2026-11-21");
  CHECK(isoDay(-1) == "1969-12-31");
}

TEST_CASE("parsing reads what the writer writes, with Z or an offset") {
  CHECK(parseIsoTime("2026-11-21T09:17:45+08:00") == 1'795'223'865);
  CHECK(parseIsoTime("2026-11-21T01:17:45Z") == 1'795'223'865);
  CHECK(parseIsoTime("1969-12-31T19:00:00-05:00") == 0);
  for (std::int64_t t :
       {std::int64_t{0}, std::int64_t{951'782'400}, std::int64_t{1'795'223'865}, std::int64_t{4'102'444'799}})
    for (std::int32_t offset : {0, 8 * 3600, -5 * 3600, 5 * 3600 + 45 * 60})
      CHECK(parseIsoTime(isoTimestamp({t, offset})) == t);
}

TEST_CASE("malformed times and impossible dates are refused, not guessed") {
  for (const char* bad :
       {"", "2026-11-21", "2026-11-21T09:17:45", "2026-11-21 09:17:45+08:00", "2026-11-21T09:17:45+0800",
        "2026-11-21T24:00:00Z", "2026-11-21T09:60:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "+026-11-21T09:17:45Z", "2026-11-21T09:17:45.5Z", "2026-11-21t09:17:45Z", "2026-11-21T09:17:45+08:00x"})
    CHECK_MESSAGE(!parseIsoTime(bad), bad);
}

TEST_CASE("days: real calendar dates only") {
  CHECK(isIsoDay("2026-11-21"));
  CHECK(isIsoDay("2024-02-29"));
  CHECK(isIsoDay("0000-01-01"));
  CHECK(isIsoDay("9999-12-31"));
  for (const char* bad : {"2026-02-29", "1900-02-29", "2026-04-31", "2026-00-10", "2026-1-1", "yesterday",
                          "2026-11-21T00", "2026/11/21", "2026-11-2x"})
    CHECK_MESSAGE(!isIsoDay(bad), bad);
}

TEST_CASE("civil days convert both ways across eras") {
  for (std::int64_t d = -800'000; d <= 800'000; d += 997) CHECK(daysFromCivil(civilFromDays(d)) == d);
  CHECK(daysFromCivil({1970, 1, 1}) == 0);
  CHECK(daysFromCivil({2000, 3, 1}) == 11'017);
}

TEST_CASE("day numbers count from 1970-01-01 and read back as the same day, leap days included") {
  CHECK(common::dayNumber("1970-01-01") == 0);
  CHECK(common::dayNumber("2026-11-26") - common::dayNumber("2026-01-01") == 329);
  CHECK(common::dayText(common::dayNumber("2028-02-28") + 1) == "2028-02-29");
  CHECK(common::dayText(common::dayNumber("2027-02-28") + 1) == "2027-03-01");
  CHECK(common::dayText(common::dayNumber("2026-12-31") + 1) == "2027-01-01");
}

TEST_CASE("a date as people type it reads as YYYY-MM-DD, anything else is refused") {
  const std::pair<const char*, const char*> read[] = {
      {"2026-12-31", "2026-12-31"},    {"2026-1-5", "2026-01-05"},
      {"2026/12/31", "2026-12-31"},    {"2026/1/1", "2026-01-01"},
      {"2026.12.31", "2026-12-31"},    {"2026年12月31日", "2026-12-31"},
      {"2026年1月5日", "2026-01-05"},  {"2026年1月5", "2026-01-05"},
      {" 2026-12-31 ", "2026-12-31"},  {"２０２６年１２月３１日", "2026-12-31"},
      {"2028年2月29日", "2028-02-29"},
  };
  for (const auto& [typed, day] : read) {
    CAPTURE(typed);
    REQUIRE(common::readDay(typed));
    CHECK(*common::readDay(typed) == day);
  }
  for (const char* bad :
       {"", "2026", "2026-12", "26/12/31", "2026-13-01", "2026年2月30日", "2027年2月29日", "2026-12-31T00:00",
        "2026-12-310", "12/31/2026", "二〇二六年十二月三十一日", "2026年12月31号", "yesterday", "2026--12-31"})
    CHECK_MESSAGE(!common::readDay(bad), bad);
}
