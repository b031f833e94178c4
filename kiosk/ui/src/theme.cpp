#include "kiosk/ui/theme.hpp"

#include <algorithm>

namespace kiosk::ui {

Theme Theme::forDisplay(float width, float height, float textScale) {
  Theme t;
  t.width = width;
  t.height = height;
  // The short side sets the scale, so a portrait screen keeps landscape's text size.
  t.unit = std::max(0.5f, std::min(width, height) / 1080.0f) * textScale;
  return t;
}

}  // namespace kiosk::ui
