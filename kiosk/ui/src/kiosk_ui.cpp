#include "kiosk/ui/kiosk_ui.hpp"

#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

GlyphText glyphTextFor(const std::vector<config::StringTable>& strings, const wire::CommitmentList& list,
                       const wire::ResultsBoard* results) {
  GlyphText g;
  std::string ui;
  for (const auto& table : strings) ui += table.allText();
  g.huge = ui + list.title;
  g.title = g.huge;
  g.body = g.huge;
  for (const auto& r : list.reasons) g.title += r.label;
  for (const auto& c : list.commitments) {
    g.title += c.holder.name + c.title;
    g.body += c.holder.name + c.holder.post + c.holder.unit + c.title + c.text + c.valid_from + c.valid_to;
    for (const auto& a : c.answers) g.body += a.text;  // 群众意见, in the body font after the text
  }
  g.body += g.title;
  if (results)
    for (const auto& r : results->results) g.body += r.outcome;  // drawn in the body font on the detail screen
  return g;
}

KioskUi::KioskUi(const std::vector<config::StringTable>& strings, const KeyMap& keys, PhotoSource* photos)
    : strings_(strings), keys_(keys), photos_(photos), tap_(12.0f), staffPress_(kStaffHoldSeconds, 12.0f) {
  // Rounded corners and circles within 0.75 px of true (ImGui's default is 0.3): the difference
  // is invisible at kiosk sizes, and the pill-shaped filter chips drop about half their triangles,
  // which a software renderer pays for on every scrolled frame.
  ImGui::GetStyle().CircleTessellationMaxError = 0.75f;
}

std::vector<std::string> KioskUi::layoutProblems() const {
  return auditOn_ ? audit_.problems(targets_, theme_.width, theme_.height) : std::vector<std::string>{};
}

std::optional<double> KioskUi::wakeIn() const { return staffPress_.remaining(time_); }

void KioskUi::setDisplay(float width, float height, float textScale, float dpi) {
  width_ = width;
  height_ = height;
  baseScale_ = textScale;
  dpi_ = dpi;
}

bool KioskUi::ensureFonts(const FontFile& font, const wire::CommitmentList& list, const ResidentPrefs& prefs) {
  Theme next = Theme::forDisplay(width_, height_, baseScale_ * (prefs.largeText ? kLargeTextFactor : 1.0f), dpi_);
  if (prefs.highContrast) next.colors = highContrastPalette();
  if (next.width != theme_.width || next.height != theme_.height || next.unit != theme_.unit) {
    fontsValid_ = false;
    // A drag must move further than a finger's wobble on a big screen before it counts as a scroll.
    tap_ = TapTracker(next.px(16));
    staffPress_ = LongPress(kStaffHoldSeconds, next.px(24));
  }
  theme_ = next;
  if (fontsValid_) return false;
  fonts_ = atlas_.build(*ImGui::GetIO().Fonts, font, glyphTextFor(strings_, list, results_), theme_.smallSize(),
                        theme_.bodySize(), theme_.titleSize(), theme_.hugeSize());
  fontsValid_ = true;
  return true;
}

ImU32 KioskUi::clearColor(const Session& session) const {
  if (session.prefs().highContrast && session.screen() != Screen::Closed) return IM_COL32(0, 0, 0, 255);
  if (session.screen() == Screen::OutOfService) return theme_.colors.outOfService;
  if (session.screen() == Screen::Closed) return theme_.colors.closed;
  return theme_.colors.background;
}

std::optional<Intent> KioskUi::frame(const Session& session, const wire::CommitmentList& list,
                                     const PointerSample& pointer, float deltaSeconds) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = {theme_.width, theme_.height};
  io.DeltaTime = deltaSeconds > 0 ? deltaSeconds : 1.0f / 60.0f;
  time_ += io.DeltaTime;
  io.MousePos = toIm(pointer.pos);
  io.MouseDown[0] = pointer.down;
  tap_.update(pointer.pos, pointer.down);
  if (session.screen() != lastScreen_) {
    lastScreen_ = session.screen();
    tap_.cancel();
  }
  targets_.clear();

  ImGui::NewFrame();
  const std::size_t language = std::min(session.prefs().language, strings_.size() - 1);
  static const StaffReport kNoReport;
  static const wire::ResultsBoard kNoResults;
  ViewContext ctx{session,
                  list,
                  strings_[language],
                  keys_,
                  theme_,
                  fonts_,
                  tap_,
                  targets_,
                  photos_,
                  ImGui::GetBackgroundDrawList(),
                  pointer.wheel,
                  hoursToday_,
                  time_,
                  pin_,
                  staffReport_ ? *staffReport_ : kNoReport,
                  auditOn_ ? &audit_ : nullptr,
                  results_ ? *results_ : kNoResults,
                  resultsBadge_,
                  speaking_,
                  phoneCode_,
                  panel_,
                  panelsOffered_};
  audit_.clear();
  std::optional<Intent> intent;
  switch (session.screen()) {
    case Screen::Attract: intent = attract_.drawContent(ctx); break;
    case Screen::List: intent = list_.drawContent(ctx); break;
    case Screen::Detail: intent = detail_.drawContent(ctx); break;
    case Screen::Reason: intent = reason_.drawContent(ctx); break;
    case Screen::Thanks: intent = thanks_.drawContent(ctx); break;
    case Screen::OutOfService: intent = outOfService_.drawContent(ctx); break;
    case Screen::Closed: intent = closed_.drawContent(ctx); break;
    case Screen::StaffPin: intent = staffPin_.drawContent(ctx); break;
    case Screen::Staff: intent = staff_.drawContent(ctx); break;
    case Screen::Panel: intent = panelView_.drawContent(ctx); break;
  }
  // The way into staff mode is hidden: no button, only a finger held still in the top-left corner
  // where nothing else is, on screens where nobody is mid-session. It wins over the tap it began as.
  const bool gestureScreen = session.screen() == Screen::Attract || session.screen() == Screen::Closed;
  const float corner = theme_.minTarget() * 1.5f;
  if (staffPress_.update(pointer.pos, pointer.down, time_, {0, 0, corner, corner}) && gestureScreen)
    intent = Intent::of(Intent::Kind::StaffGesture);
  ImGui::Render();
  return intent;
}

}  // namespace kiosk::ui
