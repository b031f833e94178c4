// The hub's database: tokens (hashes only), trusted admin keys, published lists, ingested batch
// identities, and vote counts pre-aggregated per hall x day x commitment x rating so a half-year
// tally reads thousands of rows, not millions. One connection; the server uses it from its single
// I/O thread, so it is the only writer (not thread-safe by itself).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/principal.hpp"
#include "hub/core/quiet_panel.hpp"
#include "hub/core/tally_row.hpp"
#include "wire/rating_batch.hpp"

namespace hub {

struct StoredList {
  std::string hall;
  std::int64_t version = 0;
  std::string envelope;
  std::string etag;
};

enum class IngestResult { Accepted, Duplicate, Conflict };
enum class KeyRegistration { Registered, Same, Different };

// Kept with an ingested batch: the kiosk's signature (base64, "" for a kiosk without a key); for a
// batch an administrator imported from a USB export, who imported it ("" when the kiosk sent it);
// and where its votes were cast (tally_row.hpp's channels: a kiosk's batches are "kiosk").
struct BatchProvenance {
  std::string signature = {};
  std::string importedBy = {};
  std::string channel = std::string(kChannelKiosk);
};

struct KioskStatus {
  std::string kioskId;
  std::string hall;
  std::int64_t lastSeenUnix = 0;
  std::string heartbeatJson;  // what the kiosk last reported, as sent
  std::int64_t clockOffsetSeconds = 0;
};

// Creates or updates the hub's tables in `db` (SQLite or PostgreSQL).
void migrateHubSchema(common::sql::Database& db);

class HubStore {
 public:
  // SQLite in `file`, or any open database (PostgreSQL: common::sql::openPostgres). The schema is
  // brought up to date on opening (numbered migrations per dialect).
  explicit HubStore(const std::filesystem::path& file);
  explicit HubStore(common::sql::Database db);

  void addToken(const std::string& hash, const Principal& p, std::int64_t nowUnix);
  std::optional<Principal> principalFor(const std::string& hash);
  // Removes the token with this hash; returns how many were removed (0 or 1). A revoked token's
  // next request gets 401.
  std::int64_t revokeToken(const std::string& hash);

  // Enrolment: a kiosk token for `kioskId` in `hall`; false (nothing stored) if it is enrolled already.
  bool enrolKiosk(const std::string& kioskId, const std::string& hall, const std::string& tokenHash,
                  std::int64_t nowUnix);
  // Removes the kiosk's tokens and its registered key; returns how many tokens were removed.
  std::int64_t revokeKiosk(const std::string& kioskId);
  // Its tokens now name `hall`; false if the kiosk is not enrolled.
  bool moveKiosk(const std::string& kioskId, const std::string& hall);
  // The kiosk's batch-signing public key (PEM), once the kiosk has registered it.
  std::optional<std::string> kioskKey(const std::string& kioskId);
  // The first key a kiosk presents is kept; the same one again is Same, another is Different (kept out).
  KeyRegistration registerKioskKey(const std::string& kioskId, const std::string& pem, std::int64_t nowUnix);

  void addAdminKey(const std::string& keyId, const std::string& pem, std::int64_t nowUnix);
  std::vector<std::pair<std::string, std::string>> adminKeys();

  std::optional<std::int64_t> latestListVersion(const std::string& deployment, const std::string& hall);
  void addList(const std::string& deployment, const std::string& hall, std::int64_t version,
               const std::string& envelope, std::int64_t nowUnix, const std::string& publishedBy = "");
  // The most recently published list for `hall`, whether addressed to it or to every hall ("*").
  std::optional<StoredList> currentList(const std::string& deployment, const std::string& hall);

  // Idempotent per (kiosk_id, epoch, batch_seq): counts are added once, in one transaction.
  IngestResult ingest(const wire::RatingBatch& batch, const std::string& sha256, const std::string& hall,
                      std::int64_t receivedUnix, std::int64_t clockOffsetSeconds,
                      const BatchProvenance& provenance = {});

  // The kiosk's latest heartbeat, and with `day` its touches and time open added to that local day
  // (kiosk_days.hpp; with `trimDays` every kiosk's days past two weeks dropped), atomically: one
  // commit per heartbeat, as before the day sums.
  void heartbeat(const std::string& kioskId, const std::string& hall, const std::string& json, std::int64_t nowUnix,
                 std::int64_t clockOffsetSeconds, const std::optional<PanelDay>& day = std::nullopt,
                 bool trimDays = false);
  std::vector<KioskStatus> kiosks();
  // Every kiosk a token was issued for (id, hall), heard from or not.
  std::vector<std::pair<std::string, std::string>> enrolledKiosks();

  // Days are "YYYY-MM-DD" in each hall's local time (from the vote buckets), inclusive.
  std::vector<TallyRow> tallies(const std::string& fromDay, const std::string& toDay,
                                const std::optional<std::vector<std::string>>& halls, TallyGroup group);

  common::sql::Database& database() { return db_; }

 private:
  std::int64_t deleteTokens(std::string_view statement, const std::string& value);
  common::sql::Database db_;
};

}  // namespace hub
