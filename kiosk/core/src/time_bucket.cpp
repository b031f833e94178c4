#include "kiosk/core/time_bucket.hpp"

#include "common/iso_time.hpp"

namespace kiosk {

namespace {
std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

bool isValidBucket(std::chrono::minutes bucket) { return bucket.count() > 0 && (24 * 60) % bucket.count() == 0; }

std::string bucketLabel(WallTime t, std::chrono::minutes bucket) {
  const std::int64_t bucketSeconds = isValidBucket(bucket) ? bucket.count() * 60 : 3600;
  // Buckets are cut in the hall's local time (a 1-day bucket starts at local midnight).
  const std::int64_t local = t.unix_seconds + t.utc_offset_seconds;
  const std::int64_t start = floorDiv(local, bucketSeconds) * bucketSeconds;
  return common::isoMinute({start - t.utc_offset_seconds, t.utc_offset_seconds});
}

}  // namespace kiosk
