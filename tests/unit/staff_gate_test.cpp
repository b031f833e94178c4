// The way into staff mode: the hidden long press, and the lockout after wrong PINs.
#include <doctest/doctest.h>

#include "kiosk/core/long_press.hpp"
#include "kiosk/core/pin_gate.hpp"

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

TEST_CASE("five wrong PINs lock the pad out, and each further one doubles the wait") {
  Instant t{};
  PinGate gate;
  for (int i = 0; i < 4; ++i) {
    CHECK(gate.triesLeft() == 5 - i);
    gate.failed(t);
    CHECK_FALSE(gate.lockedFor(t));
  }
  gate.failed(t);
  REQUIRE(gate.lockedFor(t));
  CHECK(*gate.lockedFor(t) == 30s);
  CHECK(gate.triesLeft() == 0);
  // Typing while locked out is not counted (the PIN is not even checked).
  gate.failed(t + 10s);
  CHECK(gate.failures() == 5);
  CHECK(*gate.lockedFor(t + 10s) == 20s);

  t += 30s;
  CHECK_FALSE(gate.lockedFor(t));
  gate.failed(t);
  CHECK(*gate.lockedFor(t) == 60s);
  t += 60s;
  gate.failed(t);
  CHECK(*gate.lockedFor(t) == 120s);

  gate.succeeded();
  CHECK(gate.triesLeft() == 5);
  CHECK_FALSE(gate.lockedFor(t));
}

TEST_CASE("the lockout is capped at an hour, and a restart does not hand out fresh tries") {
  CHECK(PinGate::lockoutAfter(4) == 0ms);
  CHECK(PinGate::lockoutAfter(5) == 30s);
  CHECK(PinGate::lockoutAfter(11) == 1920s);
  CHECK(PinGate::lockoutAfter(12) == 3600s);
  CHECK(PinGate::lockoutAfter(1000) == 3600s);

  const Instant boot{std::chrono::hours(1)};
  PinGate restored(7, boot);
  REQUIRE(restored.lockedFor(boot));
  CHECK(*restored.lockedFor(boot) == 120s);
  PinGate fresh(2, boot);
  CHECK_FALSE(fresh.lockedFor(boot));
  CHECK(fresh.triesLeft() == 3);
}
