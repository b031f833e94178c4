// kiosk::windowWording / wholePercent: how results are said to a resident.
#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

#include "kiosk/core/results_wording.hpp"

TEST_CASE("windows of whole months are said in months, short ones in days") {
  struct Case {
    std::int64_t days, count;
    bool months;
  };
  for (const Case c : {Case{90, 3, true}, Case{91, 3, true}, Case{180, 6, true}, Case{365, 12, true},
                       Case{366, 12, true}, Case{56, 2, true}, Case{55, 55, false}, Case{30, 30, false},
                       Case{1, 1, false}, Case{0, 0, false}, Case{-3, 0, false}}) {
    CAPTURE(c.days);
    const auto w = kiosk::windowWording(c.days);
    CHECK(w.count == c.count);
    CHECK(w.months == c.months);
  }
}

TEST_CASE("satisfaction rounds to a whole percent, never to 0 or 100 for a mixed result") {
  CHECK(kiosk::wholePercent(0.855) == 86);
  CHECK(kiosk::wholePercent(0.8) == 80);
  CHECK(kiosk::wholePercent(1.0) == 100);
  CHECK(kiosk::wholePercent(0.0) == 0);
  CHECK(kiosk::wholePercent(0.998) == 99);  // one unhappy resident in 500 is not "100 %"
  CHECK(kiosk::wholePercent(0.003) == 1);
  CHECK(kiosk::wholePercent(-0.5) == 0);
  CHECK(kiosk::wholePercent(7.0) == 100);
  CHECK(kiosk::wholePercent(std::nan("")) == 0);
}
