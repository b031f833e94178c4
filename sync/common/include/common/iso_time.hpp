// ISO-8601 time as the product writes and reads it, in one place: batch created_at, heartbeat
// kiosk_time, vote buckets, log timestamps, dates in queries. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace common {

// The moment with the hall's offset, e.g. "2026-11-21T10:00:05+08:00".
std::string isoTimestamp(WallTime t);
// To the minute with the offset, e.g. "2026-11-21T09:00+08:00" (the bucket label format).
std::string isoMinute(WallTime t);
// UTC with a Z, e.g. "2026-11-21T02:00:05Z" (log lines).
std::string isoUtcTimestamp(std::int64_t unixSeconds);
// The UTC date "YYYY-MM-DD".
std::string isoDay(std::int64_t unixSeconds);

// Seconds since the epoch for "2026-11-21T10:00:00+08:00" (or with Z); nullopt if malformed.
std::optional<std::int64_t> parseIsoTime(std::string_view text);
// True for a real calendar date "YYYY-MM-DD" (2026-02-30 is not one).
bool isIsoDay(std::string_view text);
// A date as people type it, as "YYYY-MM-DD": 2026-12-31, 2026-1-5, 2026/12/31 (as Excel writes),
// 2026.12.31, 2026年12月31日 (as Chinese users write), with full-width digits (an IME's) and spaces
// around; nothing unless it is a real calendar date with a four-digit year.
std::optional<std::string> readDay(std::string_view text);

// Days since 1970-01-01 and back (proleptic Gregorian; Howard Hinnant's algorithms).
struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1;
  unsigned day = 1;
};
CivilDate civilFromDays(std::int64_t days);
std::int64_t daysFromCivil(CivilDate date);
// "YYYY-MM-DD" as days since 1970-01-01 and back, for day arithmetic on validated dates (a
// malformed text is a programming error here: validate with isIsoDay first).
std::int64_t dayNumber(std::string_view isoDay);
std::string dayText(std::int64_t dayNumber);

}  // namespace common
