#include "hub/export/selection_report.hpp"

#include <map>
#include <set>
#include <tuple>

#include "common/iso_time.hpp"
#include "hub/core/unit_names.hpp"
#include "hub/export/panel_report.hpp"

namespace hub {

namespace {

using Key = std::tuple<std::string, selection::Award, std::string, std::string>;  // hall, award, holder, unit

struct Shares {
  std::int64_t good = 0, graded = 0;
  std::optional<double> share() const {
    return graded ? std::optional<double>(static_cast<double>(good) / static_cast<double>(graded)) : std::nullopt;
  }
};

}  // namespace

std::vector<selection::Candidate> selectionCandidates(const LedgerSources& src, const LedgerScope& scope,
                                                      const Strings& t) {
  const auto index = indexCommitments(src, scope.hallsInView);
  const auto rows = commitmentRows(src, scope, index, t);
  // Each commitment belongs to the holder of its current wording (else its last one), as the
  // ledger's 单位汇总 assigns it.
  std::map<std::pair<std::string, std::string>, Key> holderOf;
  for (const auto& r : rows)
    if (r.commitment && (r.note.empty() || !holderOf.count({r.hall, r.id})))
      holderOf[{r.hall, r.id}] = Key{r.hall, selection::awardFor(r.commitment->holder.kind), r.commitment->holder.name,
                                     unitKey(r.commitment->holder.unit)};
  std::map<Key, selection::Candidate> byKey;
  std::map<Key, std::set<std::string>> commitments;
  std::map<Key, Shares> panels, peers;
  const auto candidate = [&](const std::string& hall, const std::string& id) -> selection::Candidate* {
    const auto k = holderOf.find({hall, id});
    if (k == holderOf.end()) return nullptr;
    auto& c = byKey[k->second];
    std::tie(c.hall, c.award, c.holder, c.unit) = k->second;
    commitments[k->second].insert(id);
    return &c;
  };
  for (const auto& r : rows)
    if (auto* c = candidate(r.hall, r.id)) {
      c->votes.good += r.counts.good;
      c->votes.fair += r.counts.fair;
      c->votes.poor += r.counts.poor;
    }
  if (src.panels)
    for (const auto& report :
         panelReports(*src.panels, scope.hallsInView, scope.from, scope.to, scope.utcOffsetMinutes, scope.minCount))
      for (const auto& item : report.items) {
        if (!item.overallShown || !candidate(report.panel.hall, item.commitmentId)) continue;
        auto& s =
            (report.panel.kind == panel::Kind::Peer ? peers
                                                    : panels)[holderOf.at({report.panel.hall, item.commitmentId})];
        s.good += item.overall.byGrade[0] + item.overall.byGrade[1];
        s.graded += item.overall.graded();
      }
  for (const auto& c : src.cases.list(scope.halls)) {
    if (c.openedDay < scope.from || c.openedDay > scope.to) continue;
    if (auto* cand = candidate(c.hall, c.commitmentId)) {
      ++cand->casesOpened;
      cand->casesClosed += c.state == CaseState::Closed ? 1 : 0;
      cand->casesOnTime += !c.doneDay.empty() && c.doneDay <= c.deadline ? 1 : 0;
    }
  }
  std::vector<selection::Candidate> out;
  for (auto& [key, c] : byKey) {
    c.commitments = static_cast<std::int64_t>(commitments[key].size());
    c.panelGood = panels[key].share();
    c.panelGraded = panels[key].graded;
    c.peerGood = peers[key].share();
    for (const auto& r : src.reviews.forUnit(scope.hallsInView, c.unit)) {
      const std::string day = common::isoDay(r.atUnix + scope.utcOffsetMinutes * 60);
      if (r.hall == c.hall && day >= scope.from && day <= scope.to) c.reviews.insert(c.reviews.begin(), r.note);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string weightsLine(const selection::Weights& w, const Strings& t) {
  std::string line = t["selection_weights_line"];
  for (const auto& [key, value] : {std::pair<std::string, std::int64_t>{"{public}", w.publicPct},
                                   {"{panel}", w.panelPct},
                                   {"{peer}", w.peerPct},
                                   {"{min}", w.minVotes}})
    line = replaceText(line, key, std::to_string(value));
  return line;
}

SheetTable selectionSheet(const std::vector<selection::Candidate>& candidates, const selection::Weights& weights,
                          const HallNames& hallNames, const Strings& t, const std::string& year) {
  SheetTable sheet{
      replaceText(t["selection_sheet_title"], "{year}", year) + "（" + weightsLine(weights, t) + "）",
      {t["selection_award"], t["selection_rank"], t["hall"], t["holder"], t["unit"], t["commitments_n"],
       t["selection_votes"], t["satisfaction"], t["selection_panel"], t["selection_peer"], t["selection_reviews"],
       t["cases_in_period"], t["state_closed"], t["selection_on_time"], t["selection_score"], t["note"]},
      {}};
  const auto share = [](const std::optional<double>& v) { return v ? Cell{*v} : Cell{std::string("—")}; };
  for (const auto& c : candidates) {
    std::string reviews;
    for (const auto& r : c.reviews) reviews += (reviews.empty() ? "" : "；") + r;
    sheet.rows.push_back(
        {t["selection_award_" + std::string(selection::nameOf(c.award))],
         c.rank ? Cell{c.rank} : Cell{std::string("—")}, hallNames.nameOf(c.hall), c.holder, c.unit, c.commitments,
         c.votes.total(), c.underMinimum ? Cell{std::string("—")} : Cell{wire::sharesOf(c.votes).satisfaction},
         share(c.panelGood), share(c.peerGood), reviews.empty() ? std::string("—") : reviews, c.casesOpened,
         c.casesClosed, c.casesOnTime, share(c.score),
         c.underMinimum ? replaceText(t["selection_under_minimum"], "{min}", std::to_string(weights.minVotes))
                        : std::string()});
  }
  return sheet;
}

}  // namespace hub
