#include "kiosk/store/schema.hpp"

#include <stdexcept>
#include <string>

#include "common/sqlite.hpp"

namespace kiosk::store {

namespace {

// v1: counts per commitment x list version x time bucket x rating x reason. No row ever holds
// more about a vote than that, so nothing stored can be tied to a resident.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tally(
  commitment_id TEXT    NOT NULL,
  list_version  INTEGER NOT NULL,
  bucket        TEXT    NOT NULL,
  rating        TEXT    NOT NULL CHECK (rating IN ('good', 'fair', 'poor')),
  reason        TEXT    NOT NULL DEFAULT '',
  n             INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0),
  filtered      INTEGER NOT NULL DEFAULT 0 CHECK (filtered >= 0),
  PRIMARY KEY (commitment_id, list_version, bucket, rating, reason)
) WITHOUT ROWID;
CREATE VIEW local_tally(commitment_id, rating, n) AS
  SELECT commitment_id, rating, SUM(n) FROM tally GROUP BY commitment_id, rating HAVING SUM(n) > 0;
)sql";

// v2: frozen batches for sync. Counts gain the batch that carries them (NULL: not yet frozen); a
// batch keeps its exact uploaded bytes, so a retry re-sends the same body and hash.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE batch(
  seq        INTEGER PRIMARY KEY,
  created_at TEXT    NOT NULL,
  body       TEXT    NOT NULL,
  sha256     TEXT    NOT NULL,
  state      TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'conflict')),
  votes      INTEGER NOT NULL,
  last_error TEXT
);
CREATE TABLE tally_v2(
  commitment_id TEXT    NOT NULL,
  list_version  INTEGER NOT NULL,
  bucket        TEXT    NOT NULL,
  rating        TEXT    NOT NULL CHECK (rating IN ('good', 'fair', 'poor')),
  reason        TEXT    NOT NULL DEFAULT '',
  n             INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0),
  filtered      INTEGER NOT NULL DEFAULT 0 CHECK (filtered >= 0),
  batch_seq     INTEGER REFERENCES batch(seq)
);
INSERT INTO tally_v2(commitment_id, list_version, bucket, rating, reason, n, filtered)
  SELECT commitment_id, list_version, bucket, rating, reason, n, filtered FROM tally;
DROP VIEW local_tally;
DROP TABLE tally;
ALTER TABLE tally_v2 RENAME TO tally;
-- One open (unfrozen) row per key; frozen rows may repeat the key across batches.
CREATE UNIQUE INDEX tally_open ON tally(commitment_id, list_version, bucket, rating, reason) WHERE batch_seq IS NULL;
CREATE INDEX tally_batch ON tally(batch_seq);
CREATE VIEW local_tally(commitment_id, rating, n) AS
  SELECT commitment_id, rating, SUM(n) FROM tally GROUP BY commitment_id, rating HAVING SUM(n) > 0;
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all{{1, kV1}, {2, kV2}};
  return all;
}

int latestSchemaVersion() { return migrations().back().version; }

int schemaVersion(common::sql::Database& db) {
  common::sql::Statement st(db, "PRAGMA user_version");
  st.step();
  return static_cast<int>(st.columnInt(0));
}

void migrate(common::sql::Database& db, int target) {
  // The steps as the common runner takes them: step i takes the schema to version i + 1.
  std::vector<std::string_view> steps;
  for (const Migration& m : migrations()) {
    if (m.version != static_cast<int>(steps.size()) + 1)
      throw std::logic_error("kiosk migrations must be numbered 1, 2, … in order (found v" + std::to_string(m.version) +
                             ")");
    steps.push_back(m.sql);
  }
  common::sql::migrateUserVersion(db, steps, "kiosk database", "kiosk",
                                  target < 0 ? steps.size() : static_cast<std::size_t>(target));
}

}  // namespace kiosk::store
