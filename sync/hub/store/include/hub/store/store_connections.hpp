// The hub's database connections as hub.toml configures them: embedded SQLite (hub.db and
// console.db in the hub folder, the default) or one PostgreSQL database for every table, shared by
// several hubs. Every command of kiosk-hub opens its stores through these. Plain functions; each
// connection they return belongs to one thread at a time.
#pragma once

#include "common/sqlite.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/store/read_pool.hpp"

namespace hub {

bool usesPostgres(const HubConfig& cfg);
// The hub's tables (tokens, lists, batches, counts, kiosks); a writer connection.
common::sql::Database connectHubStore(const HubConfig& cfg);
// The console's tables (users, sessions, lockouts, audit, cases, reviews, alerts, drafts).
common::sql::Database connectConsoleStore(const HubConfig& cfg);
// Read-only connections to the hub's tables for the reader lane.
ReadPool::Opener readerOpener(const HubConfig& cfg);

}  // namespace hub
