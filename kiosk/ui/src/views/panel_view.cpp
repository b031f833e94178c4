// 评议会 on the kiosk: the code pad, a moment's wait for the hub, the ballot (every commitment of
// the panel with its grades and 不评, scrolled by the finger, sent with one button), and the thanks.
// What is shown comes from the app's PanelPrompt; taps go back as panel intents.
#include <algorithm>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using Step = PanelPrompt::Step;

// The typed code in the slip's groups (4 4 2), the places still to type as "_".
std::string groupedCode(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < PanelPrompt::kCodeDigits; ++i) {
    if (i == 4 || i == 8) out += "  ";
    out += i < digits.size() ? digits[i] : '_';
    if (i + 1 < PanelPrompt::kCodeDigits && i != 3 && i != 7) out += ' ';
  }
  return out;
}

}  // namespace

std::optional<Intent> PanelView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;
  bool back = false;
  const float top = drawHeader(ctx, ctx.strings.get("panel.heading"), ctx.strings.get("common.back"), back);
  if (back) intent = Intent::of(Intent::Kind::PanelLeave);
  if (!ctx.panel) return intent;
  const PanelPrompt& p = *ctx.panel;
  const std::string problem = p.problem.empty() ? std::string()
                              : p.problem == "panel.unanswered"
                                  ? format(ctx.strings.get(p.problem), {{"n", std::to_string(p.unanswered())}})
                                  : std::string(ctx.strings.get(p.problem));

  switch (p.step) {
    case Step::Typing: {
      const float messageY = top + t.px(30);
      const std::string message = problem.empty() ? std::string(ctx.strings.get("panel.code_prompt")) : problem;
      drawTextCentered(ctx, ctx.fonts.title, rectOf(0, messageY, t.width, ctx.fonts.title->FontSize),
                       problem.empty() ? t.colors.text : t.colors.poor,
                       ellipsize(ctx.fonts.title, message, t.width - t.px(80)));
      // The digits themselves: the panelist reads them against the slip in their hand.
      const float codeY = messageY + ctx.fonts.title->FontSize + t.px(30);
      drawTextCentered(ctx, ctx.fonts.huge, rectOf(0, codeY, t.width, ctx.fonts.huge->FontSize), t.colors.text,
                       groupedCode(p.digits));
      const float padTop = codeY + ctx.fonts.huge->FontSize + t.px(40);
      if (const auto k = drawKeypad(ctx, "panel-key", padTop, t.px(130), ctx.strings.get("staff.erase"),
                                    ctx.strings.get("panel.open"), false)) {
        if (*k == kKeyErase) intent = Intent::of(Intent::Kind::PanelErase);
        else if (*k == kKeyOk) intent = Intent::of(Intent::Kind::PanelSubmitCode);
        else intent = Intent::panelDigit(static_cast<std::size_t>(*k));
      }
      break;
    }
    case Step::Waiting:
      drawTextCentered(ctx, ctx.fonts.title, rectOf(0, top, t.width, t.height - top), t.colors.text,
                       ctx.strings.get("panel.waiting"));
      break;
    case Step::Done: {
      const float y = top + (t.height - top) * 0.25f;
      drawTextCentered(ctx, ctx.fonts.huge, rectOf(0, y, t.width, ctx.fonts.huge->FontSize * 1.3f), t.colors.good,
                       ctx.strings.get("panel.thanks_title"));
      drawTextCentered(ctx, ctx.fonts.body, rectOf(0, y + ctx.fonts.huge->FontSize * 1.6f, t.width, t.px(60)),
                       t.colors.textMuted, ctx.strings.get("panel.thanks_body"));
      const float bw = std::min(t.px(420), (t.width - t.px(120)) / 2), bh = t.px(120);
      const float by = y + ctx.fonts.huge->FontSize * 1.6f + t.px(140);
      const float bx = (t.width - 2 * bw - t.px(40)) / 2;
      if (button(ctx, "panel:next", rectOf(bx, by, bw, bh), ctx.strings.get("panel.next"), t.colors.focus,
                 t.colors.focusText, ctx.fonts.title))
        intent = Intent::of(Intent::Kind::PanelAgain);
      if (button(ctx, "panel:finish", rectOf(bx + bw + t.px(40), by, bw, bh), ctx.strings.get("panel.finish"),
                 t.colors.card, t.colors.text, ctx.fonts.title))
        intent = Intent::of(Intent::Kind::PanelLeave);
      break;
    }
    case Step::Ballot: {
      const float margin = t.px(40);
      // The seat's category and what to do, then the commitments, then the send bar.
      // The seat's category in words; one this kiosk has no words for (a newer hub's) is left out
      // rather than shown as its key.
      const std::string categoryKey = "panel.category_" + p.category;
      const std::string_view category = ctx.strings.get(categoryKey);
      const std::string intro = (category == categoryKey ? std::string() : std::string(category) + " · ") +
                                std::string(ctx.strings.get("panel.ballot_intro"));
      drawText(ctx, ctx.fonts.body, {margin, top + t.px(20)}, t.colors.text,
               ellipsize(ctx.fonts.body, intro, t.width - 2 * margin));
      const float barH = t.px(150);
      const Rect viewport{margin, top + t.px(30) + ctx.fonts.body->FontSize * 1.5f, t.width - margin, t.height - barH};
      const std::size_t options = p.grades.size() + 1;  // the grades and 不评
      const float optionGap = t.px(16);
      const float optionH = t.px(96);
      const float optionW =
          std::min(t.px(220), (viewport.x1 - viewport.x0 - optionGap * static_cast<float>(options - 1)) /
                                  static_cast<float>(options));
      const float nameH = ctx.fonts.title->FontSize * 1.3f + ctx.fonts.body->FontSize * 1.4f;
      const float rowH = nameH + optionH + t.px(40);
      const float viewH = viewport.y1 - viewport.y0;
      const float maxScroll = std::max(0.0f, static_cast<float>(p.items.size()) * rowH - viewH);
      scroll_.follow(ctx.tap, viewport, ctx.time);
      if (ctx.wheel != 0)
        scroll_.scroll.jumpTo(std::clamp(scroll_.scroll.offset() - ctx.wheel * rowH, 0.0f, maxScroll));
      const float scroll = scroll_.scroll.advance(ctx.time, maxScroll);
      ctx.draw->PushClipRect({viewport.x0, viewport.y0}, {viewport.x1, viewport.y1}, true);
      for (std::size_t i = 0; i < p.items.size(); ++i) {
        const float y = viewport.y0 + static_cast<float>(i) * rowH - scroll;
        if (y + rowH < viewport.y0) continue;
        if (y > viewport.y1) break;
        const wire::Commitment* c = ctx.list.find(p.items[i]);
        const std::string holder = c ? c->holder.name + (c->holder.unit.empty() ? "" : " · " + c->holder.unit) : "";
        drawText(ctx, ctx.fonts.title, {viewport.x0, y}, t.colors.text,
                 ellipsize(ctx.fonts.title, c ? c->title : p.items[i], viewport.x1 - viewport.x0));
        drawText(ctx, ctx.fonts.body, {viewport.x0, y + ctx.fonts.title->FontSize * 1.3f}, t.colors.textMuted,
                 ellipsize(ctx.fonts.body, holder, viewport.x1 - viewport.x0));
        const float oy = y + nameH + t.px(10);
        for (std::size_t o = 0; o < options; ++o) {
          const Rect r = rectOf(viewport.x0 + static_cast<float>(o) * (optionW + optionGap), oy, optionW, optionH);
          const bool chosen = p.answers[i] == o;
          const std::string label(o < p.grades.size() ? ctx.strings.get("panel.grade_" + p.grades[o])
                                                      : ctx.strings.get("panel.skip"));
          const std::string name =
              "panel:item" + std::to_string(i) + ":" + (o < p.grades.size() ? p.grades[o] : std::string("skip"));
          // Only a button wholly in view answers a tap: a finger on the list's edge scrolls it.
          const bool inView = r.y0 >= viewport.y0 && r.y1 <= viewport.y1;
          const bool hit =
              inView ? button(ctx, name, r, label, chosen ? t.colors.focus : t.colors.card,
                              chosen ? t.colors.focusText : t.colors.text, ctx.fonts.title)
                     : (fillRect(ctx, r, chosen ? t.colors.focus : t.colors.card, t.px(16)),
                        drawTextCentered(ctx, ctx.fonts.title, r, chosen ? t.colors.focusText : t.colors.text, label),
                        false);
          ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, chosen ? t.colors.focus : t.colors.cardBorder, t.px(16), 0,
                            t.px(chosen ? 4 : 2));
          if (hit && !scroll_.animating()) intent = Intent::panelAnswer(i, o);
        }
        ctx.draw->AddLine({viewport.x0, y + rowH - t.px(16)}, {viewport.x1, y + rowH - t.px(16)}, t.colors.cardBorder,
                          t.px(1));
      }
      ctx.draw->PopClipRect();
      // The send bar: what is still missing (or why the last try failed) and the button.
      const float barY = t.height - barH;
      ctx.draw->AddLine({0, barY}, {t.width, barY}, t.colors.cardBorder, t.px(2));
      const float sendW = t.px(360), sendH = t.px(100);
      const Rect send = rectOf(t.width - margin - sendW, barY + (barH - sendH) / 2, sendW, sendH);
      if (!problem.empty())
        drawText(ctx, ctx.fonts.body, {margin, barY + (barH - ctx.fonts.body->FontSize) / 2}, t.colors.poor,
                 ellipsize(ctx.fonts.body, problem, send.x0 - 2 * margin));
      if (button(ctx, "panel:submit", send, ctx.strings.get("panel.submit"), t.colors.focus, t.colors.focusText,
                 ctx.fonts.title))
        intent = Intent::of(Intent::Kind::PanelSubmit);
      break;
    }
  }
  return intent;
}

}  // namespace kiosk::ui
