#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

std::optional<Intent> OutOfServiceView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  fillRect(ctx, rectOf(0, 0, t.width, t.height), IM_COL32(66, 66, 66, 255));
  drawTextCentered(ctx, ctx.fonts.huge, rectOf(0, t.height * 0.30f, t.width, t.px(120)), IM_COL32_WHITE,
                   ctx.strings.get("oos.heading"));
  const std::string_view body = ctx.strings.get("oos.body");
  const float wrap = t.width - t.px(200);
  const ImVec2 size = textSize(ctx.fonts.title, body, wrap);
  drawText(ctx, ctx.fonts.title, {(t.width - std::min(size.x, wrap)) / 2, t.height * 0.52f},
           IM_COL32(230, 230, 230, 255), body, wrap);
  return std::nullopt;  // nothing a resident can do here; the app retries the store on its own
}

}  // namespace kiosk::ui
