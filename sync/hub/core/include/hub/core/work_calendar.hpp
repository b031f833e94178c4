// Working days as a hall's administration counts them, for rectification deadlines (限期整改,
// "within 15 working days"): Monday to Friday, minus the public holidays the State Council
// announces each year, plus the weekend days it turns into working days to bridge them (调休).
// Days are "YYYY-MM-DD" in the hall's local time. Immutable after construction; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace hub {

class WorkCalendar {
 public:
  WorkCalendar() = default;  // weekends only: what is known without the year's notice
  WorkCalendar(std::set<std::string> holidays, std::set<std::string> workdays);

  bool isWorkingDay(const std::string& day) const;
  // The `n`-th working day after `day` (`day` itself never counts): a case opened on a Friday
  // evening with 1 working day is due on Monday, or on the first working day after a holiday.
  std::string addWorkingDays(const std::string& day, int n) const;
  // Working days after `from` up to and including `to`; 0 when `to` is not after `from`.
  int workingDaysBetween(const std::string& from, const std::string& to) const;
  // The last day the file covers (holidays and workdays); "" when it names none. A deadline
  // beyond it is computed on weekends alone, and the console says the calendar needs the next year.
  std::string coveredUntil() const;

 private:
  std::set<std::string> holidays_, workdays_;
};

// The calendar file (TOML): `holidays = ["2026-10-01", …]` and `workdays = ["2026-10-10", …]`.
// Throws std::runtime_error naming the file's key and the bad entry (not a date, a weekday
// listed as a working weekend, a day listed as both).
WorkCalendar parseWorkCalendar(std::string_view toml, const std::string& fileName);

}  // namespace hub
