// The way into staff mode, second half: the PIN pad's lockout after wrong PINs.
#include <doctest/doctest.h>

#include "kiosk/core/pin_gate.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

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
