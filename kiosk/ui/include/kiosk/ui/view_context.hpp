// Everything a view needs to draw one frame and report a tap: the state to show (read-only),
// the theme and fonts, the pointer's tap tracker and the registry of tap targets.
// Built fresh by KioskUi each frame on the UI thread; views keep no pointers into it.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "kiosk/config/string_table.hpp"
#include "kiosk/core/gesture.hpp"
#include "kiosk/core/intent.hpp"
#include "kiosk/core/panel_prompt.hpp"
#include "kiosk/core/phone_code_view.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/staff_report.hpp"
#include "kiosk/ui/font_atlas.hpp"
#include "kiosk/ui/layout_audit.hpp"
#include "kiosk/ui/theme.hpp"
#include "wire/commitment_list.hpp"
#include "wire/results_board.hpp"

namespace kiosk::ui {

struct NamedRect {
  std::string name;
  Rect rect;
};

// Named screen rectangles of this frame's tap targets ("card:0", "rate:good", ...), so tests and
// the window smoke test can aim at them without knowing the layout.
class TargetRegistry {
 public:
  void clear() { targets_.clear(); }
  void add(std::string name, Rect r) { targets_.push_back({std::move(name), r}); }
  std::optional<Rect> find(std::string_view name) const;
  const auto& all() const { return targets_; }
  // " name=x0,y0,x1,y1 …" in whole pixels, for the journal's diagnostics.
  std::string describe() const;

 private:
  std::vector<NamedRect> targets_;
};

// Where commitment photos come from; the platform layer uploads them as textures.
class PhotoSource {
 public:
  virtual ~PhotoSource() = default;
  // A texture for the list's photo file name, or nullptr if it cannot be shown (then: initial).
  virtual ImTextureID photo(const std::string& fileName) = 0;
};

struct ViewContext {
  const Session& session;
  const wire::CommitmentList& list;
  const config::StringTable& strings;
  const KeyMap& keys;
  const Theme& theme;
  const FontSet& fonts;
  const TapTracker& tap;
  TargetRegistry& targets;
  PhotoSource* photos;  // may be null (headless): initials are drawn instead
  ImDrawList* draw;
  float wheel;                               // mouse-wheel lines this frame
  std::string_view hoursToday;               // "08:30-17:30" or "" (closed all day), for the closed screen
  double time;                               // seconds since the UI started: drives animations
  const PinPrompt& pin;                      // staff mode: the PIN pad's state
  const StaffReport& staff;                  // staff mode: what the staff screen shows
  LayoutAudit* audit;                        // null unless layout checking is on
  const wire::ResultsBoard& results;         // 你评我改: empty when switched off or nothing reached the minimum
  bool resultsBadge;                         // also show satisfaction on each list card
  bool speaking = false;                     // the kiosk is reading aloud: 再听一遍 becomes 停止朗读
  const PhoneCodeView* phoneCode = nullptr;  // 扫码评价 for this screen; null when off or not here
  const PanelPrompt* panel = nullptr;        // 评议会: the panel screen's state; null when panels are off
  bool panelsOffered = false;                // the attract screen shows the 评议会 button
};

}  // namespace kiosk::ui
