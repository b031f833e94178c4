#include "hub/disputes.hpp"

#include <algorithm>

#include "common/iso_time.hpp"

namespace hub {

std::vector<DayRange> disputedDays(const std::vector<DisputedRange>& ranges, const std::string& hall,
                                   const std::string& commitmentId, const std::string& from, const std::string& to) {
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;
  const std::int64_t lo = common::dayNumber(from), hi = common::dayNumber(to);
  for (const auto& r : ranges) {
    if (r.hall != hall || r.commitmentId != commitmentId) continue;
    const std::int64_t a = std::max(lo, common::dayNumber(r.from)), b = std::min(hi, common::dayNumber(r.to));
    if (a <= b) spans.emplace_back(a, b);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<std::int64_t, std::int64_t>> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.first <= merged.back().second + 1)
      merged.back().second = std::max(merged.back().second, s.second);
    else merged.push_back(s);
  }
  std::vector<DayRange> out;
  for (const auto& [a, b] : merged) out.push_back({common::dayText(a), common::dayText(b)});
  return out;
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
