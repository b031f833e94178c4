// Time buckets: local time with offset, floored to the bucket, across day and year boundaries.
#include <doctest/doctest.h>

#include "common/iso_time.hpp"
#include "kiosk/core/time_bucket.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("an hour bucket in China Standard Time") {
  // 2026-11-21T01:17:45Z = 09:17:45 at +08:00
  CHECK(bucketLabel({1'795'223'865, 8 * 3600}, 60min) == "2026-11-21T09:00+08:00");
  CHECK(bucketLabel({1'795'223'865, 8 * 3600}, 15min) == "2026-11-21T09:15+08:00");
  CHECK(bucketLabel({1'795'223'865, 8 * 3600}, 1440min) == "2026-11-21T00:00+08:00");
}

TEST_CASE("the local date, not the UTC date, names the bucket") {
  // 2026-12-31T16:30:00Z is already 2027-01-01 00:30 in Beijing.
  CHECK(bucketLabel({1'798'734'600, 8 * 3600}, 60min) == "2027-01-01T00:00+08:00");
  CHECK(bucketLabel({1'798'734'600, 0}, 60min) == "2026-12-31T16:00+00:00");
}

TEST_CASE("negative and half-hour offsets") {
  CHECK(bucketLabel({0, -5 * 3600}, 60min) == "1969-12-31T19:00-05:00");
  CHECK(bucketLabel({0, 5 * 3600 + 1800}, 60min) == "1970-01-01T05:00+05:30");
  CHECK(bucketLabel({951'782'400, 0}, 60min) == "2000-02-29T00:00+00:00");  // leap day
}

TEST_CASE("only divisors of a day are valid buckets") {
  CHECK(isValidBucket(60min));
  CHECK(isValidBucket(1min));
  CHECK(isValidBucket(1440min));
  CHECK_FALSE(isValidBucket(7min));
  CHECK_FALSE(isValidBucket(0min));
}

TEST_CASE("timestamps keep the seconds and the offset") {
  CHECK(common::isoTimestamp({1'795'223'865, 8 * 3600}) == "2026-11-21T09:17:45+08:00");
  CHECK(common::isoTimestamp({0, -5 * 3600}) == "1969-12-31T19:00:00-05:00");
}
