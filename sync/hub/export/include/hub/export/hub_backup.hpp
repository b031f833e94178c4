// `kiosk-hub backup`: a consistent copy of a hub folder while the hub serves. Each SQLite database
// (hub.db, console.db) is copied as one snapshot with SQLite's online backup, never by copying the
// file a writer has open; every other file of the folder (hub.toml, TLS keys and certificates, the
// calendar) is copied as it is. The result is one ustar archive, mode 0600 (it holds private keys
// and password hashes), that `tar -xf FILE -C NEW_FOLDER` restores into a folder `kiosk-hub serve`
// runs from. With [database] url on PostgreSQL the archive holds the folder only (configuration and
// keys) and the database is backed up with pg_dump (sync/hub/README.md). Plain function; any thread; safe beside a
// running hub (it only reads).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hub {

struct BackupSummary {
  std::vector<std::string> databases;  // members that are snapshots, e.g. "hub.db", "console.db"
  std::int64_t files = 0;              // every member, folders included
  bool postgres = false;               // the tables are in PostgreSQL: not in the archive (pg_dump them)
};

// Throws std::runtime_error naming what is wrong: no hub.toml, a database outside the folder (it
// would not be restored with it), `to` inside the folder, or an I/O error. Nothing is left at `to`
// unless the whole archive is there.
BackupSummary backupHubFolder(const std::filesystem::path& dir, const std::filesystem::path& to);

}  // namespace hub
