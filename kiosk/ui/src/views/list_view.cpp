#include <algorithm>
#include <cmath>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

namespace {

struct Grid {
  Rect viewport;
  std::size_t columns;
  float cardW, cardH, gap;
  float rowPitch() const { return cardH + gap; }
};

Grid layoutGrid(const Theme& t, float top) {
  Grid g;
  g.gap = t.px(24);
  g.viewport = {0, top, t.width, t.height};
  g.columns = ListView::columnsFor(t);
  const float usable = t.width - g.gap * static_cast<float>(g.columns + 1);
  g.cardW = usable / static_cast<float>(g.columns);
  g.cardH = t.px(210);
  return g;
}

void drawCard(ViewContext& ctx, const Rect& r, const wire::Commitment& c, bool focused, bool isPressed) {
  const Theme& t = ctx.theme;
  const float round = t.px(18);
  // Outlined, not filled: the page is already the card colour, and a fill per card would double
  // the pixels a software renderer has to blend while scrolling.
  if (isPressed) fillRect(ctx, r, t.colors.cardPressed, round);
  ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, focused ? t.colors.focus : t.colors.cardBorder, round, 0,
                    focused ? t.px(6) : t.px(2));

  const float pad = t.px(24);
  const float avatar = (r.y1 - r.y0) - 2 * pad;
  drawAvatar(ctx, rectOf(r.x0 + pad, r.y0 + pad, avatar, avatar), c);

  const float x = r.x0 + 2 * pad + avatar;
  const float textW = r.x1 - pad - x;
  float y = r.y0 + pad - t.px(4);
  const std::string name = ellipsize(ctx.fonts.title, c.holder.name, textW);
  drawText(ctx, ctx.fonts.title, {x, y}, t.colors.text, name);
  y += ctx.fonts.title->FontSize + t.px(6);

  std::string sub = std::string(ctx.strings.get("kind." + std::string(wire::nameOf(c.holder.kind))));
  for (const std::string* part : {&c.holder.post, &c.holder.unit})
    if (!part->empty()) sub += " · " + *part;
  drawText(ctx, ctx.fonts.small, {x, y}, t.colors.textMuted, ellipsize(ctx.fonts.small, sub, textW));
  y += ctx.fonts.small->FontSize + t.px(14);

  const float badgeW = drawTermBadge(ctx, {x, y}, c.term);
  const float titleX = x + badgeW + t.px(14);
  drawText(ctx, ctx.fonts.body, {titleX, y - t.px(2)}, t.colors.text,
           ellipsize(ctx.fonts.body, c.title, r.x1 - pad - titleX));
}

}  // namespace

std::size_t ListView::columnsFor(const Theme& theme) {
  // A card needs ~800 design pixels to show name, post and title legibly.
  return std::max<std::size_t>(1, static_cast<std::size_t>(theme.width / theme.px(800)));
}

std::optional<Intent> ListView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;
  if (ctx.session.generation() != generation_) {  // a new resident starts at the top
    generation_ = ctx.session.generation();
    scroll_.jumpTo(0);
    lastFocus_ = 0;
  }

  bool back = false;
  const std::string heading = format(ctx.strings.get("list.heading"), {{"n", std::to_string(ctx.list.commitments.size())}});
  const float top = drawHeader(ctx, heading, ctx.strings.get("common.finish"), back);
  if (back) intent = Intent::finish();

  const Grid g = layoutGrid(t, top);
  const std::size_t count = ctx.list.commitments.size();
  const std::size_t rows = (count + g.columns - 1) / g.columns;
  const float contentH = static_cast<float>(rows) * g.rowPitch() + g.gap;
  const float viewH = g.viewport.y1 - g.viewport.y0;
  const float maxScroll = std::max(0.0f, contentH - viewH);

  // The finger drags the list (a drag never becomes a tap), and a fling glides on after it lifts.
  const bool dragging = ctx.tap.dragging() && ctx.tap.origin() && g.viewport.contains(*ctx.tap.origin());
  if (dragging) {
    scroll_.drag(-ctx.tap.position().y, ctx.time);  // finger up = content further on
    fingerOnList_ = true;
  } else if (fingerOnList_ && !ctx.tap.down()) {
    scroll_.release(ctx.time);
    fingerOnList_ = false;
  }
  if (ctx.wheel != 0) scroll_.jumpTo(std::clamp(scroll_.offset() - ctx.wheel * g.rowPitch() * 0.5f, 0.0f, maxScroll));
  // Keys moved the focus: bring that card into view.
  if (ctx.session.focus() != lastFocus_) {
    lastFocus_ = ctx.session.focus();
    const float rowTop = static_cast<float>(lastFocus_ / g.columns) * g.rowPitch();
    float target = scroll_.offset();
    if (rowTop < target) target = rowTop;
    if (rowTop + g.rowPitch() + g.gap > target + viewH) target = rowTop + g.rowPitch() + g.gap - viewH;
    scroll_.jumpTo(std::clamp(target, 0.0f, maxScroll));
  }
  const float scroll = scroll_.advance(ctx.time, maxScroll);

  ctx.draw->PushClipRect({g.viewport.x0, g.viewport.y0}, {g.viewport.x1, g.viewport.y1}, true);
  // Only the rows on screen are laid out and drawn, so 1,000 commitments cost what 10 do.
  const auto firstRow = static_cast<std::size_t>(std::max(0.0f, std::floor((scroll - g.gap) / g.rowPitch())));
  for (std::size_t row = firstRow; row < rows; ++row) {
    const float y = g.viewport.y0 + g.gap + static_cast<float>(row) * g.rowPitch() - scroll;
    if (y > g.viewport.y1) break;
    for (std::size_t col = 0; col < g.columns; ++col) {
      const std::size_t i = row * g.columns + col;
      if (i >= count) break;
      const float x = g.gap + static_cast<float>(col) * (g.cardW + g.gap);
      const Rect card = rectOf(x, y, g.cardW, g.cardH);
      const Rect visible{card.x0, std::max(card.y0, g.viewport.y0), card.x1, std::min(card.y1, g.viewport.y1)};
      const bool tapped = tapTarget(ctx, "card:" + std::to_string(i), visible);
      drawCard(ctx, card, ctx.list.commitments[i], ctx.session.focus() == i, pressed(ctx, visible));
      if (tapped && !intent) intent = Intent::open(i);
    }
  }
  ctx.draw->PopClipRect();

  // Where the resident is in a long list: a slim bar, and "1–8 / 30" in a pill at the bottom.
  if (maxScroll > 0) {
    const float barH = viewH * viewH / contentH;
    const float barY = g.viewport.y0 + (viewH - barH) * std::clamp(scroll / maxScroll, 0.0f, 1.0f);
    fillRect(ctx, rectOf(t.width - t.px(10), barY, t.px(6), barH), IM_COL32(0, 0, 0, 90), t.px(3));
    // A row counts as shown when at least half of it is on screen.
    const auto rowAt = [&](float y) { return static_cast<std::size_t>(std::max(0.0f, y) / g.rowPitch()); };
    const std::size_t topRow = rowAt(scroll - g.gap + g.cardH / 2);
    const std::size_t bottomRow = std::min(rows - 1, rowAt(scroll + viewH - g.gap - g.cardH / 2));
    const auto firstShown = std::min(count, topRow * g.columns + 1);
    const auto lastShown = std::min(count, (bottomRow + 1) * g.columns);
    const std::string page = std::to_string(firstShown) + "–" + std::to_string(lastShown) + " / " + std::to_string(count);
    const ImVec2 size = textSize(ctx.fonts.small, page);
    const Rect pill = rectOf((t.width - size.x) / 2 - t.px(24), t.height - size.y - t.px(36), size.x + t.px(48),
                             size.y + t.px(16));
    fillRect(ctx, pill, IM_COL32(0, 0, 0, 150), t.px(20));
    drawTextCentered(ctx, ctx.fonts.small, pill, IM_COL32_WHITE, page);
  }
  return intent;
}

}  // namespace kiosk::ui
