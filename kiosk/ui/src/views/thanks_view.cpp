#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

std::optional<Intent> ThanksView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;

  const Verdict verdict = ctx.session.lastVerdict().value_or(Verdict::Counted);
  const bool counted = isCounted(verdict);
  // A check mark for a counted vote; an "i" for a repeat, so nobody thinks it counted twice.
  const Point c{t.width / 2, t.height * 0.26f};
  const float radius = t.px(100);
  const ImU32 ink = counted ? t.colors.good : t.colors.annual;
  ctx.draw->AddCircleFilled(toIm(c), radius, ink, 64);
  if (counted) {
    const ImVec2 pts[3] = {{c.x - radius * 0.45f, c.y + radius * 0.02f},
                           {c.x - radius * 0.1f, c.y + radius * 0.38f},
                           {c.x + radius * 0.5f, c.y - radius * 0.35f}};
    ctx.draw->AddPolyline(pts, 3, IM_COL32_WHITE, 0, radius * 0.16f);
  } else {
    ctx.draw->AddCircleFilled({c.x, c.y - radius * 0.45f}, radius * 0.11f, IM_COL32_WHITE, 16);
    ctx.draw->AddRectFilled({c.x - radius * 0.09f, c.y - radius * 0.2f}, {c.x + radius * 0.09f, c.y + radius * 0.55f},
                            IM_COL32_WHITE, radius * 0.04f);
  }

  const char* key =
      counted ? "thanks.counted" : (verdict == Verdict::FilteredRepeat ? "thanks.repeat" : "thanks.too_fast");
  drawTextCentered(ctx, ctx.fonts.huge, rectOf(0, t.height * 0.42f, t.width, t.px(110)), t.colors.text,
                   ctx.strings.get(key));
  drawTextCentered(ctx, ctx.fonts.body, rectOf(0, t.height * 0.42f + t.px(120), t.width, t.px(60)), t.colors.textMuted,
                   ctx.strings.get("thanks.sub"));

  const float gap = t.px(40);
  const float bw = std::min(t.px(620), (t.width - 3 * gap) / 2), bh = t.px(130);
  const float y = t.height * 0.68f;
  const float x = (t.width - 2 * bw - gap) / 2;
  if (button(ctx, "continue", rectOf(x, y, bw, bh), ctx.strings.get("thanks.continue"), t.colors.header,
             t.colors.headerText, ctx.fonts.title))
    intent = Intent::back();
  if (button(ctx, "finish", rectOf(x + bw + gap, y, bw, bh), ctx.strings.get("common.finish"),
             IM_COL32(224, 224, 224, 255), t.colors.text, ctx.fonts.title))
    intent = Intent::finish();
  return intent;
}

}  // namespace kiosk::ui
