// The 你评我改 pieces the views draw: the panel on the detail screen ("近 3 个月 128 人评价 · 满意率
// 86%", "整改情况：…") and the small satisfaction badge on a list card. Stateless; UI thread only.
#pragma once

#include <cstddef>
#include <string>

#include "kiosk/ui/view_context.hpp"
#include "wire/results_board.hpp"

namespace kiosk::ui {

// "近 3 个月 128 人评价 · 满意率 86%" in the resident's language.
std::string resultsSummary(const ViewContext& ctx, const wire::CommitmentResult& r);

// A width between `least` and `most` that holds the summary on one line where it can.
float resultsPanelWidth(const ViewContext& ctx, const wire::CommitmentResult& r, float least, float most);
// The panel's height at `width` (the summary wraps onto a second line if it must) with the outcome cut to
// `outcomeLines` lines (0: summary only).
float resultsPanelHeight(const ViewContext& ctx, const wire::CommitmentResult& r, float width,
                         std::size_t outcomeLines);
void drawResultsPanel(ViewContext& ctx, const Rect& r, const wire::CommitmentResult& result, std::size_t outcomeLines);

// Draws "满意率 86%" with its right edge at `right`, top at `top`; returns the width it took.
float drawResultsBadge(ViewContext& ctx, float right, float top, const wire::CommitmentResult& r);

}  // namespace kiosk::ui
