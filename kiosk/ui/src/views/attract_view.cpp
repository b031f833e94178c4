#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

std::optional<Intent> AttractView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  const Rect screen = rectOf(0, 0, t.width, t.height);
  const bool tapped = tapTarget(ctx, "start", screen);
  fillRect(ctx, rectOf(0, 0, t.width, t.height * 0.42f), t.colors.header);

  const float wrap = t.width - t.px(160);
  const ImVec2 titleSize = textSize(ctx.fonts.huge, ctx.list.title, wrap);
  drawText(ctx, ctx.fonts.huge, {(t.width - std::min(titleSize.x, wrap)) / 2, t.height * 0.21f - titleSize.y / 2},
           t.colors.headerText, ctx.list.title, wrap);

  const std::string_view cta = ctx.strings.get("attract.tap_to_start");
  const ImVec2 ctaSize = textSize(ctx.fonts.huge, cta);
  const float bw = ctaSize.x + t.px(160), bh = ctaSize.y + t.px(90);
  const Rect ctaRect = rectOf((t.width - bw) / 2, t.height * 0.58f - bh / 2, bw, bh);
  fillRect(ctx, ctaRect, t.colors.header, t.px(24));
  if (pressed(ctx, screen)) fillRect(ctx, ctaRect, t.colors.shade, t.px(24));
  drawTextCentered(ctx, ctx.fonts.huge, ctaRect, t.colors.headerText, cta);

  const std::string_view hint = ctx.strings.get("attract.hint");
  drawTextCentered(ctx, ctx.fonts.body, rectOf(0, ctaRect.y1 + t.px(40), t.width, t.px(60)), t.colors.text, hint);
  const std::string_view privacy = ctx.strings.get("attract.privacy");
  drawTextCentered(ctx, ctx.fonts.small, rectOf(0, t.height - t.px(110), t.width, t.px(60)), t.colors.textMuted,
                   privacy);
  return tapped ? std::optional(Intent::start()) : std::nullopt;
}

}  // namespace kiosk::ui
