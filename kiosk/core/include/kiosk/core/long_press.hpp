// The hidden way into staff mode: a finger held still inside a small region (a corner) for a few
// seconds. A pure function of pointer samples and time; single-threaded (owned by the UI).
#pragma once

#include <optional>

#include "kiosk/core/gesture.hpp"

namespace kiosk {

class LongPress {
 public:
  // `hold`: seconds the finger must stay; `slop`: how far (px) it may wander and still count.
  LongPress(double hold, float slop) : hold_(hold), slop_(slop) {}

  // One pointer sample at time t (seconds). True exactly once per press: the moment a press that
  // began inside `region` has been held there for `hold` seconds without wandering off.
  bool update(Point pos, bool down, double t, const Rect& region);
  // Seconds until a press being held would fire; nullopt when none is pending. The caller wakes
  // for it, since a finger held still produces no events.
  std::optional<double> remaining(double t) const;
  void cancel() { armed_ = false; }

 private:
  double hold_;
  float slop_;
  bool wasDown_ = false;
  bool armed_ = false;  // the current press started in the region and has not fired or wandered
  Point origin_;
  double since_ = 0;
};

}  // namespace kiosk
