// Splits an inclusive day range at month boundaries, so a period's counts can be read from the
// monthly aggregates for every whole month and from the daily ones only for the ragged ends: a
// half-year is six month rows per commitment instead of 182 day rows. Pure; thread-safe.
#pragma once

#include <string>

namespace hub {

// Every part is inclusive; an empty part is ("", ""), which no day or month equals, so
// "BETWEEN first AND last" matches nothing and the SQL needs no special case.
struct MonthSplit {
  std::string headFrom, headTo;       // days before the first whole month ("YYYY-MM-DD")
  std::string firstMonth, lastMonth;  // whole months ("YYYY-MM")
  std::string tailFrom, tailTo;       // days after the last whole month
};

// `fromDay` ≤ `toDay`, both real "YYYY-MM-DD" dates (the callers have validated them).
MonthSplit splitAtMonths(const std::string& fromDay, const std::string& toDay);

}  // namespace hub
