// The console's period picker: 今日 / 本周 / 本月 / 上月 / 本半年 / 自定义, resolved against the hall's
// local date into inclusive days. Weeks start on Monday, as Chinese calendars print them; halves
// are January–June and July–December. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hub {

enum class Preset { Today, Week, Month, LastMonth, Last30, HalfYear, Year, Custom };

struct Period {
  Preset preset = Preset::Last30;
  std::string from, to;  // "YYYY-MM-DD", inclusive
};

// `period` (today | week | month | last_month | last_30 | half_year | year) — then `from` and `to`
// are ignored — or `from` and `to` (alone or with period=custom) for a custom range of at most ten
// years. Nothing given: the last 30 days (本月 on the 6th is six days: too few to judge by). Nothing, with `why` the
// key of the words saying what is wrong (err_period_…), when a value is malformed, from is after to, or the range is
// too long.
std::optional<Period> resolvePeriod(std::string_view period, std::string_view from, std::string_view to,
                                    const std::string& today, std::string* why);

std::string_view presetName(Preset p);  // "month" …

// What a period is compared with. 环比: the period before it — the previous month, half or year
// for those presets (the same days of it: 1–6 December against 1–6 November), else the same
// number of days just before. 同比: the same days a year earlier. A day that month lacks (31
// March a month back, 29 February a year back) becomes its month's last day.
Period previousPeriod(const Period& p);
Period sameDaysLastYear(const Period& p);
// Every day from `from` to `to`, inclusive (for trend charts with empty days shown).
std::size_t daysBetween(const std::string& from, const std::string& to);
std::string addDays(const std::string& day, long long days);
// 0 = Monday … 6 = Sunday.
int weekdayOf(const std::string& day);

}  // namespace hub
