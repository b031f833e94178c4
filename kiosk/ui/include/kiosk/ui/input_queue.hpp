// Pointer events from the platform, fed to the UI at most one button transition per frame:
// Dear ImGui 1.86 reads button state once per frame, so a touch tap whose press and release arrive
// together would otherwise vanish. Single-threaded (UI thread).
#pragma once

#include <deque>

#include "kiosk/core/gesture.hpp"

namespace kiosk::ui {

struct PointerEvent {
  enum class Kind { Move, Down, Up, Wheel };
  Kind kind = Kind::Move;
  Point pos;
  float wheel = 0;  // Wheel: lines scrolled, positive = up
};

// The pointer as one frame sees it.
struct PointerSample {
  Point pos;
  bool down = false;
  float wheel = 0;
};

class InputQueue {
 public:
  void push(const PointerEvent& e) { pending_.push_back(e); }
  // Consumes events up to and including the next Down/Up; later events wait for the next frame.
  PointerSample nextFrame();
  bool empty() const { return pending_.empty(); }

 private:
  std::deque<PointerEvent> pending_;
  PointerSample state_;
};

}  // namespace kiosk::ui
