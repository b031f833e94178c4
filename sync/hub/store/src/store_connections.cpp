#include "hub/store/store_connections.hpp"

#include "common/postgres.hpp"

namespace hub {

namespace sql = common::sql;

bool usesPostgres(const HubConfig& cfg) { return !cfg.databaseUrl.empty(); }

sql::Database connectHubStore(const HubConfig& cfg) {
  return usesPostgres(cfg) ? sql::openPostgres(cfg.databaseUrl) : sql::Database(cfg.database);
}

sql::Database connectConsoleStore(const HubConfig& cfg) {
  return usesPostgres(cfg) ? sql::openPostgres(cfg.databaseUrl) : sql::Database(cfg.consoleDatabase);
}

ReadPool::Opener readerOpener(const HubConfig& cfg) {
  if (!usesPostgres(cfg)) return [file = cfg.database] { return sql::Database(file, sql::OpenMode::ReadOnly); };
  // A reader never writes, whatever a bug asks: every session read-only, reconnects included.
  return [url = cfg.databaseUrl] { return sql::openPostgres(url, {.readOnly = true}); };
}

}  // namespace hub
