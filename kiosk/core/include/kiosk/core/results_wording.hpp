// How 你评我改 figures are said to a resident: the window in months or days, satisfaction as a
// whole percent that never rounds a mixed result to 0 % or 100 %. Pure; thread-safe.
#pragma once

#include <cstdint>

namespace kiosk {

struct WindowWording {
  std::int64_t count = 0;
  bool months = false;  // "近 3 个月" rather than "近 90 天"
};

// 90 days -> 3 months, 180 -> 6, 365 -> 12; under eight weeks in days (30 -> 30 days).
WindowWording windowWording(std::int64_t days);

// 0.855 -> 86. A share strictly between 0 and 1 stays in 1..99: "100 %" must mean nobody was unhappy.
int wholePercent(double share);

}  // namespace kiosk
