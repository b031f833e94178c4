#include "hub/tally_report.hpp"

#include "hub/xlsx_book.hpp"

#include <nlohmann/json.hpp>

#include "common/csv.hpp"

namespace hub {

using nlohmann::json;

bool RectificationRule::applies(const wire::TallyCounts& counts) const {
  return counts.total() >= totalAtLeast && wire::sharesOf(counts).fairOrWorse >= fairOrWorseAtLeast;
}

TallyReport buildTallyReport(const std::vector<TallyRow>& rows, const LabelsByHall& labels, TallyReport report) {
  report.rows.clear();
  for (const auto& row : rows) {
    const wire::TallyCounts counts{row.good, row.fair, row.poor};
    if (report.rectificationsOnly && (report.group == TallyGroup::Hall || !report.rule.applies(counts))) continue;
    CommitmentLabel label;
    if (const auto hall = labels.find(row.hall); hall != labels.end())
      if (const auto found = hall->second.find(row.commitmentId); found != hall->second.end()) label = found->second;
    report.rows.push_back({row, label, wire::sharesOf(counts), std::nullopt, {}});
  }
  return report;
}

std::string tallyReportJson(const TallyReport& report) {
  json rows = json::array();
  for (const auto& r : report.rows) {
    json item{{"hall", r.counts.hall},
              {"good", r.counts.good},
              {"fair", r.counts.fair},
              {"poor", r.counts.poor},
              {"total", r.counts.total()},
              {"satisfaction", r.shares.satisfaction},
              {"fair_or_worse", r.shares.fairOrWorse},
              {"filtered", r.counts.filtered}};
    if (report.group == TallyGroup::Commitment) {
      item["commitment_id"] = r.counts.commitmentId;
      item["holder"] = r.label.holder;
      item["title"] = r.label.title;
    }
    if (report.rectificationsOnly) item["deadline"] = report.deadline;
    if (r.adjusted) {
      const auto shares = wire::sharesOf(*r.adjusted);
      item["adjusted"] = {{"good", r.adjusted->good},
                          {"fair", r.adjusted->fair},
                          {"poor", r.adjusted->poor},
                          {"total", r.adjusted->total()},
                          {"satisfaction", shares.satisfaction},
                          {"fair_or_worse", shares.fairOrWorse}};
      json ranges = json::array();
      for (const auto& d : r.disputed)
        ranges.push_back({{"from", d.from}, {"to", d.to}, {"reason", d.reason}, {"case", d.caseId}});
      item["disputed"] = ranges;
    }
    rows.push_back(std::move(item));
  }
  json body{{"from", report.from},
            {"to", report.to},
            {"group", report.group == TallyGroup::Hall ? "hall" : "commitment"},
            {"rows", rows}};
  if (report.rectificationsOnly)
    body["rule"] = {{"fair_or_worse_at_least", report.rule.fairOrWorseAtLeast},
                    {"total_at_least", report.rule.totalAtLeast},
                    {"days_to_rectify", report.rule.daysToRectify}};
  return body.dump() + "\n";
}

std::string tallyReportCsv(const TallyReport& report) {
  std::string csv(common::kUtf8Bom);
  csv += report.rectificationsOnly ? "大厅,承诺编号,承诺人,承诺内容,好,一般,差,合计,满意率,一般及以下占比,整改期限\r\n"
                                   : "大厅,承诺编号,承诺人,承诺内容,好,一般,差,合计,满意率,一般及以下占比,过滤点击\r\n";
  for (const auto& r : report.rows) {
    const auto& c = r.counts;
    csv += common::csvField(c.hall) + "," + common::csvField(c.commitmentId) + "," + common::csvField(r.label.holder) +
           "," + common::csvField(r.label.title) + "," + std::to_string(c.good) + "," + std::to_string(c.fair) + "," +
           std::to_string(c.poor) + "," + std::to_string(c.total()) + "," + common::csvPercent(r.shares.satisfaction) +
           "," + common::csvPercent(r.shares.fairOrWorse) + "," +
           (report.rectificationsOnly ? report.deadline : std::to_string(c.filtered)) + "\r\n";
  }
  return csv;
}

std::string tallyReportFileName(const TallyReport& report, const std::string& extension) {
  return std::string(report.rectificationsOnly ? "rectifications" : "tallies") + "-" + report.from + "-" + report.to +
         "." + extension;
}

}  // namespace hub

namespace hub {

Ledger tallyLedger(const TallyReport& report, const std::string& reportDay) {
  Ledger ledger;
  ledger.title = report.rectificationsOnly ? "限期整改台账" : "党员公开承诺群众评议台账";
  ledger.subtitle = "统计期间：" + report.from + " 至 " + report.to;
  ledger.reportDate = reportDay;
  for (const auto& row : report.rows)
    ledger.rows.push_back({row.counts.hall, row.counts.commitmentId, row.label.title, row.label.holder, "", "",
                           row.counts.good, row.counts.fair, row.counts.poor});
  return ledger;
}

}  // namespace hub
