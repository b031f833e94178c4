#include "kiosk/core/results_wording.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

WindowWording windowWording(std::int64_t days) {
  constexpr double kDaysPerMonth = 365.25 / 12;
  if (days < 56) return {std::max<std::int64_t>(days, 0), false};
  return {std::llround(static_cast<double>(days) / kDaysPerMonth), true};
}

int wholePercent(double share) {
  if (!(share > 0)) return 0;  // also NaN
  if (share >= 1) return 100;
  return std::clamp(static_cast<int>(std::lround(share * 100)), 1, 99);
}

}  // namespace kiosk
