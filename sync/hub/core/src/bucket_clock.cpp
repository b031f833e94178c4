// Why buckets are judged one by one: a kiosk whose clock was a day ahead and then corrected keeps
// the votes it bucketed under tomorrow; their batch is frozen after the correction with a sane
// created_at, so judging created_at alone would file them under a day that has not come yet.
#include "hub/core/bucket_clock.hpp"

#include <optional>
#include <string>

#include "common/iso_time.hpp"

namespace hub {
namespace {

// "2026-11-21T09:00+08:00" → its UTC offset in seconds; parseBatch guaranteed the shape.
std::int32_t bucketOffset(const std::string& bucket) {
  const std::string zone = bucket.substr(bucket.size() - 6);
  const int sign = zone[0] == '-' ? -1 : 1;
  return sign * (std::stoi(zone.substr(1, 2)) * 3600 + std::stoi(zone.substr(4, 2)) * 60);
}

std::string hourOf(std::int64_t unix, std::int32_t offset) {
  const std::int64_t local = unix + offset;
  const std::int64_t hourStart = local - ((local % 3600) + 3600) % 3600 - offset;
  return common::isoMinute({hourStart, offset});
}

}  // namespace

bool impossibleTime(std::int64_t offsetSeconds) {
  return offsetSeconds > kClockToleranceSeconds || offsetSeconds < -kLongestOfflineSeconds;
}

Refiled refileImpossibleTimes(wire::RatingBatch& batch, std::int64_t receivedUnix,
                              std::optional<std::int64_t> createdAtUnix) {
  Refiled refiled;
  refiled.wholeBatch = createdAtUnix && impossibleTime(*createdAtUnix - receivedUnix);
  for (auto& c : batch.counts) {
    // A bucket names the start of its hour (votes in it were given up to an hour later); one that
    // is no real time (month 13, hour 25) passed the wire's shape check and is impossible too.
    const auto bucketStart = common::parseIsoTime(c.bucket.substr(0, 16) + ":00" + c.bucket.substr(16));
    const bool impossible = refiled.wholeBatch || !bucketStart || impossibleTime(*bucketStart - receivedUnix);
    if (!impossible) continue;
    c.bucket = hourOf(receivedUnix, bucketOffset(c.bucket));
    ++refiled.buckets;
  }
  return refiled;
}

}  // namespace hub
