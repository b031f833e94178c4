#include <algorithm>
#include <cmath>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

namespace {

std::string triple(const RatingCounts& c) {
  return std::to_string(c.good) + " / " + std::to_string(c.fair) + " / " + std::to_string(c.poor);
}

// The outbox and sync lines; returns where the next line would start.
float drawStatus(ViewContext& ctx, const Rect& box) {
  const Theme& t = ctx.theme;
  const StaffReport& r = ctx.staff;
  const SyncSummary& s = r.sync;
  const float w = box.x1 - box.x0;
  float y = box.y0;
  const auto line = [&](ImFont* font, ImU32 color, const std::string& text) {
    y += drawText(ctx, font, {box.x0, y}, color, text, w) + t.px(12);
  };
  line(ctx.fonts.body, t.colors.text,
       format(ctx.strings.get("staff.list_version"), {{"v", std::to_string(s.listVersion)}}));
  // Which signed settings apply: none (kiosk.toml only), the hall's, the kiosk's own, or both.
  const char* settingsKey = s.hallSettingsVersion == 0
                                ? (s.kioskSettingsVersion == 0 ? "staff.settings_local" : "staff.settings_kiosk_only")
                            : s.kioskSettingsVersion == 0 ? "staff.settings_hall_only"
                                                          : "staff.settings_versions";
  line(ctx.fonts.body, t.colors.text,
       format(ctx.strings.get(settingsKey),
              {{"hall", std::to_string(s.hallSettingsVersion)}, {"kiosk", std::to_string(s.kioskSettingsVersion)}}));
  if (!s.settingsRefused.empty()) {
    line(ctx.fonts.body, t.colors.poor, std::string(ctx.strings.get("staff.settings_refused")));
    line(ctx.fonts.small, t.colors.textMuted, s.settingsRefused);
  }
  line(ctx.fonts.body, t.colors.text,
       format(ctx.strings.get("staff.queue"),
              {{"batches", std::to_string(s.queuedBatches)}, {"votes", std::to_string(s.openVotes)}}));
  if (!s.configured) {
    line(ctx.fonts.body, t.colors.textMuted, std::string(ctx.strings.get("staff.offline")));
  } else {
    line(ctx.fonts.body, t.colors.text,
         s.lastSuccess.empty() ? std::string(ctx.strings.get("staff.never_synced"))
                               : format(ctx.strings.get("staff.last_sync"), {{"time", s.lastSuccess}}));
    if (!s.problem.empty()) {
      // In words first, then the technical cause for whoever staff call.
      line(ctx.fonts.body, t.colors.poor,
           format(ctx.strings.get("staff.problem"),
                  {{"what", std::string(ctx.strings.get("staff.problem_" + s.problem))}}));
      if (!s.detail.empty()) line(ctx.fonts.small, t.colors.textMuted, s.detail);
    }
  }
  if (s.conflicts > 0)
    line(ctx.fonts.body, t.colors.poor,
         format(ctx.strings.get("staff.conflicts"), {{"n", std::to_string(s.conflicts)}}));
  if (!r.notice.key.empty()) {
    y += t.px(12);
    line(ctx.fonts.body,
         r.notice.key.find("failed") != std::string::npos || r.notice.key.find("error") != std::string::npos ||
                 r.notice.key.find("no_stick") != std::string::npos
             ? t.colors.poor
             : t.colors.good,
         format(ctx.strings.get(r.notice.key), {{"detail", r.notice.detail}}));
  }
  return y;
}

}  // namespace

std::optional<Intent> StaffView::drawContent(ViewContext& ctx) {
  const Theme& t = ctx.theme;
  std::optional<Intent> intent;
  bool back = false;
  const float top = drawHeader(ctx, format(ctx.strings.get("staff.heading"), {{"kiosk", ctx.staff.kioskId}}),
                               ctx.strings.get("staff.leave"), back);
  if (back) intent = Intent::of(Intent::Kind::StaffLeave);

  const float margin = t.px(36), gap = t.px(24);
  const float buttonH = t.minTarget() * 1.15f;
  // Landscape: tallies on the left, status and actions on the right. Portrait: status on top.
  Rect table, status, buttons;
  if (t.portrait()) {
    buttons = rectOf(margin, top + margin, t.width - 2 * margin, buttonH);
    status = {margin, buttons.y1 + gap, t.width - margin, buttons.y1 + gap + t.height * 0.3f};
    table = {margin, status.y1 + gap, t.width - margin, t.height - margin};  // moved up to the status' end below
  } else {
    const float split = std::round(t.width * 0.60f);
    table = {margin, top + margin, split - gap, t.height - margin};
    status = {split + gap, top + margin, t.width - margin, t.height - margin - 3 * buttonH - 2 * gap - gap};
    buttons = {split + gap, status.y1 + gap, t.width - margin, t.height - margin};
  }

  // Actions: sync now, export to USB, exit for maintenance (the only way out of the app).
  struct Action {
    const char* name;
    const char* label;
    Intent::Kind kind;
    bool enabled;
    ImU32 fill, ink;
  };
  const Action actions[3] = {
      {"staff:sync", "staff.sync_now", Intent::Kind::StaffSyncNow, true, t.colors.focus, t.colors.focusText},
      {"staff:export", "staff.export", Intent::Kind::StaffExport, ctx.staff.exportConfigured, t.colors.focus,
       t.colors.focusText},
      {"staff:quit", "staff.quit", Intent::Kind::StaffQuit, true, t.colors.poor, t.colors.headerText},
  };
  for (int i = 0; i < 3; ++i) {
    Rect r;
    if (t.portrait()) {
      const float w = (buttons.x1 - buttons.x0 - 2 * gap) / 3;
      r = rectOf(buttons.x0 + static_cast<float>(i) * (w + gap), buttons.y0, w, buttonH);
    } else {
      r = rectOf(buttons.x0, buttons.y0 + static_cast<float>(i) * (buttonH + gap), buttons.x1 - buttons.x0, buttonH);
    }
    const Action& a = actions[i];
    const std::string label = ellipsize(ctx.fonts.body, ctx.strings.get(a.label), r.x1 - r.x0 - t.px(24));
    const bool tapped = button(ctx, a.name, r, label, a.enabled ? a.fill : t.colors.cardPressed,
                               a.enabled ? a.ink : t.colors.textMuted, ctx.fonts.body);
    if (tapped && a.enabled) intent = Intent::of(a.kind);
  }

  ctx.draw->PushClipRect({status.x0, status.y0}, {status.x1, status.y1}, true);
  const float statusEnd = drawStatus(ctx, status);
  ctx.draw->PopClipRect();
  if (t.portrait()) table.y0 = std::min(status.y1, statusEnd) + gap;  // the table takes what status leaves

  // The tallies: one row per commitment, counts as good / fair / poor for today, month, all time.
  const float countW = textSize(ctx.fonts.body, "0000 / 000 / 000").x;
  const float colGap = t.px(20);
  const float nameW = table.x1 - table.x0 - 3 * (countW + colGap);
  const float headH = ctx.fonts.small->FontSize + t.px(16);
  const float rowH = ctx.fonts.body->FontSize + ctx.fonts.small->FontSize + t.px(28);
  const char* heads[4] = {"staff.col_commitment", "staff.col_today", "staff.col_month", "staff.col_all"};
  for (int c = 0; c < 4; ++c) {
    // Count headings sit flush right, over the figures they name.
    const float w = c == 0 ? nameW - colGap : countW;
    const std::string head = ellipsize(ctx.fonts.small, ctx.strings.get(heads[c]), w);
    const float right = table.x0 + nameW + static_cast<float>(c) * (countW + colGap);
    const float x = c == 0 ? table.x0 : right - textSize(ctx.fonts.small, head).x;
    drawText(ctx, ctx.fonts.small, {x, table.y0}, t.colors.textMuted, head);
  }
  const Rect viewport{table.x0, table.y0 + headH, table.x1, table.y1};
  ctx.draw->AddLine({viewport.x0, viewport.y0 - t.px(4)}, {viewport.x1, viewport.y0 - t.px(4)}, t.colors.cardBorder,
                    t.px(2));

  const auto& rows = ctx.staff.tallies;
  const float viewH = viewport.y1 - viewport.y0;
  const float maxScroll = std::max(0.0f, static_cast<float>(rows.size()) * rowH - viewH);
  scroll_.follow(ctx.tap, viewport, ctx.time);
  if (ctx.wheel != 0) scroll_.scroll.jumpTo(std::clamp(scroll_.scroll.offset() - ctx.wheel * rowH, 0.0f, maxScroll));
  const float scroll = scroll_.scroll.advance(ctx.time, maxScroll);

  ctx.draw->PushClipRect({viewport.x0, viewport.y0}, {viewport.x1, viewport.y1}, true);
  const auto first = static_cast<std::size_t>(std::max(0.0f, scroll / rowH));
  for (std::size_t i = first; i < rows.size(); ++i) {
    const float y = viewport.y0 + static_cast<float>(i) * rowH - scroll;
    if (y > viewport.y1) break;
    const CommitmentTally& row = rows[i];
    const wire::Commitment* c = i < ctx.list.commitments.size() && ctx.list.commitments[i].id == row.commitmentId
                                    ? &ctx.list.commitments[i]
                                    : nullptr;
    const std::string name = c ? c->holder.name : row.commitmentId;
    drawText(ctx, ctx.fonts.body, {table.x0, y + t.px(8)}, t.colors.text,
             ellipsize(ctx.fonts.body, name, nameW - colGap));
    if (c)
      drawText(ctx, ctx.fonts.small, {table.x0, y + t.px(14) + ctx.fonts.body->FontSize}, t.colors.textMuted,
               ellipsize(ctx.fonts.small, c->title, nameW - colGap));
    const RatingCounts* periods[3] = {&row.today, &row.month, &row.all};
    for (int p = 0; p < 3; ++p) {
      const std::string text = triple(*periods[p]);
      const float right = table.x0 + nameW + static_cast<float>(p + 1) * (countW + colGap);
      drawText(ctx, ctx.fonts.body, {right - textSize(ctx.fonts.body, text).x, y + t.px(8)},
               periods[p]->total() ? t.colors.text : t.colors.textMuted, text);
    }
    ctx.draw->AddLine({table.x0, y + rowH - t.px(2)}, {table.x1, y + rowH - t.px(2)}, t.colors.cardBorder, t.px(1));
  }
  ctx.draw->PopClipRect();
  return intent;
}

}  // namespace kiosk::ui
