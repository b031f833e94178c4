#include "hub/core/attention.hpp"

#include <algorithm>

namespace hub {

namespace {

double satisfaction(const wire::TallyCounts& c) { return static_cast<double>(c.good) / static_cast<double>(c.total()); }

}  // namespace

ScoreChange satisfactionChange(const wire::TallyCounts& now, const wire::TallyCounts& before, std::int64_t minVotes) {
  const std::int64_t floor = std::max<std::int64_t>(1, minVotes);
  if (now.total() < floor) return {ScoreChange::Missing::NowTooFew};
  if (before.total() < floor) return {ScoreChange::Missing::BeforeTooFew};
  return {ScoreChange::Missing::None, satisfaction(before), (satisfaction(now) - satisfaction(before)) * 100};
}

std::vector<Scored> worstFirst(std::vector<Scored> items, std::int64_t minVotes, std::size_t limit) {
  const std::int64_t floor = std::max<std::int64_t>(1, minVotes);
  items.erase(
      std::remove_if(items.begin(), items.end(),
                     [&](const Scored& s) { return s.counts.total() < floor || s.counts.fair + s.counts.poor == 0; }),
      items.end());
  std::sort(items.begin(), items.end(), [](const Scored& a, const Scored& b) {
    // Compared as fractions (cross-multiplied), so equal shares tie exactly.
    const auto lhs = (a.counts.fair + a.counts.poor) * b.counts.total();
    const auto rhs = (b.counts.fair + b.counts.poor) * a.counts.total();
    if (lhs != rhs) return lhs > rhs;
    if (a.counts.total() != b.counts.total()) return a.counts.total() > b.counts.total();
    return a.key < b.key;
  });
  if (items.size() > limit) items.resize(limit);
  return items;
}

}  // namespace hub
