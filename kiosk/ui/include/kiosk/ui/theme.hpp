// Colours and sizes of the kiosk, derived from the display size and text scale so one layout
// serves 1920x1080, 1280x800 and 1080x1920. Plain values; recomputed when the window changes.
#pragma once

#include <imgui.h>

namespace kiosk::ui {

struct Palette {
  ImU32 background = IM_COL32(250, 247, 242, 255);  // drawn by glClear, never as a quad (see KioskUi)
  ImU32 outOfService = IM_COL32(66, 66, 66, 255);
  ImU32 closed = IM_COL32(22, 30, 44, 255);   // a dim, calm night blue outside opening hours
  ImU32 header = IM_COL32(176, 28, 34, 255);  // the red of party and government halls
  ImU32 headerText = IM_COL32(255, 255, 255, 255);
  ImU32 card = IM_COL32(255, 255, 255, 255);
  ImU32 cardPressed = IM_COL32(236, 228, 214, 255);
  ImU32 cardBorder = IM_COL32(214, 205, 190, 255);
  ImU32 focus = IM_COL32(21, 101, 192, 255);
  ImU32 focusText = IM_COL32(255, 255, 255, 255);  // text on a focus-coloured fill
  ImU32 text = IM_COL32(33, 33, 33, 255);
  ImU32 textMuted = IM_COL32(97, 97, 97, 255);
  ImU32 good = IM_COL32(46, 125, 50, 255);
  ImU32 fair = IM_COL32(240, 160, 0, 255);
  ImU32 fairText = IM_COL32(40, 30, 0, 255);  // dark on amber: white on amber is unreadable
  ImU32 poor = IM_COL32(198, 40, 40, 255);
  ImU32 longTerm = IM_COL32(106, 27, 154, 255);
  ImU32 annual = IM_COL32(21, 101, 192, 255);
  ImU32 immediate = IM_COL32(0, 121, 107, 255);
  ImU32 avatar = IM_COL32(176, 28, 34, 255);
  ImU32 shade = IM_COL32(0, 0, 0, 40);               // darkening overlay for pressed buttons
  ImU32 results = IM_COL32(235, 245, 236, 255);      // 你评我改 panel: a quiet green, not an alarm
  ImU32 resultsBorder = IM_COL32(46, 125, 50, 255);  // its accent bar and the card badge's outline
  ImU32 answersText = IM_COL32(122, 74, 0, 255);     // 群众意见 under a commitment: brown, 7:1 on the page
};

// White on black with strong borders and a yellow focus, for low vision (WCAG AAA contrast for text).
Palette highContrastPalette();

// Large-text mode scales every size by this much on top of the hall's text scale.
inline constexpr float kLargeTextFactor = 1.3f;

// Every tap target is at least this big on the glass, whatever the panel's pixel density.
inline constexpr float kMinTargetMm = 15.0f;
// The smallest tap target as designed (header back button, filter chips), in design pixels.
inline constexpr float kSmallestTargetDesign = 92.0f;

struct Theme {
  Palette colors;
  float unit = 1.0f;  // 1.0 = designed size on a 1080-pixel short side
  float width = 1920.0f;
  float height = 1080.0f;
  float dpi = 96.0f;  // the panel's pixels per inch (display.dpi)

  // The scale follows the short side of the screen, times the hall's text scale; it is raised
  // further when the panel is so dense that the smallest target would be under kMinTargetMm.
  static Theme forDisplay(float width, float height, float textScale, float dpi = 96.0f);
  bool portrait() const { return height > width; }
  float px(float designPixels) const { return designPixels * unit; }
  float mm(float millimetres) const { return millimetres * dpi / 25.4f; }
  // The height (and least width) of a small tap target; never under kMinTargetMm.
  float minTarget() const { return px(kSmallestTargetDesign); }

  // Font pixel sizes; the atlas is built at exactly these sizes, so text is never scaled blurry.
  float smallSize() const { return px(28); }
  float bodySize() const { return px(34); }
  float titleSize() const { return px(44); }
  float hugeSize() const { return px(76); }
};

}  // namespace kiosk::ui
