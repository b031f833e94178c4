// The kiosk's screens. Each view draws the whole screen in drawContent() and returns what the
// resident asked for, if anything; views own only presentation state (scroll offsets).
// UI thread only.
#pragma once

#include <cstdint>
#include <optional>

#include "kiosk/ui/touch_scroll.hpp"
#include "kiosk/ui/view_context.hpp"

namespace kiosk::ui {

class AttractView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
};

class ListView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
  // Cards per row for the current theme (keys move focus by a whole row).
  static std::size_t columnsFor(const Theme& theme);
  // While the finger drags the list or it still glides, the screen must keep rendering.
  bool animating() const { return scroll_.animating() || chipScroll_.animating(); }

 private:
  // The filter chips under the header; returns a tapped chip. Sets chipsBottom_.
  std::optional<Intent> drawChips(ViewContext& ctx, float top);

  TouchScroll scroll_;
  TouchScroll chipScroll_{TouchScroll::Axis::Horizontal};
  float chipsBottom_ = 0;
  struct ChipLayout {
    struct Key {
      std::uint64_t generation = UINT64_MAX;
      ListFilter filter;
      const void* strings = nullptr;
      float fontSize = 0, unit = 0;
      bool operator==(const Key&) const = default;
    } key;
    std::vector<std::string> labels;
    std::vector<float> x, w;  // in strip coordinates, before scrolling
    float contentW = 0;
  } chipLayout_;
  ListFilter filter_;
  std::uint64_t generation_ = 0;
  std::size_t lastFocus_ = 0;
};

class DetailView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);

 private:
  float scroll_ = 0;
  std::size_t shown_ = SIZE_MAX;
  // Heights of the title and text as laid out for (session, commitment, width, font size):
  // measuring a long text means breaking it into lines, which need not happen twice per frame.
  // A new list is installed only between sessions, so the session generation covers it.
  struct Measured {
    std::uint64_t generation = 0;
    std::size_t commitment = SIZE_MAX;
    float width = 0, fontSize = 0, titleH = 0, bodyH = 0, answersH = 0;
  } measured_;
};

class ReasonView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
};

class ThanksView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
};

class ClosedView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
};

// Staff mode's PIN pad (reached by the hidden long press).
class StaffPinView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
};

// Staff mode: local tallies per commitment, the outbox and sync status, and the staff's actions.
class StaffView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
  bool animating() const { return scroll_.animating(); }

 private:
  TouchScroll scroll_;
};

// 评议会 panel mode: the code pad, the ballot and the thanks (the app's PanelPrompt says which).
class PanelView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
  bool animating() const { return scroll_.animating(); }

 private:
  TouchScroll scroll_;
};

class OutOfServiceView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
};

}  // namespace kiosk::ui
