// A day's opening hours as halls write them: "08:30-17:30", several ranges "08:30-12:00,13:30-17:30"
// in order without overlap, or "" for closed. One parser for kiosk.toml's [hours] and for signed
// kiosk settings, so both accept exactly the same texts. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace common {

struct DayRange {
  int openMinute;   // minutes after local midnight
  int closeMinute;  // exclusive; 24:00 is 1440
};

// The ranges of `spec`, or nullopt when it is malformed.
std::optional<std::vector<DayRange>> parseDayHours(std::string_view spec);

}  // namespace common
