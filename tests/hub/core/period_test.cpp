// The period picker's presets and custom ranges against a fixed "today".
#include <doctest/doctest.h>

#include "hub/core/period.hpp"

using namespace hub;

TEST_CASE("presets resolve to inclusive days in the hall's calendar") {
  std::string why;
  const auto p = [&](std::string_view period) { return *resolvePeriod(period, "", "", "2026-11-18", &why); };
  CHECK(p("today").from == "2026-11-18");
  CHECK(p("week").from == "2026-11-16");  // Monday
  CHECK(p("month").from == "2026-11-01");
  // Nothing chosen: the last 30 days, whatever day of the month it is.
  CHECK(p("").preset == Preset::Last30);
  CHECK(p("").from == "2026-10-20");
  CHECK(p("last_month").from == "2026-10-01");
  CHECK(p("last_month").to == "2026-10-31");
  CHECK(p("half_year").from == "2026-07-01");
  CHECK(resolvePeriod("last_month", "", "", "2026-01-15", &why)->from == "2025-12-01");
  CHECK(resolvePeriod("half_year", "", "", "2026-03-01", &why)->from == "2026-01-01");
  // 近 30 天 counts today; 本年 from 1 January.
  CHECK(resolvePeriod("last_30", "", "", "2026-03-01", &why)->from == "2026-01-31");
  CHECK(resolvePeriod("last_30", "", "", "2026-03-01", &why)->to == "2026-03-01");
  CHECK(resolvePeriod("year", "", "", "2026-11-18", &why)->from == "2026-01-01");
  CHECK(resolvePeriod("year", "", "", "2026-11-18", &why)->preset == Preset::Year);
  CHECK(resolvePeriod("week", "", "", "2026-11-22", &why)->from == "2026-11-16");  // Sunday ends the week
}

TEST_CASE("a preset wins over dates sent with it, dates alone are a custom range") {
  std::string why;
  CHECK(resolvePeriod("today", "2026-01-01", "2026-01-31", "2026-11-18", &why)->from == "2026-11-18");
  const auto custom = resolvePeriod("", "2026-01-01", "2026-01-31", "2026-11-18", &why);
  REQUIRE(custom);
  CHECK(custom->preset == Preset::Custom);
  CHECK(custom->to == "2026-01-31");
  CHECK(resolvePeriod("custom", "2026-01-01", "2026-01-02", "2026-11-18", &why)->preset == Preset::Custom);
  // Typed where a phone's browser shows a plain text box: read as people write dates.
  const auto typed = resolvePeriod("", "2026年11月1日", "2026/11/30", "2026-11-18", &why);
  REQUIRE(typed);
  CHECK(typed->from == "2026-11-01");
  CHECK(typed->to == "2026-11-30");
}

TEST_CASE("bad periods are refused naming the parameter") {
  std::string why;
  CHECK_FALSE(resolvePeriod("", "2026-02-30", "2026-03-01", "2026-11-18", &why));
  CHECK(why == "err_period_from");  // the key of the words saying it
  CHECK_FALSE(resolvePeriod("", "2026-03-01", "", "2026-11-18", &why));
  CHECK(why == "err_period_to");
  CHECK_FALSE(resolvePeriod("", "2026-03-02", "2026-03-01", "2026-11-18", &why));
  CHECK(why == "err_period_order");
  CHECK_FALSE(resolvePeriod("", "2000-01-01", "2026-03-01", "2026-11-18", &why));
  CHECK(why == "err_period_long");
  CHECK_FALSE(resolvePeriod("decade", "", "", "2026-11-18", &why));
  CHECK(why == "err_period_name");
}

TEST_CASE("weekdays count from Monday") {
  CHECK(weekdayOf("2026-11-16") == 0);
  CHECK(weekdayOf("2026-11-22") == 6);
  CHECK(daysBetween("2026-11-01", "2026-11-30") == 30);
  CHECK(addDays("2026-12-31", 1) == "2027-01-01");
}

TEST_CASE("环比 is the period before, 同比 the same days a year back, short months and leap days included") {
  std::string why;
  const auto p = [&](std::string_view period, const std::string& today) {
    return *resolvePeriod(period, "", "", today, &why);
  };
  const auto days = [](const Period& x) { return x.from + " " + x.to; };
  // 本月 on 6 December against 1–6 November; 上月 (all November) against all October.
  CHECK(days(previousPeriod(p("month", "2026-12-06"))) == "2026-11-01 2026-11-06");
  CHECK(days(previousPeriod(p("last_month", "2026-12-06"))) == "2026-10-01 2026-10-31");
  CHECK(days(previousPeriod(p("last_month", "2026-03-06"))) == "2026-01-01 2026-01-31");  // February → January
  CHECK(days(previousPeriod(p("month", "2026-03-31"))) == "2026-02-01 2026-02-28");
  CHECK(days(previousPeriod(p("month", "2026-01-10"))) == "2025-12-01 2025-12-10");
  CHECK(days(previousPeriod(p("half_year", "2026-12-06"))) == "2026-01-01 2026-06-06");
  CHECK(days(previousPeriod(p("year", "2026-12-06"))) == "2025-01-01 2025-12-06");
  // Others: as many days, just before.
  CHECK(days(previousPeriod(p("last_30", "2026-12-06"))) == "2026-10-08 2026-11-06");
  CHECK(days(previousPeriod(p("today", "2026-12-06"))) == "2026-12-05 2026-12-05");
  CHECK(days(previousPeriod(p("week", "2026-12-06"))) == "2026-11-23 2026-11-29");
  CHECK(days(previousPeriod(*resolvePeriod("", "2026-01-01", "2026-01-10", "2026-12-06", &why))) ==
        "2025-12-22 2025-12-31");
  // 同比.
  CHECK(days(sameDaysLastYear(p("month", "2026-12-06"))) == "2025-12-01 2025-12-06");
  CHECK(days(sameDaysLastYear(*resolvePeriod("", "2028-02-01", "2028-02-29", "2028-03-01", &why))) ==
        "2027-02-01 2027-02-28");
  CHECK(days(sameDaysLastYear(*resolvePeriod("", "2027-02-01", "2027-02-28", "2027-03-01", &why))) ==
        "2026-02-01 2026-02-28");
}
