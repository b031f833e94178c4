// What the console's pages share: the frame every page is rendered in, downloads, and the small
// formatting rules (shares, "—" under the minimum, holder kinds and terms in words).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "common/iso_time.hpp"
#include "hub/console/svg_chart.hpp"
#include "page_context.hpp"

namespace hub::console {

std::string_view embeddedFile(std::string_view name);

namespace {

Data wordsData(const Strings& t) {
  Data words{Data::type::object};
  for (const auto& [k, v] : t.text) words.set(k, v);
  return words;
}

std::string render(std::string_view templateName, const Data& data) {
  kainjow::mustache::mustache tmpl{std::string(embeddedFile(std::string(templateName) + ".mustache"))};
  if (!tmpl.is_valid()) throw std::runtime_error("template " + std::string(templateName) + ": " + tmpl.error_message());
  return tmpl.render(data);
}

}  // namespace

std::string replaceText(std::string text, const std::string& what, const std::string& with) {
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + with.size()))
    text.replace(pos, what.size(), with);
  return text;
}

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100.0);
  return text;
}

std::string shareOrDash(std::int64_t part, std::int64_t total, std::int64_t minCount) {
  if (total <= 0 || total < minCount) return "—";
  return percent(static_cast<double>(part) / static_cast<double>(total));
}

std::string kindLabel(const Strings& t, wire::HolderKind kind) { return t["kind_" + std::string(wire::nameOf(kind))]; }

std::string termLabel(const Strings& t, wire::Term term) { return t["term_" + std::string(wire::nameOf(term))]; }

std::string changeValue(const Strings& t, const FieldChange& change, const std::string& value) {
  if (change.field == "kind") {
    const auto kind = wire::holderKindFromString(value);
    return kind ? kindLabel(t, *kind) : value;
  }
  if (change.field == "term") {
    const auto term = wire::termFromString(value);
    return term ? termLabel(t, *term) : value;
  }
  return value;
}

std::string hallQuery(const PageContext& ctx) {
  std::string q = ctx.period.preset == Preset::Custom ? "from=" + ctx.period.from + "&to=" + ctx.period.to
                                                      : "period=" + std::string(presetName(ctx.period.preset));
  if (!ctx.hall.empty()) q += "&hall=" + urlEncode(ctx.hall);
  if (ctx.t.lang == "en") q += "&lang=en";
  return q;
}

Data countsData(const wire::TallyCounts& c, std::int64_t minCount) {
  const std::int64_t total = c.good + c.fair + c.poor;
  Data d;
  // Under the minimum a row shows its total only: three small numbers could name a resident.
  const bool shown = total >= minCount;
  d.set("good", shown ? std::to_string(c.good) : "—");
  d.set("fair", shown ? std::to_string(c.fair) : "—");
  d.set("poor", shown ? std::to_string(c.poor) : "—");
  d.set("total", std::to_string(total));
  d.set("satisfaction", shareOrDash(c.good, total, minCount));
  d.set("fair_or_worse", shareOrDash(c.fair + c.poor, total, minCount));
  return d;
}

const CommitmentInfo* CommitmentIndex::find(const std::string& hall, const std::string& id) const {
  auto it = byKey.find(hall + "\n" + id);
  return it == byKey.end() ? nullptr : &it->second;
}

std::string localTime(const PageContext& ctx, std::int64_t unixSeconds) {
  const std::string iso =
      common::isoTimestamp({unixSeconds, static_cast<std::int32_t>(ctx.config.utcOffsetMinutes * 60)});
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::vector<DayBar> trendBars(const std::vector<queries::DayTotals>& daily, const Period& period,
                              std::size_t minDaysPerBar) {
  std::map<std::string, const queries::DayTotals*> byDay;
  for (const auto& d : daily) byDay[d.day] = &d;
  const std::size_t days = daysBetween(period.from, period.to);
  const std::size_t fold = std::max<std::size_t>((days + 119) / 120, std::max<std::size_t>(minDaysPerBar, 1));
  std::vector<DayBar> bars;
  for (std::size_t i = 0; i < days; ++i) {
    const std::string day = addDays(period.from, static_cast<long long>(i));
    if (i % fold == 0) bars.push_back({day, 0, 0, 0});
    if (auto it = byDay.find(day); it != byDay.end()) {
      bars.back().good += it->second->good;
      bars.back().fair += it->second->fair;
      bars.back().poor += it->second->poor;
    }
  }
  return bars;
}

CommitmentIndex indexCommitments(const PageContext& ctx) {
  CommitmentIndex index;
  for (const auto& hall : ctx.hallsInView()) {
    ListHistory lists;
    for (auto& v : ctx.catalog.history(ctx.db, hall)) lists.push_back(std::move(v.list));
    if (lists.empty()) continue;
    for (const auto& c : lists.back()->commitments) index.byKey.emplace(hall + "\n" + c.id, CommitmentInfo{hall, &c});
    index.history.emplace(hall, std::move(lists));
  }
  return index;
}

std::vector<CommitmentRow> commitmentRows(const PageContext& ctx, const CommitmentIndex& index) {
  const Strings& t = ctx.t;
  const WordingWords words{t["wording_earlier"], t["wording_removed"], t["wording_removed_unknown"],
                           t["wording_unknown"]};
  std::vector<CommitmentRow> out;
  const auto versioned =
      queries::tallies(ctx.db, ctx.period.from, ctx.period.to, ctx.scope, TallyGroup::CommitmentVersion);
  for (auto& w : wordRows(versioned, index.history, true))
    out.push_back({w.counts.hall,
                   w.counts.commitmentId,
                   w.wording,
                   {w.counts.good, w.counts.fair, w.counts.poor},
                   w.counts.filtered,
                   wordingNote(w, words),
                   std::move(w.versions)});
  return out;
}

namespace {

// One row per unit of each hall in view: its commitments' counts in the period, its cases opened
// in the period (closed, rectification and on-time rates, overdue, appealed) and the day of its
// newest leader review — the roll-up a leader reads before writing the half-year's review.
SheetTable unitRollup(const PageContext& ctx, const std::vector<CommitmentRow>& rows) {
  const Strings& t = ctx.t;
  struct Unit {
    std::int64_t commitments = 0;
    wire::TallyCounts counts;
    std::vector<CaseSummary> cases;
    std::int64_t closed = 0, appealed = 0;
    std::string lastReview;
  };
  std::map<std::pair<std::string, std::string>, Unit> units;            // (hall, unit)
  std::map<std::pair<std::string, std::string>, std::string> unitOf;    // (hall, commitment id) -> unit
  std::set<std::tuple<std::string, std::string, std::string>> counted;  // (hall, unit, id): once per unit
  for (const auto& r : rows) {
    const std::string unit = r.commitment ? r.commitment->holder.unit : "";
    // A case belongs to the unit the commitment has now (the current wording), else its last one.
    if (r.note.empty() || !unitOf.count({r.hall, r.id})) unitOf[{r.hall, r.id}] = unit;
    Unit& u = units[{r.hall, unit}];
    u.commitments += r.commitment && counted.insert({r.hall, unit, r.id}).second ? 1 : 0;
    u.counts.good += r.counts.good;
    u.counts.fair += r.counts.fair;
    u.counts.poor += r.counts.poor;
  }
  for (const auto& c : ctx.cases.list(ctx.scope)) {
    if (c.openedDay < ctx.period.from || c.openedDay > ctx.period.to) continue;
    const auto unit = unitOf.find({c.hall, c.commitmentId});
    Unit& u = units[{c.hall, unit == unitOf.end() ? std::string() : unit->second}];
    u.cases.push_back({c.state, c.deadline, c.doneDay});
    u.closed += c.state == CaseState::Closed ? 1 : 0;
    const auto steps = ctx.cases.steps(c.id);
    u.appealed += std::any_of(steps.begin(), steps.end(), [](const auto& s) { return s.step == CaseStep::Appeal; });
  }
  for (const auto& r : ctx.reviews.list(ctx.hallsInView())) {
    const auto it = units.find({r.hall, r.unit});
    if (it != units.end())
      it->second.lastReview = std::max(it->second.lastReview, localTime(ctx, r.atUnix).substr(0, 10));
  }
  SheetTable sheet{
      t["unit_rollup"] + " " + ctx.period.from + " — " + ctx.period.to,
      {t["hall"], t["unit"], t["commitments_n"], t["good"], t["fair"], t["poor"], t["total"], t["satisfaction"],
       t["fair_or_worse"], t["cases_in_period"], t["state_closed"], t["rectification_rate"], t["on_time_rate"],
       t["case_overdue"], t["cases_appealed"], t["last_review"]},
      {}};
  const auto rate = [](std::optional<double> r) { return r ? Cell{*r} : Cell{std::string("—")}; };
  for (const auto& [key, u] : units) {
    const std::int64_t total = u.counts.total();
    std::vector<Cell> row{key.first, key.second.empty() ? t["no_unit"] : key.second, u.commitments};
    if (total >= ctx.config.minCount && total > 0) {  // the privacy floor, as on the pages
      const auto shares = wire::sharesOf(u.counts);
      row.insert(row.end(),
                 {u.counts.good, u.counts.fair, u.counts.poor, total, shares.satisfaction, shares.fairOrWorse});
    } else {
      row.insert(row.end(),
                 {std::string("—"), std::string("—"), std::string("—"), total, std::string("—"), std::string("—")});
    }
    const CaseFigures f = caseFigures(u.cases, ctx.today);
    row.insert(row.end(), {f.cases, u.closed, rate(f.rectificationRate()), rate(f.onTimeRate()), f.overdue, u.appealed,
                           u.lastReview.empty() ? std::string("—") : u.lastReview});
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

// The commitments with ratings found mistaken in the period: raw and adjusted figures side by side,
// with the days left out and why.
SheetTable disputedSheet(const PageContext& ctx, const std::vector<CommitmentRow>& rows) {
  const Strings& t = ctx.t;
  SheetTable sheet{
      t["disputes_title"] + " " + ctx.period.from + " — " + ctx.period.to + "（" + t["adjusted_note"] + "）",
      {t["hall"], t["id"], t["holder"], t["disputed_days"], t["dispute_reason"], t["raw"] + t["good"],
       t["raw"] + t["fair"], t["raw"] + t["poor"], t["raw"] + t["total"], t["raw"] + t["satisfaction"],
       t["adjusted"] + t["good"], t["adjusted"] + t["fair"], t["adjusted"] + t["poor"], t["adjusted"] + t["total"],
       t["adjusted"] + t["satisfaction"]},
      {}};
  // A commitment's raw figures over all its wordings: disputes are about the commitment's days.
  struct Whole {
    wire::TallyCounts counts;
    std::string holder;
  };
  std::map<std::pair<std::string, std::string>, Whole> byKey;
  for (const auto& r : rows) {
    Whole& w = byKey[{r.hall, r.id}];
    w.counts.good += r.counts.good;
    w.counts.fair += r.counts.fair;
    w.counts.poor += r.counts.poor;
    if (r.commitment && (r.note.empty() || w.holder.empty())) w.holder = r.commitment->holder.name;
  }
  const auto adjusted =
      queries::adjustments(ctx.db, ctx.cases.disputedRanges(ctx.scope), ctx.period.from, ctx.period.to);
  for (const auto& [key, a] : adjusted) {
    const auto row = byKey.find(key);
    const wire::TallyCounts raw = row == byKey.end() ? wire::TallyCounts{} : row->second.counts;
    const wire::TallyCounts adj = adjustedCounts(raw, a.disputed);
    std::string days, reasons;
    for (const auto& r : a.ranges) {
      days += (days.empty() ? "" : "；") + rangeText(r);
      reasons += (reasons.empty() ? "" : "；") + r.reason;
    }
    const std::string holder = row != byKey.end() ? row->second.holder : "";
    const auto share = [](const wire::TallyCounts& n) {
      return n.total() > 0 ? Cell{wire::sharesOf(n).satisfaction} : Cell{std::string("—")};
    };
    sheet.rows.push_back({key.first, key.second, holder, days, reasons, raw.good, raw.fair, raw.poor, raw.total(),
                          share(raw), adj.good, adj.fair, adj.poor, adj.total(), share(adj)});
  }
  return sheet;
}

}  // namespace

Ledger ledgerOf(const PageContext& ctx, const std::vector<CommitmentRow>& rows, const std::string& title) {
  Ledger ledger;
  ledger.title = title;
  ledger.subtitle = "统计期间：" + ctx.period.from + " 至 " + ctx.period.to + "　大厅：" +
                    (ctx.hall.empty() ? ctx.t["all_halls"] : ctx.hall);
  ledger.reportDate = ctx.today;
  ledger.minCount = ctx.config.minCount;
  for (const auto& r : rows) {
    LedgerRow l{r.hall, r.id, "", "", "", "", r.counts.good, r.counts.fair, r.counts.poor, false, r.note};
    l.hidden = r.counts.total() > 0 && r.counts.total() < ctx.config.minCount;  // the privacy floor, as on the page
    if (r.commitment) {
      l.title = r.commitment->title;
      l.holder = r.commitment->holder.name;
      l.unit = r.commitment->holder.unit;
      l.term = termLabel(ctx.t, r.commitment->term);
    }
    ledger.rows.push_back(std::move(l));
  }
  // The half-year's management record beside the counts: the cases opened in the period and the
  // leaders' reviews written in it, for the halls in view.
  const Strings& t = ctx.t;
  SheetTable cases{t["cases_title"] + " " + ctx.period.from + " — " + ctx.period.to,
                   {t["case"], t["hall"], t["id"], t["holder"], t["state"], t["case_opened"], t["deadline"],
                    t["case_done"], t["case_closed"], t["case_on_time"], t["case_outcome"]},
                   {}};
  std::map<std::pair<std::string, std::string>, std::string> holders;  // the current wording's, else the last
  for (const auto& r : rows)
    if (r.commitment && (r.note.empty() || !holders.count({r.hall, r.id})))
      holders[{r.hall, r.id}] = r.commitment->holder.name;
  for (const auto& c : ctx.cases.list(ctx.scope)) {
    if (c.openedDay < ctx.period.from || c.openedDay > ctx.period.to) continue;
    const auto holder = holders.find({c.hall, c.commitmentId});
    std::string onTime = c.doneDay.empty() ? (isOverdue(c.state, c.deadline, ctx.today) ? t["case_overdue"] : "")
                                           : (c.doneDay <= c.deadline ? t["yes"] : t["no"]);
    cases.rows.push_back({c.id, c.hall, c.commitmentId, holder == holders.end() ? std::string() : holder->second,
                          caseStateLabel(t, c.state), c.openedDay, c.deadline, c.doneDay, c.closedDay, onTime,
                          c.outcome});
  }
  std::reverse(cases.rows.begin(), cases.rows.end());  // oldest first, as a ledger reads
  SheetTable reviews{t["review"] + " " + ctx.period.from + " — " + ctx.period.to,
                     {t["hall"], t["unit"], t["review_half"], t["who"], t["when"], t["review"]},
                     {}};
  for (const auto& r : ctx.reviews.list(ctx.hallsInView())) {
    const std::string day = localTime(ctx, r.atUnix).substr(0, 10);
    if (day < ctx.period.from || day > ctx.period.to) continue;
    reviews.rows.push_back({r.hall, r.unit, r.half, r.login, localTime(ctx, r.atUnix), r.note});
  }
  ledger.sheets.emplace_back(t["unit_rollup"], unitRollup(ctx, rows));
  ledger.sheets.emplace_back(t["cases_title"], std::move(cases));
  ledger.sheets.emplace_back(t["review"], std::move(reviews));
  if (auto disputed = disputedSheet(ctx, rows); !disputed.rows.empty())
    ledger.sheets.emplace_back(t["disputes_title"], std::move(disputed));
  return ledger;
}

Data rowData(const PageContext& ctx, const CommitmentRow& row) {
  Data d = countsData(row.counts, ctx.config.minCount);
  d.set("hall", row.hall);
  d.set("id", row.id);
  d.set("href", "/console/commitments/" + urlEncode(row.id) + "?" + hallQuery(ctx));
  if (!row.note.empty()) d.set("note", row.note);
  if (row.commitment) {
    d.set("title", row.commitment->title);
    d.set("holder", row.commitment->holder.name);
    d.set("post", row.commitment->holder.post);
    d.set("unit", row.commitment->holder.unit);
    d.set("kind", kindLabel(ctx.t, row.commitment->holder.kind));
    d.set("term", termLabel(ctx.t, row.commitment->term));
  }
  return d;
}

Response renderPage(const PageContext& ctx, const std::string& templateName, const std::string& title, Data content,
                    bool withPicker) {
  const Strings& t = ctx.t;
  const Data words = wordsData(t);
  content.set("t", words);
  content.set("q", hallQuery(ctx));
  content.set("min_count", std::to_string(ctx.config.minCount));

  Data page;
  page.set("lang", t.lang);
  page.set("title", title);
  page.set("t", words);
  page.set("user", ctx.user.login);
  page.set("role", std::string(kUserRoleNames.nameOf(ctx.user.role)));
  page.set("csrf", ctx.session.csrf);
  page.set("period_label", ctx.period.from + " — " + ctx.period.to);
  page.set("hall_label", ctx.hall.empty() ? t["all_halls"] : ctx.hall);
  Data nav{Data::type::list};
  const auto link = [&](const std::string& href, const std::string& key) {
    Data item;
    item.set("href", href + "?" + hallQuery(ctx));
    item.set("label", t[key]);
    const bool current = ctx.path == href || (href == "/console/commitments" && ctx.path.rfind(href + "/", 0) == 0);
    item.set("current", current);
    nav.push_back(item);
  };
  link("/console/", "nav_overview");
  link("/console/commitments", "nav_commitments");
  link("/console/units", "nav_units");
  link("/console/rectifications", "nav_rectifications");
  link("/console/kiosks", "nav_kiosks");
  if (ctx.user.role == UserRole::Admin) {
    link("/console/admin/users", "users_title");
    link("/console/admin/lists", "lists_title");
    link("/console/admin/import", "import_title");
    link("/console/admin/audit", "nav_audit");
  }
  page.set("nav", nav);

  if (withPicker) {
    Data picker;
    picker.set("action", ctx.path);
    Data presets{Data::type::list};
    for (const Preset p :
         {Preset::Today, Preset::Week, Preset::Month, Preset::LastMonth, Preset::HalfYear, Preset::Custom}) {
      Data option;
      option.set("value", std::string(presetName(p)));
      option.set("label", t["p_" + std::string(presetName(p))]);
      option.set("selected", p == ctx.period.preset);
      presets.push_back(option);
    }
    picker.set("presets", presets);
    picker.set("from", ctx.period.from);
    picker.set("to", ctx.period.to);
    Data halls{Data::type::list};
    for (const auto& h : ctx.halls) {
      Data option;
      option.set("value", h);
      option.set("selected", h == ctx.hall);
      halls.push_back(option);
    }
    picker.set("halls", halls);
    picker.set("all_selected", ctx.hall.empty());
    // Page-specific choices (sorting, filters) survive a new period or hall.
    Data keep{Data::type::list};
    for (const char* name : {"sort", "dir", "unit", "kind", "term", "lang"}) {
      const auto value = ctx.param(name);
      if (value.empty()) continue;
      Data field;
      field.set("name", name);
      field.set("value", value);
      keep.push_back(field);
    }
    picker.set("keep", keep);
    page.set("picker", picker);
  }
  page.set("content", render(templateName, content));
  return {200, "text/html; charset=utf-8", render("layout", page), {}};
}

std::string renderPart(const PageContext& ctx, const std::string& templateName, Data content) {
  content.set("t", wordsData(ctx.t));
  return render(templateName, content);
}

Response downloadBytes(const PageContext& ctx, std::string bytes, const std::string& contentType,
                       const std::string& fileName) {
  ctx.accounts.audit(ctx.user.login, "export", ctx.request.target, ctx.request.peer, ctx.now);
  Response res{200, contentType, std::move(bytes), {}};
  // RFC 6266: an ASCII fallback name and the UTF-8 one.
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + fileName + "\"; filename*=UTF-8''" + urlEncode(fileName));
  return res;
}

Response download(const PageContext& ctx, const SheetTable& table, const std::string& baseName) {
  const std::string name = baseName + "-" + ctx.period.from + "-" + ctx.period.to;
  if (ctx.format == "xlsx") return downloadBytes(ctx, tableXlsx(table), kXlsxType, name + ".xlsx");
  return downloadBytes(ctx, tableCsv(table), "text/csv; charset=utf-8", name + ".csv");
}

}  // namespace hub::console
