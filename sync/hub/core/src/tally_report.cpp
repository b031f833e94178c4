#include "hub/core/tally_report.hpp"

#include "hub/core/ledger.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "common/csv.hpp"

namespace hub {

using nlohmann::json;

bool RectificationRule::applies(const wire::TallyCounts& counts) const {
  return counts.total() >= totalAtLeast && wire::sharesOf(counts).fairOrWorse >= fairOrWorseAtLeast;
}

namespace {

constexpr std::string_view kStandingNames[] = {"current", "earlier", "removed", "unknown"};

CommitmentLabel labelOf(const WordedRow& row) {
  CommitmentLabel label;
  if (row.wording) {
    label.holder = row.wording->holder.name;
    label.title = row.wording->title;
    label.unit = row.wording->holder.unit;
    label.term = row.wording->term;
  }
  label.wording = kStandingNames[static_cast<std::size_t>(row.standing)];
  label.note = wordingNote(row);
  label.versions = row.versions;
  return label;
}

std::string termWords(const std::optional<wire::Term>& term) {
  if (!term) return "";
  switch (*term) {
    case wire::Term::LongTerm: return "长远";
    case wire::Term::Annual: return "年度";
    case wire::Term::Immediate: return "即时";
  }
  return "";
}

}  // namespace

TallyReport buildTallyReport(const std::vector<TallyRow>& rows, const HistoryByHall& history, TallyReport report) {
  report.rows.clear();
  if (report.group == TallyGroup::Hall) {
    if (report.rectificationsOnly) return report;
    for (const auto& row : rows)
      report.rows.push_back({row,
                             {},
                             wire::sharesOf({row.good, row.fair, row.poor}),
                             std::nullopt,
                             {},
                             row.total() > 0 && row.total() < report.minCount});
    return report;
  }
  std::map<std::pair<std::string, std::string>, wire::TallyCounts> whole;  // (hall, id): every wording
  for (const auto& row : rows) {
    auto& n = whole[{row.hall, row.commitmentId}];
    n.good += row.good;
    n.fair += row.fair;
    n.poor += row.poor;
  }
  for (const auto& row : wordRows(rows, history, false)) {
    if (report.rectificationsOnly && !report.rule.applies(whole[{row.counts.hall, row.counts.commitmentId}])) continue;
    const wire::TallyCounts counts{row.counts.good, row.counts.fair, row.counts.poor};
    report.rows.push_back({row.counts,
                           labelOf(row),
                           wire::sharesOf(counts),
                           std::nullopt,
                           {},
                           counts.total() > 0 && counts.total() < report.minCount});
  }
  return report;
}

void addChannelSplit(TallyReport& report, const std::vector<TallyRow>& split) {
  for (auto& row : report.rows) {
    for (const auto c : kChannels) row.byChannel[std::string(c)] = 0;
    for (const auto& s : split) {
      if (s.hall != row.counts.hall) continue;
      if (report.group != TallyGroup::Hall &&
          (s.commitmentId != row.counts.commitmentId ||
           std::find(row.label.versions.begin(), row.label.versions.end(), s.listVersion) == row.label.versions.end()))
        continue;
      row.byChannel[s.channel] += s.total();
    }
  }
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
    if (r.hidden) {  // the privacy floor: the total only
      for (const char* withheld : {"good", "fair", "poor", "satisfaction", "fair_or_worse"}) item[withheld] = nullptr;
      item["hidden"] = true;
    }
    if (report.group == TallyGroup::Commitment) {
      item["commitment_id"] = r.counts.commitmentId;
      item["holder"] = r.label.holder;
      item["title"] = r.label.title;
      item["unit"] = r.label.unit;
      item["list_versions"] = r.label.versions;
      item["wording"] = r.label.wording;  // as residents saw it: current, earlier, removed, unknown
      if (!r.label.note.empty()) item["note"] = r.label.note;
    }
    if (!r.byChannel.empty() && !r.hidden) item["channels"] = r.byChannel;  // not under the floor: small numbers
    if (report.rectificationsOnly) item["deadline"] = report.deadline;
    if (r.adjusted && !r.hidden) {
      const auto shares = wire::sharesOf(*r.adjusted);
      item["adjusted"] = {{"good", r.adjusted->good},
                          {"fair", r.adjusted->fair},
                          {"poor", r.adjusted->poor},
                          {"total", r.adjusted->total()},
                          {"satisfaction", shares.satisfaction},
                          {"fair_or_worse", shares.fairOrWorse}};
      json ranges = json::array();
      for (const auto& d : r.disputed)
        ranges.push_back({{"from", d.from},
                          {"to", d.to},
                          {"from_hour", d.fromHour},
                          {"to_hour", d.toHour},
                          {"reason", d.reason},
                          {"case", d.caseId}});
      item["disputed"] = ranges;
    }
    rows.push_back(std::move(item));
  }
  json body{{"from", report.from},
            {"to", report.to},
            {"group", report.group == TallyGroup::Hall ? "hall" : "commitment"},
            {"channel", report.channel ? json(*report.channel) : json("all")},
            {"rows", rows}};
  if (report.rectificationsOnly)
    body["rule"] = {{"fair_or_worse_at_least", report.rule.fairOrWorseAtLeast},
                    {"total_at_least", report.rule.totalAtLeast},
                    {"days_to_rectify", report.rule.daysToRectify}};
  return body.dump() + "\n";
}

std::string tallyReportCsv(const TallyReport& report) {
  std::string csv(common::kUtf8Bom);
  csv += report.rectificationsOnly
             ? "大厅,承诺编号,承诺人,承诺内容,好,一般,差,合计,满意率,一般及以下占比,整改期限,单位,备注"
             : "大厅,承诺编号,承诺人,承诺内容,好,一般,差,合计,满意率,一般及以下占比,过滤点击,单位,备注";
  // The channels' columns come last, so readers of the older columns by position are unchanged.
  const bool split = !report.rows.empty() && !report.rows.front().byChannel.empty();
  csv += split ? ",终端票数,手机票数,海报票数\r\n" : "\r\n";
  for (const auto& r : report.rows) {
    const auto& c = r.counts;
    const auto shown = [&](const std::string& value) { return r.hidden ? std::string("—") : value; };
    csv += common::csvField(c.hall) + "," + common::csvField(c.commitmentId) + "," + common::csvField(r.label.holder) +
           "," + common::csvField(r.label.title) + "," + shown(std::to_string(c.good)) + "," +
           shown(std::to_string(c.fair)) + "," + shown(std::to_string(c.poor)) + "," + std::to_string(c.total()) + "," +
           shown(common::csvPercent(r.shares.satisfaction)) + "," + shown(common::csvPercent(r.shares.fairOrWorse)) +
           "," + (report.rectificationsOnly ? report.deadline : std::to_string(c.filtered)) + "," +
           common::csvField(r.label.unit) + "," + common::csvField(r.label.note);
    if (split)
      for (const auto channel : kChannels) {
        const auto n = r.byChannel.find(std::string(channel));
        csv += "," + shown(std::to_string(n == r.byChannel.end() ? 0 : n->second));
      }
    csv += "\r\n";
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
  ledger.minCount = report.minCount;
  // Counts grouped by hall, or a report without the console's stores: no 类别 or 岗位 to give.
  for (const auto& row : report.rows) {
    LedgerRow l;
    l.hall = row.counts.hall;
    l.commitmentId = row.counts.commitmentId;
    l.title = row.label.title;
    l.holder = row.label.holder;
    l.unit = row.label.unit;
    l.term = termWords(row.label.term);
    l.good = row.counts.good;
    l.fair = row.counts.fair;
    l.poor = row.counts.poor;
    l.hidden = row.hidden;
    l.note = row.label.note;
    for (std::size_t i = 0; i < kChannels.size(); ++i)
      if (const auto n = row.byChannel.find(std::string(kChannels[i])); n != row.byChannel.end())
        l.byChannel[i] = n->second;
    ledger.rows.push_back(std::move(l));
  }
  return ledger;
}

}  // namespace hub
