#include "kiosk/ui/input_queue.hpp"

namespace kiosk::ui {

PointerSample InputQueue::nextFrame() {
  state_.wheel = 0;
  while (!pending_.empty()) {
    const PointerEvent e = pending_.front();
    pending_.pop_front();
    state_.pos = e.pos;
    if (e.kind == PointerEvent::Kind::Wheel) {
      state_.wheel += e.wheel;
    } else if (e.kind == PointerEvent::Kind::Down || e.kind == PointerEvent::Kind::Up) {
      const bool down = e.kind == PointerEvent::Kind::Down;
      if (down != state_.down) {
        state_.down = down;
        break;  // one transition per frame
      }
    }
  }
  return state_;
}

}  // namespace kiosk::ui
