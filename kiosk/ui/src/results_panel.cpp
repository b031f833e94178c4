#include "kiosk/ui/results_panel.hpp"

#include <algorithm>

#include "kiosk/core/results_wording.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

namespace {

float padding(const Theme& t) { return t.px(18); }
float accentWidth(const Theme& t) { return t.px(8); }
float innerWidth(const Theme& t, float width) { return width - accentWidth(t) - 3 * padding(t); }
constexpr std::size_t kSummaryLines = 2;

std::string outcomeText(const ViewContext& ctx, const wire::CommitmentResult& r) {
  return r.outcome.empty() ? std::string() : format(ctx.strings.get("results.outcome"), {{"text", r.outcome}});
}

}  // namespace

std::string resultsSummary(const ViewContext& ctx, const wire::CommitmentResult& r) {
  const WindowWording w = windowWording(wire::ResultsBoard{"", r.from, r.to, {}}.windowDays());
  const std::string window = format(ctx.strings.get(w.months ? "results.window_months" : "results.window_days"),
                                    {{"n", std::to_string(w.count)}});
  return format(ctx.strings.get("results.summary"), {{"window", window},
                                                     {"total", std::to_string(r.total)},
                                                     {"percent", std::to_string(wholePercent(r.satisfaction))}});
}

float resultsPanelWidth(const ViewContext& ctx, const wire::CommitmentResult& r, float least, float most) {
  const float chrome = accentWidth(ctx.theme) + 3 * padding(ctx.theme) + ctx.theme.px(4);
  return std::clamp(textSize(ctx.fonts.body, resultsSummary(ctx, r)).x + chrome, least, std::max(least, most));
}

float resultsPanelHeight(const ViewContext& ctx, const wire::CommitmentResult& r, float width,
                         std::size_t outcomeLines) {
  const Theme& t = ctx.theme;
  const float inner = innerWidth(t, width);
  float h = 2 * padding(t) +
            textSize(ctx.fonts.body, clampLines(ctx.fonts.body, resultsSummary(ctx, r), inner, kSummaryLines), inner).y;
  const std::string outcome = outcomeText(ctx, r);
  if (!outcome.empty() && outcomeLines > 0)
    h += t.px(8) + textSize(ctx.fonts.body, clampLines(ctx.fonts.body, outcome, inner, outcomeLines), inner).y;
  return h;
}

void drawResultsPanel(ViewContext& ctx, const Rect& r, const wire::CommitmentResult& result, std::size_t outcomeLines) {
  const Theme& t = ctx.theme;
  const float round = t.px(16);
  fillRect(ctx, r, t.colors.results, round);
  ctx.draw->AddRect({r.x0, r.y0}, {r.x1, r.y1}, t.colors.resultsBorder, round, 0, t.px(2));
  fillRect(ctx, rectOf(r.x0, r.y0, accentWidth(t) + round, r.y1 - r.y0), t.colors.resultsBorder, round);
  fillRect(ctx, rectOf(r.x0 + accentWidth(t), r.y0 + t.px(2), round, r.y1 - r.y0 - t.px(4)), t.colors.results);

  const float inner = innerWidth(t, r.x1 - r.x0);
  const float x = r.x0 + accentWidth(t) + 2 * padding(t);
  float y = r.y0 + padding(t);
  y += drawText(ctx, ctx.fonts.body, {x, y}, t.colors.text,
                clampLines(ctx.fonts.body, resultsSummary(ctx, result), inner, kSummaryLines), inner);
  const std::string outcome = outcomeText(ctx, result);
  if (!outcome.empty() && outcomeLines > 0)
    drawText(ctx, ctx.fonts.body, {x, y + t.px(8)}, t.colors.text,
             clampLines(ctx.fonts.body, outcome, inner, outcomeLines), inner);
}

float drawResultsBadge(ViewContext& ctx, float right, float top, const wire::CommitmentResult& r) {
  const Theme& t = ctx.theme;
  const std::string label =
      format(ctx.strings.get("results.badge"), {{"percent", std::to_string(wholePercent(r.satisfaction))}});
  const ImVec2 size = textSize(ctx.fonts.small, label);
  const float padX = t.px(12), padY = t.px(4);
  const Rect box = rectOf(right - size.x - 2 * padX, top, size.x + 2 * padX, size.y + 2 * padY);
  ctx.draw->AddRect({box.x0, box.y0}, {box.x1, box.y1}, t.colors.resultsBorder, t.px(8), 0, t.px(2));
  drawText(ctx, ctx.fonts.small, {box.x0 + padX, box.y0 + padY}, t.colors.resultsBorder, label);
  return box.x1 - box.x0;
}

}  // namespace kiosk::ui
