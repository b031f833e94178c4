// Tells a tap from a drag, one pointer sample per frame, so scrolling never presses a button.
// Pure state machine; single-threaded (owned by the UI).
#pragma once

#include <optional>

namespace kiosk {

struct Point {
  float x = 0;
  float y = 0;
};

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool contains(Point p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
};

class TapTracker {
 public:
  // `slop`: how far (in pixels) a press may wander before it becomes a drag.
  explicit TapTracker(float slop) : slop_(slop) {}

  void update(Point pos, bool down);
  // The screen changed under a finger that is still down: that press taps nothing (a button on
  // the new screen must not fire because a finger lifted from the old one). Dragging still works.
  void cancel();

  bool down() const { return down_; }
  bool dragging() const { return dragging_; }
  Point position() const { return pos_; }
  std::optional<Point> origin() const { return origin_; }
  // Vertical movement since the previous sample while dragging; 0 otherwise.
  float dragDeltaY() const { return dragDeltaY_; }

  // A press still eligible to become a tap of `r` (for the pressed look).
  bool pressing(const Rect& r) const;
  // True in the one frame where a press that started and ended in `r` was released without dragging.
  bool tapped(const Rect& r) const;

 private:
  float slop_;
  bool down_ = false;
  bool dragging_ = false;
  bool released_ = false;
  bool wasDrag_ = false;
  bool cancelled_ = false;
  Point pos_;
  std::optional<Point> origin_;
  float dragDeltaY_ = 0;
};

}  // namespace kiosk
