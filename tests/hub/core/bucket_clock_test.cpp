// refileImpossibleTimes: which counts a wrong kiosk clock put in an impossible hour, and where
// they go. Received at 2026-11-21T10:20:00+08:00 (02:20 UTC) in every case.
#include <doctest/doctest.h>

#include "common/iso_time.hpp"
#include "hub/core/bucket_clock.hpp"

namespace {

constexpr std::int64_t kReceived = 1'795'227'600;  // 2026-11-21T02:20:00Z

wire::RatingBatch batchWith(std::initializer_list<const char*> buckets) {
  wire::RatingBatch b{"hall-01-k1", "epoch-1", 1, "2026-11-21T10:19:00+08:00", {}};
  for (const char* bucket : buckets) b.counts.push_back({"c-0001", 1, bucket, "good", std::nullopt, 1, 0});
  return b;
}

}  // namespace

TEST_CASE("the received time used by these tests is what it says") {
  CHECK(common::parseIsoTime("2026-11-21T10:20:00+08:00") == kReceived);
}

TEST_CASE("a sane batch keeps every bucket, up to a year back and the current hour") {
  auto b = batchWith({"2026-11-21T10:00+08:00", "2026-11-14T17:00+08:00", "2025-11-21T11:00+08:00"});
  const auto r = hub::refileImpossibleTimes(b, kReceived, common::parseIsoTime(b.createdAt));
  CHECK_FALSE(r.wholeBatch);
  CHECK(r.buckets == 0);
  CHECK(b.counts[0].bucket == "2026-11-21T10:00+08:00");
  CHECK(b.counts[1].bucket == "2026-11-14T17:00+08:00");
  CHECK(b.counts[2].bucket == "2025-11-21T11:00+08:00");
}

TEST_CASE("buckets of tomorrow and of 2024 in a batch with a sane created_at go to the hour of receipt") {
  // The kiosk's clock was a day ahead, then two years behind, and was corrected before freezing.
  auto b = batchWith({"2026-11-22T09:00+08:00", "2024-11-21T09:00+08:00", "2026-11-21T09:00+08:00"});
  const auto r = hub::refileImpossibleTimes(b, kReceived, common::parseIsoTime(b.createdAt));
  CHECK_FALSE(r.wholeBatch);
  CHECK(r.buckets == 2);
  CHECK(b.counts[0].bucket == "2026-11-21T10:00+08:00");
  CHECK(b.counts[1].bucket == "2026-11-21T10:00+08:00");
  CHECK(b.counts[2].bucket == "2026-11-21T09:00+08:00");  // a normal earlier hour stays
}

TEST_CASE("the next hour within the tolerance stays, beyond it moves") {
  auto b = batchWith({"2026-11-21T10:30+08:00", "2026-11-21T11:00+08:00"});  // +10 min, +40 min
  const auto r = hub::refileImpossibleTimes(b, kReceived, common::parseIsoTime(b.createdAt));
  CHECK(r.buckets == 1);
  CHECK(b.counts[0].bucket == "2026-11-21T10:30+08:00");
  CHECK(b.counts[1].bucket == "2026-11-21T10:00+08:00");
}

TEST_CASE("an impossible created_at moves every bucket, keeping each bucket's own offset") {
  auto b = batchWith({"2026-11-22T09:00+08:00", "2026-11-21T20:00-05:00"});
  b.createdAt = "2026-11-22T10:00:00+08:00";
  const auto r = hub::refileImpossibleTimes(b, kReceived, common::parseIsoTime(b.createdAt));
  CHECK(r.wholeBatch);
  CHECK(r.buckets == 2);
  CHECK(b.counts[0].bucket == "2026-11-21T10:00+08:00");
  CHECK(b.counts[1].bucket == "2026-11-20T21:00-05:00");  // 02:20 UTC is 21:20 the day before there
}

TEST_CASE("a bucket shaped like a time but naming none (month 13, hour 25) is refiled too") {
  auto b = batchWith({"2026-13-01T09:00+08:00", "2026-11-21T25:00+08:00"});
  const auto r = hub::refileImpossibleTimes(b, kReceived, common::parseIsoTime(b.createdAt));
  CHECK(r.buckets == 2);
  CHECK(b.counts[0].bucket == "2026-11-21T10:00+08:00");
  CHECK(b.counts[1].bucket == "2026-11-21T10:00+08:00");
}
