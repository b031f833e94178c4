#include "hub/core/period.hpp"

#include "common/iso_time.hpp"

namespace hub {

namespace {

using common::dayNumber;
using common::dayText;

std::string firstOfMonth(const std::string& day) { return day.substr(0, 8) + "01"; }

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
  if (period.empty() || period == "month" || period == "custom")
    return Period{Preset::Month, firstOfMonth(today), today};
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
