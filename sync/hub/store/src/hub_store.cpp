#include "hub/store/hub_store.hpp"

#include "hub/store/kiosk_days.hpp"

#include <map>
#include <optional>
#include <tuple>
#include <variant>
#include <vector>

#include "hub/store/tally_queries.hpp"
#include "wire/crypto.hpp"

namespace hub {

namespace sql = common::sql;

namespace {

constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE token(
  hash TEXT PRIMARY KEY, role TEXT NOT NULL, kiosk_id TEXT, halls TEXT NOT NULL, created_unix INTEGER NOT NULL);
CREATE TABLE admin_key(key_id TEXT PRIMARY KEY, pem TEXT NOT NULL, added_unix INTEGER NOT NULL);
CREATE TABLE list(
  id INTEGER PRIMARY KEY, deployment TEXT NOT NULL, hall TEXT NOT NULL, version INTEGER NOT NULL,
  envelope TEXT NOT NULL, etag TEXT NOT NULL, received_unix INTEGER NOT NULL,
  UNIQUE (deployment, hall, version));
CREATE TABLE batch(
  kiosk_id TEXT NOT NULL, epoch TEXT NOT NULL, seq INTEGER NOT NULL, sha256 TEXT NOT NULL, hall TEXT NOT NULL,
  votes INTEGER NOT NULL, received_unix INTEGER NOT NULL, clock_offset_s INTEGER NOT NULL,
  PRIMARY KEY (kiosk_id, epoch, seq)) WITHOUT ROWID;
CREATE TABLE tally_day(
  hall TEXT NOT NULL, day TEXT NOT NULL, commitment_id TEXT NOT NULL, rating TEXT NOT NULL,
  n INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (hall, commitment_id, day, rating)) WITHOUT ROWID;  -- tallies group by hall, commitment
CREATE TABLE reason_day(
  hall TEXT NOT NULL, day TEXT NOT NULL, commitment_id TEXT NOT NULL, reason TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (hall, day, commitment_id, reason)) WITHOUT ROWID;
CREATE TABLE kiosk(
  kiosk_id TEXT PRIMARY KEY, hall TEXT NOT NULL, last_seen_unix INTEGER NOT NULL, heartbeat TEXT NOT NULL,
  clock_offset_s INTEGER NOT NULL);
)sql";

// v2: counted votes per hall × day × hour × rating, for the console's weekday × hour heat map.
// Batches ingested before v2 have no hour; they stay out of the heat map (and only it).
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE tally_hour(
  hall TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, rating TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (hall, day, hour, rating)) WITHOUT ROWID;
)sql";

// v3: counts laid out for period scans. One row per day (and per month) × hall × commitment with
// the three ratings as columns, keyed time first, so a period is one contiguous range and a
// half-year reads six month rows per commitment instead of 546 rating-day rows; per-hall day totals
// for the overview; indexes for one commitment's page. Filled from tally_day, which they replace.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE count_day(
  day TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, good INTEGER NOT NULL,
  fair INTEGER NOT NULL, poor INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (day, hall, commitment_id)) WITHOUT ROWID;
CREATE INDEX count_day_by_commitment ON count_day(commitment_id, day);
CREATE TABLE count_month(
  month TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, good INTEGER NOT NULL,
  fair INTEGER NOT NULL, poor INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (month, hall, commitment_id)) WITHOUT ROWID;
CREATE TABLE hall_day(
  day TEXT NOT NULL, hall TEXT NOT NULL, good INTEGER NOT NULL, fair INTEGER NOT NULL, poor INTEGER NOT NULL,
  filtered INTEGER NOT NULL, PRIMARY KEY (day, hall)) WITHOUT ROWID;
CREATE INDEX reason_day_by_commitment ON reason_day(commitment_id, day);
INSERT INTO count_day
  SELECT day, hall, commitment_id, SUM(CASE rating WHEN 'good' THEN n ELSE 0 END),
         SUM(CASE rating WHEN 'fair' THEN n ELSE 0 END), SUM(CASE rating WHEN 'poor' THEN n ELSE 0 END), SUM(filtered)
  FROM tally_day GROUP BY day, hall, commitment_id;
INSERT INTO count_month
  SELECT substr(day, 1, 7), hall, commitment_id, SUM(good), SUM(fair), SUM(poor), SUM(filtered)
  FROM count_day GROUP BY 1, 2, 3;
INSERT INTO hall_day SELECT day, hall, SUM(good), SUM(fair), SUM(poor), SUM(filtered) FROM count_day GROUP BY 1, 2;
DROP TABLE tally_day;
)sql";

// v4: counts per list version of each hall's commitments (batch rows carry the version the kiosk
// showed), so a commitment's page can say how it was rated under each text. The counts from before
// v4 have no version: they are kept under version 0, "not recorded".
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE count_version(
  hall TEXT NOT NULL, commitment_id TEXT NOT NULL, list_version INTEGER NOT NULL, good INTEGER NOT NULL,
  fair INTEGER NOT NULL, poor INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (hall, commitment_id, list_version)) WITHOUT ROWID;
INSERT INTO count_version
  SELECT hall, commitment_id, 0, SUM(good), SUM(fair), SUM(poor), SUM(filtered) FROM count_month GROUP BY 1, 2;
)sql";

// v5: kiosks sign their batches. Each kiosk's Ed25519 public key, registered by the kiosk itself
// with its enrolment token; each batch keeps the signature it came with and, when an administrator
// imported it from a USB export, who did; each list, who published it (earlier ones: unknown).
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE kiosk_key(kiosk_id TEXT PRIMARY KEY, pem TEXT NOT NULL, registered_unix INTEGER NOT NULL);
ALTER TABLE batch ADD COLUMN signature TEXT;
ALTER TABLE batch ADD COLUMN imported_by TEXT;
ALTER TABLE list ADD COLUMN published_by TEXT;
)sql";

// v6: day and month counts keyed by the list version the kiosk showed too, so a period's ledger
// names each commitment as residents saw it when they rated it (a renamed or removed commitment
// keeps the wording of its votes). Counts from before v6 carry version 0, "not recorded". A
// commitment has one version on nearly every day, so the tables barely grow.
constexpr std::string_view kSchemaV6 = R"sql(
CREATE TABLE count_day_v6(
  day TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, list_version INTEGER NOT NULL,
  good INTEGER NOT NULL, fair INTEGER NOT NULL, poor INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (day, hall, commitment_id, list_version)) WITHOUT ROWID;
INSERT INTO count_day_v6 SELECT day, hall, commitment_id, 0, good, fair, poor, filtered FROM count_day;
DROP TABLE count_day;
ALTER TABLE count_day_v6 RENAME TO count_day;
CREATE INDEX count_day_by_commitment ON count_day(commitment_id, day);
CREATE TABLE count_month_v6(
  month TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, list_version INTEGER NOT NULL,
  good INTEGER NOT NULL, fair INTEGER NOT NULL, poor INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (month, hall, commitment_id, list_version)) WITHOUT ROWID;
INSERT INTO count_month_v6 SELECT month, hall, commitment_id, 0, good, fair, poor, filtered FROM count_month;
DROP TABLE count_month;
ALTER TABLE count_month_v6 RENAME TO count_month;
)sql";

// v7: one commitment's counts by hour (and list version), so a dispute can mark the hours an
// appeal names ("11 月 18 日 9 时") and a case page can show the window's ratings by day and hour.
// Keyed commitment first: both read one commitment's days. Batches before v7 have no such rows;
// their days can be disputed only whole.
constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE count_hour(
  hall TEXT NOT NULL, commitment_id TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL,
  list_version INTEGER NOT NULL, good INTEGER NOT NULL, fair INTEGER NOT NULL, poor INTEGER NOT NULL,
  filtered INTEGER NOT NULL, PRIMARY KEY (hall, commitment_id, day, hour, list_version)) WITHOUT ROWID;
)sql";

// v8: signed kiosk settings (wire/kiosk_settings.hpp), per hall and per kiosk ('' for the whole
// hall), each version kept as published, like lists.
constexpr std::string_view kSchemaV8 = R"sql(
CREATE TABLE kiosk_settings(
  id INTEGER PRIMARY KEY, deployment TEXT NOT NULL, hall TEXT NOT NULL, kiosk_id TEXT NOT NULL,
  version INTEGER NOT NULL, envelope TEXT NOT NULL, received_unix INTEGER NOT NULL, published_by TEXT NOT NULL,
  UNIQUE (deployment, hall, kiosk_id, version));
)sql";

// v9: remote commands to kiosks (立即同步, 重启程序), handed over in heartbeat answers until
// acknowledged or expired, kept with their outcome.
constexpr std::string_view kSchemaV9 = R"sql(
CREATE TABLE kiosk_command(
  id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, created_unix INTEGER NOT NULL,
  expires_unix INTEGER NOT NULL, created_by TEXT NOT NULL, delivered_unix INTEGER, done_unix INTEGER, outcome TEXT);
CREATE INDEX kiosk_command_by_kiosk ON kiosk_command(kiosk_id, done_unix);
)sql";

// v10: kiosks' screenshots (截屏), the PNG in base64 (TEXT in both stores), the last few per kiosk.
constexpr std::string_view kSchemaV10 = R"sql(
CREATE TABLE kiosk_screenshot(
  id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, command_id TEXT NOT NULL, screen TEXT NOT NULL,
  width INTEGER NOT NULL, height INTEGER NOT NULL, png_base64 TEXT NOT NULL, taken_unix INTEGER NOT NULL,
  UNIQUE (kiosk_id, command_id));
)sql";

// v11: per kiosk and local day, the heartbeats' touches and time open (a dead touch panel shows).
constexpr std::string_view kSchemaV11 = R"sql(
CREATE TABLE kiosk_day(
  kiosk_id TEXT NOT NULL, day TEXT NOT NULL, touches INTEGER NOT NULL, open_s INTEGER NOT NULL,
  PRIMARY KEY (kiosk_id, day));
)sql";

// v12: software updates: each signed manifest with its rollout's control, and the packages in chunks.
constexpr std::string_view kSchemaV12 = R"sql(
CREATE TABLE update_manifest(
  deployment TEXT NOT NULL, id INTEGER NOT NULL, version TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
  envelope TEXT NOT NULL, published_unix INTEGER NOT NULL, published_by TEXT NOT NULL, paused INTEGER NOT NULL,
  advanced_through INTEGER NOT NULL, PRIMARY KEY (deployment, id));
CREATE TABLE update_package(sha256 TEXT NOT NULL, n INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (sha256, n));
)sql";

// v13: the day sums by day, for the daily trim of the whole table and the 终端 page's "since".
constexpr std::string_view kSchemaV13 = R"sql(
CREATE INDEX kiosk_day_by_day ON kiosk_day(day);
)sql";

// v14: where a vote was cast — `channel` 'kiosk' (a kiosk's batches), 'phone' (a resident's phone
// after scanning a kiosk's code) or 'poster' (a printed code) — in the day and month counts every
// tally reads, so a report shows each channel or all; the batch row says it too. Counts from
// before v14 came from kiosks. The other aggregates (hall days, hours, versions) add every channel.
constexpr std::string_view kSchemaV14 = R"sql(
CREATE TABLE count_day_v14(
  day TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, list_version INTEGER NOT NULL,
  channel TEXT NOT NULL, good INTEGER NOT NULL, fair INTEGER NOT NULL, poor INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (day, hall, commitment_id, list_version, channel)) WITHOUT ROWID;
INSERT INTO count_day_v14 SELECT day, hall, commitment_id, list_version, 'kiosk', good, fair, poor, filtered FROM count_day;
DROP TABLE count_day;
ALTER TABLE count_day_v14 RENAME TO count_day;
CREATE INDEX count_day_by_commitment ON count_day(commitment_id, day);
CREATE TABLE count_month_v14(
  month TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, list_version INTEGER NOT NULL,
  channel TEXT NOT NULL, good INTEGER NOT NULL, fair INTEGER NOT NULL, poor INTEGER NOT NULL, filtered INTEGER NOT NULL,
  PRIMARY KEY (month, hall, commitment_id, list_version, channel)) WITHOUT ROWID;
INSERT INTO count_month_v14 SELECT month, hall, commitment_id, list_version, 'kiosk', good, fair, poor, filtered FROM count_month;
DROP TABLE count_month;
ALTER TABLE count_month_v14 RENAME TO count_month;
ALTER TABLE batch ADD COLUMN channel TEXT;
)sql";

// v15: printed posters (poster_store.hpp): each a long-lived code for one commitment of a hall,
// issued from the console, until it expires or is withdrawn. The code is no secret (it is printed
// on a wall); the row is what makes it valid, so withdrawing it kills every copy at once.
constexpr std::string_view kSchemaV15 = R"sql(
CREATE TABLE poster(
  code TEXT PRIMARY KEY, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, issued_unix BIGINT NOT NULL,
  expires_unix BIGINT NOT NULL, issued_by TEXT NOT NULL, withdrawn_unix BIGINT);
CREATE INDEX poster_by_hall ON poster(hall, commitment_id);
)sql";

// PostgreSQL: the same tables as SQLite's v5, numbered from 1 (a PostgreSQL store starts at today's
// schema; later changes are added as v2, v3, ... to both lists). BIGINT for every count and time.
constexpr std::string_view kPostgresV1 = R"sql(
CREATE TABLE token(
  hash TEXT PRIMARY KEY, role TEXT NOT NULL, kiosk_id TEXT, halls TEXT NOT NULL, created_unix BIGINT NOT NULL);
CREATE INDEX token_by_kiosk ON token(kiosk_id);
CREATE TABLE admin_key(key_id TEXT PRIMARY KEY, pem TEXT NOT NULL, added_unix BIGINT NOT NULL);
CREATE TABLE list(
  id BIGSERIAL PRIMARY KEY, deployment TEXT NOT NULL, hall TEXT NOT NULL, version BIGINT NOT NULL,
  envelope TEXT NOT NULL, etag TEXT NOT NULL, received_unix BIGINT NOT NULL, published_by TEXT,
  UNIQUE (deployment, hall, version));
CREATE TABLE batch(
  kiosk_id TEXT NOT NULL, epoch TEXT NOT NULL, seq BIGINT NOT NULL, sha256 TEXT NOT NULL, hall TEXT NOT NULL,
  votes BIGINT NOT NULL, received_unix BIGINT NOT NULL, clock_offset_s BIGINT NOT NULL, signature TEXT,
  imported_by TEXT, PRIMARY KEY (kiosk_id, epoch, seq));
CREATE TABLE reason_day(
  hall TEXT NOT NULL, day TEXT NOT NULL, commitment_id TEXT NOT NULL, reason TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (hall, day, commitment_id, reason));
CREATE INDEX reason_day_by_commitment ON reason_day(commitment_id, day);
CREATE TABLE kiosk(
  kiosk_id TEXT PRIMARY KEY, hall TEXT NOT NULL, last_seen_unix BIGINT NOT NULL, heartbeat TEXT NOT NULL,
  clock_offset_s BIGINT NOT NULL);
CREATE TABLE tally_hour(
  hall TEXT NOT NULL, day TEXT NOT NULL, hour BIGINT NOT NULL, rating TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (hall, day, hour, rating));
CREATE TABLE count_day(
  day TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, good BIGINT NOT NULL,
  fair BIGINT NOT NULL, poor BIGINT NOT NULL, filtered BIGINT NOT NULL, PRIMARY KEY (day, hall, commitment_id));
CREATE INDEX count_day_by_commitment ON count_day(commitment_id, day);
CREATE TABLE count_month(
  month TEXT NOT NULL, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, good BIGINT NOT NULL,
  fair BIGINT NOT NULL, poor BIGINT NOT NULL, filtered BIGINT NOT NULL, PRIMARY KEY (month, hall, commitment_id));
CREATE TABLE hall_day(
  day TEXT NOT NULL, hall TEXT NOT NULL, good BIGINT NOT NULL, fair BIGINT NOT NULL, poor BIGINT NOT NULL,
  filtered BIGINT NOT NULL, PRIMARY KEY (day, hall));
CREATE TABLE count_version(
  hall TEXT NOT NULL, commitment_id TEXT NOT NULL, list_version BIGINT NOT NULL, good BIGINT NOT NULL,
  fair BIGINT NOT NULL, poor BIGINT NOT NULL, filtered BIGINT NOT NULL,
  PRIMARY KEY (hall, commitment_id, list_version));
CREATE TABLE kiosk_key(kiosk_id TEXT PRIMARY KEY, pem TEXT NOT NULL, registered_unix BIGINT NOT NULL);
)sql";

// PostgreSQL v2 = SQLite v6: day and month counts keyed by list version too.
constexpr std::string_view kPostgresV2 = R"sql(
ALTER TABLE count_day ADD COLUMN list_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE count_day DROP CONSTRAINT count_day_pkey;
ALTER TABLE count_day ADD PRIMARY KEY (day, hall, commitment_id, list_version);
ALTER TABLE count_month ADD COLUMN list_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE count_month DROP CONSTRAINT count_month_pkey;
ALTER TABLE count_month ADD PRIMARY KEY (month, hall, commitment_id, list_version);
)sql";

// PostgreSQL v3 = SQLite v7: counts per commitment by hour.
constexpr std::string_view kPostgresV3 = R"sql(
CREATE TABLE count_hour(
  hall TEXT NOT NULL, commitment_id TEXT NOT NULL, day TEXT NOT NULL, hour BIGINT NOT NULL,
  list_version BIGINT NOT NULL, good BIGINT NOT NULL, fair BIGINT NOT NULL, poor BIGINT NOT NULL,
  filtered BIGINT NOT NULL, PRIMARY KEY (hall, commitment_id, day, hour, list_version));
)sql";

// PostgreSQL v4 = SQLite v8: signed kiosk settings.
constexpr std::string_view kPostgresV4 = R"sql(
CREATE TABLE kiosk_settings(
  id BIGSERIAL PRIMARY KEY, deployment TEXT NOT NULL, hall TEXT NOT NULL, kiosk_id TEXT NOT NULL,
  version BIGINT NOT NULL, envelope TEXT NOT NULL, received_unix BIGINT NOT NULL, published_by TEXT NOT NULL,
  UNIQUE (deployment, hall, kiosk_id, version));
)sql";

// PostgreSQL v5 = SQLite v9: remote commands.
constexpr std::string_view kPostgresV5 = R"sql(
CREATE TABLE kiosk_command(
  id BIGSERIAL PRIMARY KEY, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, created_unix BIGINT NOT NULL,
  expires_unix BIGINT NOT NULL, created_by TEXT NOT NULL, delivered_unix BIGINT, done_unix BIGINT, outcome TEXT);
CREATE INDEX kiosk_command_by_kiosk ON kiosk_command(kiosk_id, done_unix);
)sql";

// PostgreSQL v6 = SQLite v10: screenshots.
constexpr std::string_view kPostgresV6 = R"sql(
CREATE TABLE kiosk_screenshot(
  id BIGSERIAL PRIMARY KEY, kiosk_id TEXT NOT NULL, command_id TEXT NOT NULL, screen TEXT NOT NULL,
  width BIGINT NOT NULL, height BIGINT NOT NULL, png_base64 TEXT NOT NULL, taken_unix BIGINT NOT NULL,
  UNIQUE (kiosk_id, command_id));
)sql";

// PostgreSQL v7 = SQLite v11: kiosks' days.
constexpr std::string_view kPostgresV7 = R"sql(
CREATE TABLE kiosk_day(
  kiosk_id TEXT NOT NULL, day TEXT NOT NULL, touches BIGINT NOT NULL, open_s BIGINT NOT NULL,
  PRIMARY KEY (kiosk_id, day));
)sql";

// PostgreSQL v8 = SQLite v12: software updates.
constexpr std::string_view kPostgresV8 = R"sql(
CREATE TABLE update_manifest(
  deployment TEXT NOT NULL, id BIGINT NOT NULL, version TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL,
  envelope TEXT NOT NULL, published_unix BIGINT NOT NULL, published_by TEXT NOT NULL, paused BIGINT NOT NULL,
  advanced_through BIGINT NOT NULL, PRIMARY KEY (deployment, id));
CREATE TABLE update_package(sha256 TEXT NOT NULL, n BIGINT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (sha256, n));
)sql";

// PostgreSQL v9 = SQLite v13.
constexpr std::string_view kPostgresV9 = kSchemaV13;

// PostgreSQL v10 = SQLite v14: the channel of each count.
constexpr std::string_view kPostgresV10 = R"sql(
ALTER TABLE count_day ADD COLUMN channel TEXT NOT NULL DEFAULT 'kiosk';
ALTER TABLE count_day DROP CONSTRAINT count_day_pkey;
ALTER TABLE count_day ADD PRIMARY KEY (day, hall, commitment_id, list_version, channel);
ALTER TABLE count_month ADD COLUMN channel TEXT NOT NULL DEFAULT 'kiosk';
ALTER TABLE count_month DROP CONSTRAINT count_month_pkey;
ALTER TABLE count_month ADD PRIMARY KEY (month, hall, commitment_id, list_version, channel);
ALTER TABLE batch ADD COLUMN channel TEXT;
)sql";

// PostgreSQL v11 = SQLite v15.
constexpr std::string_view kPostgresV11 = kSchemaV15;

// Rows of one table, in the order added. PostgreSQL: as few statements as the parameter limits
// allow, "INSERT INTO t(a, b) VALUES (?1, ?2), (?3, ?4) ...tail" (each statement is a round
// trip); SQLite: one prepared row statement. Within one transaction.
class RowWriter {
 public:
  using Value = std::variant<std::int64_t, std::string>;
  RowWriter(sql::Database& db, std::string head, std::string tail)
      : db_(db), head_(std::move(head)), tail_(std::move(tail)) {}
  void add(std::vector<Value> row) {
    if (db_.dialect() == sql::Dialect::Sqlite) return addNow(row);
    rows_.push_back(std::move(row));
    if (rows_.size() == kRowsPerStatement) flush();
  }
  void flush() {
    if (rows_.empty()) return;
    std::string text = head_ + " VALUES ";
    int p = 0;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      text += r ? ", (" : "(";
      for (std::size_t c = 0; c < rows_[r].size(); ++c) text += (c ? ", ?" : "?") + std::to_string(++p);
      text += ")";
    }
    sql::Statement st(db_, text + tail_);
    p = 0;
    for (const auto& row : rows_)
      for (const auto& v : row) {
        ++p;
        if (const auto* i = std::get_if<std::int64_t>(&v)) st.bind(p, *i);
        else st.bind(p, std::string_view(std::get<std::string>(v)));
      }
    st.run();
    rows_.clear();
  }

 private:
  // SQLite runs in-process: one prepared single-row statement, stepped per row, beats parsing a
  // long statement every batch (measured: ~30 % of ingest).
  void addNow(const std::vector<Value>& row) {
    if (!single_) {
      std::string text = head_ + " VALUES (";
      for (std::size_t c = 0; c < row.size(); ++c) text += (c ? ", ?" : "?") + std::to_string(c + 1);
      single_.emplace(db_, text + ")" + tail_);
    }
    int p = 0;
    for (const auto& v : row) {
      ++p;
      if (const auto* i = std::get_if<std::int64_t>(&v)) single_->bind(p, *i);
      else single_->bind(p, std::string_view(std::get<std::string>(v)));
    }
    single_->run();
  }

  // 500 rows of at most 9 values: far under SQLite's 32,766 parameters and PostgreSQL's 65,535.
  static constexpr std::size_t kRowsPerStatement = 500;
  sql::Database& db_;
  std::string head_, tail_;
  std::vector<std::vector<Value>> rows_;
  std::optional<sql::Statement> single_;
};

struct Counts {
  std::int64_t good = 0, fair = 0, poor = 0, filtered = 0;
  Counts& operator+=(const Counts& o) {
    good += o.good;
    fair += o.fair;
    poor += o.poor;
    filtered += o.filtered;
    return *this;
  }
};

// Adds `c` to a row's three ratings and its filtered taps.
void addTo(Counts& sum, const wire::BatchCount& c) {
  if (c.rating == "good") sum.good += c.n;
  else if (c.rating == "fair") sum.fair += c.n;
  else sum.poor += c.n;
  sum.filtered += c.filtered;
}

}  // namespace

HubStore::HubStore(const std::filesystem::path& file) : HubStore(sql::Database(file)) {}

HubStore::HubStore(sql::Database db) : db_(std::move(db)) { migrateHubSchema(db_); }

void migrateHubSchema(sql::Database& db) {
  constexpr std::string_view sqlite[] = {kSchemaV1,  kSchemaV2,  kSchemaV3,  kSchemaV4,  kSchemaV5,
                                         kSchemaV6,  kSchemaV7,  kSchemaV8,  kSchemaV9,  kSchemaV10,
                                         kSchemaV11, kSchemaV12, kSchemaV13, kSchemaV14, kSchemaV15};
  constexpr std::string_view postgres[] = {kPostgresV1, kPostgresV2,  kPostgresV3, kPostgresV4,
                                           kPostgresV5, kPostgresV6,  kPostgresV7, kPostgresV8,
                                           kPostgresV9, kPostgresV10, kPostgresV11};
  sql::migrate(db, sqlite, postgres, "hub");
}

void HubStore::addToken(const std::string& hash, const Principal& p, std::int64_t nowUnix) {
  sql::Transaction tx(db_);
  sql::Statement st(db_, "INSERT INTO token(hash, role, kiosk_id, halls, created_unix) VALUES (?1, ?2, ?3, ?4, ?5)");
  st.bind(1, hash).bind(2, nameOf(p.role));
  if (p.kioskId.empty()) st.bindNull(3);
  else st.bind(3, p.kioskId);
  st.bind(4, joinHalls(p.halls)).bind(5, nowUnix).run();
  tx.commit();
}

std::optional<Principal> HubStore::principalFor(const std::string& hash) { return queries::principalFor(db_, hash); }

std::vector<std::pair<std::string, std::string>> HubStore::enrolledKiosks() { return queries::enrolledKiosks(db_); }

std::int64_t HubStore::revokeToken(const std::string& hash) {
  return deleteTokens("DELETE FROM token WHERE hash = ?1", hash);
}

bool HubStore::enrolKiosk(const std::string& kioskId, const std::string& hall, const std::string& tokenHash,
                          std::int64_t nowUnix) {
  sql::Transaction tx(db_);
  sql::lockUntilCommit(db_, "enrol:" + kioskId);  // two administrators enrolling one id on two hubs: one wins
  sql::Statement enrolled(db_, "SELECT 1 FROM token WHERE role = 'kiosk' AND kiosk_id = ?1");
  if (enrolled.bind(1, kioskId).step()) return false;
  sql::Statement st(db_,
                    "INSERT INTO token(hash, role, kiosk_id, halls, created_unix) VALUES (?1, 'kiosk', ?2, ?3, ?4)");
  st.bind(1, tokenHash).bind(2, kioskId).bind(3, hall).bind(4, nowUnix).run();
  tx.commit();
  return true;
}

std::int64_t HubStore::revokeKiosk(const std::string& kioskId) {
  sql::Transaction tx(db_);
  sql::Statement tokens(db_, "DELETE FROM token WHERE role = 'kiosk' AND kiosk_id = ?1");
  tokens.bind(1, kioskId).run();
  const std::int64_t n = db_.changes();
  // A kiosk enrolled again is a new machine (or a reinstalled one) with a key of its own.
  sql::Statement key(db_, "DELETE FROM kiosk_key WHERE kiosk_id = ?1");
  key.bind(1, kioskId).run();
  tx.commit();
  return n;
}

bool HubStore::moveKiosk(const std::string& kioskId, const std::string& hall) {
  sql::Transaction tx(db_);
  sql::Statement tokens(db_, "UPDATE token SET halls = ?2 WHERE role = 'kiosk' AND kiosk_id = ?1");
  tokens.bind(1, kioskId).bind(2, hall).run();
  if (db_.changes() == 0) return false;
  // The fleet view shows the new hall at once; batches already counted stay with the hall they were
  // counted in.
  sql::Statement status(db_, "UPDATE kiosk SET hall = ?2 WHERE kiosk_id = ?1");
  status.bind(1, kioskId).bind(2, hall).run();
  tx.commit();
  return true;
}

std::optional<std::string> HubStore::kioskKey(const std::string& kioskId) { return queries::kioskKey(db_, kioskId); }

KeyRegistration HubStore::registerKioskKey(const std::string& kioskId, const std::string& pem, std::int64_t nowUnix) {
  sql::Transaction tx(db_);
  // The first key wins in the database, whichever hub the kiosk reached.
  sql::Statement st(db_, R"sql(INSERT INTO kiosk_key(kiosk_id, pem, registered_unix) VALUES (?1, ?2, ?3)
                               ON CONFLICT (kiosk_id) DO NOTHING)sql");
  st.bind(1, kioskId).bind(2, pem).bind(3, nowUnix).run();
  if (db_.changes() == 0) {
    // The same key is the same 32 bytes, however its PEM was spelt when either was registered.
    const auto known = kioskKey(kioskId);
    try {
      return known && wire::Ed25519PublicKey::fromPem(*known).raw() == wire::Ed25519PublicKey::fromPem(pem).raw()
                 ? KeyRegistration::Same
                 : KeyRegistration::Different;
    } catch (const wire::CryptoError&) {
      return KeyRegistration::Different;
    }
  }
  tx.commit();
  return KeyRegistration::Registered;
}

std::int64_t HubStore::deleteTokens(std::string_view statement, const std::string& value) {
  sql::Transaction tx(db_);
  sql::Statement st(db_, statement);
  st.bind(1, value).run();
  const std::int64_t n = db_.changes();
  tx.commit();
  return n;
}

void HubStore::addAdminKey(const std::string& keyId, const std::string& pem, std::int64_t nowUnix) {
  sql::Transaction tx(db_);
  sql::Statement st(db_, R"sql(INSERT INTO admin_key(key_id, pem, added_unix) VALUES (?1, ?2, ?3)
      ON CONFLICT (key_id) DO UPDATE SET pem = excluded.pem, added_unix = excluded.added_unix)sql");
  st.bind(1, keyId).bind(2, pem).bind(3, nowUnix).run();
  tx.commit();
}

std::vector<std::pair<std::string, std::string>> HubStore::adminKeys() {
  std::vector<std::pair<std::string, std::string>> keys;
  sql::Statement st(db_, "SELECT key_id, pem FROM admin_key ORDER BY key_id");
  while (st.step()) keys.emplace_back(st.columnText(0), st.columnText(1));
  return keys;
}

std::optional<std::int64_t> HubStore::latestListVersion(const std::string& deployment, const std::string& hall) {
  sql::Statement st(db_, "SELECT MAX(version) FROM list WHERE deployment = ?1 AND hall = ?2");
  st.bind(1, deployment).bind(2, hall);
  if (!st.step() || st.columnIsNull(0)) return std::nullopt;
  return st.columnInt(0);
}

void HubStore::addList(const std::string& deployment, const std::string& hall, std::int64_t version,
                       const std::string& envelope, std::int64_t nowUnix, const std::string& publishedBy) {
  sql::Transaction tx(db_);
  sql::Statement st(db_, R"sql(INSERT INTO list(deployment, hall, version, envelope, etag, received_unix, published_by)
                               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  st.bind(1, deployment).bind(2, hall).bind(3, version).bind(4, envelope);
  st.bind(5, "\"" + deployment + "/" + hall + "/" + std::to_string(version) + "\"").bind(6, nowUnix);
  if (publishedBy.empty()) st.bindNull(7);
  else st.bind(7, publishedBy);
  st.run();
  tx.commit();
}

std::optional<StoredList> HubStore::currentList(const std::string& deployment, const std::string& hall) {
  return queries::currentList(db_, deployment, hall);
}

IngestResult HubStore::ingest(const wire::RatingBatch& batch, const std::string& sha256, const std::string& hall,
                              std::int64_t receivedUnix, std::int64_t clockOffsetSeconds,
                              const BatchProvenance& provenance) {
  std::int64_t votes = 0;
  for (const auto& c : batch.counts) votes += c.n;
  sql::Transaction tx(db_);
  // The batch's identity first, and the database decides: on PostgreSQL with several hubs, a second
  // hub inserting the same identity waits for the first one's transaction and then inserts nothing.
  // Only a transaction that inserted the identity adds the counts.
  sql::Statement record(
      db_, R"sql(INSERT INTO batch(kiosk_id, epoch, seq, sha256, hall, votes, received_unix, clock_offset_s,
                                   signature, imported_by, channel)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (kiosk_id, epoch, seq) DO NOTHING)sql");
  record.bind(1, batch.kioskId).bind(2, batch.epoch).bind(3, batch.batchSeq).bind(4, sha256).bind(5, hall);
  record.bind(6, votes).bind(7, receivedUnix).bind(8, clockOffsetSeconds);
  if (provenance.signature.empty()) record.bindNull(9);
  else record.bind(9, provenance.signature);
  if (provenance.importedBy.empty()) record.bindNull(10);
  else record.bind(10, provenance.importedBy);
  record.bind(11, provenance.channel);
  record.run();
  if (db_.changes() == 0) {
    sql::Statement seen(db_, "SELECT sha256 FROM batch WHERE kiosk_id = ?1 AND epoch = ?2 AND seq = ?3");
    seen.bind(1, batch.kioskId).bind(2, batch.epoch).bind(3, batch.batchSeq);
    if (!seen.step()) throw sql::Error(0, "batch identity neither inserted nor found");
    return seen.columnText(0) == sha256 ? IngestResult::Duplicate : IngestResult::Conflict;  // rolls back
  }

  // A batch's rows are folded in memory first: the kiosk buckets by hour, the hub keeps days,
  // months and hall totals, so many rows land on one aggregate row.
  using Versioned = std::tuple<std::string, std::string, std::int64_t>;
  std::map<Versioned, Counts> byDay;                              // day, commitment, version
  std::map<Versioned, Counts> byMonth;                            // month, commitment, version
  std::map<std::string, Counts> byHallDay;                        // day
  std::map<std::pair<std::string, std::int64_t>, Counts> byHour;  // day, hour
  // commitment, day, hour, version
  std::map<std::tuple<std::string, std::string, std::int64_t, std::int64_t>, Counts> byCommitmentHour;
  std::map<std::pair<std::string, std::int64_t>, Counts> byVersion;                   // commitment, list version
  std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> reasons;  // day, commitment, reason
  for (const auto& c : batch.counts) {
    const std::string day = c.bucket.substr(0, 10);  // the hall's local date: buckets carry their offset
    addTo(byDay[{day, c.commitmentId, c.listVersion}], c);
    addTo(byMonth[{day.substr(0, 7), c.commitmentId, c.listVersion}], c);
    addTo(byHallDay[day], c);
    addTo(byVersion[{c.commitmentId, c.listVersion}], c);
    // "2026-11-21T09:00+08:00": the hour is the hall's local hour (a bucket of a day or a week
    // starts at 00:00 and so files under hour 0).
    const std::int64_t hour = (c.bucket[11] - '0') * 10 + (c.bucket[12] - '0');
    if (c.n > 0) addTo(byHour[{day, hour}], c);
    addTo(byCommitmentHour[{c.commitmentId, day, hour, c.listVersion}], c);
    if (c.reason && c.n > 0) reasons[{day, c.commitmentId, *c.reason}] += c.n;
  }
  // Each table's rows go in as few multi-row statements as the parameter limits allow — on
  // PostgreSQL every statement is a round trip — and in key order: two hubs adding to the same
  // rows at once then take their row locks in the same order and queue instead of deadlocking.
  const auto counts = [&](const std::string& table, const std::string& keys) {
    return RowWriter(db_, "INSERT INTO " + table + "(" + keys + ", good, fair, poor, filtered)",
                     " ON CONFLICT (" + keys + ") DO UPDATE SET good = " + table +
                         ".good + excluded.good, fair = " + table + ".fair + excluded.fair, poor = " + table +
                         ".poor + excluded.poor, filtered = " + table + ".filtered + excluded.filtered");
  };
  const auto values = [](const Counts& n) { return std::vector<RowWriter::Value>{n.good, n.fair, n.poor, n.filtered}; };
  const auto row = [&](std::vector<RowWriter::Value> keys, const Counts& n) {
    for (auto& v : values(n)) keys.push_back(std::move(v));
    return keys;
  };
  RowWriter reasonRows(db_, "INSERT INTO reason_day(hall, day, commitment_id, reason, n)",
                       " ON CONFLICT (hall, day, commitment_id, reason) DO UPDATE SET n = reason_day.n + excluded.n");
  for (const auto& [key, n] : reasons) reasonRows.add({hall, std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
  reasonRows.flush();
  const std::string& channel = provenance.channel;  // one per batch: keys stay in order
  RowWriter dayRows = counts("count_day", "day, hall, commitment_id, list_version, channel");
  for (const auto& [key, n] : byDay)
    dayRows.add(row({std::get<0>(key), hall, std::get<1>(key), std::get<2>(key), channel}, n));
  dayRows.flush();
  RowWriter monthRows = counts("count_month", "month, hall, commitment_id, list_version, channel");
  for (const auto& [key, n] : byMonth)
    monthRows.add(row({std::get<0>(key), hall, std::get<1>(key), std::get<2>(key), channel}, n));
  monthRows.flush();
  RowWriter hallRows = counts("hall_day", "day, hall");
  for (const auto& [day, n] : byHallDay) hallRows.add(row({day, hall}, n));
  hallRows.flush();
  RowWriter versionRows = counts("count_version", "hall, commitment_id, list_version");
  for (const auto& [key, n] : byVersion) versionRows.add(row({hall, key.first, key.second}, n));
  versionRows.flush();
  RowWriter commitmentHours = counts("count_hour", "hall, commitment_id, day, hour, list_version");
  for (const auto& [key, n] : byCommitmentHour)
    commitmentHours.add(row({hall, std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key)}, n));
  commitmentHours.flush();
  RowWriter hourRows(db_, "INSERT INTO tally_hour(hall, day, hour, rating, n)",
                     " ON CONFLICT (hall, day, hour, rating) DO UPDATE SET n = tally_hour.n + excluded.n");
  for (const auto& [key, n] : byHour) {
    const std::pair<const char*, std::int64_t> ratings[] = {{"fair", n.fair}, {"good", n.good}, {"poor", n.poor}};
    for (const auto& [rating, count] : ratings)  // in key order: fair < good < poor
      if (count > 0) hourRows.add({hall, key.first, key.second, std::string(rating), count});
  }
  hourRows.flush();
  tx.commit();
  return IngestResult::Accepted;
}

void HubStore::heartbeat(const std::string& kioskId, const std::string& hall, const std::string& json,
                         std::int64_t nowUnix, std::int64_t clockOffsetSeconds, const std::optional<PanelDay>& day,
                         bool trimDays) {
  const std::string kiosk = R"sql(INSERT INTO kiosk(kiosk_id, hall, last_seen_unix, heartbeat, clock_offset_s)
      VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(kiosk_id) DO UPDATE SET hall = excluded.hall,
      last_seen_unix = excluded.last_seen_unix, heartbeat = excluded.heartbeat, clock_offset_s = excluded.clock_offset_s)sql";
  const auto bindKiosk = [&](sql::Statement& st) {
    st.bind(1, kioskId).bind(2, hall).bind(3, nowUnix).bind(4, json).bind(5, clockOffsetSeconds);
  };
  // PostgreSQL: both upserts in one statement (a data-modifying WITH), atomic without BEGIN/COMMIT —
  // one round trip on the writer's path instead of four, which the fleet's heartbeat p99 showed.
  if (db_.dialect() == sql::Dialect::Postgres && day && !trimDays) {
    sql::Statement st(db_, "WITH k AS (" + kiosk + " RETURNING 1) " + kiosk_days::addStatement(6));
    bindKiosk(st);
    st.bind(6, kioskId).bind(7, day->day).bind(8, day->touches).bind(9, day->openSeconds).run();
    return;
  }
  sql::Transaction tx(db_);
  sql::Statement st(db_, kiosk);
  bindKiosk(st);
  st.run();
  if (day) kiosk_days::add(db_, kioskId, day->day, day->touches, day->openSeconds);
  if (day && trimDays) kiosk_days::trim(db_, day->day);
  tx.commit();
}

std::vector<KioskStatus> HubStore::kiosks() { return queries::kiosks(db_); }

std::vector<TallyRow> HubStore::tallies(const std::string& fromDay, const std::string& toDay,
                                        const std::optional<std::vector<std::string>>& halls, TallyGroup group) {
  return queries::tallies(db_, fromDay, toDay, halls, group);
}

}  // namespace hub
