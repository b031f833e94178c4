// The two shares every report of a commitment carries — satisfaction = good / total and
// fair_or_worse = (fair + poor) / total — computed in one place for the hub's tallies, the
// rectification rule and the kiosk's USB export. Pure; thread-safe.
#pragma once

#include <cstdint>

namespace wire {

struct TallyCounts {
  std::int64_t good = 0;
  std::int64_t fair = 0;
  std::int64_t poor = 0;
  std::int64_t total() const { return good + fair + poor; }
};

struct TallyShares {
  double satisfaction = 0.0;  // 0 when there are no votes (reports show no share then)
  double fairOrWorse = 0.0;
};

TallyShares sharesOf(const TallyCounts& counts);

}  // namespace wire
