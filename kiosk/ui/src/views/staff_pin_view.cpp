#include <cstdio>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

namespace {

// "0:25" or "12:00": how long the pad stays locked.
std::string minutesSeconds(Millis left) {
  const auto seconds = (left.count() + 999) / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(seconds / 60),
                static_cast<long long>(seconds % 60));
  return buf;
}

}  // namespace

std::optional<Intent> StaffPinView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;
  bool back = false;
  const float top = drawHeader(ctx, ctx.strings.get("staff.pin_heading"), ctx.strings.get("common.back"), back);
  if (back) intent = Intent::of(Intent::Kind::StaffLeave);

  const PinPrompt& pin = ctx.pin;
  const bool locked = pin.feedback == PinPrompt::Feedback::Locked;
  std::string message;
  ImU32 messageColor = t.colors.text;
  switch (pin.feedback) {
    case PinPrompt::Feedback::None: message = ctx.strings.get("staff.pin_prompt"); break;
    case PinPrompt::Feedback::Wrong:
      message = format(ctx.strings.get("staff.pin_wrong"), {{"n", std::to_string(pin.triesLeft)}});
      messageColor = t.colors.poor;
      break;
    case PinPrompt::Feedback::Locked:
      message = format(ctx.strings.get("staff.pin_locked"), {{"time", minutesSeconds(pin.lockedFor)}});
      messageColor = t.colors.poor;
      break;
  }

  // The pad: 4 rows of 3 keys, as big as the screen allows, centred under the message and dots.
  const float gap = t.px(20);
  const float messageY = top + t.px(30);
  const float dotsY = messageY + ctx.fonts.title->FontSize + t.px(50);
  const float padTop = dotsY + t.px(50);
  const float key = std::min({t.px(150), (t.height - padTop - t.px(30) - 3 * gap) / 4, (t.width - 2 * gap) / 3});
  const float padW = 3 * key + 2 * gap;
  const float padX = (t.width - padW) / 2;

  drawTextCentered(ctx, ctx.fonts.title, rectOf(0, messageY, t.width, ctx.fonts.title->FontSize), messageColor,
                   ellipsize(ctx.fonts.title, message, t.width - t.px(80)));
  // One dot per digit typed (never the digits), over at least four places.
  const std::size_t places = std::max<std::size_t>(4, pin.digits);
  const float dot = t.px(14), pitch = t.px(48);
  const float dotsX = (t.width - pitch * static_cast<float>(places - 1)) / 2;
  for (std::size_t i = 0; i < places; ++i) {
    const ImVec2 c{dotsX + pitch * static_cast<float>(i), dotsY};
    if (i < pin.digits) ctx.draw->AddCircleFilled(c, dot, t.colors.text, 24);
    else ctx.draw->AddCircle(c, dot, t.colors.cardBorder, 24, t.px(3));
  }

  static constexpr const char* kLabels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", nullptr, "0", nullptr};
  for (int i = 0; i < 12; ++i) {
    const Rect r = rectOf(padX + static_cast<float>(i % 3) * (key + gap),
                          padTop + static_cast<float>(i / 3) * (key + gap), key, key);
    const bool erase = i == 9, ok = i == 11;
    const std::string name = erase ? "pin:erase" : ok ? "pin:ok" : std::string("pin:") + kLabels[i];
    const std::string_view label = erase ? ctx.strings.get("staff.erase")
                                   : ok  ? ctx.strings.get("staff.ok")
                                         : std::string_view(kLabels[i]);
    // While locked out the pad is shown dimmed and its taps do nothing (the app ignores them too).
    const ImU32 fill = locked ? t.colors.cardPressed : ok ? t.colors.focus : t.colors.card;
    const ImU32 ink = locked ? t.colors.textMuted : ok ? t.colors.focusText : t.colors.text;
    const bool tapped = button(ctx, name, r, label, fill, ink, (erase || ok) ? ctx.fonts.title : ctx.fonts.huge);
    ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, t.colors.cardBorder, t.px(16), 0, t.px(2));
    if (!tapped || locked) continue;
    if (erase) intent = Intent::of(Intent::Kind::PinErase);
    else if (ok) intent = Intent::of(Intent::Kind::PinSubmit);
    else intent = Intent::pinDigit(static_cast<std::size_t>(kLabels[i][0] - '0'));
  }
  return intent;
}

}  // namespace kiosk::ui
