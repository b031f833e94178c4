// 概览: what needs this user (待办), then the period's satisfaction with its change against the
// period before (环比) and a year earlier (同比), the commitments and units needing attention
// first, the counts and shares, cases, a daily trend, the weekday × hour heat map, one row per hall.
#include <algorithm>

#include "../page_context.hpp"
#include "hub/console/svg_chart.hpp"
#include "hub/core/attention.hpp"
#include "hub/core/unit_names.hpp"

namespace hub::console {

namespace {

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::string part;
  for (char c : text) {
    if (c == by) {
      out.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  out.push_back(part);
  return out;
}

wire::TallyCounts sumOf(const std::vector<TallyRow>& rows) {
  wire::TallyCounts sum;
  for (const auto& r : rows) {
    sum.good += r.good;
    sum.fair += r.fair;
    sum.poor += r.poor;
  }
  return sum;
}

// "环比 +2.1 个百分点（2026-11-01 — 2026-11-06：83.9%）", or why there is none.
Data changeData(const PageContext& ctx, const char* label, const wire::TallyCounts& now, const Period& other) {
  const Strings& t = ctx.t;
  const auto before = sumOf(queries::tallies(ctx.db, other.from, other.to, ctx.scope, TallyGroup::Hall));
  const std::int64_t floor = std::max(ctx.config.minCount, ctx.config.rankMinCount);
  const auto change = satisfactionChange(now, before, floor);
  Data d;
  d.set("label", t[label]);
  const std::string span = other.from + " — " + other.to;
  if (change.missing != ScoreChange::Missing::None) {
    d.set("value", "—");
    d.set("why",
          replaceText(
              replaceText(
                  t[change.missing == ScoreChange::Missing::NowTooFew ? "change_now_too_few" : "change_before_too_few"],
                  "{min}", std::to_string(floor)),
              "{period}", span));
    return d;
  }
  char points[32];
  std::snprintf(points, sizeof points, "%+.1f", change.points);
  const bool flat = std::string(points) == "+0.0" || std::string(points) == "-0.0";
  d.set("value", flat ? t["change_flat"] : replaceText(t["change_points"], "{n}", points));
  d.set("up", !flat && change.points > 0);
  d.set("down", !flat && change.points < 0);
  d.set("why", span + "：" + percent(change.before));
  return d;
}

// The commitments and the units of the halls in view with the highest share of 一般 and 差, over
// the ranking floor.
void attentionData(PageContext& ctx, Data& content) {
  const auto index = indexCommitments(ctx);
  const auto rows = commitmentRows(ctx, index);
  std::map<std::string, const CommitmentRow*> byKey;
  std::map<std::string, wire::TallyCounts> units;
  std::vector<Scored> commitments;
  for (const auto& r : rows) {
    const std::string key = r.hall + "\n" + r.id + "\n" + r.note;
    byKey[key] = &r;
    commitments.push_back({key, r.counts});
    if (r.commitment && !r.commitment->holder.unit.empty()) {
      auto& u = units[unitKey(r.commitment->holder.unit)];
      u.good += r.counts.good;
      u.fair += r.counts.fair;
      u.poor += r.counts.poor;
    }
  }
  const std::int64_t floor = std::max(ctx.config.minCount, ctx.config.rankMinCount);
  Data worstCommitments{Data::type::list};
  for (const auto& s : worstFirst(commitments, floor, 5)) worstCommitments.push_back(rowData(ctx, *byKey.at(s.key)));
  std::vector<Scored> unitScores;
  for (const auto& [name, counts] : units) unitScores.push_back({name, counts});
  Data worstUnits{Data::type::list};
  for (const auto& s : worstFirst(unitScores, floor, 5)) {
    Data d = countsData(s.counts, ctx.config.minCount);
    d.set("unit", s.key);
    d.set("href", std::string(paths::kUnits) + "?" + hallQuery(ctx));
    worstUnits.push_back(d);
  }
  content.set("worst_commitments", worstCommitments);
  content.set("worst_units", worstUnits);
  content.set("has_worst", !worstCommitments.is_empty_list() || !worstUnits.is_empty_list());
  content.set("worst_note", replaceText(ctx.t["worst_note"], "{min}", std::to_string(floor)));
}

}  // namespace

Response overviewPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const auto halls = queries::tallies(ctx.db, ctx.period.from, ctx.period.to, ctx.scope, TallyGroup::Hall);
  wire::TallyCounts sum;
  std::int64_t filtered = 0;
  Data hallRows{Data::type::list};
  for (const auto& h : halls) {
    sum.good += h.good;
    sum.fair += h.fair;
    sum.poor += h.poor;
    filtered += h.filtered;
    Data row = countsData({h.good, h.fair, h.poor}, ctx.config.minCount);
    row.set("hall", ctx.hallName(h.hall));
    row.set("href", std::string(paths::kOverview) + "?" +
                        std::string(ctx.period.preset == Preset::Custom
                                        ? "from=" + ctx.period.from + "&to=" + ctx.period.to
                                        : "period=" + std::string(presetName(ctx.period.preset))) +
                        "&hall=" + urlEncode(h.hall));
    hallRows.push_back(row);
  }
  if (ctx.format == "xlsx" || ctx.format == "csv") {
    SheetTable table{
        t["overview_title"] + " " + ctx.period.from + " — " + ctx.period.to,
        {t["hall"], t["good"], t["fair"], t["poor"], t["total"], t["satisfaction"], t["fair_or_worse"], t["filtered"]},
        {}};
    for (const auto& h : halls) {
      const auto total = h.good + h.fair + h.poor;
      const auto share = [&](std::int64_t part) -> Cell {
        if (total < ctx.config.minCount || total == 0) return std::string("—");
        return static_cast<double>(part) / static_cast<double>(total);
      };
      table.rows.push_back(
          {ctx.hallName(h.hall), h.good, h.fair, h.poor, total, share(h.good), share(h.fair + h.poor), h.filtered});
    }
    return download(ctx, table, "overview");
  }

  Data content = countsData(sum, ctx.config.minCount);
  content.set("filtered", grouped(filtered));
  // 待办 first: what needs this user, each card a link to the list it counts.
  const ToDo todo = toDoOf(ctx);
  const std::string cases = std::string(paths::kRectifications) + "?" + hallQuery(ctx);
  Data todoCards{Data::type::list};
  const auto card = [&](const std::string& label, std::int64_t n, const std::string& href, bool bad) {
    Data c;
    c.set("label", label);
    c.set("n", std::to_string(n));
    c.set("href", href);
    c.set("bad", bad && n > 0);
    todoCards.push_back(c);
  };
  card(t[myTurn(ctx) == CaseTurn::Staff ? "todo_staff" : "todo_reviewer"], todo.mine, cases + "&cases=mine", false);
  card(t["todo_overdue"], todo.overdue, cases + "&due=overdue", true);
  if (ctx.user.role == UserRole::Admin) {
    card(t["todo_silent"], todo.silentKiosks, std::string(paths::kKiosks), true);
    card(t["todo_drafts"], todo.drafts, std::string(paths::kAdminLists), false);
  }
  content.set("todo", todoCards);
  Data changes{Data::type::list};
  changes.push_back(changeData(ctx, "change_previous", sum, previousPeriod(ctx.period)));
  changes.push_back(changeData(ctx, "change_year", sum, sameDaysLastYear(ctx.period)));
  content.set("changes", changes);
  attentionData(ctx, content);
  content.set("has_votes", sum.total() > 0);
  content.set("halls", hallRows);
  content.set("several_halls", halls.size() > 1);
  const auto daily = queries::dailyTotals(ctx.db, ctx.period.from, ctx.period.to, ctx.scope);
  content.set("trend", trendSection(ctx, trendBars(daily, ctx.period, 1)));

  // Cases opened in the period, in the halls in view: how many were rectified, and in time.
  std::vector<CaseSummary> opened;
  for (const auto& c : ctx.cases.list(ctx.scope))
    if (c.openedDay >= ctx.period.from && c.openedDay <= ctx.period.to)
      opened.push_back({c.state, c.deadline, c.doneDay});
  const auto figures = caseFigures(opened, ctx.today);
  content.set("cases", std::to_string(figures.cases));
  // A rate with nothing to count is "—" with why, never 0.0 %: four cases opened this week and none
  // due yet have not failed to be rectified.
  const auto rectified = figures.rectificationRate();
  content.set("rectification_rate", rectified && figures.due > 0 ? percent(*rectified) : "—");
  if (figures.needingWork == 0) content.set("rectification_why", t["rate_no_cases"]);
  else if (figures.due == 0) content.set("rectification_why", t["rate_none_due"]);
  content.set("on_time_rate", figures.onTimeRate() ? percent(*figures.onTimeRate()) : "—");
  if (!figures.onTimeRate()) content.set("on_time_why", t["rate_none_done"]);
  content.set("overdue", std::to_string(figures.overdue));
  content.set("has_overdue", figures.overdue > 0);

  HeatCell cells[7][24] = {};
  for (const auto& c : queries::hourOfWeek(ctx.db, ctx.period.from, ctx.period.to, ctx.scope)) {
    if (c.weekday < 0 || c.weekday > 6 || c.hour < 0 || c.hour > 23) continue;
    cells[c.weekday][c.hour] = {c.good, c.fair, c.poor};
  }
  const auto weekdays = split(t["weekdays"], ',');
  const ChartWords words = chartWords(t);
  content.set("heat_svg", heatMapSvg(cells, ctx.config.minCount, weekdays, t["heat"], words));
  content.set("hours_svg", hourSatisfactionSvg(cells, ctx.config.minCount, t["hours_title"], words));
  // The same numbers as a table, for screen readers and anyone who wants the figures.
  Data heatRows{Data::type::list};
  for (int w = 0; w < 7; ++w) {
    Data row;
    row.set("weekday", w < static_cast<int>(weekdays.size()) ? weekdays[static_cast<std::size_t>(w)] : "");
    Data hours{Data::type::list};
    for (int h = 0; h < 24; ++h) {
      const auto& c = cells[w][h];
      const std::int64_t total = c.good + c.fair + c.poor;
      hours.push_back(Data("n", total == 0 ? std::string() : total < ctx.config.minCount ? "—" : grouped(total)));
    }
    row.set("hours", hours);
    heatRows.push_back(row);
  }
  content.set("heat_rows", heatRows);
  Data hourNumbers{Data::type::list};
  for (int h = 0; h < 24; ++h) hourNumbers.push_back(Data("h", std::to_string(h)));
  content.set("hour_numbers", hourNumbers);
  return renderPage(ctx, "overview", t["overview_title"], content);
}

}  // namespace hub::console
