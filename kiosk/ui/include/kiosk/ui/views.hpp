// The kiosk's screens. Each view draws the whole screen in drawContent() and returns what the
// resident asked for, if anything; views own only presentation state (scroll offsets).
// UI thread only.
#pragma once

#include <cstdint>
#include <optional>

#include "kiosk/core/kinetic_scroll.hpp"
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
  bool animating() const { return scroll_.dragging() || scroll_.moving(); }

 private:
  KineticScroll scroll_;
  bool fingerOnList_ = false;
  std::uint64_t generation_ = 0;
  std::size_t lastFocus_ = 0;
};

class DetailView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);

 private:
  float scroll_ = 0;
  std::size_t shown_ = SIZE_MAX;
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

class OutOfServiceView {
 public:
  std::optional<Intent> drawContent(ViewContext& ctx);
};

}  // namespace kiosk::ui
