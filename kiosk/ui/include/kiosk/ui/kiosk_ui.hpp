// The kiosk's whole UI for one frame: feeds the pointer to the tap tracker, picks the view for the
// session's screen, and returns the resident's intent. Knows Dear ImGui only (no SDL, no GL), so
// tests run it headless. Owns the ImGui font atlas contents; UI thread only.
#pragma once

#include <optional>

#include "kiosk/core/long_press.hpp"
#include "kiosk/ui/input_queue.hpp"
#include "kiosk/ui/views.hpp"

namespace kiosk::ui {

class KioskUi {
 public:
  // `strings`: one table per language a resident may switch to (index = ResidentPrefs::language).
  KioskUi(const std::vector<config::StringTable>& strings, const KeyMap& keys, PhotoSource* photos);

  // The display size in pixels, the hall's text scale and the panel's pixels per inch.
  void setDisplay(float width, float height, float textScale, float dpi = 96.0f);
  // Builds the atlas if the display, the resident's text size, or the list changed. Returns true
  // when it rebuilt, so the renderer re-uploads the texture. Every language's glyphs are in it, so
  // switching language costs nothing.
  bool ensureFonts(const FontFile& font, const wire::CommitmentList& list, const ResidentPrefs& prefs = {});

  void invalidateFonts() { fontsValid_ = false; }
  // What staff mode shows; the report must outlive the next frame() (the app owns it).
  void setStaffState(const PinPrompt& pin, const StaffReport* report) {
    pin_ = pin;
    staffReport_ = report;
  }
  // Seconds until the UI needs a frame although no input arrives (a finger held for the staff
  // gesture); nullopt when nothing is pending.
  std::optional<double> wakeIn() const;
  // The hidden staff gesture: a press held still for this long in the top-left corner.
  static constexpr double kStaffHoldSeconds = 5.0;

  // 你评我改 results to show (the app owns the board; it must outlive the next frame()), and whether
  // list cards carry a satisfaction badge. Call invalidateFonts() when the board changes: outcome
  // texts need their glyphs.
  void setResults(const wire::ResultsBoard* board, bool badge) {
    results_ = board;
    resultsBadge_ = badge;
  }

  // Whether the kiosk is reading aloud now (the detail screen's button then stops it).
  void setSpeaking(bool speaking) { speaking_ = speaking; }

  // The phone code (扫码评价) the attract or detail screen shows this frame, or none; the app owns it
  // and it must outlive the next frame().
  void setPhoneCode(const PhoneCodeView* code) { phoneCode_ = code; }

  // 评议会: the panel screen's state (the app owns it; it must outlive the next frame()) and whether
  // the attract screen offers panel mode; null and false when it does not.
  void setPanelState(const PanelPrompt* prompt, bool offered) {
    panel_ = prompt;
    panelsOffered_ = offered;
  }

  // Today's opening hours as text, shown on the closed screen.
  void setHoursToday(std::string text) { hoursToday_ = std::move(text); }

  // One ImGui frame: NewFrame, draw the screen, Render. The draw data is then ImGui::GetDrawData().
  std::optional<Intent> frame(const Session& session, const wire::CommitmentList& list, const PointerSample& pointer,
                              float deltaSeconds);

  // The page colour of the screen being shown. The renderer clears to it instead of the views
  // painting a full-screen quad: on a software GL (llvmpipe) each blended 1080p quad costs ~10 ms.
  ImU32 clearColor(const Session& session) const;

  const TargetRegistry& targets() const { return targets_; }
  // Layout checking (tests, --journal-targets): after each frame, what overflowed, in words.
  void setLayoutAudit(bool on) { auditOn_ = on; }
  std::vector<std::string> layoutProblems() const;
  // With layout checking on: whether this frame drew text containing `needle`.
  bool drewText(std::string_view needle) const { return auditOn_ && audit_.drew(needle); }
  const Theme& theme() const { return theme_; }
  std::size_t listColumns() const { return ListView::columnsFor(theme_); }
  std::size_t glyphCount() const { return atlas_.glyphCount(); }
  // True while something moves on its own (a gliding list): keep rendering frames.
  bool animating() const { return list_.animating() || staff_.animating() || panelView_.animating(); }

 private:
  const std::vector<config::StringTable>& strings_;
  float width_ = 1920, height_ = 1080, baseScale_ = 1.0f, dpi_ = 96.0f;
  const KeyMap& keys_;
  PhotoSource* photos_;
  Theme theme_;
  FontAtlasBuilder atlas_;
  FontSet fonts_;
  bool fontsValid_ = false;
  TapTracker tap_;
  TargetRegistry targets_;
  LayoutAudit audit_;
  bool auditOn_ = false;
  AttractView attract_;
  ListView list_;
  DetailView detail_;
  ReasonView reason_;
  ThanksView thanks_;
  OutOfServiceView outOfService_;
  ClosedView closed_;
  StaffPinView staffPin_;
  StaffView staff_;
  LongPress staffPress_;
  PinPrompt pin_;
  const StaffReport* staffReport_ = nullptr;
  const wire::ResultsBoard* results_ = nullptr;
  bool resultsBadge_ = false;
  bool speaking_ = false;
  const PhoneCodeView* phoneCode_ = nullptr;
  const PanelPrompt* panel_ = nullptr;
  bool panelsOffered_ = false;
  PanelView panelView_;
  Screen lastScreen_ = Screen::Attract;
  std::string hoursToday_;
  double time_ = 0;
};

// Text every font size must cover for this list, these string tables and the results' outcomes.
GlyphText glyphTextFor(const std::vector<config::StringTable>& strings, const wire::CommitmentList& list,
                       const wire::ResultsBoard* results = nullptr);

}  // namespace kiosk::ui
