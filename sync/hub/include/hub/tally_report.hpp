// A tally report as people read it: the stored counts of each commitment (or hall) with holder
// and title, the shares, and for rectifications the rule and the deadline; rendered as JSON for
// the API and as CSV (UTF-8 with BOM) for Excel and WPS. Pure values and functions: the API
// fetches rows and labels, this decides and formats. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "hub/disputes.hpp"
#include "hub/hub_store.hpp"
#include "wire/tally_shares.hpp"

namespace hub {

// A commitment needs rectification at this share of fair-or-worse with at least this many votes.
struct RectificationRule {
  double fairOrWorseAtLeast = 0.30;
  std::int64_t totalAtLeast = 20;
  std::int64_t daysToRectify = 30;  // deadline given for the improvement
  bool applies(const wire::TallyCounts& counts) const;
};

struct CommitmentLabel {
  std::string holder;
  std::string title;
};
// hall -> commitment id -> label, from each hall's current list.
using LabelsByHall = std::unordered_map<std::string, std::unordered_map<std::string, CommitmentLabel>>;

struct TallyReportRow {
  TallyRow counts;
  CommitmentLabel label;
  wire::TallyShares shares;
  // Set when ratings in the period were found mistaken on re-review: the figures without the
  // disputed days, and those days (the raw counts above stay as the kiosks uploaded them).
  std::optional<wire::TallyCounts> adjusted;
  std::vector<DisputedRange> disputed;
};

struct TallyReport {
  std::string from, to;  // inclusive days, hall local time
  TallyGroup group = TallyGroup::Commitment;
  bool rectificationsOnly = false;
  RectificationRule rule;
  std::string deadline;  // rectifications: "YYYY-MM-DD"
  std::vector<TallyReportRow> rows;
};

// Rows in store order; with `rectificationsOnly`, only commitments the rule applies to (a report
// grouped by hall has none: the rule is about commitments).
TallyReport buildTallyReport(const std::vector<TallyRow>& rows, const LabelsByHall& labels, TallyReport shape);

std::string tallyReportJson(const TallyReport& report);
std::string tallyReportCsv(const TallyReport& report);
// The report as the ledger (台账) the console exports: same rows, title, period, totals, footer.
struct Ledger;
Ledger tallyLedger(const TallyReport& report, const std::string& reportDay);
// "tallies-2026-01-01-2026-06-30.csv" / "rectifications-…"
std::string tallyReportFileName(const TallyReport& report, const std::string& extension);

}  // namespace hub
