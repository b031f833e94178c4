#include "hub/core/period.hpp"

#include <algorithm>
#include <cstdio>

#include "common/iso_time.hpp"

namespace hub {

namespace {

using common::dayNumber;
using common::dayText;

std::string firstOfMonth(const std::string& day) { return day.substr(0, 8) + "01"; }

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leapYear(y) ? 29 : kDays[m - 1];
}

// `day` moved by whole months; a day the target month lacks becomes its last, and so does the
// last day of a month (30 November a month on is 31 December: the months compared are whole).
std::string addMonths(const std::string& day, int months) {
  const int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
  const int index = y * 12 + (m - 1) + months;
  const int ty = index / 12, tm = index % 12 + 1;
  const int td = d == daysInMonth(y, m) ? daysInMonth(ty, tm) : std::min(d, daysInMonth(ty, tm));
  char text[32];  // room for any int, though a year here has four digits
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", ty, tm, td);
  return text;
}

}  // namespace

std::string_view presetName(Preset p) {
  switch (p) {
    case Preset::Today: return "today";
    case Preset::Week: return "week";
    case Preset::Month: return "month";
    case Preset::LastMonth: return "last_month";
    case Preset::HalfYear: return "half_year";
    case Preset::Last30: return "last_30";
    case Preset::Year: return "year";
    case Preset::Custom: return "custom";
  }
  return "month";
}

std::string addDays(const std::string& day, long long days) { return dayText(dayNumber(day) + days); }

std::size_t daysBetween(const std::string& from, const std::string& to) {
  return static_cast<std::size_t>(dayNumber(to) - dayNumber(from) + 1);
}

Period previousPeriod(const Period& p) {
  const auto months = [&](int n) { return Period{Preset::Custom, addMonths(p.from, -n), addMonths(p.to, -n)}; };
  switch (p.preset) {
    case Preset::Month:
    case Preset::LastMonth: return months(1);
    case Preset::HalfYear: return months(6);
    case Preset::Year: return months(12);
    default: {
      const auto length = static_cast<long long>(daysBetween(p.from, p.to));
      return Period{Preset::Custom, addDays(p.from, -length), addDays(p.from, -1)};
    }
  }
}

Period sameDaysLastYear(const Period& p) { return {Preset::Custom, addMonths(p.from, -12), addMonths(p.to, -12)}; }

int weekdayOf(const std::string& day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((dayNumber(day) % 7) + 7 + 3) % 7);
}

std::optional<Period> resolvePeriod(std::string_view period, std::string_view from, std::string_view to,
                                    const std::string& today, std::string* why) {
  const auto fail = [&](const std::string& message) -> std::optional<Period> {
    if (why) *why = message;
    return std::nullopt;
  };
  // A preset wins over dates sent with it (the picker without JavaScript sends both); dates alone
  // or with "custom" are a custom range.
  const bool preset = !period.empty() && period != "custom";
  if (!preset && (!from.empty() || !to.empty() || period == "custom")) {
    // Typed as people write dates (2026/12/31, 2026年12月31日) where a browser has no date picker.
    const auto fromDay = common::readDay(from), toDay = common::readDay(to);
    if (!fromDay) return fail("err_period_from");
    if (!toDay) return fail("err_period_to");
    Period p{Preset::Custom, *fromDay, *toDay};
    if (p.from > p.to) return fail("err_period_order");
    if (daysBetween(p.from, p.to) > 3660) return fail("err_period_long");
    return p;
  }
  if (period.empty()) return Period{Preset::Last30, addDays(today, -29), today};
  if (period == "month" || period == "custom") return Period{Preset::Month, firstOfMonth(today), today};
  if (period == "today") return Period{Preset::Today, today, today};
  if (period == "week") return Period{Preset::Week, addDays(today, -weekdayOf(today)), today};
  if (period == "last_month") {
    const std::string lastDay = addDays(firstOfMonth(today), -1);
    return Period{Preset::LastMonth, firstOfMonth(lastDay), lastDay};
  }
  if (period == "last_30") return Period{Preset::Last30, addDays(today, -29), today};
  if (period == "year") return Period{Preset::Year, today.substr(0, 5) + "01-01", today};
  if (period == "half_year") {
    const bool firstHalf = std::stoi(today.substr(5, 2)) <= 6;
    return Period{Preset::HalfYear, today.substr(0, 5) + (firstHalf ? "01-01" : "07-01"), today};
  }
  return fail("err_period_name");
}

}  // namespace hub
