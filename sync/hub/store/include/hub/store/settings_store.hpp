// Signed kiosk settings as the hub keeps them: every version published for a hall, or for one kiosk
// of it, as the envelope bytes the administrator signed (the hub holds no key and never changes
// them), with when and by whom. Free functions over the caller's connection; the caller's thread
// rule is the connection's (the writer lane for writes, a reader for reads).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"

namespace hub::settings_store {

struct StoredSettings {
  std::string hall;
  std::string kioskId;  // "" for the whole hall
  std::int64_t version = 0;
  std::string envelope;
  std::int64_t receivedUnix = 0;
  std::string publishedBy;
};

// The highest version published for (hall, kiosk) — kiosk "" for the hall's own — or nullopt.
std::optional<std::int64_t> latestVersion(common::sql::Database& db, const std::string& deployment,
                                          const std::string& hall, const std::string& kioskId);
void add(common::sql::Database& db, const std::string& deployment, const StoredSettings& settings);
// The newest for (hall, kiosk).
std::optional<StoredSettings> current(common::sql::Database& db, const std::string& deployment, const std::string& hall,
                                      const std::string& kioskId);
// The newest of the hall's own and of each of its kiosks, hall first.
std::vector<StoredSettings> currentInHall(common::sql::Database& db, const std::string& deployment,
                                          const std::string& hall);

}  // namespace hub::settings_store
