// The way into staff mode, first half: the hidden long press in the corner.
#include <doctest/doctest.h>

#include <chrono>

#include "kiosk/core/long_press.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
const Rect kCorner{0, 0, 100, 100};
}

TEST_CASE("a press held still in the corner fires once, after the hold time") {
  LongPress lp(5.0, 10);
  CHECK_FALSE(lp.update({20, 20}, true, 0.0, kCorner));
  CHECK(lp.remaining(1.0) == doctest::Approx(4.0));
  CHECK_FALSE(lp.update({24, 22}, true, 4.9, kCorner));  // a little wobble is fine
  CHECK(lp.update({24, 22}, true, 5.0, kCorner));
  CHECK_FALSE(lp.update({24, 22}, true, 9.0, kCorner));  // holding on does not fire again
  CHECK_FALSE(lp.remaining(9.0));
}

TEST_CASE("the long press does not fire for a short press, a drag, or a press outside the corner") {
  LongPress lp(5.0, 10);
  // Released early, then a new press that starts again from zero.
  lp.update({20, 20}, true, 0.0, kCorner);
  lp.update({20, 20}, false, 3.0, kCorner);
  lp.update({20, 20}, true, 3.5, kCorner);
  CHECK_FALSE(lp.update({20, 20}, true, 7.0, kCorner));
  CHECK(lp.update({20, 20}, true, 8.5, kCorner));
  lp.update({20, 20}, false, 9.0, kCorner);

  // A finger that slides (a wipe of the glass) is not a long press, even if it stops again.
  lp.update({20, 20}, true, 10.0, kCorner);
  lp.update({40, 20}, true, 11.0, kCorner);
  lp.update({20, 20}, true, 12.0, kCorner);
  CHECK_FALSE(lp.update({20, 20}, true, 20.0, kCorner));
  lp.update({20, 20}, false, 21.0, kCorner);

  // Outside the region; and a press that starts outside and slides in.
  lp.update({500, 500}, true, 30.0, kCorner);
  CHECK_FALSE(lp.update({500, 500}, true, 40.0, kCorner));
  lp.update({500, 500}, false, 41.0, kCorner);
  lp.update({150, 20}, true, 50.0, kCorner);
  lp.update({95, 20}, true, 50.1, kCorner);
  CHECK_FALSE(lp.update({95, 20}, true, 60.0, kCorner));
}
