// Kinetic scrolling as a function of drag samples and time.
#include <doctest/doctest.h>

#include "kiosk/core/kinetic_scroll.hpp"

using kiosk::KineticScroll;

namespace {
// A finger moving the content by `perFrame` px each 1/60 s for `frames` frames, starting at t.
double swipe(KineticScroll& s, float perFrame, int frames, double t, float maxOffset) {
  float finger = 0;
  for (int i = 0; i <= frames; ++i, t += 1.0 / 60) {
    s.drag(finger, t);
    s.advance(t, maxOffset);
    finger += perFrame;
  }
  return t;
}
}  // namespace

TEST_CASE("the content follows the finger exactly while dragging inside the range") {
  KineticScroll s;
  swipe(s, 10, 30, 0, 10'000);
  CHECK(s.offset() == doctest::Approx(300));
  CHECK(s.dragging());
}

TEST_CASE("a fling glides on, slows down and stops by itself") {
  KineticScroll s;
  double t = swipe(s, 20, 12, 0, 10'000);  // 1,200 px/s
  const float atRelease = s.offset();
  s.release(t);
  CHECK(s.velocity() == doctest::Approx(1200).epsilon(0.05));
  CHECK(s.moving());
  float previousStep = 1e9f;
  for (int frame = 0; frame < 600 && s.moving(); ++frame) {
    const float before = s.offset();
    t += 1.0 / 60;
    s.advance(t, 10'000);
    const float step = s.offset() - before;
    CHECK(step >= 0);
    CHECK(step <= previousStep + 1e-3f);  // never speeds up
    previousStep = step;
  }
  CHECK_FALSE(s.moving());
  CHECK(s.offset() > atRelease + 300);  // carried on well past the release point
  CHECK(s.offset() < atRelease + 500);  // ~ v / decay = 400 px
}

TEST_CASE("a finger that stops before lifting does not fling") {
  KineticScroll s;
  double t = swipe(s, 20, 12, 0, 10'000);
  s.drag(240, t + 0.2);  // held still for 200 ms
  s.release(t + 0.2);
  CHECK(s.velocity() == 0);
}

TEST_CASE("past an end the list resists and springs back") {
  KineticScroll s;
  double t = swipe(s, -10, 30, 0, 1000);  // pull 300 px above the top
  CHECK(s.offset() == doctest::Approx(-300 * KineticScroll::kRubberBand));
  s.release(t);
  for (int frame = 0; frame < 120 && s.moving(); ++frame) s.advance(t += 1.0 / 60, 1000);
  CHECK_FALSE(s.moving());
  CHECK(s.offset() == 0);

  KineticScroll end;
  t = swipe(end, 40, 30, 0, 500);  // a hard fling into the bottom
  end.release(t);
  for (int frame = 0; frame < 240 && end.moving(); ++frame) end.advance(t += 1.0 / 60, 500);
  CHECK(end.offset() == 500);
}

TEST_CASE("keyboard jumps stop any motion, a new touch catches a gliding list") {
  KineticScroll s;
  double t = swipe(s, 20, 12, 0, 10'000);
  s.release(t);
  s.advance(t += 0.05, 10'000);
  const float caught = s.offset();
  s.drag(0, t);  // touch down: the glide stops where it is
  CHECK(s.advance(t, 10'000) == doctest::Approx(caught));
  s.jumpTo(100);
  CHECK_FALSE(s.moving());
  CHECK(s.advance(t + 1, 10'000) == 100);
}
