// 整改: the commitments over the rectification rule in the period, with the deadline. A case column
// is laid out for the case lifecycle (待核实 until cases exist); exports are the same ledger.
#include "../page_context.hpp"
#include "common/iso_time.hpp"

namespace hub::console {

Response rectificationsPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const auto index = indexCommitments(ctx);
  auto rows = commitmentRows(ctx, index);
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [&](const CommitmentRow& r) { return !ctx.api.rectify.applies(r.counts); }),
             rows.end());
  // Worst first: the share of fair-or-worse, then the number of votes behind it.
  std::stable_sort(rows.begin(), rows.end(), [](const CommitmentRow& a, const CommitmentRow& b) {
    const auto x = wire::sharesOf(a.counts).fairOrWorse, y = wire::sharesOf(b.counts).fairOrWorse;
    return x != y ? x > y : a.counts.total() > b.counts.total();
  });
  const std::string deadline = addDays(ctx.today, ctx.api.rectify.daysToRectify);
  if (ctx.format == "xlsx")
    return downloadBytes(ctx, ledgerXlsx(ledgerOf(ctx, rows, "限期整改台账")), kXlsxType,
                         "rectifications-" + ctx.period.from + "-" + ctx.period.to + ".xlsx");
  if (ctx.format == "csv") {
    SheetTable table{"限期整改台账",
                     {t["hall"], t["id"], t["commitment"], t["holder"], t["unit"], t["good"], t["fair"], t["poor"],
                      t["total"], t["fair_or_worse"], t["deadline"]},
                     {}};
    for (const auto& r : rows)
      table.rows.push_back({r.hall, r.id, r.commitment ? r.commitment->title : "",
                            r.commitment ? r.commitment->holder.name : "",
                            r.commitment ? r.commitment->holder.unit : "", r.counts.good, r.counts.fair, r.counts.poor,
                            r.counts.total(), wire::sharesOf(r.counts).fairOrWorse, deadline});
    return download(ctx, table, "rectifications");
  }
  Data list{Data::type::list};
  for (const auto& r : rows) {
    Data d = rowData(ctx, r);
    d.set("deadline", deadline);
    d.set("case_state", t["case_open"]);
    list.push_back(d);
  }
  Data content;
  content.set("rows", list);
  content.set("rule",
              replaceText(replaceText(replaceText(t["rect_rule"], "{p}", percent(ctx.api.rectify.fairOrWorseAtLeast)),
                                      "{n}", std::to_string(ctx.api.rectify.totalAtLeast)),
                          "{d}", deadline));
  content.set("export_xlsx", "/console/rectifications?" + hallQuery(ctx) + "&format=xlsx");
  content.set("export_csv", "/console/rectifications?" + hallQuery(ctx) + "&format=csv");
  return renderPage(ctx, "rectifications", t["rect_title"], content);
}

}  // namespace hub::console
