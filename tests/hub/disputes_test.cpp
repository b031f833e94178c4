// hub/disputes: which days of a report's period a re-review took out, and the adjusted counts.
#include <doctest/doctest.h>

#include "hub/disputes.hpp"

using hub::DisputedRange;

namespace {
std::string days(const std::vector<hub::DayRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) out += (out.empty() ? "" : ",") + r.from + ".." + r.to;
  return out;
}
}  // namespace

TEST_CASE("disputed days: clipped to the period, overlaps and neighbours merged, other commitments ignored") {
  const std::vector<DisputedRange> ranges{
      {1, "hall-01", "c-1", "2026-05-20", "2026-06-05", "误触"},
      {2, "hall-01", "c-1", "2026-06-03", "2026-06-10", "同一人连续点击"},  // overlaps the first
      {3, "hall-01", "c-1", "2026-06-11", "2026-06-12", "x"},               // the day after: one range
      {4, "hall-01", "c-1", "2026-06-20", "2026-06-20", "y"},
      {5, "hall-02", "c-1", "2026-06-01", "2026-06-30", "another hall"},
      {6, "hall-01", "c-2", "2026-06-01", "2026-06-30", "another commitment"},
  };
  CHECK(days(hub::disputedDays(ranges, "hall-01", "c-1", "2026-06-01", "2026-06-30")) ==
        "2026-06-01..2026-06-12,2026-06-20..2026-06-20");
  CHECK(days(hub::disputedDays(ranges, "hall-01", "c-1", "2026-06-13", "2026-06-19")).empty());
  CHECK(days(hub::disputedDays(ranges, "hall-01", "c-1", "2026-01-01", "2026-12-31")) ==
        "2026-05-20..2026-06-12,2026-06-20..2026-06-20");
  CHECK(days(hub::disputedDays(ranges, "hall-03", "c-1", "2026-01-01", "2026-12-31")).empty());
  const auto touching = hub::rangesByCommitment(ranges, "2026-06-13", "2026-06-25");
  REQUIRE(touching.size() == 3);
  CHECK(touching.at({"hall-01", "c-1"}).size() == 1);
  CHECK(touching.at({"hall-01", "c-1"})[0].caseId == 4);
  CHECK(touching.count({"hall-02", "c-1"}) == 1);
}

TEST_CASE("adjusted counts are the raw ones less the disputed, never below zero") {
  const auto a = hub::adjustedCounts({30, 5, 20}, {2, 0, 15});
  CHECK(a.good == 28);
  CHECK(a.fair == 5);
  CHECK(a.poor == 5);
  const auto floor = hub::adjustedCounts({1, 1, 1}, {3, 0, 2});
  CHECK(floor.good == 0);
  CHECK(floor.poor == 0);
  CHECK(floor.total() == 1);
}
