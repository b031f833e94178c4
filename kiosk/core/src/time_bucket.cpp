#include "kiosk/core/time_bucket.hpp"

#include <cstdio>
#include <cstdlib>

namespace kiosk {

namespace {

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

// Howard Hinnant's days-to-civil algorithm: exact for the proleptic Gregorian calendar.
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

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

bool isValidBucket(std::chrono::minutes bucket) {
  return bucket.count() > 0 && (24 * 60) % bucket.count() == 0;
}

namespace {
std::string localLabel(std::int64_t start, std::int32_t offsetSeconds, bool withSeconds) {
  const std::int64_t days = floorDiv(start, 86400);
  const std::int64_t secondOfDay = start - days * 86400;
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
}  // namespace

std::string bucketLabel(WallTime t, std::chrono::minutes bucket) {
  const std::int64_t bucketSeconds = isValidBucket(bucket) ? bucket.count() * 60 : 3600;
  const std::int64_t local = t.unix_seconds + t.utc_offset_seconds;
  return localLabel(floorDiv(local, bucketSeconds) * bucketSeconds, t.utc_offset_seconds, false);
}

std::string isoTimestamp(WallTime t) { return localLabel(t.unix_seconds + t.utc_offset_seconds, t.utc_offset_seconds, true); }

}  // namespace kiosk
