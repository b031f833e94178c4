// When the hall is open, per weekday in the hall's local time ("08:30-17:30", several ranges
// allowed, none = closed all day), with the year's exceptions: closed days (public holidays) and
// worked days (a weekend the calendar makes a working day, 调休上班), which open with the hours of
// the first working weekday that has any. Outside opening hours the kiosk takes no votes. Pure;
// immutable once set up, then thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/day_hours.hpp"
#include "kiosk/core/clock.hpp"

namespace kiosk {

class OpeningHours {
 public:
  using Range = common::DayRange;

  // Open around the clock, every day (the default when nothing is configured).
  static OpeningHours always();
  // `spec` like "08:30-12:00,13:30-17:30" or "" (closed). Returns nullopt when malformed.
  static std::optional<std::vector<Range>> parseDay(std::string_view spec);

  // weekday: 0 = Monday ... 6 = Sunday.
  void setDay(int weekday, std::vector<Range> ranges);
  // Dates "YYYY-MM-DD" in the hall's local time; a date in both lists is closed. Returns the first
  // text that is not a real date, else nullopt.
  std::optional<std::string> setClosedDays(const std::vector<std::string>& days);
  std::optional<std::string> setWorkedDays(const std::vector<std::string>& days);

  bool isOpen(WallTime t) const;
  // Seconds until isOpen() next changes (capped at a week); for the event loop's deadline.
  std::int64_t secondsUntilChange(WallTime t) const;
  // "08:30-17:30" for the day of `t` (to show on the closed screen); "" when closed all day.
  std::string todayText(WallTime t) const;

 private:
  const std::vector<Range>& rangesOn(std::int64_t localDay) const;  // days since 1970-01-01, local

  std::array<std::vector<Range>, 7> days_;
  std::set<std::int64_t> closedDays_, workedDays_;
};

}  // namespace kiosk
