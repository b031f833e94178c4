// Opening hours: parsing, open/closed by local weekday and time, and when the state next changes.
#include <doctest/doctest.h>

#include "kiosk/core/opening_hours.hpp"

using namespace kiosk;

namespace {
// 2026-11-23 is a Monday. Local time in Beijing (+08:00).
WallTime beijing(int dayOfMonth, int hour, int minute, int second = 0) {
  const std::int64_t mondayMidnightUtc = 1'795'363'200;  // 2026-11-23T00:00+08:00 = 2026-11-22T16:00Z
  return {mondayMidnightUtc + (dayOfMonth - 23) * 86400LL + hour * 3600LL + minute * 60LL + second, 8 * 3600};
}

OpeningHours hall() {
  OpeningHours h;
  for (int d = 0; d < 5; ++d) h.setDay(d, *OpeningHours::parseDay("08:30-12:00, 13:30-17:30"));
  h.setDay(5, *OpeningHours::parseDay("09:00-12:00"));
  h.setDay(6, *OpeningHours::parseDay(""));
  return h;
}
}  // namespace

TEST_CASE("open and closed by local weekday and time") {
  const OpeningHours h = hall();
  CHECK_FALSE(h.isOpen(beijing(23, 8, 29, 59)));
  CHECK(h.isOpen(beijing(23, 8, 30)));
  CHECK_FALSE(h.isOpen(beijing(23, 12, 30)));  // lunch
  CHECK(h.isOpen(beijing(23, 17, 29)));
  CHECK_FALSE(h.isOpen(beijing(23, 17, 30)));
  CHECK(h.isOpen(beijing(28, 10, 0)));  // Saturday morning
  CHECK_FALSE(h.isOpen(beijing(28, 14, 0)));
  CHECK_FALSE(h.isOpen(beijing(29, 10, 0)));  // Sunday
  CHECK(h.todayText(beijing(23, 7, 0)) == "08:30-12:00, 13:30-17:30");
  CHECK(h.todayText(beijing(29, 7, 0)).empty());
  CHECK(OpeningHours::always().isOpen(beijing(29, 3, 0)));
}

TEST_CASE("the next change is exact, across lunch, nights and a closed Sunday") {
  const OpeningHours h = hall();
  CHECK(h.secondsUntilChange(beijing(23, 8, 29, 50)) == 10);
  CHECK(h.secondsUntilChange(beijing(23, 11, 0)) == 3600);              // closes for lunch
  CHECK(h.secondsUntilChange(beijing(23, 17, 30)) == 15 * 3600);        // opens Tuesday 08:30
  CHECK(h.secondsUntilChange(beijing(28, 12, 0)) == 44 * 3600 + 1800);  // Saturday noon -> Monday 08:30
  CHECK(OpeningHours::always().secondsUntilChange(beijing(23, 9, 0)) == 7 * 24 * 3600);
}

TEST_CASE("malformed days are refused") {
  CHECK_FALSE(OpeningHours::parseDay("8:30-17:30"));
  CHECK_FALSE(OpeningHours::parseDay("17:30-08:30"));
  CHECK_FALSE(OpeningHours::parseDay("08:30-12:00,11:00-13:00"));
  CHECK_FALSE(OpeningHours::parseDay("08:30"));
  CHECK_FALSE(OpeningHours::parseDay("25:00-26:00"));
  CHECK(OpeningHours::parseDay("00:00-24:00")->size() == 1);
}

TEST_CASE("a closed day (a holiday) is closed and a worked Sunday opens with weekday hours") {
  OpeningHours h = hall();
  // Tuesday 2026-11-24 a holiday; Sunday 2026-11-29 worked (调休上班).
  CHECK_FALSE(h.setClosedDays({"2026-11-24"}));
  CHECK_FALSE(h.setWorkedDays({"2026-11-29"}));
  CHECK_FALSE(h.isOpen(beijing(24, 10, 0)));
  CHECK(h.todayText(beijing(24, 10, 0)).empty());
  CHECK(h.isOpen(beijing(25, 10, 0)));  // the day after is an ordinary Wednesday
  CHECK(h.isOpen(beijing(29, 8, 30)));
  CHECK_FALSE(h.isOpen(beijing(29, 12, 30)));  // with the weekday's lunch
  CHECK(h.todayText(beijing(29, 9, 0)) == "08:30-12:00, 13:30-17:30");
  // Monday evening: the next change skips the holiday Tuesday to Wednesday 08:30.
  CHECK(h.secondsUntilChange(beijing(23, 17, 30)) == (24 + 15) * 3600LL);
  // Saturday after 12:00: next open on the worked Sunday at 08:30.
  CHECK(h.secondsUntilChange(beijing(28, 12, 0)) == (12 + 8) * 3600LL + 30 * 60);
}

TEST_CASE("a date that is not one is named") {
  OpeningHours h = hall();
  CHECK(h.setClosedDays({"2027-01-01", "2027-02-30"}) == std::optional<std::string>("2027-02-30"));
  CHECK(h.setWorkedDays({"tomorrow"}) == std::optional<std::string>("tomorrow"));
}
