// A KineticScroll driven by the finger inside one area of the screen (the list, the filter strip,
// the staff table): a drag that began in the area moves the content, lifting the finger flings it.
// Owned by a view; UI thread only.
#pragma once

#include "kiosk/core/gesture.hpp"
#include "kiosk/core/kinetic_scroll.hpp"

namespace kiosk::ui {

class TouchScroll {
 public:
  enum class Axis { Vertical, Horizontal };
  explicit TouchScroll(Axis axis = Axis::Vertical) : axis_(axis) {}

  // Feeds this frame's finger. Call before jumps (wheel, keys) and advance().
  void follow(const TapTracker& tap, const Rect& area, double time) {
    if (tap.dragging() && tap.origin() && area.contains(*tap.origin())) {
      // Finger up (or left) means the content further on.
      scroll.drag(-(axis_ == Axis::Vertical ? tap.position().y : tap.position().x), time);
      fingerOn_ = true;
    } else if (fingerOn_ && !tap.down()) {
      scroll.release(time);
      fingerOn_ = false;
    }
  }
  bool animating() const { return scroll.dragging() || scroll.moving(); }

  KineticScroll scroll;

 private:
  Axis axis_;
  bool fingerOn_ = false;
};

}  // namespace kiosk::ui
