// 评议会 results as every place that hands them out reads them — the console's panel page, the
// ledger's 评议会 sheet and GET /api/v1/panels — so the three agree: each panel's results per
// commitment (overall and per category, the privacy floor applied by panel::results) and its
// participation. Reads the panel store; one call per request, on the caller's thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hub/core/hall_names.hpp"
#include "hub/core/ledger.hpp"
#include "hub/core/review_panel.hpp"
#include "hub/core/strings.hpp"
#include "hub/store/panel_store.hpp"

namespace hub {

struct PanelReport {
  PanelInfo panel;
  std::vector<panel::ItemResult> items;        // in the ballot's order
  std::map<std::string, std::int64_t> issued;  // codes issued per category
  std::map<std::string, std::int64_t> used;    // ballots cast per category
  std::int64_t issuedAll() const;
  std::int64_t usedAll() const;
};

// The panel's own rule: its threshold, at least three graded ballots, and the deployment's privacy
// floor (the public pages' minimum) for categories.
panel::Rule panelRule(const PanelInfo& panel, std::int64_t privacyFloor);
PanelReport panelReport(PanelStore& panels, const PanelInfo& panel, std::int64_t privacyFloor);
// The panels of these halls (absent: all) created in [from, to] (local days), oldest first.
std::vector<PanelReport> panelReports(PanelStore& panels, const std::optional<std::vector<std::string>>& halls,
                                      const std::string& from, const std::string& to, std::int64_t utcOffsetMinutes,
                                      std::int64_t privacyFloor);

// 党员互评 for the unit's report: over the 互评 rounds of `hall` ("": any hall) × `unit` (unitKey) among `reports`,
// the share of 好 and 较好 among the grades of every commitment shown (its raters at the floor or
// more); nothing when no commitment was.
std::optional<double> peerGoodShare(const std::vector<PanelReport>& reports, const std::string& hall,
                                    const std::string& unit);

// Who holds a commitment and what it says, as the current list words it (for the sheet's rows).
struct PanelItemName {
  std::string holder, title;
};
using PanelItemNames = std::map<std::pair<std::string, std::string>, PanelItemName>;  // (hall, id)

// The ledger's 评议会 sheet: per panel and commitment a row for the whole panel and one per
// category, the grades a cell each (— under the floor: the row gives only its ballots), the
// 一般及以下 share and whether the panel's rule asks for rectification; participation per panel.
SheetTable panelSheet(const std::vector<PanelReport>& reports, const PanelItemNames& names, const HallNames& hallNames,
                      const Strings& t, const std::string& from, const std::string& to);

}  // namespace hub
