// Which commitments the rectification rule opens a case for, or reopens one: pure, from the
// window's tallies and each commitment's latest case. A case the rule closed is reopened only when
// a whole window of votes counted after it ended crosses the rule again, so the votes that opened
// it cannot reopen it. Thread-safe.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "hub/core/case_lifecycle.hpp"
#include "hub/core/tally_report.hpp"
#include "hub/core/tally_row.hpp"

namespace hub {

struct LatestCase {
  CaseState state = CaseState::Verifying;
  std::string endedDay;  // the day it was closed, explained or disputed; "" while open
};

struct RuleHit {
  enum class Action { Open, Reopen } action = Action::Open;
  TallyRow counts;  // over the window: what crossed the rule, for the case's trigger text
};

// `window` is the tallies per hall × commitment over [windowFrom, today]; `latest` the latest
// case per (hall, commitment id). Open cases are left alone.
std::vector<RuleHit> ruleHits(const std::vector<TallyRow>& window, const std::string& windowFrom,
                              const RectificationRule& rule,
                              const std::map<std::pair<std::string, std::string>, LatestCase>& latest);

}  // namespace hub
