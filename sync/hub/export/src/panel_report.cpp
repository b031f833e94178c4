#include "hub/export/panel_report.hpp"

#include <algorithm>

#include "common/iso_time.hpp"

namespace hub {

std::int64_t PanelReport::issuedAll() const {
  std::int64_t n = 0;
  for (const auto& [category, count] : issued) n += count;
  return n;
}

std::int64_t PanelReport::usedAll() const {
  std::int64_t n = 0;
  for (const auto& [category, count] : used) n += count;
  return n;
}

panel::Rule panelRule(const PanelInfo& p, std::int64_t privacyFloor) {
  return {static_cast<double>(p.thresholdPermille) / 1000.0, 3, privacyFloor};
}

PanelReport panelReport(PanelStore& panels, const PanelInfo& p, std::int64_t privacyFloor) {
  PanelReport r;
  r.panel = p;
  auto tally = panels.tally(p.id);
  r.issued = panels.issuedByCategory(p.id);
  r.items = panel::results(p.items, tally, r.issued, panelRule(p, privacyFloor));
  if (p.kind == panel::Kind::Peer)
    for (auto& item : r.items) item.overThreshold = false;  // 互评 opens no case and marks none
  r.used = std::move(tally.ballotsByCategory);
  return r;
}

std::vector<PanelReport> panelReports(PanelStore& panels, const std::optional<std::vector<std::string>>& halls,
                                      const std::string& from, const std::string& to, std::int64_t utcOffsetMinutes,
                                      std::int64_t privacyFloor) {
  std::vector<PanelReport> out;
  for (const auto& p : panels.list(halls)) {
    const std::string day = common::isoDay(p.createdUnix + utcOffsetMinutes * 60);
    if (day < from || day > to) continue;
    out.push_back(panelReport(panels, p, privacyFloor));
  }
  std::reverse(out.begin(), out.end());  // the store lists newest first; a ledger reads oldest first
  return out;
}

std::optional<double> peerGoodShare(const std::vector<PanelReport>& reports, const std::string& hall,
                                    const std::string& unit) {
  std::int64_t good = 0, graded = 0;
  for (const auto& r : reports) {
    if (r.panel.kind != panel::Kind::Peer || (!hall.empty() && r.panel.hall != hall) || r.panel.unit != unit) continue;
    for (const auto& item : r.items) {
      if (!item.overallShown) continue;
      good += item.overall.byGrade[0] + item.overall.byGrade[1];
      graded += item.overall.graded();
    }
  }
  if (graded == 0) return std::nullopt;
  return static_cast<double>(good) / static_cast<double>(graded);
}

namespace {

// The grade cells of a row: counts on the panel's scale (较好 empty on a three-grade panel), or
// "—" for each when the row is under the floor.
void addGrades(std::vector<Cell>& row, panel::Scale scale, const std::optional<panel::GradeCounts>& counts) {
  const auto grades = panel::gradesOf(scale);
  for (std::size_t g = 0; g < panel::kGradeNames.size(); ++g) {
    const bool onScale = std::find(grades.begin(), grades.end(), static_cast<panel::Grade>(g)) != grades.end();
    if (!onScale) row.emplace_back(std::string());
    else if (counts) row.emplace_back(counts->byGrade[g]);
    else row.emplace_back(std::string("—"));
  }
  if (counts) {
    row.emplace_back(counts->skipped);
    if (counts->graded()) row.emplace_back(counts->fairOrWorse());
    else row.emplace_back(std::string("—"));
  } else {
    row.emplace_back(std::string("—"));
    row.emplace_back(std::string("—"));
  }
}

}  // namespace

SheetTable panelSheet(const std::vector<PanelReport>& reports, const PanelItemNames& names, const HallNames& hallNames,
                      const Strings& t, const std::string& from, const std::string& to) {
  SheetTable sheet{
      t["panel_title"] + " " + from + " — " + to,
      {t["panel_name"], t["hall"], t["state"], t["panel_participation"], t["id"], t["holder"], t["commitment"],
       t["panel_who"], t["panel_ballots"], t["panel_grade_good"], t["panel_grade_fairly_good"], t["panel_grade_fair"],
       t["panel_grade_poor"], t["panel_skip"], t["panel_fair_or_worse"], t["panel_rectify"]},
      {}};
  for (const auto& r : reports) {
    const std::string participation = std::to_string(r.usedAll()) + " / " + std::to_string(r.issuedAll());
    for (const auto& item : r.items) {
      const auto name = names.find({r.panel.hall, item.commitmentId});
      const auto lead = [&](const std::string& who, std::int64_t ballots) {
        return std::vector<Cell>{r.panel.title,
                                 hallNames.nameOf(r.panel.hall),
                                 t[r.panel.closedUnix ? "panel_closed" : "panel_open"],
                                 participation,
                                 item.commitmentId,
                                 name == names.end() ? std::string() : name->second.holder,
                                 name == names.end() ? t["panel_not_on_list"] : name->second.title,
                                 who,
                                 ballots};
      };
      std::int64_t ballots = 0;
      for (const auto& c : item.categories) ballots += c.ballots;
      auto whole = lead(t["panel_overall"], ballots);
      addGrades(whole, r.panel.scale,
                item.overallShown ? std::optional<panel::GradeCounts>(item.overall) : std::nullopt);
      whole.emplace_back(item.overThreshold ? t["yes"] : std::string());
      sheet.rows.push_back(std::move(whole));
      for (const auto& c : item.categories) {
        auto row = lead(t["panel_category_" + c.category], c.ballots);
        addGrades(row, r.panel.scale, c.counts);
        row.emplace_back(std::string());
        sheet.rows.push_back(std::move(row));
      }
    }
  }
  return sheet;
}

}  // namespace hub
