// `kiosk-hub backup`: a consistent copy of the hub folder while it serves.
#include "hub/commands/commands.hpp"

#include <iostream>

#include "hub/export/hub_backup.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

// A consistent copy of the hub folder while the hub serves (hub/hub_backup.hpp).
int backup(const fs::path& dir, const fs::path& to) {
  const auto summary = hub::backupHubFolder(dir, to);
  std::string dbs;
  for (const auto& d : summary.databases) dbs += (dbs.empty() ? "" : ", ") + d;
  std::cerr << "kiosk-hub: backed up " << dir.string() << " to " << to.string() << " (" << summary.files << " entries; "
            << (dbs.empty() ? "no database files" : "snapshots of " + dbs) << ")\n  restore: mkdir NEW && tar -xf "
            << to.string() << " -C NEW && kiosk-hub serve --dir NEW\n";
  if (summary.postgres)
    std::cerr << "  the votes, users and cases are in PostgreSQL, not in this archive: back them up with\n"
                 "  pg_dump --format=custom (see sync/hub/README.md, \"Several hubs on PostgreSQL\")\n";
  return 0;
}

}  // namespace hub::commands
