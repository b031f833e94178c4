// A check of one frame's layout as it is drawn: every piece of text must stay on the screen and
// inside the tap target (card, button, chip) it is drawn on. Used by tests and by the kiosk's
// --journal-targets diagnostics; off otherwise. Owned by KioskUi; UI thread only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/gesture.hpp"

namespace kiosk::ui {

class TargetRegistry;

class LayoutAudit {
 public:
  void clear() { boxes_.clear(); }
  // Text as drawn at `drawn`, while the draw list clipped to `clip` (scrolling areas).
  void text(std::string_view text, const Rect& drawn, const Rect& clip);
  // One line per problem, naming the text and where it went; empty when the layout is sound.
  std::vector<std::string> problems(const TargetRegistry& targets, float width, float height) const;
  // Whether any text drawn this frame contains `needle` (tests: what a resident can read).
  bool drew(std::string_view needle) const;

 private:
  struct Box {
    std::string text;
    Rect rect;  // already clipped
  };
  std::vector<Box> boxes_;
};

}  // namespace kiosk::ui
