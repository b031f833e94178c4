// 整改: the cases (open first, overdue flagged) and the commitments over the rectification rule in
// the period, each with its case or a form to open one; exports are the same ledger. The rule is
// applied (sweepCases) before the page is drawn, so what is over it has a case.
#include <map>

#include "../page_context.hpp"
#include "common/iso_time.hpp"

namespace hub::console {

Response rectificationsPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  sweepCases({ctx.db, ctx.cases, ctx.accounts, ctx.config, ctx.api, ctx.t, ctx.today, ctx.now});
  const auto index = indexCommitments(ctx);
  const auto rows = rowsOverTheRule(commitmentRows(ctx, index), ctx.api.rectify);
  // A row's deadline: its open case's, or a case opened today's.
  const std::string dueIfOpenedToday =
      caseDeadline(ctx.today, static_cast<int>(ctx.config.caseWorkingDays), ctx.config.calendar);
  const auto deadlineOf = [&](const CommitmentRow& r) {
    const auto c = ctx.cases.latestFor(r.hall, r.id);
    return c && isOpen(c->state) ? c->deadline : dueIfOpenedToday;
  };
  if (ctx.format == "xlsx")
    return downloadBytes(ctx, ledgerXlsx(ledgerOf(ctx, rows, t["rect_ledger_title"])), kXlsxType,
                         "rectifications-" + ctx.period.from + "-" + ctx.period.to + ".xlsx");
  if (ctx.format == "csv") {
    SheetTable table{t["rect_ledger_title"],
                     {t["hall"], t["id"], t["commitment"], t["holder"], t["unit"], t["good"], t["fair"], t["poor"],
                      t["total"], t["fair_or_worse"], t["deadline"]},
                     {}};
    for (const auto& r : rows)
      table.rows.push_back({r.hall, r.id, r.commitment ? r.commitment->title : "",
                            r.commitment ? r.commitment->holder.name : "",
                            r.commitment ? r.commitment->holder.unit : "", r.counts.good, r.counts.fair, r.counts.poor,
                            r.counts.total(), wire::sharesOf(r.counts).fairOrWorse, deadlineOf(r)});
    return download(ctx, table, "rectifications");
  }
  Data list{Data::type::list};
  for (const auto& r : rows) {
    Data d = rowData(ctx, r);
    d.set("csrf", ctx.session.csrf);
    if (const auto c = ctx.cases.latestFor(r.hall, r.id)) {
      d.set("case_href", paths::fill(paths::kCase, std::to_string(c->id)));
      d.set("case_id", std::to_string(c->id));
      d.set("case_state", caseStateLabel(t, c->state));
    }
    list.push_back(d);
  }
  // Cases: open ones first (overdue among them first), then the rest, newest first within each.
  auto cases = ctx.cases.list(ctx.scope);
  std::stable_sort(cases.begin(), cases.end(), [&](const RectCase& a, const RectCase& b) {
    const auto rank = [&](const RectCase& c) {
      return isOverdue(c.state, c.deadline, ctx.today) ? 0 : isOpen(c.state) ? 1 : 2;
    };
    return rank(a) < rank(b);
  });
  if (cases.size() > 200) cases.resize(200);
  Data caseRows{Data::type::list};
  for (const auto& c : cases) {
    Data d;
    d.set("id", std::to_string(c.id));
    d.set("href", paths::fill(paths::kCase, std::to_string(c.id)));
    d.set("hall", ctx.hallName(c.hall));
    d.set("commitment_id", c.commitmentId);
    if (const auto* info = index.find(c.hall, c.commitmentId)) {
      d.set("holder", info->commitment->holder.name);
      d.set("title", info->commitment->title);
    }
    d.set("state", caseStateLabel(t, c.state));
    d.set("state_code", std::string(nameOf(c.state)));
    d.set("overdue", isOverdue(c.state, c.deadline, ctx.today));
    d.set("opened", c.openedDay);
    d.set("deadline", c.deadline);
    caseRows.push_back(d);
  }
  Data content;
  content.set("cases", caseRows);
  content.set("rows", list);
  std::string rule = t["rect_rule"];
  rule = replaceText(rule, "{p}", percent(ctx.api.rectify.fairOrWorseAtLeast));
  rule = replaceText(rule, "{n}", std::to_string(ctx.api.rectify.totalAtLeast));
  rule = replaceText(rule, "{w}", std::to_string(ctx.config.caseWindowDays));
  rule = replaceText(rule, "{k}", std::to_string(ctx.config.caseWorkingDays));
  rule = replaceText(rule, "{d}", dueIfOpenedToday);
  content.set("rule", rule);
  content.set("export_xlsx", std::string(paths::kRectifications) + "?" + hallQuery(ctx) + "&format=xlsx");
  content.set("export_csv", std::string(paths::kRectifications) + "?" + hallQuery(ctx) + "&format=csv");
  return renderPage(ctx, "rectifications", t["rect_title"], content);
}

}  // namespace hub::console
