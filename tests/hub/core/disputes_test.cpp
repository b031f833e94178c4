// hub/disputes: which days of a report's period a re-review took out, and the adjusted counts.
#include <doctest/doctest.h>

#include "hub/core/disputes.hpp"

using hub::DisputedRange;

namespace {
std::string days(const std::vector<hub::HourRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    out += (out.empty() ? "" : ",") + r.fromDay + ".." + r.toDay;
    if (r.fromHour != 0 || r.toHour != 23) out += "@" + std::to_string(r.fromHour) + "-" + std::to_string(r.toHour);
  }
  return out;
}
std::string pieces(const hub::HourRange& range) {
  std::string out;
  for (const auto& p : hub::countPieces(range))
    out += (out.empty() ? "" : ",") + p.fromDay + ".." + p.toDay +
           (p.wholeDays ? "" : "@" + std::to_string(p.fromHour) + "-" + std::to_string(p.toHour));
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
  CHECK(days(hub::disputedHours(ranges, "hall-01", "c-1", "2026-06-01", "2026-06-30")) ==
        "2026-06-01..2026-06-12,2026-06-20..2026-06-20");
  CHECK(days(hub::disputedHours(ranges, "hall-01", "c-1", "2026-06-13", "2026-06-19")).empty());
  CHECK(days(hub::disputedHours(ranges, "hall-01", "c-1", "2026-01-01", "2026-12-31")) ==
        "2026-05-20..2026-06-12,2026-06-20..2026-06-20");
  CHECK(days(hub::disputedHours(ranges, "hall-03", "c-1", "2026-01-01", "2026-12-31")).empty());
  const auto touching = hub::rangesByCommitment(ranges, "2026-06-13", "2026-06-25");
  REQUIRE(touching.size() == 3);
  CHECK(touching.at({"hall-01", "c-1"}).size() == 1);
  CHECK(touching.at({"hall-01", "c-1"})[0].caseId == 4);
  CHECK(touching.count({"hall-02", "c-1"}) == 1);
}

TEST_CASE("disputed hours: an appeal's hour is marked alone, neighbours merged, cut into whole and partial days") {
  std::vector<DisputedRange> ranges{{1, "hall-01", "c-1", "2026-11-18", "2026-11-18", "误触", 9, 9}};
  CHECK(days(hub::disputedHours(ranges, "hall-01", "c-1", "2026-11-01", "2026-11-30")) == "2026-11-18..2026-11-18@9-9");
  ranges.push_back({2, "hall-01", "c-1", "2026-11-18", "2026-11-20", "连续点击", 10, 8});  // from the next hour
  CHECK(days(hub::disputedHours(ranges, "hall-01", "c-1", "2026-11-01", "2026-11-30")) == "2026-11-18..2026-11-20@9-8");
  // A period that starts on the 19th keeps only what falls in it.
  CHECK(days(hub::disputedHours(ranges, "hall-01", "c-1", "2026-11-19", "2026-11-30")) == "2026-11-19..2026-11-20@0-8");
  CHECK(pieces({"2026-11-18", 9, "2026-11-20", 8}) ==
        "2026-11-18..2026-11-18@9-23,2026-11-19..2026-11-19,2026-11-20..2026-11-20@0-8");
  CHECK(pieces({"2026-11-18", 9, "2026-11-18", 10}) == "2026-11-18..2026-11-18@9-10");
  CHECK(pieces({"2026-11-18", 0, "2026-11-20", 23}) == "2026-11-18..2026-11-20");
  CHECK(pieces({"2026-11-18", 5, "2026-11-19", 23}) == "2026-11-18..2026-11-18@5-23,2026-11-19..2026-11-19");
  CHECK(hub::rangeText(ranges[0]) == "2026-11-18 09:00 — 2026-11-18 09:59");
  CHECK(hub::rangeText({3, "hall-01", "c-1", "2026-11-18", "2026-11-19", "x"}) == "2026-11-18 — 2026-11-19");
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
