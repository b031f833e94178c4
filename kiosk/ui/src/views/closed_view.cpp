#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

std::optional<Intent> ClosedView::drawContent(ViewContext& ctx) {
  // Dim and still: no buttons, no animation; the page colour is KioskUi::clearColor.
  const Theme& t = ctx.theme;
  const ImU32 soft = IM_COL32(200, 208, 220, 255), faint = IM_COL32(140, 150, 166, 255);
  drawTextCentered(ctx, ctx.fonts.huge, rectOf(0, t.height * 0.32f, t.width, t.px(110)), soft,
                   ctx.strings.get("closed.heading"));
  const std::string today = ctx.hoursToday.empty()
                                ? std::string(ctx.strings.get("closed.today_none"))
                                : format(ctx.strings.get("closed.today"), {{"hours", std::string(ctx.hoursToday)}});
  drawTextCentered(ctx, ctx.fonts.title, rectOf(0, t.height * 0.50f, t.width, t.px(80)), soft, today);
  drawTextCentered(ctx, ctx.fonts.body, rectOf(0, t.height * 0.62f, t.width, t.px(70)), faint,
                   ctx.strings.get("closed.sub"));
  return std::nullopt;
}

}  // namespace kiosk::ui
