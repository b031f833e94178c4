#include <algorithm>
#include <cmath>

#include "kiosk/ui/results_panel.hpp"
#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"
#include "wire/holder_text.hpp"

namespace kiosk::ui {

namespace {

struct Grid {
  Rect viewport;
  std::size_t columns;
  float cardW, cardH, gap;
  float rowPitch() const { return cardH + gap; }
};

Grid layoutGrid(const Theme& t, float top, float bottom) {
  Grid g;
  g.gap = t.px(24);
  g.viewport = {0, top, t.width, bottom};
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
  float nameW = textW;
  if (const wire::CommitmentResult* result = ctx.resultsBadge ? ctx.results.find(c.id) : nullptr)
    nameW -= drawResultsBadge(ctx, r.x1 - pad, y + t.px(6), *result) + t.px(12);
  const std::string name = ellipsize(ctx.fonts.title, c.holder.name, nameW);
  drawText(ctx, ctx.fonts.title, {x, y}, t.colors.text, name);
  y += ctx.fonts.title->FontSize + t.px(6);

  std::string sub = std::string(ctx.strings.get("kind." + std::string(wire::nameOf(c.holder.kind))));
  for (const auto& place : wire::holderPlaces(c.holder)) sub += " · " + place;
  drawText(ctx, ctx.fonts.small, {x, y}, t.colors.textMuted, ellipsize(ctx.fonts.small, sub, textW));
  y += ctx.fonts.small->FontSize + t.px(14);

  const float badgeW = drawTermBadge(ctx, {x, y}, c.term);
  const float titleX = x + badgeW + t.px(14);
  drawText(ctx, ctx.fonts.body, {titleX, y - t.px(2)}, t.colors.text,
           ellipsize(ctx.fonts.body, c.title, r.x1 - pad - titleX));
}

std::string chipLabel(const ViewContext& ctx, const Chip& chip) {
  std::string label;
  switch (chip.row) {
    case Chip::Row::All: label = ctx.strings.get("list.all"); break;
    case Chip::Row::Term: label = ctx.strings.get("term." + chip.value); break;
    case Chip::Row::Unit: label = chip.value; break;
  }
  return label + "  " + std::to_string(chip.count);
}

// A chip: selected ones are filled and carry a drawn tick, so colour is not the only signal;
// chips that would show nothing are faint and take no taps (the session ignores them too).
void drawChip(ViewContext& ctx, const Rect& r, const std::string& label, const Chip& chip, bool isPressed) {
  const Theme& t = ctx.theme;
  const float round = (r.y1 - r.y0) / 2;
  const bool enabled = chip.count > 0;
  if (chip.selected) fillRect(ctx, r, t.colors.focus, round);
  if (isPressed && enabled) fillRect(ctx, r, t.colors.shade, round);
  ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, chip.selected ? t.colors.focus : t.colors.cardBorder, round, 0,
                    t.px(3));
  const ImU32 ink = chip.selected ? t.colors.focusText : enabled ? t.colors.text : t.colors.cardBorder;
  float x = r.x0 + t.px(28);
  if (chip.selected) {
    const float cy = (r.y0 + r.y1) / 2, s = t.px(11);
    const ImVec2 tick[3] = {{x, cy}, {x + s, cy + s}, {x + 2.4f * s, cy - 1.2f * s}};
    ctx.draw->AddPolyline(tick, 3, ink, 0, t.px(5));
    x += t.px(40);
  }
  drawText(ctx, ctx.fonts.body, {x, (r.y0 + r.y1 - ctx.fonts.body->FontSize) / 2}, ink, label);
}

float chipWidth(const ViewContext& ctx, const std::string& label, bool selected) {
  return textSize(ctx.fonts.body, label).x + ctx.theme.px(56) + (selected ? ctx.theme.px(40) : 0);
}

}  // namespace

std::optional<Intent> ListView::drawChips(ViewContext& ctx, float top) {
  const Theme& t = ctx.theme;
  const auto& chips = ctx.session.chips();
  const float h = t.minTarget(), gap = t.px(16), margin = t.px(24);
  const Rect strip{0, top, t.width, top + h + 2 * t.px(16)};
  // Labels and their x positions change only with the chips (a filter choice), the language or the
  // text size: laid out once for those, not per frame.
  const ChipLayout::Key key{ctx.session.generation(), ctx.session.filter(), &ctx.strings, ctx.fonts.body->FontSize,
                            t.unit};
  if (!(chipLayout_.key == key)) {
    chipLayout_ = {key, {}, {}, {}, 0};
    float x = margin;
    for (std::size_t i = 0; i < chips.size(); ++i) {
      if (i > 0 && chips[i].row == Chip::Row::Unit && chips[i - 1].row != Chip::Row::Unit) x += gap;  // the rule
      chipLayout_.labels.push_back(chipLabel(ctx, chips[i]));
      chipLayout_.x.push_back(x);
      chipLayout_.w.push_back(chipWidth(ctx, chipLayout_.labels.back(), chips[i].selected));
      x += chipLayout_.w.back() + gap;
    }
    chipLayout_.contentW = x - gap + margin;
  }
  const float contentW = chipLayout_.contentW;
  const float maxScroll = std::max(0.0f, contentW - t.width);
  // More chips than fit (many units): the strip is dragged sideways like the list is up and down.
  chipScroll_.follow(ctx.tap, strip, ctx.time);
  const float scroll = chipScroll_.scroll.advance(ctx.time, maxScroll);

  std::optional<Intent> intent;
  ctx.draw->PushClipRect({strip.x0, strip.y0}, {strip.x1, strip.y1}, true);
  for (std::size_t i = 0; i < chips.size(); ++i) {
    const float x = chipLayout_.x[i] - scroll;
    // A thin rule between the term chips and the unit chips: two kinds of choice.
    if (i > 0 && chips[i].row == Chip::Row::Unit && chips[i - 1].row != Chip::Row::Unit) {
      const float ruleX = x - gap + t.px(4);
      ctx.draw->AddLine({ruleX, top + t.px(30)}, {ruleX, top + t.px(16) + h - t.px(14)}, t.colors.cardBorder, t.px(3));
    }
    const Rect r = rectOf(x, top + t.px(16), chipLayout_.w[i], h);
    if (r.x1 < 0 || r.x0 > t.width) continue;
    const Rect visible{std::max(r.x0, 0.0f), r.y0, std::min(r.x1, t.width), r.y1};
    const bool tapped = tapTarget(ctx, "chip:" + std::to_string(i), visible);
    drawChip(ctx, r, chipLayout_.labels[i], chips[i], pressed(ctx, visible));
    if (tapped && chips[i].count > 0) intent = Intent::chooseChip(i);
  }
  ctx.draw->PopClipRect();
  // A hint that the strip goes on: a soft edge on the side with more chips.
  if (scroll < maxScroll - 1)
    ctx.draw->AddRectFilledMultiColor({t.width - t.px(60), strip.y0}, {t.width, strip.y1}, IM_COL32(0, 0, 0, 0),
                                      IM_COL32(0, 0, 0, 60), IM_COL32(0, 0, 0, 60), IM_COL32(0, 0, 0, 0));
  if (scroll > 1)
    ctx.draw->AddRectFilledMultiColor({0, strip.y0}, {t.px(60), strip.y1}, IM_COL32(0, 0, 0, 60), IM_COL32(0, 0, 0, 0),
                                      IM_COL32(0, 0, 0, 0), IM_COL32(0, 0, 0, 60));
  chipsBottom_ = strip.y1;
  return intent;
}

std::size_t ListView::columnsFor(const Theme& theme) {
  // A card needs ~800 design pixels to show name, post and title legibly.
  return std::max<std::size_t>(1, static_cast<std::size_t>(theme.width / theme.px(800)));
}

std::optional<Intent> ListView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;
  if (ctx.session.generation() != generation_) {  // a new resident starts at the top
    generation_ = ctx.session.generation();
    scroll_.scroll.jumpTo(0);
    chipScroll_.scroll.jumpTo(0);
    lastFocus_ = 0;
    filter_ = {};
  }

  bool back = false;
  const std::string heading =
      format(ctx.strings.get("list.heading"), {{"n", std::to_string(ctx.list.commitments.size())}});
  const float top = drawHeader(ctx, heading, ctx.strings.get("common.finish"), back);
  if (back) intent = Intent::finish();

  // One chip offers nothing to choose from (a list without units or terms): no strip then.
  float gridTop = top;
  if (ctx.session.chips().size() > 1) {
    if (auto chip = drawChips(ctx, top)) intent = chip;
    gridTop = chipsBottom_;
  }
  if (ctx.session.filter() != filter_) {  // a new choice of chips starts at the top
    filter_ = ctx.session.filter();
    scroll_.scroll.jumpTo(0);
  }

  // The page indicator gets its own strip below the grid, so it never covers a card.
  const float pillH = ctx.fonts.small->FontSize + t.px(16);
  const float pillStrip = pillH + t.px(24);
  const Grid g = layoutGrid(t, gridTop, t.height - pillStrip);
  const std::vector<std::size_t>& shown = ctx.session.shown();
  const std::size_t count = shown.size();
  const std::size_t rows = (count + g.columns - 1) / g.columns;
  const float contentH = static_cast<float>(rows) * g.rowPitch() + g.gap;
  const float viewH = g.viewport.y1 - g.viewport.y0;
  const float maxScroll = std::max(0.0f, contentH - viewH);

  // The finger drags the list (a drag never becomes a tap), and a fling glides on after it lifts.
  scroll_.follow(ctx.tap, g.viewport, ctx.time);
  if (ctx.wheel != 0)
    scroll_.scroll.jumpTo(std::clamp(scroll_.scroll.offset() - ctx.wheel * g.rowPitch() * 0.5f, 0.0f, maxScroll));
  // Keys moved the focus: bring that card into view.
  if (ctx.session.focus() != lastFocus_) {
    lastFocus_ = ctx.session.focus();
    const auto at = std::find(shown.begin(), shown.end(), lastFocus_);
    const auto position = static_cast<std::size_t>(at - shown.begin());
    const float rowTop = static_cast<float>(position / g.columns) * g.rowPitch();
    float target = scroll_.scroll.offset();
    if (rowTop < target) target = rowTop;
    if (rowTop + g.rowPitch() + g.gap > target + viewH) target = rowTop + g.rowPitch() + g.gap - viewH;
    scroll_.scroll.jumpTo(std::clamp(target, 0.0f, maxScroll));
  }
  const float scroll = scroll_.scroll.advance(ctx.time, maxScroll);

  // The strip's own sideways drag must not move the list (its origin is above the viewport).
  ctx.draw->PushClipRect({g.viewport.x0, g.viewport.y0}, {g.viewport.x1, g.viewport.y1}, true);
  // Only the rows on screen are laid out and drawn, so 1,000 commitments cost what 10 do.
  const auto firstRow = static_cast<std::size_t>(std::max(0.0f, std::floor((scroll - g.gap) / g.rowPitch())));
  for (std::size_t row = firstRow; row < rows; ++row) {
    const float y = g.viewport.y0 + g.gap + static_cast<float>(row) * g.rowPitch() - scroll;
    if (y > g.viewport.y1) break;
    for (std::size_t col = 0; col < g.columns; ++col) {
      const std::size_t position = row * g.columns + col;
      if (position >= count) break;
      const std::size_t i = shown[position];
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
    const ShownRange range = shownRange({g.columns, g.cardH, g.gap}, scroll, viewH, count);
    const std::string page =
        std::to_string(range.first) + "–" + std::to_string(range.last) + " / " + std::to_string(count);
    const ImVec2 size = textSize(ctx.fonts.small, page);
    const Rect pill =
        rectOf((t.width - size.x) / 2 - t.px(24), t.height - pillStrip + t.px(8), size.x + t.px(48), pillH);
    fillRect(ctx, pill, IM_COL32(0, 0, 0, 150), t.px(20));
    drawTextCentered(ctx, ctx.fonts.small, pill, IM_COL32_WHITE, page);
  }
  return intent;
}

}  // namespace kiosk::ui
