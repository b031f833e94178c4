#include "kiosk/core/kinetic_scroll.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

void KineticScroll::drag(float fingerOffset, double t) {
  if (!dragging_) {
    dragging_ = true;
    moving_ = false;
    velocity_ = 0;
    samples_.clear();
    fingerStart_ = offset_;
    dragOrigin_ = fingerOffset;
  }
  samples_.push_back({fingerStart_ + (fingerOffset - dragOrigin_), t});
  while (samples_.size() > 2 && t - samples_.front().t > 0.1) samples_.pop_front();  // the last 100 ms
  lastT_ = t;
}

void KineticScroll::release(double t) {
  if (!dragging_) return;
  dragging_ = false;
  velocity_ = 0;
  // Velocity over the last 100 ms of the drag; a finger that stopped before lifting does not fling.
  if (samples_.size() >= 2 && t - samples_.back().t < 0.05) {
    const Sample& a = samples_.front();
    const Sample& b = samples_.back();
    if (b.t > a.t) velocity_ = static_cast<float>((b.offset - a.offset) / (b.t - a.t));
  }
  samples_.clear();
  moving_ = true;
  lastT_ = t;
}

void KineticScroll::jumpTo(float target) {
  offset_ = target;
  velocity_ = 0;
  moving_ = false;
  dragging_ = false;
  samples_.clear();
}

float KineticScroll::advance(double t, float maxOffset) {
  maxOffset = std::max(0.0f, maxOffset);
  const double dt = std::clamp(t - lastT_, 0.0, 0.1);  // a long pause must not teleport the list
  lastT_ = t;
  if (dragging_) {
    const float wanted = samples_.empty() ? offset_ : samples_.back().offset;
    // Past an end the content follows the finger only partly: it resists.
    if (wanted < 0) offset_ = wanted * kRubberBand;
    else if (wanted > maxOffset) offset_ = maxOffset + (wanted - maxOffset) * kRubberBand;
    else offset_ = wanted;
    return offset_;
  }
  if (!moving_) return offset_ = std::clamp(offset_, 0.0f, maxOffset);
  const bool outside = offset_ < 0 || offset_ > maxOffset;
  if (outside) {
    // Spring back to the nearest end; a fling into the end is absorbed.
    const float edge = offset_ < 0 ? 0.0f : maxOffset;
    velocity_ = 0;
    offset_ = edge + (offset_ - edge) * static_cast<float>(std::exp(-kSpringPerSecond * dt));
    if (std::abs(offset_ - edge) < 0.5f) {
      offset_ = edge;
      moving_ = false;
    }
    return offset_;
  }
  offset_ += velocity_ * static_cast<float>(dt);
  velocity_ *= static_cast<float>(std::exp(-kDecayPerSecond * dt));
  if (offset_ < 0 || offset_ > maxOffset) velocity_ *= 0.5f;  // hitting the end damps hard
  if (std::abs(velocity_) < kStopBelow && offset_ >= 0 && offset_ <= maxOffset) moving_ = false;
  return offset_;
}

}  // namespace kiosk
