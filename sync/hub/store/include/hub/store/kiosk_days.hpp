// Per kiosk and local day, the sums of its heartbeats' `touches` and `open_s`: what the 终端 page
// needs to flag a touch panel that registered nothing through an open day (hub/core/quiet_panel.hpp).
// Two weeks are kept. Free functions over the caller's connection; writes on the writer lane.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/quiet_panel.hpp"

namespace hub::kiosk_days {

inline constexpr int kKeptDays = 14;

// Adds one heartbeat's figures to the kiosk's `day` (YYYY-MM-DD); with `trim`, also drops its days
// older than kKeptDays before it. Within the caller's transaction (HubStore::heartbeat's): no
// commit of its own.
void add(common::sql::Database& db, const std::string& kioskId, const std::string& day, std::int64_t touches,
         std::int64_t openSeconds, bool trim = true);
// Every kiosk's days from `fromDay` on.
std::map<std::string, std::vector<PanelDay>> since(common::sql::Database& db, const std::string& fromDay);

}  // namespace hub::kiosk_days
