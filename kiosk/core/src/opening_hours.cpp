#include "kiosk/core/opening_hours.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk {

namespace {

struct LocalMoment {
  int weekday;  // 0 = Monday
  int minute;   // of the day
  int second;   // of the minute
};

LocalMoment localMoment(WallTime t) {
  const std::int64_t local = t.unix_seconds + t.utc_offset_seconds;
  std::int64_t days = local / 86400, secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
  const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);
  return {weekday, static_cast<int>(secs / 60), static_cast<int>(secs % 60)};
}

bool parseClock(std::string_view s, int& minute) {
  int h = 0, m = 0;
  char colon = 0;
  if (s.size() != 5 || std::sscanf(std::string(s).c_str(), "%2d%c%2d", &h, &colon, &m) != 3 || colon != ':')
    return false;
  if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) return false;
  minute = h * 60 + m;
  return true;
}

}  // namespace

OpeningHours OpeningHours::always() {
  OpeningHours h;
  for (auto& d : h.days_) d = {{0, 24 * 60}};
  return h;
}

std::optional<std::vector<OpeningHours::Range>> OpeningHours::parseDay(std::string_view spec) {
  std::vector<Range> ranges;
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const auto dash = item.find('-');
    Range r{};
    if (dash == std::string_view::npos || !parseClock(item.substr(0, dash), r.openMinute) ||
        !parseClock(item.substr(dash + 1), r.closeMinute) || r.closeMinute <= r.openMinute)
      return std::nullopt;
    if (!ranges.empty() && r.openMinute < ranges.back().closeMinute) return std::nullopt;  // in order, no overlap
    ranges.push_back(r);
    if (comma == std::string_view::npos) break;
    spec.remove_prefix(comma + 1);
  }
  return ranges;
}

void OpeningHours::setDay(int weekday, std::vector<Range> ranges) {
  days_.at(static_cast<std::size_t>(weekday)) = std::move(ranges);
}

bool OpeningHours::isOpen(WallTime t) const {
  const LocalMoment m = localMoment(t);
  for (const Range& r : days_[static_cast<std::size_t>(m.weekday)])
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
    for (const Range& r : days_[static_cast<std::size_t>((m.weekday + dayAhead) % 7)]) {
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
  for (const Range& r : days_[static_cast<std::size_t>(localMoment(t).weekday)]) {
    char buf[48];  // sized for any int the formatter could be handed, not just valid clocks
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", r.openMinute / 60, r.openMinute % 60, r.closeMinute / 60,
                  r.closeMinute % 60);
    out += (out.empty() ? "" : ", ") + std::string(buf);
  }
  return out;
}

}  // namespace kiosk
