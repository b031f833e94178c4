#include "kiosk/core/long_press.hpp"

#include <cmath>

namespace kiosk {

bool LongPress::update(Point pos, bool down, double t, const Rect& region) {
  const bool pressStarts = down && !wasDown_;
  wasDown_ = down;
  if (pressStarts) {
    armed_ = region.contains(pos);
    origin_ = pos;
    since_ = t;
    return false;
  }
  if (!down || !armed_) {
    armed_ = false;
    return false;
  }
  if (std::hypot(pos.x - origin_.x, pos.y - origin_.y) > slop_ || !region.contains(pos)) {
    armed_ = false;  // a finger that moves is scrolling or wiping, not asking for staff mode
    return false;
  }
  if (t - since_ < hold_) return false;
  armed_ = false;  // once per press: holding on does not fire again
  return true;
}

std::optional<double> LongPress::remaining(double t) const {
  if (!armed_) return std::nullopt;
  return std::max(0.0, since_ + hold_ - t);
}

}  // namespace kiosk
