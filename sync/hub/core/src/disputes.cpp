#include "hub/core/disputes.hpp"

#include <algorithm>

#include "common/iso_time.hpp"

namespace hub {

std::vector<HourRange> disputedHours(const std::vector<DisputedRange>& ranges, const std::string& hall,
                                     const std::string& commitmentId, const std::string& from, const std::string& to) {
  // Hours counted from day 0: a day's hour h is day * 24 + h.
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;
  const std::int64_t lo = common::dayNumber(from) * 24, hi = common::dayNumber(to) * 24 + 23;
  for (const auto& r : ranges) {
    if (r.hall != hall || r.commitmentId != commitmentId) continue;
    const std::int64_t a = std::max(lo, common::dayNumber(r.from) * 24 + r.fromHour);
    const std::int64_t b = std::min(hi, common::dayNumber(r.to) * 24 + r.toHour);
    if (a <= b) spans.emplace_back(a, b);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<std::int64_t, std::int64_t>> merged;
  for (const auto& span : spans) {
    if (!merged.empty() && span.first <= merged.back().second + 1)
      merged.back().second = std::max(merged.back().second, span.second);
    else merged.push_back(span);
  }
  std::vector<HourRange> out;
  for (const auto& [a, b] : merged)
    out.push_back(
        {common::dayText(a / 24), static_cast<int>(a % 24), common::dayText(b / 24), static_cast<int>(b % 24)});
  return out;
}

std::vector<CountPiece> countPieces(const HourRange& range) {
  std::vector<CountPiece> pieces;
  std::int64_t first = common::dayNumber(range.fromDay), last = common::dayNumber(range.toDay);
  if (first == last && (range.fromHour > 0 || range.toHour < 23))
    return {{range.fromDay, range.fromDay, false, range.fromHour, range.toHour}};
  if (range.fromHour > 0) pieces.push_back({range.fromDay, range.fromDay, false, range.fromHour, 23}), ++first;
  const bool partialTail = range.toHour < 23;
  if (partialTail) --last;
  if (first <= last) pieces.push_back({common::dayText(first), common::dayText(last), true, 0, 23});
  if (partialTail) pieces.push_back({range.toDay, range.toDay, false, 0, range.toHour});
  return pieces;
}

std::string rangeText(const DisputedRange& range) {
  if (range.fromHour == 0 && range.toHour == 23) return range.from + " — " + range.to;
  const auto two = [](int h) { return std::string(h < 10 ? "0" : "") + std::to_string(h); };
  return range.from + " " + two(range.fromHour) + ":00 — " + range.to + " " + two(range.toHour) + ":59";
}

wire::TallyCounts adjustedCounts(const wire::TallyCounts& raw, const wire::TallyCounts& disputed) {
  const auto less = [](std::int64_t a, std::int64_t b) { return std::max<std::int64_t>(0, a - b); };
  return {less(raw.good, disputed.good), less(raw.fair, disputed.fair), less(raw.poor, disputed.poor)};
}

std::map<std::pair<std::string, std::string>, std::vector<DisputedRange>> rangesByCommitment(
    const std::vector<DisputedRange>& ranges, const std::string& from, const std::string& to) {
  std::map<std::pair<std::string, std::string>, std::vector<DisputedRange>> out;
  for (const auto& r : ranges)
    if (r.from <= to && r.to >= from) out[{r.hall, r.commitmentId}].push_back(r);
  return out;
}

}  // namespace hub
