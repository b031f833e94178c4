// Ratings found mistaken or malicious on re-review (复核认定评价有误) are never deleted: a disputed
// range marks a commitment's hours in one hall — as narrow as the appeal ("11 月 18 日 9 时"), or
// whole days — and reports show the raw figures beside the adjusted ones (raw minus what was
// counted in the disputed hours). This file decides which hours a report's period shares with the
// disputed ranges (overlaps merged, so no hour is taken off twice), cuts them into whole days and
// partial days for the store to count, and subtracts. Pure; thread-safe.
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
  int fromHour = 0;      // the first hour of `from` (0–23) and the last hour of `to`, inclusive:
  int toHour = 23;       // 0 and 23 mark whole days
};

// Inclusive hours, hall local time: from fromDay fromHour:00 to toDay toHour:59.
struct HourRange {
  std::string fromDay;
  int fromHour = 0;
  std::string toDay;
  int toHour = 23;
};

// The hours of the days [from, to] that the ranges of `hall` × `commitmentId` cover, as few ranges
// as possible, in order.
std::vector<HourRange> disputedHours(const std::vector<DisputedRange>& ranges, const std::string& hall,
                                     const std::string& commitmentId, const std::string& from, const std::string& to);

// A range cut as the store counts it: whole days from the day rows, and the hours of a day that
// is only partly covered from the hour rows (which only batches since hub.db v7 have).
struct CountPiece {
  std::string fromDay, toDay;  // one day when partial
  bool wholeDays = true;
  int fromHour = 0, toHour = 23;  // partial: the hours of fromDay
};
std::vector<CountPiece> countPieces(const HourRange& range);

// "2026-11-18 — 2026-11-20" for whole days, "2026-11-18 09:00 — 2026-11-18 10:59" with hours.
std::string rangeText(const DisputedRange& range);

// Raw minus disputed, never below zero in any rating.
wire::TallyCounts adjustedCounts(const wire::TallyCounts& raw, const wire::TallyCounts& disputed);

// (hall, commitment) -> the ranges that touch [from, to], for reports that list them.
std::map<std::pair<std::string, std::string>, std::vector<DisputedRange>> rangesByCommitment(
    const std::vector<DisputedRange>& ranges, const std::string& from, const std::string& to);

}  // namespace hub
