#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

std::optional<Intent> OutOfServiceView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  drawTextCentered(ctx, ctx.fonts.huge, rectOf(0, t.height * 0.30f, t.width, t.px(120)), IM_COL32_WHITE,
                   ctx.strings.get("oos.heading"));
  const std::string_view body = ctx.strings.get("oos.body");
  const float wrap = t.width - t.px(200);
  const ImVec2 size = textSize(ctx.fonts.title, body, wrap);
  drawText(ctx, ctx.fonts.title, {(t.width - std::min(size.x, wrap)) / 2, t.height * 0.52f},
           IM_COL32(230, 230, 230, 255), body, wrap);
  // The grey page itself is the renderer's clear colour (KioskUi::clearColor).
  return std::nullopt;  // nothing a resident can do here; the app retries the store on its own
}

}  // namespace kiosk::ui
