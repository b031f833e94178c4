// 整改: the cases (open first, overdue flagged) and the commitments over the rectification rule in
// the period, each with its case or a form to open one; exports are the same ledger. The rule is
// applied (sweepCases) before the page is drawn, so what is over it has a case.
#include <map>
#include <set>

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
  // The case list as a to-do: filtered by state (or whose turn), unit and deadline; open cases by
  // deadline, soonest (and so the overdue) first, then finished ones, newest first.
  const std::string stateFilter = ctx.param("cases"), unitFilter = ctx.param("unit"), dueFilter = ctx.param("due");
  if (!stateFilter.empty() && stateFilter != "open" && stateFilter != "mine" && !caseStateFromString(stateFilter))
    throw PageError{400, "err_case_filter"};
  if (!dueFilter.empty() && dueFilter != "overdue" && dueFilter != "week") throw PageError{400, "err_case_filter"};
  const auto unitOf = [&](const RectCase& c) {
    const auto* info = index.find(c.hall, c.commitmentId);
    return info ? info->commitment->holder.unit : std::string();
  };
  const CaseTurn mine = myTurn(ctx);
  std::vector<RectCase> cases;
  std::set<std::string> caseUnits;
  for (auto& c : ctx.cases.list(ctx.scope)) {
    if (const auto u = unitOf(c); !u.empty()) caseUnits.insert(u);
    if (stateFilter == "open" && !isOpen(c.state)) continue;
    if (stateFilter == "mine" && turnOf(c.state) != mine) continue;
    if (!stateFilter.empty() && stateFilter != "open" && stateFilter != "mine" && nameOf(c.state) != stateFilter)
      continue;
    if (!unitFilter.empty() && unitOf(c) != unitFilter) continue;
    if (dueFilter == "overdue" && !isOverdue(c.state, c.deadline, ctx.today)) continue;
    if (dueFilter == "week" && (!isOpen(c.state) || daysLeft(c.deadline, ctx.today) > 7)) continue;
    cases.push_back(std::move(c));
  }
  std::stable_sort(cases.begin(), cases.end(), [](const RectCase& a, const RectCase& b) {
    if (isOpen(a.state) != isOpen(b.state)) return isOpen(a.state);
    return isOpen(a.state) ? a.deadline < b.deadline : a.id > b.id;
  });
  const std::size_t matching = cases.size();
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
      d.set("unit", info->commitment->holder.unit);
    }
    d.set("state", caseStateLabel(t, c.state));
    d.set("state_code", std::string(nameOf(c.state)));
    d.set("overdue", isOverdue(c.state, c.deadline, ctx.today));
    d.set("my_turn", turnOf(c.state) == mine);
    d.set("opened", c.openedDay);
    d.set("deadline", c.deadline);
    if (isOpen(c.state)) {
      const auto left = daysLeft(c.deadline, ctx.today);
      d.set("days", left > 0    ? replaceText(t["days_left"], "{n}", std::to_string(left))
                    : left == 0 ? t["due_today"]
                                : replaceText(t["days_late"], "{n}", std::to_string(-left)));
    }
    caseRows.push_back(d);
  }
  const auto option = [](const std::string& value, const std::string& label, bool selected) {
    Data o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", selected);
    return o;
  };
  Data stateOptions{Data::type::list};
  stateOptions.push_back(option("", t["filter_all"], stateFilter.empty()));
  stateOptions.push_back(option("open", t["filter_open"], stateFilter == "open"));
  stateOptions.push_back(
      option("mine", t[mine == CaseTurn::Staff ? "filter_mine_staff" : "filter_mine_reviewer"], stateFilter == "mine"));
  for (const auto s : {CaseState::Verifying, CaseState::Rectifying, CaseState::AwaitingReview, CaseState::Appealed,
                       CaseState::Closed, CaseState::Explained, CaseState::Disputed})
    stateOptions.push_back(option(std::string(nameOf(s)), caseStateLabel(t, s), stateFilter == nameOf(s)));
  Data unitOptions{Data::type::list};
  unitOptions.push_back(option("", t["filter_all"], unitFilter.empty()));
  for (const auto& u : caseUnits) unitOptions.push_back(option(u, u, unitFilter == u));
  Data dueOptions{Data::type::list};
  dueOptions.push_back(option("", t["filter_all"], dueFilter.empty()));
  dueOptions.push_back(option("overdue", t["filter_due_overdue"], dueFilter == "overdue"));
  dueOptions.push_back(option("week", t["filter_due_week"], dueFilter == "week"));
  Data content;
  content.set("cases", caseRows);
  content.set("state_options", stateOptions);
  content.set("unit_options", unitOptions);
  content.set("due_options", dueOptions);
  content.set("cases_count", replaceText(t["cases_filtered"], "{n}", std::to_string(matching)));
  content.set("period", ctx.param("period"));
  content.set("from", ctx.param("from"));
  content.set("to", ctx.param("to"));
  content.set("hall_param", ctx.hall);
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
