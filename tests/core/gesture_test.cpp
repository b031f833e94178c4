// TapTracker: a tap is a press and release in one target without moving past the slop.
#include <doctest/doctest.h>

#include "kiosk/core/gesture.hpp"

using namespace kiosk;

TEST_CASE("press and release in place is a tap of that target only") {
  TapTracker t(10);
  const Rect button{0, 0, 100, 100}, other{200, 0, 300, 100};
  t.update({50, 50}, true);
  CHECK(t.pressing(button));
  CHECK_FALSE(t.tapped(button));
  t.update({52, 51}, false);
  CHECK(t.tapped(button));
  CHECK_FALSE(t.tapped(other));
  t.update({52, 51}, false);
  CHECK_FALSE(t.tapped(button));  // only in the release frame
}

TEST_CASE("moving past the slop turns the press into a drag that never taps") {
  TapTracker t(10);
  const Rect button{0, 0, 100, 200};
  t.update({50, 50}, true);
  t.update({50, 70}, true);
  CHECK(t.dragging());
  CHECK(t.dragDeltaY() == doctest::Approx(20));
  CHECK_FALSE(t.pressing(button));
  t.update({50, 52}, true);  // back over the start
  t.update({50, 52}, false);
  CHECK_FALSE(t.tapped(button));
}

TEST_CASE("a release far away without intermediate samples is still a drag") {
  TapTracker t(10);
  const Rect button{0, 0, 1000, 1000};
  t.update({50, 50}, true);
  t.update({50, 400}, false);
  CHECK_FALSE(t.tapped(button));
}

TEST_CASE("sliding off a button cancels it") {
  TapTracker t(50);
  const Rect button{0, 0, 100, 100};
  t.update({90, 50}, true);
  t.update({120, 50}, false);
  CHECK_FALSE(t.tapped(button));
}

TEST_CASE("a press cancelled by a screen change taps nothing when it lifts, but the next press does") {
  kiosk::TapTracker t(10);
  const kiosk::Rect button{0, 0, 100, 100};
  t.update({50, 50}, true);
  t.cancel();  // the screen changed under the finger
  CHECK_FALSE(t.pressing(button));
  t.update({50, 50}, false);
  CHECK_FALSE(t.tapped(button));
  t.update({50, 50}, true);
  t.update({50, 50}, false);
  CHECK(t.tapped(button));
  t.cancel();  // no finger down: nothing to cancel
  t.update({50, 50}, true);
  t.update({50, 50}, false);
  CHECK(t.tapped(button));
}
