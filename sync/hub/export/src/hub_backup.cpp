#include "hub/export/hub_backup.hpp"

#include <stdexcept>

#include "common/sqlite.hpp"
#include "common/tar_writer.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/store/store_connections.hpp"

namespace fs = std::filesystem;

namespace hub {

namespace {

// `path` relative to `folder`, or empty when it lies outside it.
std::string inside(const fs::path& folder, const fs::path& path) {
  const fs::path rel = fs::weakly_canonical(path).lexically_relative(fs::weakly_canonical(folder));
  if (rel.empty() || *rel.begin() == "..") return {};
  return rel.generic_string();
}

unsigned permissions(const fs::path& p) {
  return static_cast<unsigned>(fs::symlink_status(p).permissions() & fs::perms::mask);
}

}  // namespace

BackupSummary backupHubFolder(const fs::path& dir, const fs::path& to) {
  const HubConfig cfg = loadHubConfig(dir);  // throws naming hub.toml when it is missing or wrong
  BackupSummary summary;
  if (!inside(dir, to).empty())
    throw std::runtime_error("write the backup outside the hub folder " + dir.string() +
                             " (a copy on the same disk is lost with it, and would be copied into the next backup)");

  // Database name in the archive → the live file. None when the tables are in PostgreSQL: the
  // folder (configuration, keys) is archived, the database is pg_dump's.
  std::vector<std::pair<std::string, fs::path>> databases;
  summary.postgres = usesPostgres(cfg);
  for (const fs::path& db :
       summary.postgres ? std::vector<fs::path>{} : std::vector<fs::path>{cfg.database, cfg.consoleDatabase}) {
    const std::string name = inside(dir, db);
    if (name.empty())
      throw std::runtime_error("the database " + db.string() + " lies outside the hub folder " + dir.string() +
                               "; a backup of the folder would not restore it");
    databases.emplace_back(name, db);
  }
  // SQLite files are never copied as they lie (a writer may have them open): snapshots are taken
  // below, and on PostgreSQL the empty ones `init` made are left out — they hold nothing.
  const auto isDatabaseFile = [&](const std::string& name) {
    for (const fs::path& db : {cfg.database, cfg.consoleDatabase})
      for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (name == inside(dir, db) + suffix) return true;
    return false;
  };

  common::TarWriter archive(to);
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    const std::string name = p.lexically_relative(dir).generic_string();
    if (it->is_symlink()) continue;  // nothing the hub makes; following one could leave the folder
    if (it->is_directory()) {
      archive.addFolder(name, permissions(p));
    } else if (it->is_regular_file() && !isDatabaseFile(name)) {
      archive.add(name, p, permissions(p));
    }
  }
  const fs::path scratch = to.parent_path() / (".kiosk-hub-backup-" + to.filename().string() + ".db");
  for (const auto& [name, live] : databases) {
    if (!fs::exists(live)) continue;  // console.db appears on the first `serve`
    try {
      common::sql::snapshotTo(live, scratch);
      archive.add(name, scratch, 0600);
    } catch (...) {
      std::error_code ignored;
      fs::remove(scratch, ignored);
      throw;
    }
    fs::remove(scratch);
    summary.databases.push_back(name);
  }
  archive.finish();
  summary.files = archive.members();
  return summary;
}

}  // namespace hub
