// A tally report as people read it: the stored counts of each commitment (or hall) with holder
// and title, the shares, and for rectifications the rule and the deadline; rendered as JSON for
// the API and as CSV (UTF-8 with BOM) for Excel and WPS. Pure values and functions: the API
// fetches rows and labels, this decides and formats. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hub/core/commitment_wording.hpp"
#include "hub/core/disputes.hpp"
#include "hub/core/ledger.hpp"
#include "hub/core/tally_row.hpp"
#include "wire/tally_shares.hpp"

namespace hub {

// A commitment needs rectification at this share of fair-or-worse with at least this many votes.
struct RectificationRule {
  double fairOrWorseAtLeast = 0.30;
  std::int64_t totalAtLeast = 20;
  std::int64_t daysToRectify = 30;  // deadline given for the improvement
  bool applies(const wire::TallyCounts& counts) const;
};

// A row's commitment as residents saw it when they rated it (see commitment_wording.hpp).
struct CommitmentLabel {
  std::string holder, title, unit;
  std::optional<wire::Term> term;
  std::string wording = "unknown";  // current / earlier / removed / unknown
  std::string note;                 // "" for the current wording, else which wording it is
  std::vector<std::int64_t> versions;
};

struct TallyReportRow {
  TallyRow counts;
  CommitmentLabel label;
  wire::TallyShares shares;
  // Set when ratings in the period were found mistaken on re-review: the figures without the
  // disputed days, and those days (the raw counts above stay as the kiosks uploaded them).
  std::optional<wire::TallyCounts> adjusted;
  std::vector<DisputedRange> disputed;
  // Under the privacy floor: only the total is given; good, fair, poor and shares are withheld.
  bool hidden = false;
  // Votes per channel (kiosk, phone, poster), every channel named, once addChannelSplit ran.
  std::map<std::string, std::int64_t> byChannel = {};
};

struct TallyReport {
  std::string from, to;  // inclusive days, hall local time
  TallyGroup group = TallyGroup::Commitment;
  bool rectificationsOnly = false;
  RectificationRule rule;
  std::int64_t minCount = 0;           // rows with 1 … minCount-1 votes are hidden
  std::string deadline;                // rectifications: "YYYY-MM-DD"
  std::optional<std::string> channel;  // the one channel counted; none: all of them
  std::vector<TallyReportRow> rows;
};

// Rows grouped by hall, or by commitment and list version (TallyGroup::CommitmentVersion) and then
// named by the version residents saw (one row per wording); with `rectificationsOnly`, only the
// commitments the rule applies to, judged on all their wordings' votes together (a report grouped
// by hall has none: the rule is about commitments).
TallyReport buildTallyReport(const std::vector<TallyRow>& rows, const HistoryByHall& history, TallyReport shape);

// Fills each row's byChannel from `split` (rows split by channel, grouped as the report's source
// rows were: by hall, or by commitment and list version — a row counts the versions it names).
void addChannelSplit(TallyReport& report, const std::vector<TallyRow>& split);

std::string tallyReportJson(const TallyReport& report);
std::string tallyReportCsv(const TallyReport& report);
// The report as the ledger (台账) the console exports: same rows, title, period, totals, footer.
Ledger tallyLedger(const TallyReport& report, const std::string& reportDay);
// "tallies-2026-01-01-2026-06-30.csv" / "rectifications-…"
std::string tallyReportFileName(const TallyReport& report, const std::string& extension);

}  // namespace hub
