// One commitment: who holds it and what it says, its counts over the period and their trend, the
// reasons given with 差, and every list version it appeared in.
#include <algorithm>
#include <map>

#include "../page_context.hpp"
#include "hub/console/svg_chart.hpp"
#include "hub/core/commitment_changes.hpp"

namespace hub::console {

Response commitmentPage(PageContext& ctx, const std::string& id) {
  const Strings& t = ctx.t;
  const auto index = indexCommitments(ctx);
  const CommitmentInfo* info = nullptr;
  for (const auto& hall : ctx.hallsInView())
    if ((info = index.find(hall, id))) break;
  const auto counts = queries::commitmentTally(ctx.db, id, ctx.period.from, ctx.period.to, ctx.scope);
  // Unknown here means: not in any list of the user's halls and never counted there. Another hall's
  // commitment looks exactly like a missing one, so its existence is not revealed either.
  if (!info && counts.good + counts.fair + counts.poor + counts.filtered == 0 &&
      queries::commitmentTally(ctx.db, id, "0000-01-01", "9999-12-31", ctx.scope).total() == 0)
    throw PageError{404, "err_no_commitment", {{"{id}", id}}};

  Data content = countsData({counts.good, counts.fair, counts.poor}, ctx.config.minCount);
  content.set("id", id);
  if (info) {
    const auto& c = *info->commitment;
    content.set("hall", ctx.hallName(info->hall));
    content.set("title", c.title);
    content.set("text", c.text);
    content.set("holder", c.holder.name);
    content.set("post", c.holder.post);
    content.set("unit", c.holder.unit);
    content.set("kind", kindLabel(t, c.holder.kind));
    content.set("term", termLabel(t, c.term));
    content.set("valid", c.valid_from + " — " + c.valid_to);
  }
  content.set("filtered", std::to_string(counts.filtered));
  // Ratings found mistaken on re-review: the raw figures above stay; beside them the adjusted ones.
  std::vector<DisputedRange> touching;
  for (const auto& r : ctx.cases.disputedRanges(ctx.scope))
    if (r.commitmentId == id) touching.push_back(r);
  const auto adjustedBy = queries::adjustments(ctx.db, touching, ctx.period.from, ctx.period.to);
  if (!adjustedBy.empty()) {
    wire::TallyCounts off;
    Data ranges{Data::type::list};
    for (const auto& [key, a] : adjustedBy) {
      off.good += a.disputed.good;
      off.fair += a.disputed.fair;
      off.poor += a.disputed.poor;
      for (const auto& r : a.ranges) {
        Data row;
        row.set("hall", ctx.hallName(r.hall));
        row.set("days", rangeText(r));
        row.set("reason", r.reason);
        row.set("case", std::to_string(r.caseId));
        row.set("case_href", paths::fill(paths::kCase, std::to_string(r.caseId)));
        ranges.push_back(row);
      }
    }
    Data disputed;
    disputed.set("raw", countsData({counts.good, counts.fair, counts.poor}, ctx.config.minCount));
    disputed.set("adjusted",
                 countsData(adjustedCounts({counts.good, counts.fair, counts.poor}, off), ctx.config.minCount));
    disputed.set("ranges", ranges);
    content.set("disputed", disputed);
  }
  Data reviews{Data::type::list};
  if (info && !info->commitment->holder.unit.empty())
    for (const auto& r : ctx.reviews.forUnit({info->hall}, info->commitment->holder.unit)) {
      Data row;
      row.set("when", localTime(ctx, r.atUnix));
      row.set("half", r.half);
      row.set("who", ctx.personName(r.login));
      row.set("note", r.note);
      reviews.push_back(row);
    }
  content.set("has_reviews", !reviews.is_empty_list());
  content.set("reviews", reviews);

  const auto daily = queries::dailyTotals(ctx.db, ctx.period.from, ctx.period.to, ctx.scope, id);
  // One commitment gets a few votes a day: beyond a month, a bar is a week, so bars reach the
  // minimum count and show their make-up instead of grey.
  const auto bars = trendBars(daily, ctx.period, daysBetween(ctx.period.from, ctx.period.to) > 31 ? 7 : 1);
  content.set("trend", trendSection(ctx, bars));

  // Reasons: labels from the lists, never a code (a code no list names any more is counted under
  // one "other" row); the 差 given without a reason make their own row, so the rows add up to 差.
  // A count under the minimum is shown only as "—".
  std::map<std::string, std::string> reasonLabels;
  for (const auto& [hall, lists] : index.history)  // newest first: a code's latest label wins
    for (auto list = lists.rbegin(); list != lists.rend(); ++list)
      for (const auto& r : (*list)->reasons) reasonLabels.emplace(r.code, r.label);
  std::vector<std::pair<std::string, std::int64_t>> reasonRows;
  std::int64_t withReason = 0, unnamed = 0;
  for (const auto& [code, n] : queries::poorReasons(ctx.db, id, ctx.period.from, ctx.period.to, ctx.scope)) {
    withReason += n;
    const auto label = reasonLabels.find(code);
    if (label == reasonLabels.end()) unnamed += n;
    else reasonRows.emplace_back(label->second, n);
  }
  if (unnamed > 0) reasonRows.emplace_back(t["reason_unnamed"], unnamed);
  if (!reasonRows.empty() && counts.poor > withReason)
    reasonRows.emplace_back(t["reason_none"], counts.poor - withReason);
  Data reasons{Data::type::list};
  for (const auto& [label, n] : reasonRows) {
    Data r;
    r.set("reason", label);
    r.set("count", counts.poor >= ctx.config.minCount ? std::to_string(n) : "—");
    reasons.push_back(r);
  }
  content.set("reasons", reasons);
  content.set("has_reasons", !reasons.is_empty_list());

  // Field by field, what each version changed against the one before it (in that hall).
  const auto words = [&](const FieldChange& c, const std::string& value) { return changeValue(t, c, value); };
  // Each version's own ratings (all time: a version is the period it was shown), with the
  // privacy floor of every other figure.
  const auto countsCells = [&](Data& row, const wire::TallyCounts& n) {
    row.set("v_total", std::to_string(n.total()));
    row.set("v_satisfaction", shareOrDash(n.good, n.total(), ctx.config.minCount));
  };
  Data versions{Data::type::list};
  for (const auto& hall : ctx.hallsInView()) {
    std::map<std::int64_t, wire::TallyCounts> byVersion;
    for (const auto& [version, n] : queries::countsByVersion(ctx.db, id, std::vector<std::string>{hall}))
      byVersion[version] = n;
    if (const auto old = byVersion.find(0); old != byVersion.end()) {
      Data row;
      row.set("hall", ctx.hallName(hall));
      row.set("version", "—");
      row.set("published", "—");
      row.set("title", "");  // set, or Mustache would take the page's own title from the outer context
      row.set("holder", "");
      row.set("changes", t["version_unrecorded"]);
      countsCells(row, old->second);
      versions.push_back(row);
    }
    std::optional<wire::Commitment> previous;
    for (const auto& v : ctx.catalog.history(ctx.db, hall)) {
      const auto it = std::find_if(v.list->commitments.begin(), v.list->commitments.end(),
                                   [&](const wire::Commitment& c) { return c.id == id; });
      if (it == v.list->commitments.end()) continue;
      std::string changed = previous ? "" : t["first_version"];
      if (previous)
        for (const auto& c : commitmentChanges(*previous, *it))
          changed += (changed.empty() ? "" : "；") + t[c.field] + "：" + words(c, c.before) + " → " + words(c, c.after);
      if (previous && changed.empty()) changed = t["unchanged"];
      previous = *it;
      Data row;
      row.set("hall", v.list->hall == "*" ? t["all_halls"] : ctx.hallName(v.list->hall));
      row.set("version", std::to_string(v.list->version));
      row.set("published", localTime(ctx, v.receivedUnix));
      row.set("title", it->title);
      row.set("holder", it->holder.name);
      row.set("changes", changed);
      countsCells(row, byVersion[v.list->version]);
      versions.push_back(row);
    }
  }
  content.set("versions", versions);
  return renderPage(ctx, "commitment", info ? info->commitment->title : id, content);
}

}  // namespace hub::console
