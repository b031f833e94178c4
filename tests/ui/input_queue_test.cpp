// InputQueue: one button transition per frame, so a press+release in one poll is not lost.
#include <doctest/doctest.h>

#include "kiosk/ui/input_queue.hpp"

using kiosk::ui::InputQueue;
using kiosk::ui::PointerEvent;
using Kind = kiosk::ui::PointerEvent::Kind;

TEST_CASE("press and release arriving together are seen in two frames") {
  InputQueue q;
  q.push({Kind::Move, {10, 20}, 0});
  q.push({Kind::Down, {10, 20}, 0});
  q.push({Kind::Up, {11, 20}, 0});
  auto first = q.nextFrame();
  CHECK(first.down);
  CHECK(first.pos.x == 10);
  CHECK_FALSE(q.empty());
  auto second = q.nextFrame();
  CHECK_FALSE(second.down);
  CHECK(second.pos.x == 11);
  CHECK(q.empty());
}

TEST_CASE("moves coalesce and wheel lines add up within a frame") {
  InputQueue q;
  q.push({Kind::Move, {1, 1}, 0});
  q.push({Kind::Wheel, {2, 2}, 1.0f});
  q.push({Kind::Wheel, {3, 3}, 2.0f});
  auto s = q.nextFrame();
  CHECK(s.pos.x == 3);
  CHECK(s.wheel == doctest::Approx(3.0f));
  CHECK(q.nextFrame().wheel == 0.0f);
}
