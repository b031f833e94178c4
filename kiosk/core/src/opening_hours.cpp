#include "kiosk/core/opening_hours.hpp"

#include <algorithm>
#include <cstdio>
#include <span>

#include "common/iso_time.hpp"

namespace kiosk {

namespace {

struct LocalMoment {
  std::int64_t day;  // days since 1970-01-01, local
  int minute;        // of the day
  int second;        // of the minute
};

// 0 = Monday; 1970-01-01 was a Thursday.
int weekdayOf(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

std::optional<std::string> dayNumbers(const std::vector<std::string>& days, std::set<std::int64_t>& out) {
  out.clear();
  for (const auto& d : days) {
    if (!common::isIsoDay(d)) return d;
    out.insert(common::dayNumber(d));
  }
  return std::nullopt;
}

LocalMoment localMoment(WallTime t) {
  const std::int64_t local = t.unix_seconds + t.utc_offset_seconds;
  std::int64_t days = local / 86400, secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  return {days, static_cast<int>(secs / 60), static_cast<int>(secs % 60)};
}

}  // namespace

OpeningHours OpeningHours::always() {
  OpeningHours h;
  for (auto& d : h.days_) d = {{0, 24 * 60}};
  return h;
}

std::optional<std::vector<OpeningHours::Range>> OpeningHours::parseDay(std::string_view spec) {
  return common::parseDayHours(spec);
}

void OpeningHours::setDay(int weekday, std::vector<Range> ranges) {
  days_.at(static_cast<std::size_t>(weekday)) = std::move(ranges);
}

std::optional<std::string> OpeningHours::setClosedDays(const std::vector<std::string>& days) {
  return dayNumbers(days, closedDays_);
}

std::optional<std::string> OpeningHours::setWorkedDays(const std::vector<std::string>& days) {
  return dayNumbers(days, workedDays_);
}

const std::vector<OpeningHours::Range>& OpeningHours::rangesOn(std::int64_t day) const {
  static const std::vector<Range> kClosed;
  if (closedDays_.count(day)) return kClosed;
  if (workedDays_.count(day)) {
    for (const auto& weekday : std::span(days_).first(5))
      if (!weekday.empty()) return weekday;
  }
  return days_[static_cast<std::size_t>(weekdayOf(day))];
}

bool OpeningHours::isOpen(WallTime t) const {
  const LocalMoment m = localMoment(t);
  for (const Range& r : rangesOn(m.day))
    if (m.minute >= r.openMinute && m.minute < r.closeMinute) return true;
  return false;
}

std::int64_t OpeningHours::secondsUntilChange(WallTime t) const {
  const bool now = isOpen(t);
  const LocalMoment m = localMoment(t);
  const std::int64_t nowSecond = m.minute * 60LL + m.second;  // into today
  // Only range edges can change the state: try them in order over the coming week.
  for (int dayAhead = 0; dayAhead <= 7; ++dayAhead) {
    std::vector<int> edges;
    for (const Range& r : rangesOn(m.day + dayAhead)) {
      edges.push_back(r.openMinute);
      edges.push_back(r.closeMinute);
    }
    if (dayAhead > 0) edges.push_back(0);  // midnight: a day closed all day begins
    std::sort(edges.begin(), edges.end());
    for (int edge : edges) {
      const std::int64_t ahead = dayAhead * 86400LL + edge * 60LL - nowSecond;
      if (ahead <= 0) continue;
      if (isOpen({t.unix_seconds + ahead, t.utc_offset_seconds}) != now) return ahead;
    }
  }
  return 7 * 24 * 3600;
}

std::string OpeningHours::todayText(WallTime t) const {
  std::string out;
  for (const Range& r : rangesOn(localMoment(t).day)) {
    char buf[48];  // sized for any int the formatter could be handed, not just valid clocks
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", r.openMinute / 60, r.openMinute % 60, r.closeMinute / 60,
                  r.closeMinute % 60);
    out += (out.empty() ? "" : ", ") + std::string(buf);
  }
  return out;
}

}  // namespace kiosk
