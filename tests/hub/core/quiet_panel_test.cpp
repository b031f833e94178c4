// hub::quietOpenDay: a panel open for hours without one touch is flagged; a quiet but touched day,
// a short opening, or an older day is not.
#include <doctest/doctest.h>

#include "hub/core/quiet_panel.hpp"

using hub::kQuietOpenSeconds;
using hub::PanelDay;
using hub::quietOpenDay;

TEST_CASE("a day open for hours without a touch is flagged, today before yesterday") {
  const std::vector<PanelDay> days{{"2026-11-16", 0, 8 * 3600},  // older than yesterday: not looked at
                                   {"2026-11-17", 0, 8 * 3600},
                                   {"2026-11-18", 0, 3 * 3600}};
  const auto quiet = quietOpenDay(days, "2026-11-18", "2026-11-17");
  REQUIRE(quiet);
  CHECK(quiet->day == "2026-11-18");
  CHECK(quiet->openSeconds == 3 * 3600);
  // Today touched: yesterday's silence still shows.
  const std::vector<PanelDay> touchedToday{{"2026-11-17", 0, 8 * 3600}, {"2026-11-18", 4, 3 * 3600}};
  REQUIRE(quietOpenDay(touchedToday, "2026-11-18", "2026-11-17"));
  CHECK(quietOpenDay(touchedToday, "2026-11-18", "2026-11-17")->day == "2026-11-17");
}

TEST_CASE("one touch, a short opening or no figures at all is not flagged") {
  CHECK_FALSE(quietOpenDay({{"2026-11-18", 1, 10 * 3600}}, "2026-11-18", "2026-11-17"));
  CHECK_FALSE(quietOpenDay({{"2026-11-18", 0, kQuietOpenSeconds - 1}}, "2026-11-18", "2026-11-17"));
  CHECK(quietOpenDay({{"2026-11-18", 0, kQuietOpenSeconds}}, "2026-11-18", "2026-11-17"));
  CHECK_FALSE(quietOpenDay({}, "2026-11-18", "2026-11-17"));
  CHECK_FALSE(quietOpenDay({{"2026-11-15", 0, 10 * 3600}}, "2026-11-18", "2026-11-17"));
}
