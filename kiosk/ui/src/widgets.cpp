#include "kiosk/ui/widgets.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/core/line_break.hpp"
#include "wire/holder_text.hpp"

namespace kiosk::ui {

namespace {
constexpr float kPi = 3.14159265f;

}  // namespace

std::string TargetRegistry::describe() const {
  const auto px = [](float v) { return std::to_string(static_cast<int>(v)); };
  std::string out;
  for (const auto& t : targets_)
    out += " " + t.name + "=" + px(t.rect.x0) + "," + px(t.rect.y0) + "," + px(t.rect.x1) + "," + px(t.rect.y1);
  return out;
}

std::optional<Rect> TargetRegistry::find(std::string_view name) const {
  for (const auto& t : targets_)
    if (t.name == name) return t.rect;
  return std::nullopt;
}

bool tapTarget(ViewContext& ctx, std::string name, const Rect& r) {
  ctx.targets.add(std::move(name), r);
  return ctx.tap.tapped(r);
}

bool pressed(const ViewContext& ctx, const Rect& r) { return ctx.tap.pressing(r); }

void fillRect(ViewContext& ctx, const Rect& r, ImU32 color, float rounding) {
  ctx.draw->AddRectFilled({r.x0, r.y0}, {r.x1, r.y1}, color, rounding);
}

namespace {
Advance advanceIn(ImFont* font) {
  return [font](char32_t c) { return font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD)); };
}
// Paragraphs get air between lines: dense CJK text is hard to follow for older eyes.
float lineHeight(const ImFont* font) { return std::round(font->FontSize * 1.35f); }
}  // namespace

ImVec2 textSize(ImFont* font, std::string_view text, float wrapWidth) {
  if (wrapWidth <= 0) return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size());
  // Wrapped by the Chinese line-breaking rules, not ImGui's break-anywhere wrapping.
  const auto lines = breakLines(text, wrapWidth, advanceIn(font));
  float width = 0;
  for (const auto& l : lines) width = std::max(width, l.width);
  return {width, lineHeight(font) * static_cast<float>(std::max<std::size_t>(lines.size(), 1))};
}

namespace {
void audit(ViewContext& ctx, std::string_view text, Point pos, ImVec2 size) {
  if (!ctx.audit || text.empty()) return;
  const ImVec2 clipMin = ctx.draw->GetClipRectMin(), clipMax = ctx.draw->GetClipRectMax();
  ctx.audit->text(text, {pos.x, pos.y, pos.x + size.x, pos.y + size.y}, {clipMin.x, clipMin.y, clipMax.x, clipMax.y});
}
}  // namespace

float drawText(ViewContext& ctx, ImFont* font, Point pos, ImU32 color, std::string_view text, float wrapWidth) {
  if (wrapWidth <= 0) {
    ctx.draw->AddText(font, font->FontSize, toIm(pos), color, text.data(), text.data() + text.size());
    if (ctx.audit) audit(ctx, text, pos, textSize(font, text));
    return font->FontSize;
  }
  const auto lines = breakLines(text, wrapWidth, advanceIn(font));
  if (ctx.audit) {
    float widest = 0;
    for (const auto& l : lines) widest = std::max(widest, l.width);
    audit(ctx, text, pos, {widest, lineHeight(font) * static_cast<float>(std::max<std::size_t>(lines.size(), 1))});
  }
  const float clipTop = ctx.draw->GetClipRectMin().y, clipBottom = ctx.draw->GetClipRectMax().y;
  float y = pos.y;
  for (const auto& l : lines) {
    if (y + font->FontSize >= clipTop && y <= clipBottom)  // long texts: draw only the visible lines
      ctx.draw->AddText(font, font->FontSize, {pos.x, y}, color, text.data() + l.begin, text.data() + l.end);
    y += lineHeight(font);
  }
  return lineHeight(font) * static_cast<float>(std::max<std::size_t>(lines.size(), 1));
}

void drawTextCentered(ViewContext& ctx, ImFont* font, const Rect& r, ImU32 color, std::string_view text) {
  const ImVec2 size = textSize(font, text);
  drawText(ctx, font, {std::floor((r.x0 + r.x1 - size.x) / 2), std::floor((r.y0 + r.y1 - size.y) / 2)}, color, text);
}

std::string ellipsize(ImFont* font, std::string_view text, float maxWidth) {
  return fitWithEllipsis(text, maxWidth, advanceIn(font));
}

std::string clampLines(ImFont* font, std::string_view text, float width, std::size_t maxLines) {
  if (maxLines == 0) return {};
  const auto lines = breakLines(text, width, advanceIn(font));
  if (lines.size() <= maxLines) return std::string(text);
  const std::size_t lastBegin = lines[maxLines - 1].begin;
  // The cut line's own text plus everything after it, squeezed onto the last line with "…".
  return std::string(text.substr(0, lastBegin)) + ellipsize(font, text.substr(lastBegin), width);
}

bool button(ViewContext& ctx, std::string name, const Rect& r, std::string_view label, ImU32 fill, ImU32 textColor,
            ImFont* font) {
  const bool tapped = tapTarget(ctx, std::move(name), r);
  const float rounding = ctx.theme.px(16);
  fillRect(ctx, r, fill, rounding);
  if (pressed(ctx, r)) fillRect(ctx, r, ctx.theme.colors.shade, rounding);
  drawTextCentered(ctx, font, r, textColor, label);
  return tapped;
}

std::optional<int> drawKeypad(ViewContext& ctx, std::string_view prefix, float top, float maxKey,
                              std::string_view eraseLabel, std::string_view okLabel, bool dimmed) {
  const Theme& t = ctx.theme;
  const float gap = t.px(20);
  const float key = std::min({maxKey, (t.height - top - t.px(30) - 3 * gap) / 4, (t.width - 2 * gap) / 3});
  const float padX = (t.width - (3 * key + 2 * gap)) / 2;
  static constexpr int kKeys[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, kKeyErase, 0, kKeyOk};
  std::optional<int> tapped;
  for (int i = 0; i < 12; ++i) {
    const Rect r =
        rectOf(padX + static_cast<float>(i % 3) * (key + gap), top + static_cast<float>(i / 3) * (key + gap), key, key);
    const int k = kKeys[i];
    const bool erase = k == kKeyErase, ok = k == kKeyOk;
    const std::string digit = std::to_string(k);
    const std::string name = std::string(prefix) + ":" + (erase ? "erase" : ok ? "ok" : digit);
    const std::string_view label = erase ? eraseLabel : ok ? okLabel : std::string_view(digit);
    const ImU32 fill = dimmed ? t.colors.cardPressed : ok ? t.colors.focus : t.colors.card;
    const ImU32 ink = dimmed ? t.colors.textMuted : ok ? t.colors.focusText : t.colors.text;
    const bool hit = button(ctx, name, r, label, fill, ink, (erase || ok) ? ctx.fonts.title : ctx.fonts.huge);
    ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, t.colors.cardBorder, t.px(16), 0, t.px(2));
    if (hit && !dimmed) tapped = k;
  }
  return tapped;
}

void drawAvatar(ViewContext& ctx, const Rect& square, const wire::Commitment& c) {
  const Point center{(square.x0 + square.x1) / 2, (square.y0 + square.y1) / 2};
  const float radius = (square.x1 - square.x0) / 2;
  if (c.photo && ctx.photos) {
    if (ImTextureID tex = ctx.photos->photo(*c.photo)) {
      ctx.draw->AddImageRounded(tex, {square.x0, square.y0}, {square.x1, square.y1}, {0, 0}, {1, 1}, IM_COL32_WHITE,
                                radius);
      return;
    }
  }
  ctx.draw->AddCircleFilled(toIm(center), radius, ctx.theme.colors.avatar, 48);
  // The holder's first letter: a surname for people, a post's or unit's first character — never a
  // quotation mark or bracket the name starts with.
  drawTextCentered(ctx, ctx.fonts.title, square, ctx.theme.colors.headerText, wire::holderInitial(c.holder));
}

float drawTermBadge(ViewContext& ctx, Point pos, wire::Term term) {
  const std::string key = "term." + std::string(wire::nameOf(term));
  const std::string_view label = ctx.strings.get(key);
  const ImU32 color = termColor(ctx.theme, term);
  const ImVec2 size = textSize(ctx.fonts.small, label);
  const float padX = ctx.theme.px(12), padY = ctx.theme.px(4);
  const Rect r = rectOf(pos.x, pos.y, size.x + 2 * padX, size.y + 2 * padY);
  fillRect(ctx, r, color, ctx.theme.px(8));
  drawText(ctx, ctx.fonts.small, {pos.x + padX, pos.y + padY}, ctx.theme.colors.headerText, label);
  return r.x1 - r.x0;
}

void drawRatingSymbol(ViewContext& ctx, Point center, float radius, Rating rating, ImU32 color) {
  const float thick = std::max(2.0f, radius * 0.12f);
  ImDrawList* dl = ctx.draw;
  dl->AddCircle(toIm(center), radius, color, 48, thick);
  const float eyeY = center.y - radius * 0.25f, eyeDx = radius * 0.35f, eyeR = radius * 0.1f;
  dl->AddCircleFilled({center.x - eyeDx, eyeY}, eyeR, color, 16);
  dl->AddCircleFilled({center.x + eyeDx, eyeY}, eyeR, color, 16);
  const float mouthW = radius * 0.5f;
  switch (rating) {
    case Rating::Good:
      dl->PathArcTo({center.x, center.y + radius * 0.05f}, mouthW, kPi * 0.15f, kPi * 0.85f, 24);
      dl->PathStroke(color, false, thick);
      break;
    case Rating::Fair:
      dl->AddLine({center.x - mouthW, center.y + radius * 0.4f}, {center.x + mouthW, center.y + radius * 0.4f}, color,
                  thick);
      break;
    case Rating::Poor:
      dl->PathArcTo({center.x, center.y + radius * 0.75f}, mouthW, kPi * 1.15f, kPi * 1.85f, 24);
      dl->PathStroke(color, false, thick);
      break;
  }
}

ImU32 ratingColor(const Theme& theme, Rating r) {
  switch (r) {
    case Rating::Good: return theme.colors.good;
    case Rating::Fair: return theme.colors.fair;
    case Rating::Poor: return theme.colors.poor;
  }
  return theme.colors.good;
}

ImU32 termColor(const Theme& theme, wire::Term term) {
  switch (term) {
    case wire::Term::LongTerm: return theme.colors.longTerm;
    case wire::Term::Annual: return theme.colors.annual;
    case wire::Term::Immediate: return theme.colors.immediate;
  }
  return theme.colors.annual;
}

ImU32 ratingTextColor(const Theme& theme, Rating r) {
  return r == Rating::Fair ? theme.colors.fairText : theme.colors.headerText;
}

float drawHeader(ViewContext& ctx, std::string_view title, std::string_view backLabel, bool& backTapped) {
  const Theme& t = ctx.theme;
  const float h = t.px(120);
  fillRect(ctx, rectOf(0, 0, t.width, h), t.colors.header);
  float textX = t.px(40);
  backTapped = false;
  if (!backLabel.empty()) {
    const float bw = std::max(t.px(200), textSize(ctx.fonts.title, backLabel).x + t.px(60));
    const Rect r = rectOf(t.px(20), t.px(14), bw, h - t.px(28));
    backTapped = button(ctx, "back", r, backLabel, IM_COL32(255, 255, 255, 40), t.colors.headerText, ctx.fonts.title);
    textX = r.x1 + t.px(30);
  }
  const std::string fitted = ellipsize(ctx.fonts.title, title, t.width - textX - t.px(40));
  drawText(ctx, ctx.fonts.title, {textX, (h - ctx.fonts.title->FontSize) / 2}, t.colors.headerText, fitted);
  return h;
}

float drawPhoneCode(ViewContext& ctx, const Rect& area, std::string_view caption) {
  if (!ctx.phoneCode || ctx.phoneCode->qr.size == 0) return 0;
  const Theme& t = ctx.theme;
  const QrMatrix& qr = ctx.phoneCode->qr;
  const int modules = qr.size + 8;  // four light modules each side
  const float captionH = ctx.fonts.body->FontSize * 1.4f;
  const float side = std::min(area.x1 - area.x0, area.y1 - area.y0 - captionH);
  const float module = std::floor(side / static_cast<float>(modules));
  if (module < 3) return 0;  // smaller than a camera reads across a hall: better none
  const float drawn = module * static_cast<float>(modules);
  const float x0 = std::floor(area.x1 - drawn), y0 = std::floor(area.y0);
  // Always black on white, in high contrast too: that is what phone cameras read.
  ctx.draw->AddRectFilled({x0, y0}, {x0 + drawn, y0 + drawn}, IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size;) {
      if (!qr.at(x, y)) {
        ++x;
        continue;
      }
      int run = x;  // a run of dark modules in a row is one rectangle
      while (run < qr.size && qr.at(run, y)) ++run;
      const float px = x0 + module * static_cast<float>(x + 4), py = y0 + module * static_cast<float>(y + 4);
      ctx.draw->AddRectFilled({px, py}, {px + module * static_cast<float>(run - x), py + module},
                              IM_COL32(0, 0, 0, 255));
      x = run;
    }
  ctx.targets.add("phone-code", rectOf(x0, y0, drawn, drawn));
  const float captionW = std::max(drawn, textSize(ctx.fonts.body, caption).x);
  drawTextCentered(ctx, ctx.fonts.body, rectOf(x0 + drawn - captionW, y0 + drawn + t.px(6), captionW, captionH),
                   t.colors.text, caption);
  return std::max(drawn, captionW);
}

}  // namespace kiosk::ui
