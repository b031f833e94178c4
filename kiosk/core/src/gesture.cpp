#include "kiosk/core/gesture.hpp"

#include <cmath>

namespace kiosk {

void TapTracker::update(Point pos, bool down) {
  const Point previous = pos_;
  released_ = false;
  dragDeltaY_ = 0;
  if (down && !down_) {
    origin_ = pos;
    dragging_ = false;
    cancelled_ = false;
  } else if (down && down_ && origin_) {
    if (!dragging_ && std::hypot(pos.x - origin_->x, pos.y - origin_->y) > slop_) dragging_ = true;
    if (dragging_) dragDeltaY_ = pos.y - previous.y;
  } else if (!down && down_) {
    released_ = true;
    // A release far from the origin is a drag even if no intermediate sample showed it.
    wasDrag_ = dragging_ || (origin_ && std::hypot(pos.x - origin_->x, pos.y - origin_->y) > slop_);
    dragging_ = false;
  }
  down_ = down;
  pos_ = pos;
}

void TapTracker::cancel() {
  if (down_) cancelled_ = true;
}

bool TapTracker::pressing(const Rect& r) const {
  return down_ && !dragging_ && !cancelled_ && origin_ && r.contains(*origin_) && r.contains(pos_);
}

bool TapTracker::tapped(const Rect& r) const {
  return released_ && !wasDrag_ && !cancelled_ && origin_ && r.contains(*origin_) && r.contains(pos_);
}

}  // namespace kiosk
