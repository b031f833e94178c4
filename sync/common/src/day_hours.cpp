#include "common/day_hours.hpp"

namespace common {

namespace {

bool parseClock(std::string_view s, int& minute) {
  if (s.size() != 5 || s[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (s[i] < '0' || s[i] > '9') return false;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return false;
  minute = h * 60 + m;
  return true;
}

}  // namespace

std::optional<std::vector<DayRange>> parseDayHours(std::string_view spec) {
  std::vector<DayRange> ranges;
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const auto dash = item.find('-');
    DayRange r{};
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

}  // namespace common
