#include "kiosk/ui/theme.hpp"

#include <algorithm>

namespace kiosk::ui {

Palette highContrastPalette() {
  Palette p;
  p.background = IM_COL32(0, 0, 0, 255);
  p.header = IM_COL32(0, 0, 0, 255);
  p.headerText = IM_COL32(255, 255, 255, 255);
  p.card = IM_COL32(0, 0, 0, 255);
  p.cardPressed = IM_COL32(60, 60, 60, 255);
  p.cardBorder = IM_COL32(255, 255, 255, 255);
  p.focus = IM_COL32(255, 221, 0, 255);
  p.focusText = IM_COL32(0, 0, 0, 255);
  p.text = IM_COL32(255, 255, 255, 255);
  p.textMuted = IM_COL32(230, 230, 230, 255);
  p.good = IM_COL32(0, 110, 30, 255);
  p.fair = IM_COL32(255, 221, 0, 255);
  p.fairText = IM_COL32(0, 0, 0, 255);
  p.poor = IM_COL32(190, 0, 0, 255);
  p.avatar = IM_COL32(90, 90, 90, 255);
  p.shade = IM_COL32(255, 255, 255, 70);
  p.results = IM_COL32(0, 0, 0, 255);
  p.resultsBorder = IM_COL32(255, 255, 255, 255);
  p.answersText = IM_COL32(255, 235, 59, 255);
  return p;
}

Theme Theme::forDisplay(float width, float height, float textScale, float dpi) {
  Theme t;
  t.width = width;
  t.height = height;
  t.dpi = dpi;
  // The short side sets the scale, so a portrait screen keeps landscape's text size.
  t.unit = std::max(0.5f, std::min(width, height) / 1080.0f) * textScale;
  t.unit = std::max(t.unit, t.mm(kMinTargetMm) / kSmallestTargetDesign);
  return t;
}

}  // namespace kiosk::ui
