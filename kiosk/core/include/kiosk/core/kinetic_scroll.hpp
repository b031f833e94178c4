// Scrolling that feels native on a touch screen: the list follows the finger, keeps gliding after
// a fling and slows down, resists past either end (rubber band) and springs back. A pure function
// of drag samples and time, so it is tested without a screen. Single-threaded (owned by a view).
#pragma once

#include <deque>

namespace kiosk {

class KineticScroll {
 public:
  // The offset the finger puts the content at, at time t (seconds). Starts a drag if none is on.
  void drag(float offset, double t);
  // The finger lifts at time t: glide on with the release velocity.
  void release(double t);
  // Jump (e.g. keyboard focus): no motion afterwards.
  void jumpTo(float offset);

  // Position at time t, given the scrollable range [0, maxOffset]; call once per frame.
  float advance(double t, float maxOffset);
  float offset() const { return offset_; }
  float velocity() const { return velocity_; }
  // True while gliding or springing back: the screen must keep rendering.
  bool moving() const { return !dragging_ && moving_; }
  bool dragging() const { return dragging_; }

  static constexpr double kDecayPerSecond = 3.0;    // velocity falls to 1/e in a third of a second
  static constexpr float kStopBelow = 20.0f;        // px/s
  static constexpr float kRubberBand = 0.35f;       // share of the finger's travel past an end
  static constexpr double kSpringPerSecond = 12.0;  // how fast an overshoot returns

 private:
  struct Sample {
    float offset;
    double t;
  };
  std::deque<Sample> samples_;
  bool dragging_ = false;
  bool moving_ = false;
  float offset_ = 0;       // what is shown
  float fingerStart_ = 0;  // drag bookkeeping: offset_ when the finger landed ...
  float dragOrigin_ = 0;   // ... and the finger's offset then
  float velocity_ = 0;     // px/s, positive = content moves to larger offsets
  double lastT_ = 0;
};

}  // namespace kiosk
