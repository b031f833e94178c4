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

// The upsert that adds one heartbeat's figures to a kiosk's day: parameters kiosk_id, day (YYYY-MM-DD),
// touches, open_s from `first` on. HubStore::heartbeat runs it alone or after its own statement.
std::string addStatement(int first);
// Adds one heartbeat's figures to the kiosk's `day`. Within the caller's transaction, if any.
void add(common::sql::Database& db, const std::string& kioskId, const std::string& day, std::int64_t touches,
         std::int64_t openSeconds);
// Drops every kiosk's days older than kKeptDays before `today`: one statement, once a day (the
// index on day makes it a range delete), rather than one per kiosk.
void trim(common::sql::Database& db, const std::string& today);
// Every kiosk's days from `fromDay` on.
std::map<std::string, std::vector<PanelDay>> since(common::sql::Database& db, const std::string& fromDay);

}  // namespace hub::kiosk_days
