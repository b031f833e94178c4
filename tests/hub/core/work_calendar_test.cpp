// WorkCalendar: deadlines in working days across weekends, a national holiday and the weekend days
// worked to bridge it (调休), and the calendar file's bad entries named.
#include <doctest/doctest.h>

#include <stdexcept>

#include "hub/core/work_calendar.hpp"
#include "temp_dir.hpp"

using hub::parseWorkCalendar;
using hub::WorkCalendar;

namespace {
// The State Council's 2025 National Day and Mid-Autumn arrangement: 1–8 October off, Sunday
// 28 September and Saturday 11 October worked.
const char* const kNationalDay2025 = R"toml(
holidays = ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"]
workdays = ["2025-09-28", "2025-10-11"]
)toml";
}  // namespace

TEST_CASE("without a calendar file, Monday to Friday are the working days") {
  const WorkCalendar weekends;
  CHECK(weekends.isWorkingDay("2026-11-27"));                        // Friday
  CHECK_FALSE(weekends.isWorkingDay("2026-11-28"));                  // Saturday
  CHECK(weekends.addWorkingDays("2026-11-27", 1) == "2026-11-30");   // Friday + 1 → Monday
  CHECK(weekends.addWorkingDays("2026-11-23", 15) == "2026-12-14");  // three weeks, day itself not counted
  CHECK(weekends.workingDaysBetween("2026-11-23", "2026-12-14") == 15);
  CHECK(weekends.workingDaysBetween("2026-12-14", "2026-11-23") == 0);
  CHECK(weekends.coveredUntil().empty());
}

TEST_CASE("15 working days across the National Day holiday and its two worked weekend days") {
  const auto calendar = parseWorkCalendar(kNationalDay2025, "calendar.toml");
  CHECK(calendar.isWorkingDay("2025-09-28"));        // a Sunday, worked
  CHECK_FALSE(calendar.isWorkingDay("2025-10-06"));  // a Monday, on holiday
  CHECK(calendar.isWorkingDay("2025-10-11"));        // a Saturday, worked
  // Opened Thursday 25 September: 26, 28 (Sun), 29, 30 Sep, then 9, 10, 11 (Sat), 13–17, 20–22 Oct.
  CHECK(calendar.addWorkingDays("2025-09-25", 15) == "2025-10-22");
  CHECK(WorkCalendar().addWorkingDays("2025-09-25", 15) == "2025-10-16");  // the same on weekends alone
  CHECK(calendar.addWorkingDays("2025-09-30", 1) == "2025-10-09");
  CHECK(calendar.workingDaysBetween("2025-09-25", "2025-10-22") == 15);
  CHECK(calendar.coveredUntil() == "2025-10-11");
}

TEST_CASE("a bad calendar file is refused with the entry named") {
  const auto refused = [](const char* toml, const char* needle) {
    CHECK_THROWS_WITH_AS(parseWorkCalendar(toml, "calendar.toml"), doctest::Contains(needle), std::runtime_error);
  };
  refused("holidays = [\"2025-13-01\"]", "\"2025-13-01\" is not a date");
  refused("holidays = [20251001]", "holidays: an entry is not a date");
  refused("holidays = \"2025-10-01\"", "holidays: must be a list");
  refused("workdays = [\"2025-10-09\"]", "2025-10-09 is a weekday already");
  refused("holidays = [\"2025-10-11\"]\nworkdays = [\"2025-10-11\"]",
          "2025-10-11 is listed as a holiday and a workday");
  refused("holidays = [", "calendar.toml");
}

TEST_CASE("the calendar shipped in config/ parses and knows 2026's holidays and worked weekends") {
  const auto calendar =
      parseWorkCalendar(testing::readFile(testing::sourceRoot() / "config/calendar.toml"), "config/calendar.toml");
  CHECK_FALSE(calendar.isWorkingDay("2026-10-05"));  // 国庆节, a Monday
  CHECK(calendar.isWorkingDay("2026-10-10"));        // a Saturday worked
  CHECK_FALSE(calendar.isWorkingDay("2026-02-18"));  // 春节
  CHECK(calendar.coveredUntil() == "2026-10-10");
}
