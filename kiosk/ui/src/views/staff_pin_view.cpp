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

  // The pad, as big as the screen allows, centred under the message and dots.
  const float messageY = top + t.px(30);
  const float dotsY = messageY + ctx.fonts.title->FontSize + t.px(50);
  const float padTop = dotsY + t.px(50);

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
  // While locked out the pad is shown dimmed and its taps do nothing (the app ignores them too).
  if (const auto k = drawKeypad(ctx, "pin", padTop, t.px(150), ctx.strings.get("staff.erase"),
                                ctx.strings.get("staff.ok"), locked)) {
    if (*k == kKeyErase) intent = Intent::of(Intent::Kind::PinErase);
    else if (*k == kKeyOk) intent = Intent::of(Intent::Kind::PinSubmit);
    else intent = Intent::pinDigit(static_cast<std::size_t>(*k));
  }
  return intent;
}

}  // namespace kiosk::ui
