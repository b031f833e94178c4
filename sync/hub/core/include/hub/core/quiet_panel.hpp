// A touch panel that may be dead: a kiosk that spent a good part of a day in its opening hours and
// registered no touch at all. From the per-day sums the hub keeps of the heartbeats' `touches` and
// `open_s` (the kiosk knows its own hours, so the hub need not). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hub {

struct PanelDay {
  std::string day;  // YYYY-MM-DD, the halls' local date
  std::int64_t touches = 0;
  std::int64_t openSeconds = 0;
};

// Two hours open without a touch: a quiet morning in a small hall still sees someone try the
// screen; a panel that has come loose or a frozen touch driver sees nobody all day.
inline constexpr std::int64_t kQuietOpenSeconds = 2 * 3600;

// Of `today` and `yesterday`, the most recent day the kiosk was open at least kQuietOpenSeconds and
// registered no touch; nothing when both saw touches or were not open long enough.
std::optional<PanelDay> quietOpenDay(const std::vector<PanelDay>& days, const std::string& today,
                                     const std::string& yesterday);

}  // namespace hub
