// Ratings found mistaken or malicious on re-review (复核认定评价有误) are never deleted: a disputed
// range marks a commitment's days in one hall, and reports show the raw figures beside the
// adjusted ones (raw minus what was counted on the disputed days). This file decides which days
// a report's period shares with the disputed ranges (overlaps merged, so no day is taken off
// twice) and subtracts; the counts on those days come from the store. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "wire/tally_shares.hpp"

namespace hub {

struct DisputedRange {
  std::int64_t caseId = 0;
  std::string hall, commitmentId;
  std::string from, to;  // inclusive days, hall local time
  std::string reason;    // the re-review's note
};

struct DayRange {
  std::string from, to;
};

// The days of [from, to] that the ranges of `hall` × `commitmentId` cover, as few ranges as
// possible, in order.
std::vector<DayRange> disputedDays(const std::vector<DisputedRange>& ranges, const std::string& hall,
                                   const std::string& commitmentId, const std::string& from, const std::string& to);

// Raw minus disputed, never below zero in any rating.
wire::TallyCounts adjustedCounts(const wire::TallyCounts& raw, const wire::TallyCounts& disputed);

// (hall, commitment) -> the ranges that touch [from, to], for reports that list them.
std::map<std::pair<std::string, std::string>, std::vector<DisputedRange>> rangesByCommitment(
    const std::vector<DisputedRange>& ranges, const std::string& from, const std::string& to);

}  // namespace hub
