#include "common/iso_time.hpp"

#include <cstdio>
#include <cstdlib>

namespace common {

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// `local` is seconds since the epoch in the hall's local time; the offset is printed after it.
std::string localLabel(std::int64_t local, std::int32_t offsetSeconds, bool withSeconds) {
  const std::int64_t days = floorDiv(local, 86400);
  const std::int64_t secondOfDay = local - days * 86400;
  const CivilDate date = civilFromDays(days);
  const int offsetMinutes = std::abs(offsetSeconds) / 60;
  char seconds[8] = "";
  if (withSeconds) std::snprintf(seconds, sizeof seconds, ":%02d", static_cast<int>(secondOfDay % 60));
  char buf[64];  // room for any int64 year the formatter could be handed
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d%s%c%02d:%02d", static_cast<long long>(date.year),
                date.month, date.day, static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay % 3600 / 60),
                seconds, offsetSeconds < 0 ? '-' : '+', offsetMinutes / 60, offsetMinutes % 60);
  return buf;
}

bool digits(std::string_view s, std::size_t from, std::size_t count, int& out) {
  if (from + count > s.size()) return false;
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

unsigned daysInMonth(std::int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

CivilDate civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

std::int64_t daysFromCivil(CivilDate date) {
  const std::int64_t y = date.month <= 2 ? date.year - 1 : date.year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = date.month > 2 ? date.month - 3 : date.month + 9;
  const unsigned doy = (153 * mp + 2) / 5 + date.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string isoTimestamp(WallTime t) {
  return localLabel(t.unix_seconds + t.utc_offset_seconds, t.utc_offset_seconds, true);
}

std::string isoMinute(WallTime t) {
  return localLabel(t.unix_seconds + t.utc_offset_seconds, t.utc_offset_seconds, false);
}

std::string isoUtcTimestamp(std::int64_t unixSeconds) {
  std::string s = localLabel(unixSeconds, 0, true);
  return s.substr(0, s.size() - 6) + "Z";
}

std::string isoDay(std::int64_t unixSeconds) { return localLabel(unixSeconds, 0, false).substr(0, 10); }

bool isIsoDay(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
  return m >= 1 && m <= 12 && d >= 1 && static_cast<unsigned>(d) <= daysInMonth(y, static_cast<unsigned>(m));
}

std::optional<std::string> readDay(std::string_view text) {
  // Full-width digits (U+FF10-FF19: EF BC 90-99) read as ASCII ones.
  std::string t;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i + 2 < text.size() && text[i] == '\xEF' && text[i + 1] == '\xBC' && text[i + 2] >= '\x90' &&
        text[i + 2] <= '\x99') {
      t += static_cast<char>('0' + (text[i + 2] - '\x90'));
      i += 2;
    } else {
      t += text[i];
    }
  }
  const auto b = t.find_first_not_of(' '), e = t.find_last_not_of(' ');
  if (b == std::string::npos) return std::nullopt;
  t = t.substr(b, e - b + 1);
  // Three runs of digits split by one separator each: -, /, . or 年 … 月 … (日).
  int parts[3] = {0, 0, 0};
  std::size_t pos = 0;
  for (int k = 0; k < 3; ++k) {
    const std::size_t start = pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9' && pos - start < 4)
      parts[k] = parts[k] * 10 + (t[pos++] - '0');
    const std::size_t len = pos - start;
    if (len == 0 || (k == 0 && len != 4) || (k > 0 && len > 2)) return std::nullopt;
    static constexpr std::string_view kYear = "年", kMonth = "月", kDay = "日";
    const std::string_view rest = std::string_view(t).substr(pos);
    if (k < 2) {
      const std::string_view cjk = k == 0 ? kYear : kMonth;
      if (rest.substr(0, cjk.size()) == cjk) pos += cjk.size();
      else if (!rest.empty() && (rest[0] == '-' || rest[0] == '/' || rest[0] == '.')) ++pos;
      else return std::nullopt;
    } else if (rest == kDay) {
      pos = t.size();
    }
  }
  if (pos != t.size()) return std::nullopt;
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", parts[0], parts[1], parts[2]);
  if (!isIsoDay(out)) return std::nullopt;
  return std::string(out);
}

std::int64_t dayNumber(std::string_view s) {
  int y = 0, m = 0, d = 0;
  digits(s, 0, 4, y);
  digits(s, 5, 2, m);
  digits(s, 8, 2, d);
  return daysFromCivil({y, static_cast<unsigned>(m), static_cast<unsigned>(d)});
}

std::string dayText(std::int64_t number) { return isoDay(number * 86'400); }

std::optional<std::int64_t> parseIsoTime(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS then Z or ±HH:MM; nothing else (no fractions, no lower-case t).
  int h = 0, mi = 0, sec = 0;
  if (s.size() < 20 || !isIsoDay(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (!digits(s, 11, 2, h) || !digits(s, 14, 2, mi) || !digits(s, 17, 2, sec)) return std::nullopt;
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  const std::string_view zone = s.substr(19);
  std::int64_t offset = 0;
  if (zone != "Z") {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || !digits(zone, 1, 2, oh) ||
        !digits(zone, 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  int y = 0, m = 0, d = 0;
  digits(s, 0, 4, y);
  digits(s, 5, 2, m);
  digits(s, 8, 2, d);
  const std::int64_t days = daysFromCivil({y, static_cast<unsigned>(m), static_cast<unsigned>(d)});
  return days * 86400 + h * 3600 + mi * 60 + sec - offset;
}

}  // namespace common
