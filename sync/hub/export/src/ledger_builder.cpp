#include "hub/export/ledger_builder.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "common/iso_time.hpp"
#include "hub/core/case_lifecycle.hpp"
#include "hub/core/disputes.hpp"
#include "hub/core/labels.hpp"
#include "hub/core/unit_names.hpp"
#include "hub/export/panel_report.hpp"
#include "hub/export/suggestion_sheet.hpp"
#include "hub/store/tally_queries.hpp"
#include "wire/tally_shares.hpp"

namespace hub {

namespace {

// "2026-11-26 20:51" in the halls' time.
std::string localTime(std::int64_t utcOffsetMinutes, std::int64_t unixSeconds) {
  const std::string iso = common::isoTimestamp({unixSeconds, static_cast<std::int32_t>(utcOffsetMinutes * 60)});
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

// One row per unit of each hall in view: its commitments' counts in the period, its cases opened
// in the period (closed, rectification and on-time rates, overdue, appealed) and the day of its
// newest leader review — the roll-up a leader reads before writing the half-year's review.
SheetTable unitRollup(const LedgerSources& src, const LedgerScope& ctx, const Strings& t,
                      const std::vector<CommitmentRow>& rows) {
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
    const std::string unit = r.commitment ? unitKey(r.commitment->holder.unit) : "";
    // A case belongs to the unit the commitment has now (the current wording), else its last one.
    if (r.note.empty() || !unitOf.count({r.hall, r.id})) unitOf[{r.hall, r.id}] = unit;
    Unit& u = units[{r.hall, unit}];
    u.commitments += r.commitment && counted.insert({r.hall, unit, r.id}).second ? 1 : 0;
    u.counts.good += r.counts.good;
    u.counts.fair += r.counts.fair;
    u.counts.poor += r.counts.poor;
  }
  for (const auto& c : src.cases.list(ctx.halls)) {
    if (c.openedDay < ctx.from || c.openedDay > ctx.to) continue;
    const auto unit = unitOf.find({c.hall, c.commitmentId});
    Unit& u = units[{c.hall, unit == unitOf.end() ? std::string() : unit->second}];
    u.cases.push_back({c.state, c.deadline, c.doneDay});
    u.closed += c.state == CaseState::Closed ? 1 : 0;
    const auto steps = src.cases.steps(c.id);
    u.appealed += std::any_of(steps.begin(), steps.end(), [](const auto& s) { return s.step == CaseStep::Appeal; });
  }
  for (const auto& r : src.reviews.list(ctx.hallsInView)) {
    const auto it = units.find({r.hall, r.unit});
    if (it != units.end())
      it->second.lastReview = std::max(it->second.lastReview, localTime(ctx.utcOffsetMinutes, r.atUnix).substr(0, 10));
  }
  SheetTable sheet{
      t["unit_rollup"] + " " + ctx.from + " — " + ctx.to,
      {t["hall"], t["unit"], t["commitments_n"], t["good"], t["fair"], t["poor"], t["total"], t["satisfaction"],
       t["fair_or_worse"], t["cases_in_period"], t["state_closed"], t["rectification_rate"], t["on_time_rate"],
       t["case_overdue"], t["cases_appealed"], t["last_review"], t["peer_column"]},
      {}};
  // 党员互评 rounds held in the period: their own column, never mixed into the residents' figures.
  const auto peers =
      src.panels ? panelReports(*src.panels, ctx.hallsInView, ctx.from, ctx.to, ctx.utcOffsetMinutes, ctx.minCount)
                 : std::vector<PanelReport>();
  const auto rate = [](std::optional<double> r) { return r ? Cell{*r} : Cell{std::string("—")}; };
  for (const auto& [key, u] : units) {
    const std::int64_t total = u.counts.total();
    std::vector<Cell> row{ctx.hallNames.nameOf(key.first), key.second.empty() ? t["no_unit"] : key.second,
                          u.commitments};
    if (total >= ctx.minCount && total > 0) {  // the privacy floor, as on the pages
      const auto shares = wire::sharesOf(u.counts);
      row.insert(row.end(),
                 {u.counts.good, u.counts.fair, u.counts.poor, total, shares.satisfaction, shares.fairOrWorse});
    } else {
      row.insert(row.end(),
                 {std::string("—"), std::string("—"), std::string("—"), total, std::string("—"), std::string("—")});
    }
    const CaseFigures f = caseFigures(u.cases, ctx.today);
    row.insert(row.end(), {f.cases, u.closed, rate(f.rectificationRate()), rate(f.onTimeRate()), f.overdue, u.appealed,
                           u.lastReview.empty() ? std::string("—") : u.lastReview,
                           rate(peerGoodShare(peers, key.first, key.second))});
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

// The commitments with ratings found mistaken in the period: raw and adjusted figures side by side,
// with the days left out and why.
SheetTable disputedSheet(const LedgerSources& src, const LedgerScope& ctx, const Strings& t,
                         const std::vector<CommitmentRow>& rows) {
  SheetTable sheet{t["disputes_title"] + " " + ctx.from + " — " + ctx.to + "（" + t["adjusted_note"] + "）",
                   {t["hall"], t["id"], t["holder"], t["disputed_days"], t["dispute_reason"], t["raw"] + t["good"],
                    t["raw"] + t["fair"], t["raw"] + t["poor"], t["raw"] + t["total"], t["raw"] + t["satisfaction"],
                    t["adjusted"] + t["good"], t["adjusted"] + t["fair"], t["adjusted"] + t["poor"],
                    t["adjusted"] + t["total"], t["adjusted"] + t["satisfaction"]},
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
  const auto adjusted = queries::adjustments(src.db, src.cases.disputedRanges(ctx.halls), ctx.from, ctx.to);
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
    sheet.rows.push_back({ctx.hallNames.nameOf(key.first), key.second, holder, days, reasons, raw.good, raw.fair,
                          raw.poor, raw.total(), share(raw), adj.good, adj.fair, adj.poor, adj.total(), share(adj)});
  }
  return sheet;
}

}  // namespace

const CommitmentInfo* CommitmentIndex::find(const std::string& hall, const std::string& id) const {
  auto it = byKey.find(hall + "\n" + id);
  return it == byKey.end() ? nullptr : &it->second;
}

CommitmentIndex indexCommitments(const LedgerSources& sources, const std::vector<std::string>& hallsInView) {
  CommitmentIndex index;
  for (const auto& hall : hallsInView) {
    ListHistory lists;
    for (auto& v : sources.catalog.history(sources.db, hall)) lists.push_back(std::move(v.list));
    if (lists.empty()) continue;
    for (const auto& c : lists.back()->commitments) index.byKey.emplace(hall + "\n" + c.id, CommitmentInfo{hall, &c});
    index.history.emplace(hall, std::move(lists));
  }
  return index;
}

std::vector<CommitmentRow> commitmentRows(const LedgerSources& sources, const LedgerScope& scope,
                                          const CommitmentIndex& index, const Strings& t) {
  const WordingWords words{t["wording_earlier"], t["wording_removed"], t["wording_removed_unknown"],
                           t["wording_unknown"]};
  std::vector<CommitmentRow> out;
  const auto versioned =
      queries::tallies(sources.db, scope.from, scope.to, scope.halls, TallyGroup::CommitmentVersion, {scope.channel});
  // The same counts by channel, to say where each row's votes were cast.
  std::map<std::tuple<std::string, std::string, std::int64_t>, std::array<std::int64_t, 3>> channels;
  for (const auto& c : queries::tallies(sources.db, scope.from, scope.to, scope.halls, TallyGroup::CommitmentVersion,
                                        {scope.channel, true}))
    for (std::size_t i = 0; i < kChannels.size(); ++i)
      if (kChannels[i] == c.channel) channels[{c.hall, c.commitmentId, c.listVersion}][i] += c.total();
  for (auto& w : wordRows(versioned, index.history, true)) {
    std::array<std::int64_t, 3> byChannel{};
    for (const auto v : w.versions)
      if (const auto it = channels.find({w.counts.hall, w.counts.commitmentId, v}); it != channels.end())
        for (std::size_t i = 0; i < byChannel.size(); ++i) byChannel[i] += it->second[i];
    out.push_back({w.counts.hall,
                   w.counts.commitmentId,
                   w.wording,
                   {w.counts.good, w.counts.fair, w.counts.poor},
                   w.counts.filtered,
                   wordingNote(w, words),
                   std::move(w.versions),
                   byChannel});
  }
  return out;
}

std::vector<CommitmentRow> rowsOverTheRule(std::vector<CommitmentRow> rows, const RectificationRule& rule) {
  std::map<std::pair<std::string, std::string>, wire::TallyCounts> whole;
  for (const auto& r : rows) {
    auto& n = whole[{r.hall, r.id}];
    n.good += r.counts.good;
    n.fair += r.counts.fair;
    n.poor += r.counts.poor;
  }
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [&](const CommitmentRow& r) {
                              return r.counts.total() == 0 || !rule.applies(whole[{r.hall, r.id}]);
                            }),
             rows.end());
  std::stable_sort(rows.begin(), rows.end(), [](const CommitmentRow& a, const CommitmentRow& b) {
    const auto x = wire::sharesOf(a.counts).fairOrWorse, y = wire::sharesOf(b.counts).fairOrWorse;
    return x != y ? x > y : a.counts.total() > b.counts.total();
  });
  return rows;
}

Ledger buildLedger(const LedgerSources& src, const LedgerScope& ctx, const Strings& t,
                   const std::vector<CommitmentRow>& rows, const std::string& title) {
  Ledger ledger;
  ledger.title = title;
  ledger.subtitle = t["period"] + "：" + ctx.from + " " + t["to"] + " " + ctx.to + "　" + t["hall"] + "：" +
                    (ctx.hall.empty() ? t["all_halls"] : ctx.hallNames.nameOf(ctx.hall));
  ledger.reportDate = ctx.today;
  ledger.minCount = ctx.minCount;
  for (const auto& r : rows) {
    LedgerRow l;
    l.hall = ctx.hallNames.nameOf(r.hall);
    l.commitmentId = r.id;
    l.good = r.counts.good;
    l.fair = r.counts.fair;
    l.poor = r.counts.poor;
    l.note = r.note;
    l.byChannel = r.byChannel;
    l.hidden = r.counts.total() > 0 && r.counts.total() < ctx.minCount;  // the privacy floor, as on the page
    if (r.commitment) {
      l.title = r.commitment->title;
      l.holder = r.commitment->holder.name;
      l.kind = kindLabel(t, r.commitment->holder.kind);
      l.post = r.commitment->holder.post;
      l.unit = r.commitment->holder.unit;
      l.term = termLabel(t, r.commitment->term);
    }
    ledger.rows.push_back(std::move(l));
  }
  // The half-year's management record beside the counts: the cases opened in the period and the
  // leaders' reviews written in it, for the halls in view.
  SheetTable cases{t["cases_title"] + " " + ctx.from + " — " + ctx.to,
                   {t["case"], t["hall"], t["id"], t["holder"], t["state"], t["case_opened"], t["deadline"],
                    t["case_done"], t["case_closed"], t["case_on_time"], t["case_outcome"]},
                   {}};
  std::map<std::pair<std::string, std::string>, std::string> holders;  // the current wording's, else the last
  for (const auto& r : rows)
    if (r.commitment && (r.note.empty() || !holders.count({r.hall, r.id})))
      holders[{r.hall, r.id}] = r.commitment->holder.name;
  for (const auto& c : src.cases.list(ctx.halls)) {
    if (c.openedDay < ctx.from || c.openedDay > ctx.to) continue;
    const auto holder = holders.find({c.hall, c.commitmentId});
    std::string onTime = c.doneDay.empty() ? (isOverdue(c.state, c.deadline, ctx.today) ? t["case_overdue"] : "")
                                           : (c.doneDay <= c.deadline ? t["yes"] : t["no"]);
    cases.rows.push_back({c.id, ctx.hallNames.nameOf(c.hall), c.commitmentId,
                          holder == holders.end() ? std::string() : holder->second, caseStateLabel(t, c.state),
                          c.openedDay, c.deadline, c.doneDay, c.closedDay, onTime, c.outcome});
  }
  std::reverse(cases.rows.begin(), cases.rows.end());  // oldest first, as a ledger reads
  SheetTable reviews{t["review"] + " " + ctx.from + " — " + ctx.to,
                     {t["hall"], t["unit"], t["review_half"], t["who"], t["when"], t["review"]},
                     {}};
  for (const auto& r : src.reviews.list(ctx.hallsInView)) {
    const std::string day = localTime(ctx.utcOffsetMinutes, r.atUnix).substr(0, 10);
    if (day < ctx.from || day > ctx.to) continue;
    const auto who = ctx.people.find(r.login);
    reviews.rows.push_back({ctx.hallNames.nameOf(r.hall), r.unit, r.half,
                            who == ctx.people.end() ? r.login : who->second, localTime(ctx.utcOffsetMinutes, r.atUnix),
                            r.note});
  }
  ledger.sheets.emplace_back(t["unit_rollup"], unitRollup(src, ctx, t, rows));
  ledger.sheets.emplace_back(t["cases_title"], std::move(cases));
  ledger.sheets.emplace_back(t["review"], std::move(reviews));
  if (auto disputed = disputedSheet(src, ctx, t, rows); !disputed.rows.empty())
    ledger.sheets.emplace_back(t["disputes_title"], std::move(disputed));
  // The panels held in the period, apart from the residents' votes: their own sheet, never a column
  // of the 台账.
  if (src.panels) {
    const auto reports =
        panelReports(*src.panels, ctx.hallsInView, ctx.from, ctx.to, ctx.utcOffsetMinutes, ctx.minCount);
    if (!reports.empty()) {
      PanelItemNames names;
      for (const auto& r : rows)
        if (r.commitment && (r.note.empty() || !names.count({r.hall, r.id})))
          names[{r.hall, r.id}] = {r.commitment->holder.name, r.commitment->title};
      ledger.sheets.emplace_back(t["panel_title"], panelSheet(reports, names, ctx.hallNames, t, ctx.from, ctx.to));
    }
  }
  // 征求意见 received in the period, with how each was decided and what answers it.
  if (auto suggestions = suggestionSheet(src, ctx, t); !suggestions.rows.empty())
    ledger.sheets.emplace_back(t["suggestions_title"], std::move(suggestions));
  return ledger;
}

}  // namespace hub
