#include <algorithm>
#include <array>
#include <cmath>

#include "kiosk/ui/results_panel.hpp"
#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"
#include "wire/holder_text.hpp"

namespace kiosk::ui {

namespace {

// The keypad's focus: a thick ring just outside the target, in the focus colour, shown once a
// key was used or 朗读 is on — never to a resident who only taps, so no rating is singled out.
void focusRing(ViewContext& ctx, const Rect& r, std::optional<DetailTarget> focus, DetailTarget target) {
  const Theme& t = ctx.theme;
  if (focus != target || !(ctx.session.keysUsed() || ctx.session.prefs().readAloud)) return;
  const float out = t.px(10);
  ctx.draw->AddRect({r.x0 - out, r.y0 - out}, {r.x1 + out, r.y1 + out}, t.colors.focus, t.px(30), 0, t.px(8));
}

// 再听一遍 / 停止朗读, in the header's right end: a drawn loudspeaker and the word.
bool listenButton(ViewContext& ctx, float headerH) {
  const Theme& t = ctx.theme;
  const std::string_view label = ctx.strings.get(ctx.speaking ? "speech.stop" : "speech.listen");
  const float icon = t.px(56);
  const float w = textSize(ctx.fonts.title, label).x + icon + t.px(70);
  const Rect r = rectOf(t.width - w - t.px(20), t.px(14), w, headerH - t.px(28));
  const bool tapped = tapTarget(ctx, "listen", r);
  fillRect(ctx, r, IM_COL32(255, 255, 255, 40), t.px(16));
  if (pressed(ctx, r)) fillRect(ctx, r, t.colors.shade, t.px(16));
  const ImU32 ink = t.colors.headerText;
  const float x = r.x0 + t.px(24), cy = (r.y0 + r.y1) / 2, s = icon / 2;
  const ImVec2 cone[6] = {{x, cy - s * 0.35f},           {x + s * 0.45f, cy - s * 0.35f}, {x + s * 1.0f, cy - s * 0.8f},
                          {x + s * 1.0f, cy + s * 0.8f}, {x + s * 0.45f, cy + s * 0.35f}, {x, cy + s * 0.35f}};
  ctx.draw->AddConvexPolyFilled(cone, 6, ink);
  if (ctx.speaking) {  // a square: stop
    ctx.draw->AddRectFilled({x + s * 1.3f, cy - s * 0.45f}, {x + s * 2.2f, cy + s * 0.45f}, ink);
  } else {  // sound waves
    for (int i = 1; i <= 2; ++i) {
      ctx.draw->PathArcTo({x + s * 1.0f, cy}, s * (0.2f + 0.4f * static_cast<float>(i)), -0.8f, 0.8f, 12);
      ctx.draw->PathStroke(ink, 0, t.px(4));
    }
  }
  drawText(ctx, ctx.fonts.title, {x + icon + t.px(30), (r.y0 + r.y1 - ctx.fonts.title->FontSize) / 2}, ink, label);
  return tapped;
}

DetailTarget targetOf(Rating r) {
  return r == Rating::Good ? DetailTarget::Good : r == Rating::Fair ? DetailTarget::Fair : DetailTarget::Poor;
}

// One of the three big rating buttons: colour, a drawn face, the word, and the key that works.
bool ratingButton(ViewContext& ctx, const Rect& r, Rating rating) {
  const Theme& t = ctx.theme;
  const bool tapped = tapTarget(ctx, "rate:" + std::string(nameOf(rating)), r);
  const ImU32 fill = ratingColor(t, rating), ink = ratingTextColor(t, rating);
  focusRing(ctx, r, ctx.session.detailFocus(), targetOf(rating));
  fillRect(ctx, r, fill, t.px(24));
  if (pressed(ctx, r)) fillRect(ctx, r, t.colors.shade, t.px(24));

  const float h = r.y1 - r.y0;
  const float radius = std::min(h * 0.2f, t.px(46));
  const std::string_view label = ctx.strings.get(ratingKey(rating));
  const ImVec2 labelSize = textSize(ctx.fonts.huge, label);
  // All three buttons take the same arrangement, decided by the widest word, so they look alike.
  float widest = 0;
  for (Rating each : {Rating::Good, Rating::Fair, Rating::Poor})
    widest = std::max(widest, textSize(ctx.fonts.huge, ctx.strings.get(ratingKey(each))).x);
  const float blockW = 2 * radius + t.px(30) + widest;
  if (blockW <= (r.x1 - r.x0) - t.px(24)) {  // face and word side by side
    const float ownW = 2 * radius + t.px(30) + labelSize.x;
    const float x = (r.x0 + r.x1 - ownW) / 2;
    const float cy = r.y0 + h * 0.42f;
    drawRatingSymbol(ctx, {x + radius, cy}, radius, rating, ink);
    drawText(ctx, ctx.fonts.huge, {x + 2 * radius + t.px(30), cy - labelSize.y / 2}, ink, label);
  } else {  // narrow buttons (portrait, large text): the face above the word
    const float small = std::min(radius, h * 0.13f);
    drawRatingSymbol(ctx, {(r.x0 + r.x1) / 2, r.y0 + h * 0.08f + small}, small, rating, ink);
    drawTextCentered(ctx, ctx.fonts.huge,
                     rectOf(r.x0, r.y0 + h * 0.08f + 2 * small + t.px(8), r.x1 - r.x0, labelSize.y), ink, label);
  }

  // Tell keypad users which key does the same (the configured key map, not a hard-coded digit),
  // when the hall has a keypad or evaluator attached.
  const Action action = rating == Rating::Good ? Action::Good : rating == Rating::Fair ? Action::Fair : Action::Poor;
  if (const auto keys = ctx.keys.keysFor(action); ctx.keys.hintsShown() && !keys.empty()) {
    const std::string hint = format(ctx.strings.get("rating.key_hint"), {{"k", keys.front()}});
    drawTextCentered(ctx, ctx.fonts.small, rectOf(r.x0, r.y1 - h * 0.28f, r.x1 - r.x0, h * 0.2f), ink, hint);
  }
  return tapped;
}

}  // namespace

std::optional<Intent> DetailView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  const wire::Commitment& c = ctx.list.commitments.at(ctx.session.current());
  if (shown_ != ctx.session.current()) {
    shown_ = ctx.session.current();
    scroll_ = 0;
  }
  std::optional<Intent> intent;
  bool back = false;
  const float top = drawHeader(ctx, ctx.strings.get("detail.heading"), ctx.strings.get("common.back"), back);
  if (back) intent = Intent::back();
  if (ctx.session.config().canSpeak) {
    if (listenButton(ctx, top) && !intent) intent = Intent::of(Intent::Kind::Listen);
    const float w = ctx.theme.width;
    // The ring sits inside the header here (the header's edge would cut one drawn outside), in the
    // header's ink: the focus blue is faint on the red header.
    if (ctx.session.detailFocus() == DetailTarget::Listen && (ctx.session.keysUsed() || ctx.session.prefs().readAloud))
      if (const auto r = ctx.targets.find("listen"))
        ctx.draw->AddRect({r->x0 - t.px(4), r->y0 - t.px(4)}, {std::min(r->x1 + t.px(4), w), r->y1 + t.px(4)},
                          t.colors.headerText, t.px(18), 0, t.px(6));
  }

  const float margin = t.px(48);
  // On short landscape screens (1280x800 with large text) the buttons give up some height, still
  // far above the 15 mm minimum, so the commitment's own text keeps a few readable lines.
  const float buttonsH = t.portrait() ? t.px(260) : std::clamp(t.height * 0.2f, t.minTarget() * 1.5f, t.px(220));
  const float buttonsY = t.height - margin - buttonsH;
  const float promptH = ctx.fonts.title->FontSize + t.px(30);

  // 你评我改: what residents said lately and what was done about it, when enough of them said it.
  // In landscape it sits beside the holder, where the row has room; in portrait below it. Its
  // outcome gives up lines before the commitment's own title and first lines would.
  const float textBottom = buttonsY - promptH - t.px(10);
  const float keep = std::round(ctx.fonts.title->FontSize * 1.35f) + 2 * std::round(ctx.fonts.body->FontSize * 1.35f);
  float y = top + t.px(36);
  const float avatar = t.px(150);
  const float x = margin + avatar + t.px(36);
  const wire::CommitmentResult* result = ctx.results.find(c.id);
  const bool beside = result && !t.portrait();
  const float rowW = t.width - x - margin;
  const float panelW = !result  ? 0
                       : beside ? resultsPanelWidth(ctx, *result, rowW * 0.5f, rowW * 0.62f)
                                : t.width - 2 * margin;
  const float infoW = beside ? rowW - panelW - t.px(36) : rowW;
  const auto spaceBelow = [&](std::size_t lines) {  // what the commitment's text keeps with this panel
    const float h = resultsPanelHeight(ctx, *result, panelW, lines);
    return textBottom - (beside ? y + std::max(avatar, h) + t.px(30) : y + avatar + t.px(30) + h + t.px(24));
  };
  std::size_t lines = 3;
  while (result && lines > 0 && spaceBelow(lines) < keep) --lines;

  // Holder block.
  drawAvatar(ctx, rectOf(margin, y, avatar, avatar), c);
  drawText(ctx, ctx.fonts.title, {x, y}, t.colors.text, ellipsize(ctx.fonts.title, c.holder.name, infoW));
  std::string sub = std::string(ctx.strings.get("kind." + std::string(wire::nameOf(c.holder.kind))));
  for (const auto& place : wire::holderPlaces(c.holder)) sub += " · " + place;
  drawText(ctx, ctx.fonts.body, {x, y + ctx.fonts.title->FontSize + t.px(10)}, t.colors.textMuted,
           ellipsize(ctx.fonts.body, sub, infoW));
  const float badgeY = y + ctx.fonts.title->FontSize + ctx.fonts.body->FontSize + t.px(26);
  const float badgeW = drawTermBadge(ctx, {x, badgeY}, c.term);
  drawText(
      ctx, ctx.fonts.small, {x + badgeW + t.px(16), badgeY + t.px(4)}, t.colors.textMuted,
      ellipsize(ctx.fonts.small, format(ctx.strings.get("detail.valid"), {{"from", c.valid_from}, {"to", c.valid_to}}),
                infoW - badgeW - t.px(16)));
  if (beside) {
    const float h = resultsPanelHeight(ctx, *result, panelW, lines);
    drawResultsPanel(ctx, rectOf(t.width - margin - panelW, y, panelW, h), *result, lines);
    y += std::max(avatar, h) + t.px(30);
  } else {
    y += avatar + t.px(30);
    if (result) {
      const float h = resultsPanelHeight(ctx, *result, panelW, lines);
      drawResultsPanel(ctx, rectOf(margin, y, panelW, h), *result, lines);
      y += h + t.px(24);
    }
  }

  // 扫码评价 for this commitment, at the right of its text (which wraps narrower beside it).
  const float codeW =
      ctx.phoneCode
          ? drawPhoneCode(ctx, rectOf(t.width - margin - t.px(260), y, t.px(260), std::max(0.0f, textBottom - y)),
                          ctx.strings.get("phone.scan_this"))
          : 0;
  // Title and full text, scrolled by dragging when they do not fit.
  const Rect textBox{margin, y, t.width - margin - (codeW > 0 ? codeW + t.px(36) : 0), std::max(y, textBottom)};
  const float wrap = textBox.x1 - textBox.x0;
  // 群众意见: the residents' suggestions this commitment answers, after its text, as the signed list
  // cites them.
  const std::string answers = wire::answersText(c, ctx.strings.get("detail.answers"));
  if (measured_.generation != ctx.session.generation() || measured_.commitment != ctx.session.current() ||
      measured_.width != wrap || measured_.fontSize != ctx.fonts.body->FontSize) {
    measured_ = {ctx.session.generation(),
                 ctx.session.current(),
                 wrap,
                 ctx.fonts.body->FontSize,
                 textSize(ctx.fonts.title, c.title, wrap).y,
                 textSize(ctx.fonts.body, c.text, wrap).y,
                 answers.empty() ? 0.0f : textSize(ctx.fonts.body, answers, wrap).y};
  }
  const float titleH = measured_.titleH, bodyH = measured_.bodyH;
  const float answersH = measured_.answersH;
  const float contentH = titleH + t.px(20) + bodyH + (answersH > 0 ? t.px(24) + answersH : 0);
  const float maxScroll = std::max(0.0f, contentH - (textBox.y1 - textBox.y0));
  if (ctx.tap.dragging() && ctx.tap.origin() && textBox.contains(*ctx.tap.origin())) scroll_ -= ctx.tap.dragDeltaY();
  scroll_ = std::clamp(scroll_ - ctx.wheel * t.px(60), 0.0f, maxScroll);
  ctx.draw->PushClipRect({textBox.x0, textBox.y0}, {textBox.x1, textBox.y1}, true);
  drawText(ctx, ctx.fonts.title, {textBox.x0, textBox.y0 - scroll_}, t.colors.text, c.title, wrap);
  drawText(ctx, ctx.fonts.body, {textBox.x0, textBox.y0 - scroll_ + titleH + t.px(20)}, t.colors.text, c.text, wrap);
  if (!answers.empty())
    drawText(ctx, ctx.fonts.body, {textBox.x0, textBox.y0 - scroll_ + titleH + t.px(20) + bodyH + t.px(24)},
             t.colors.answersText, answers, wrap);
  ctx.draw->PopClipRect();
  if (maxScroll > 0) {  // a fade and a bar say "there is more below"
    const float viewH = textBox.y1 - textBox.y0;
    const float barH = viewH * viewH / contentH;
    fillRect(ctx, rectOf(t.width - margin / 2, textBox.y0 + (viewH - barH) * scroll_ / maxScroll, t.px(6), barH),
             IM_COL32(0, 0, 0, 90), t.px(3));
  }

  drawTextCentered(ctx, ctx.fonts.title, rectOf(0, buttonsY - promptH, t.width, promptH), t.colors.text,
                   ctx.strings.get("detail.prompt"));
  const float gap = t.px(36);
  const float bw = (t.width - 2 * margin - 2 * gap) / 3;
  constexpr std::array<Rating, 3> kOrder{Rating::Good, Rating::Fair, Rating::Poor};
  for (std::size_t i = 0; i < kOrder.size(); ++i) {
    const Rect r = rectOf(margin + static_cast<float>(i) * (bw + gap), buttonsY, bw, buttonsH);
    if (ratingButton(ctx, r, kOrder[i]) && !intent) intent = Intent::rate(kOrder[i]);
  }
  return intent;
}

}  // namespace kiosk::ui
