// The ledger (台账) of a period, built once for both routes that hand it out — the console's
// 承诺 / 整改 downloads and the API's /api/v1/tallies and /api/v1/rectifications ?format=xlsx — so
// the two read back equal: 台账 (one row per commitment and wording, the privacy floor applied),
// 单位汇总, 整改案件, 领导点评 and, when any, 评价复核 and 评议会. Reads counts and lists through a read
// connection and cases and reviews from their stores; one call per request, on the caller's thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/commitment_wording.hpp"
#include "hub/core/hall_names.hpp"
#include "hub/core/ledger.hpp"
#include "hub/core/strings.hpp"
#include "hub/core/tally_report.hpp"
#include "hub/store/case_store.hpp"
#include "hub/store/list_catalog.hpp"
#include "hub/store/panel_store.hpp"
#include "hub/store/review_store.hpp"
#include "hub/store/suggestion_store.hpp"
#include "wire/tally_shares.hpp"

namespace hub {

// Where a ledger's records come from: a read connection (counts, lists) and console.db's stores.
struct LedgerSources {
  common::sql::Database& db;
  ListCatalog& catalog;
  CaseStore& cases;
  ReviewStore& reviews;
  PanelStore* panels = nullptr;            // 评议会: the 评议会 sheet when any panel was held in the period
  SuggestionStore* suggestions = nullptr;  // 征求意见: its sheet when any suggestion came in the period
};

// What a ledger covers and for whom.
struct LedgerScope {
  std::optional<std::vector<std::string>> halls;  // the halls the reader may see; absent: every hall
  std::vector<std::string> hallsInView;           // the halls whose lists name the rows
  std::string hall;                               // the hall picked, "" for all in view
  std::string from, to;                           // the period, local days inclusive
  std::string today;                              // the report's day (local)
  std::int64_t minCount = 5;                      // the privacy floor
  std::int64_t utcOffsetMinutes = 8 * 60;         // the halls' local time
  HallNames hallNames;                            // the sheets name halls, not ids
  std::map<std::string, std::string> people;      // login → 姓名 of whoever wrote a review
  std::optional<std::string> channel = {};        // only the votes of this channel (tally_row.hpp); absent: all
};

// Commitments of the halls in view, by id (the first hall's wins when two share an id).
struct CommitmentInfo {
  std::string hall;
  const wire::Commitment* commitment = nullptr;
};
struct CommitmentIndex {
  HistoryByHall history;                        // every published list of each hall in view
  std::map<std::string, CommitmentInfo> byKey;  // the current lists': "hall\ncommitment id"
  const CommitmentInfo* find(const std::string& hall, const std::string& id) const;
};
CommitmentIndex indexCommitments(const LedgerSources& sources, const std::vector<std::string>& hallsInView);

// One row per commitment of the halls in view (listed or only counted) and wording, with its
// counts over the period, named as residents saw it when they rated it (commitment_wording.hpp):
// a renamed commitment has a row per wording, a removed one keeps its names; in hall, id order.
struct CommitmentRow {
  std::string hall, id;
  const wire::Commitment* commitment = nullptr;  // the wording; null when no published list names it
  wire::TallyCounts counts;
  std::int64_t filtered = 0;
  std::string note;  // "" for the current wording, else which version's wording and what it is now
  std::vector<std::int64_t> versions;
  std::array<std::int64_t, 3> byChannel = {};  // the row's votes by channel, in kChannels' order
};
std::vector<CommitmentRow> commitmentRows(const LedgerSources& sources, const LedgerScope& scope,
                                          const CommitmentIndex& index, const Strings& t);
// The rows over the rectification rule, worst first (the share of fair-or-worse, then the votes
// behind it). The rule judges a commitment on all its votes in the period, whatever wording they
// were given under (as the case sweep does); each wording keeps its own row.
std::vector<CommitmentRow> rowsOverTheRule(std::vector<CommitmentRow> rows, const RectificationRule& rule);

// The ledger of these rows with the period's management record beside them.
Ledger buildLedger(const LedgerSources& sources, const LedgerScope& scope, const Strings& t,
                   const std::vector<CommitmentRow>& rows, const std::string& title);

}  // namespace hub
