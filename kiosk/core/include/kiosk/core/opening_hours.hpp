// When the hall is open, per weekday in the hall's local time ("08:30-17:30", several ranges
// allowed, none = closed all day). Outside opening hours the kiosk takes no votes. Pure and
// immutable; thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.hpp"

namespace kiosk {

class OpeningHours {
 public:
  struct Range {
    int openMinute;   // minutes after local midnight
    int closeMinute;  // exclusive
  };

  // Open around the clock, every day (the default when nothing is configured).
  static OpeningHours always();
  // `spec` like "08:30-12:00,13:30-17:30" or "" (closed). Returns nullopt when malformed.
  static std::optional<std::vector<Range>> parseDay(std::string_view spec);

  // weekday: 0 = Monday ... 6 = Sunday.
  void setDay(int weekday, std::vector<Range> ranges);

  bool isOpen(WallTime t) const;
  // Seconds until isOpen() next changes (capped at a week); for the event loop's deadline.
  std::int64_t secondsUntilChange(WallTime t) const;
  // "08:30-17:30" for the day of `t` (to show on the closed screen); "" when closed all day.
  std::string todayText(WallTime t) const;

 private:
  std::array<std::vector<Range>, 7> days_;
};

}  // namespace kiosk
