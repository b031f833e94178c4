#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

namespace {

// One of the resident's own switches: big, labelled, and visibly on or off (a tick and a fill),
// so the state never depends on colour alone.
bool prefButton(ViewContext& ctx, std::string name, const Rect& r, std::string_view label, bool on) {
  const Theme& t = ctx.theme;
  const bool tapped = tapTarget(ctx, std::move(name), r);
  if (on) fillRect(ctx, r, t.colors.focus, t.px(16));
  if (pressed(ctx, r)) fillRect(ctx, r, t.colors.shade, t.px(16));
  ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, on ? t.colors.focus : t.colors.cardBorder, t.px(16), 0, t.px(3));
  const ImU32 ink = on ? t.colors.focusText : t.colors.text;
  const float textW = textSize(ctx.fonts.title, label).x;
  const float tick = on ? t.px(44) : 0;  // a drawn tick (no font needed) before the label when on
  const float x = (r.x0 + r.x1 - textW - tick) / 2;
  if (on) {
    const float cy = (r.y0 + r.y1) / 2, s = t.px(14);
    const ImVec2 pts[3] = {{x, cy}, {x + s * 0.8f, cy + s * 0.8f}, {x + s * 2.2f, cy - s * 0.9f}};
    ctx.draw->AddPolyline(pts, 3, ink, 0, t.px(5));
  }
  drawText(ctx, ctx.fonts.title, {x + tick, (r.y0 + r.y1 - ctx.fonts.title->FontSize) / 2}, ink, label);
  return tapped;
}

}  // namespace

std::optional<Intent> AttractView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;

  // The resident's switches along the bottom (朗读 only on a kiosk that can speak); the rest of
  // the screen starts a session.
  // One row when every label fits its button (with the tick drawn before it when on), else two
  // rows of two (a portrait panel with four switches).
  const bool speech = ctx.session.config().canSpeak;
  const std::size_t buttons = speech ? 4 : 3;
  const float barH = t.px(120), gap = t.px(30);
  float widest = 0;
  for (const char* key : {"prefs.read_aloud", "prefs.large_text", "prefs.high_contrast", "prefs.language"})
    widest = std::max(widest, textSize(ctx.fonts.title, ctx.strings.get(key)).x);
  const float n = static_cast<float>(buttons);
  const float oneRowW = std::min(t.px(440), (t.width - (n + 1) * gap) / n);
  const std::size_t perRow = widest + t.px(44) + t.px(40) <= oneRowW ? buttons : 2;
  const std::size_t rows = (buttons + perRow - 1) / perRow;
  const float bw = perRow == buttons ? oneRowW : std::min(t.px(520), (t.width - 3 * gap) / 2);
  const float barY = t.height - t.px(40) - static_cast<float>(rows) * barH - static_cast<float>(rows - 1) * gap;
  std::size_t placed = 0;
  const auto next = [&] {
    const std::size_t row = placed / perRow, inRow = std::min(perRow, buttons - row * perRow);
    const float rowX = (t.width - static_cast<float>(inRow) * bw - static_cast<float>(inRow - 1) * gap) / 2;
    const float col = static_cast<float>(placed % perRow);
    ++placed;
    return rectOf(rowX + col * (bw + gap), barY + static_cast<float>(row) * (barH + gap), bw, barH);
  };
  const ResidentPrefs& prefs = ctx.session.prefs();
  if (speech && prefButton(ctx, "pref:read_aloud", next(), ctx.strings.get("prefs.read_aloud"), prefs.readAloud))
    intent = Intent::of(Intent::Kind::ToggleReadAloud);
  if (prefButton(ctx, "pref:large", next(), ctx.strings.get("prefs.large_text"), prefs.largeText))
    intent = Intent::of(Intent::Kind::ToggleLargeText);
  if (prefButton(ctx, "pref:contrast", next(), ctx.strings.get("prefs.high_contrast"), prefs.highContrast))
    intent = Intent::of(Intent::Kind::ToggleHighContrast);
  // The language button names the language it shows now, in that language.
  if (prefButton(ctx, "pref:language", next(), ctx.strings.get("prefs.language"), false))
    intent = Intent::of(Intent::Kind::NextLanguage);

  const Rect startArea = rectOf(0, 0, t.width, barY - t.px(20));
  // 评议会代表入口 in the header's top-right corner (kiosks of halls that hold panels): out of a
  // resident's way, and its tap wins over the start area under it.
  Rect panelRect{};
  if (ctx.panelsOffered) {
    const std::string_view label = ctx.strings.get("panel.enter");
    const float pw = std::max(textSize(ctx.fonts.body, label).x + t.px(60), t.minTarget());
    const float ph = std::max(ctx.fonts.body->FontSize + t.px(40), t.minTarget());  // 15 mm, as every target
    panelRect = rectOf(t.width - t.px(30) - pw, t.px(30), pw, ph);
  }
  const bool startTapped = tapTarget(ctx, "start", startArea);
  fillRect(ctx, rectOf(0, 0, t.width, t.height * 0.38f), t.colors.header);
  if (ctx.panelsOffered) {
    const bool panelTapped = tapTarget(ctx, "panel:enter", panelRect);
    ctx.draw->AddRect({panelRect.x0, panelRect.y0}, {panelRect.x1, panelRect.y1}, t.colors.headerText, t.px(12), 0,
                      t.px(2));
    if (pressed(ctx, panelRect)) fillRect(ctx, panelRect, t.colors.shade, t.px(12));
    drawTextCentered(ctx, ctx.fonts.body, panelRect, t.colors.headerText, ctx.strings.get("panel.enter"));
    if (panelTapped) intent = Intent::of(Intent::Kind::PanelEnter);
  }
  if (startTapped && !intent) intent = Intent::start();

  const float wrap = t.width - t.px(160);
  const ImVec2 titleSize = textSize(ctx.fonts.huge, ctx.list.title, wrap);
  drawText(ctx, ctx.fonts.huge, {(t.width - std::min(titleSize.x, wrap)) / 2, t.height * 0.19f - titleSize.y / 2},
           t.colors.headerText, ctx.list.title, wrap);

  const std::string_view cta = ctx.strings.get("attract.tap_to_start");
  const ImVec2 ctaSize = textSize(ctx.fonts.huge, cta);
  const float cw = ctaSize.x + t.px(160), ch = ctaSize.y + t.px(90);
  const Rect ctaRect = rectOf((t.width - cw) / 2, t.height * 0.52f - ch / 2, cw, ch);
  fillRect(ctx, ctaRect, t.colors.header, t.px(24));
  if (t.colors.header == t.colors.background)  // high contrast: the button needs its outline
    ctx.draw->AddRect({ctaRect.x0, ctaRect.y0}, {ctaRect.x1, ctaRect.y1}, t.colors.text, t.px(24), 0, t.px(4));
  if (pressed(ctx, startArea)) fillRect(ctx, ctaRect, t.colors.shade, t.px(24));
  drawTextCentered(ctx, ctx.fonts.huge, ctaRect, t.colors.headerText, cta);

  drawTextCentered(ctx, ctx.fonts.body, rectOf(0, ctaRect.y1 + t.px(30), t.width, t.px(60)), t.colors.text,
                   ctx.strings.get("attract.hint"));
  // 扫码评价: beside the call to action where the screen is wide, else under the hint.
  if (ctx.phoneCode) {
    const float side = t.px(300), captionH = ctx.fonts.body->FontSize * 1.4f + t.px(6);
    const float besideX = ctaRect.x1 + t.px(40);
    const Rect area = t.width - t.px(40) - besideX >= side
                          ? rectOf(t.width - t.px(40) - side, t.height * 0.38f + t.px(30), side, side + captionH)
                          : rectOf((t.width - side) / 2, ctaRect.y1 + t.px(110), side, side + captionH);
    drawPhoneCode(ctx, area, ctx.strings.get("phone.scan_to_rate"));
  }
  drawTextCentered(ctx, ctx.fonts.small, rectOf(0, barY - t.px(80), t.width, t.px(50)), t.colors.textMuted,
                   ctx.strings.get("attract.privacy"));
  return intent;
}

}  // namespace kiosk::ui
