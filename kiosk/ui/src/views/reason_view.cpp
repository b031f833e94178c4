#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

std::optional<Intent> ReasonView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;
  bool back = false;
  const float top = drawHeader(ctx, ctx.strings.get("reason.heading"), ctx.strings.get("common.back"), back);
  if (back) intent = Intent::back();

  const std::size_t options = ctx.session.reasonOptionCount();
  const float margin = t.px(60), gap = t.px(24);
  const float available = t.height - top - 2 * margin;
  const float h =
      std::min(t.px(130), (available - gap * static_cast<float>(options - 1)) / static_cast<float>(options));
  const float w = std::min(t.width - 2 * margin, t.px(1200));
  const float x = (t.width - w) / 2;
  for (std::size_t i = 0; i < options; ++i) {
    const Rect r = rectOf(x, top + margin + static_cast<float>(i) * (h + gap), w, h);
    const bool skip = i >= ctx.list.reasons.size();
    const std::string_view label = skip ? ctx.strings.get("reason.skip") : std::string_view(ctx.list.reasons[i].label);
    const ImU32 fill = skip ? IM_COL32(224, 224, 224, 255) : t.colors.card;
    const bool tapped = button(ctx, "reason:" + std::to_string(i), r, label, fill, t.colors.text, ctx.fonts.title);
    const bool focused = ctx.session.reasonFocus() == i;
    ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, focused ? t.colors.focus : t.colors.cardBorder, t.px(16), 0,
                      focused ? t.px(6) : t.px(2));
    if (tapped && !intent) intent = Intent::chooseReason(i);
  }
  return intent;
}

}  // namespace kiosk::ui
