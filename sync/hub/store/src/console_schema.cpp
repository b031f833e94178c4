#include "hub/store/console_schema.hpp"

namespace hub {

namespace {

// v1: accounts, sessions, lockouts and the hash-chained audit log.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE user(
  login TEXT PRIMARY KEY, role TEXT NOT NULL, halls TEXT NOT NULL, password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0, created_unix INTEGER NOT NULL);
CREATE TABLE session(
  hash TEXT PRIMARY KEY, login TEXT NOT NULL, csrf TEXT NOT NULL, created_unix INTEGER NOT NULL,
  last_seen_unix INTEGER NOT NULL);
CREATE TABLE lockout(key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until_unix INTEGER NOT NULL);
CREATE TABLE audit(
  id INTEGER PRIMARY KEY, at_unix INTEGER NOT NULL, login TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL, peer TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_at ON audit(at_unix);
)sql";

// v2: rectification cases (整改) and every step taken on them. At most one open case per hall ×
// commitment, enforced by the database; a step row is never changed or removed.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE rect_case(
  id INTEGER PRIMARY KEY, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, state TEXT NOT NULL,
  opened_day TEXT NOT NULL, deadline TEXT NOT NULL, opened_by TEXT NOT NULL, trigger TEXT NOT NULL,
  done_day TEXT NOT NULL DEFAULT '', closed_day TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '',
  updated_unix INTEGER NOT NULL);
CREATE UNIQUE INDEX rect_case_one_open ON rect_case(hall, commitment_id)
  WHERE state IN ('verifying', 'rectifying', 'awaiting_review', 'appealed');
CREATE INDEX rect_case_by_commitment ON rect_case(hall, commitment_id, id);
CREATE TABLE case_step(
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES rect_case(id), step TEXT NOT NULL,
  from_state TEXT NOT NULL, to_state TEXT NOT NULL, login TEXT NOT NULL, note TEXT NOT NULL,
  at_unix INTEGER NOT NULL);
CREATE INDEX case_step_by_case ON case_step(case_id, id);
)sql";

// v3: leader reviews (领导点评) of a hall's units, one or more per half-year; only ever added.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE leader_review(
  id INTEGER PRIMARY KEY, hall TEXT NOT NULL, unit TEXT NOT NULL, half TEXT NOT NULL, login TEXT NOT NULL,
  note TEXT NOT NULL, at_unix INTEGER NOT NULL);
CREATE INDEX leader_review_by_unit ON leader_review(hall, unit, id);
)sql";

// v4: alerts — the last state told per subject, and the outbox of webhook messages (kept after
// delivery as the record of what was sent; given-up ones keep their last error).
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE alert_subject(subject TEXT PRIMARY KEY, state TEXT NOT NULL, updated_unix INTEGER NOT NULL);
CREATE TABLE alert_outbox(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, hall TEXT NOT NULL, subject TEXT NOT NULL, url TEXT NOT NULL,
  body TEXT NOT NULL, created_unix INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_unix INTEGER NOT NULL,
  delivered_unix INTEGER, gave_up_unix INTEGER, last_error TEXT NOT NULL DEFAULT '');
CREATE INDEX alert_outbox_pending ON alert_outbox(next_unix) WHERE delivered_unix IS NULL AND gave_up_unix IS NULL;
)sql";

// v5: disputed ranges — the days of a commitment whose ratings a re-review found mistaken or
// malicious (复核认定评价有误). Only ever added; the ratings themselves stay as uploaded.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE disputed_range(
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES rect_case(id), hall TEXT NOT NULL,
  commitment_id TEXT NOT NULL, from_day TEXT NOT NULL, to_day TEXT NOT NULL, reason TEXT NOT NULL,
  login TEXT NOT NULL, at_unix INTEGER NOT NULL);
CREATE INDEX disputed_range_by_commitment ON disputed_range(hall, commitment_id);
)sql";

// v6: an administrator's password reset makes the user choose a new one at the next login.
constexpr std::string_view kSchemaV6 = R"sql(
ALTER TABLE user ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;
)sql";

// v7: commitment lists an administrator uploaded from a spreadsheet, kept while they are previewed,
// downloaded for signing offline and published (the hub never holds a signing key).
constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE list_draft(
  id INTEGER PRIMARY KEY, hall TEXT NOT NULL, version INTEGER NOT NULL, payload TEXT NOT NULL,
  source TEXT NOT NULL, login TEXT NOT NULL, created_unix INTEGER NOT NULL, published_unix INTEGER);
)sql";

// v8: a case's outcome is the public outcome only. Closing used to append the reviewer's internal
// note to it, and the whole text went to kiosks, /api/v1/results and the ledger. A closed case keeps
// the report of the work done (what staff wrote for it), without the note appended on approval.
constexpr std::string_view kSchemaV8 = R"sql(
UPDATE rect_case SET outcome = COALESCE((SELECT note FROM case_step WHERE case_step.case_id = rect_case.id
                                         AND case_step.step = 'report_done' ORDER BY case_step.id DESC LIMIT 1), '')
  WHERE state = 'closed';
)sql";

// PostgreSQL: the same tables as SQLite's v7, numbered from 1, in the hub's one database beside
// the hub's tables. "user" is quoted: in PostgreSQL a bare `user` is the current role.
constexpr std::string_view kPostgresV1 = R"sql(
CREATE TABLE "user"(
  login TEXT PRIMARY KEY, role TEXT NOT NULL, halls TEXT NOT NULL, password_hash TEXT NOT NULL,
  disabled BIGINT NOT NULL DEFAULT 0, created_unix BIGINT NOT NULL, must_change BIGINT NOT NULL DEFAULT 0);
CREATE TABLE session(
  hash TEXT PRIMARY KEY, login TEXT NOT NULL, csrf TEXT NOT NULL, created_unix BIGINT NOT NULL,
  last_seen_unix BIGINT NOT NULL);
CREATE TABLE lockout(key TEXT PRIMARY KEY, failures BIGINT NOT NULL, locked_until_unix BIGINT NOT NULL);
CREATE TABLE audit(
  id BIGSERIAL PRIMARY KEY, at_unix BIGINT NOT NULL, login TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL, peer TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_at ON audit(at_unix);
CREATE TABLE rect_case(
  id BIGSERIAL PRIMARY KEY, hall TEXT NOT NULL, commitment_id TEXT NOT NULL, state TEXT NOT NULL,
  opened_day TEXT NOT NULL, deadline TEXT NOT NULL, opened_by TEXT NOT NULL, trigger TEXT NOT NULL,
  done_day TEXT NOT NULL DEFAULT '', closed_day TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '',
  updated_unix BIGINT NOT NULL);
CREATE UNIQUE INDEX rect_case_one_open ON rect_case(hall, commitment_id)
  WHERE state IN ('verifying', 'rectifying', 'awaiting_review', 'appealed');
CREATE INDEX rect_case_by_commitment ON rect_case(hall, commitment_id, id);
CREATE TABLE case_step(
  id BIGSERIAL PRIMARY KEY, case_id BIGINT NOT NULL REFERENCES rect_case(id), step TEXT NOT NULL,
  from_state TEXT NOT NULL, to_state TEXT NOT NULL, login TEXT NOT NULL, note TEXT NOT NULL, at_unix BIGINT NOT NULL);
CREATE INDEX case_step_by_case ON case_step(case_id, id);
CREATE TABLE leader_review(
  id BIGSERIAL PRIMARY KEY, hall TEXT NOT NULL, unit TEXT NOT NULL, half TEXT NOT NULL, login TEXT NOT NULL,
  note TEXT NOT NULL, at_unix BIGINT NOT NULL);
CREATE INDEX leader_review_by_unit ON leader_review(hall, unit, id);
CREATE TABLE alert_subject(subject TEXT PRIMARY KEY, state TEXT NOT NULL, updated_unix BIGINT NOT NULL);
CREATE TABLE alert_outbox(
  id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, hall TEXT NOT NULL, subject TEXT NOT NULL, url TEXT NOT NULL,
  body TEXT NOT NULL, created_unix BIGINT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, next_unix BIGINT NOT NULL,
  delivered_unix BIGINT, gave_up_unix BIGINT, last_error TEXT NOT NULL DEFAULT '');
CREATE INDEX alert_outbox_pending ON alert_outbox(next_unix) WHERE delivered_unix IS NULL AND gave_up_unix IS NULL;
CREATE TABLE disputed_range(
  id BIGSERIAL PRIMARY KEY, case_id BIGINT NOT NULL REFERENCES rect_case(id), hall TEXT NOT NULL,
  commitment_id TEXT NOT NULL, from_day TEXT NOT NULL, to_day TEXT NOT NULL, reason TEXT NOT NULL,
  login TEXT NOT NULL, at_unix BIGINT NOT NULL);
CREATE INDEX disputed_range_by_commitment ON disputed_range(hall, commitment_id);
CREATE TABLE list_draft(
  id BIGSERIAL PRIMARY KEY, hall TEXT NOT NULL, version BIGINT NOT NULL, payload TEXT NOT NULL,
  source TEXT NOT NULL, login TEXT NOT NULL, created_unix BIGINT NOT NULL, published_unix BIGINT);
)sql";

// PostgreSQL v2: SQLite's v8.
constexpr std::string_view kPostgresV2 = kSchemaV8;

// v9: the audit chain's hash encoding. Format 1 joined fields with newlines and escaped newlines in
// the detail as "\n", so a detail holding a newline and one holding a backslash-n hashed alike.
// Format 2 hashes length-prefixed fields; entries keep the format they were written in.
constexpr std::string_view kSchemaV9 = R"sql(
ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
)sql";
constexpr std::string_view kPostgresV3 = R"sql(
ALTER TABLE audit ADD COLUMN format BIGINT NOT NULL DEFAULT 1;
)sql";

// v10: a disputed range may be as narrow as the hours an appeal names: the first hour of its first
// day and the last hour of its last day (0 and 23: whole days, as every earlier range was).
constexpr std::string_view kSchemaV10 = R"sql(
ALTER TABLE disputed_range ADD COLUMN from_hour INTEGER NOT NULL DEFAULT 0;
ALTER TABLE disputed_range ADD COLUMN to_hour INTEGER NOT NULL DEFAULT 23;
)sql";
constexpr std::string_view kPostgresV4 = R"sql(
ALTER TABLE disputed_range ADD COLUMN from_hour BIGINT NOT NULL DEFAULT 0;
ALTER TABLE disputed_range ADD COLUMN to_hour BIGINT NOT NULL DEFAULT 23;
)sql";

// v11: second factors (TOTP, RFC 6238) for leaders and administrators: the sealed secret, when
// it was confirmed, the last step used; recovery codes as SHA-256; sign-ins waiting for a code.
constexpr std::string_view kSchemaV11 = R"sql(
CREATE TABLE second_factor(
  login TEXT PRIMARY KEY, secret TEXT NOT NULL, created_unix INTEGER NOT NULL, confirmed_unix INTEGER,
  last_step INTEGER NOT NULL);
CREATE TABLE recovery_code(login TEXT NOT NULL, hash TEXT NOT NULL, used_unix INTEGER, PRIMARY KEY (login, hash));
CREATE TABLE second_factor_wait(key_hash TEXT PRIMARY KEY, login TEXT NOT NULL, expires_unix INTEGER NOT NULL);
)sql";
constexpr std::string_view kPostgresV5 = R"sql(
CREATE TABLE second_factor(
  login TEXT PRIMARY KEY, secret TEXT NOT NULL, created_unix BIGINT NOT NULL, confirmed_unix BIGINT,
  last_step BIGINT NOT NULL);
CREATE TABLE recovery_code(login TEXT NOT NULL, hash TEXT NOT NULL, used_unix BIGINT, PRIMARY KEY (login, hash));
CREATE TABLE second_factor_wait(key_hash TEXT PRIMARY KEY, login TEXT NOT NULL, expires_unix BIGINT NOT NULL);
)sql";

// v12: names, not ids. Halls get the display name and order administrators give them; accounts get
// the person's name, department and phone, and when they last signed in (the users page).
constexpr std::string_view kSchemaV12 = R"sql(
CREATE TABLE hall_name(hall TEXT PRIMARY KEY, name TEXT NOT NULL, sort_order INTEGER NOT NULL,
                       updated_unix INTEGER NOT NULL);
ALTER TABLE user ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
ALTER TABLE user ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE user ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE user ADD COLUMN last_login_unix INTEGER NOT NULL DEFAULT 0;
)sql";
constexpr std::string_view kPostgresV6 = R"sql(
CREATE TABLE hall_name(hall TEXT PRIMARY KEY, name TEXT NOT NULL, sort_order BIGINT NOT NULL,
                       updated_unix BIGINT NOT NULL);
ALTER TABLE "user" ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
ALTER TABLE "user" ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE "user" ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE "user" ADD COLUMN last_login_unix BIGINT NOT NULL DEFAULT 0;
)sql";

// v13: 评议会 (store/panel_store.hpp): panels, the commitments each rates, its seats (category,
// name, the SHA-256 of the one-time code, when it was used) and the ballots as counts only.
constexpr std::string_view kSchemaV13 = R"sql(
CREATE TABLE panel(
  id INTEGER PRIMARY KEY, hall TEXT NOT NULL, title TEXT NOT NULL, scale TEXT NOT NULL,
  threshold_permille INTEGER NOT NULL, created_by TEXT NOT NULL, created_unix INTEGER NOT NULL,
  closed_unix INTEGER NOT NULL);
CREATE TABLE panel_item(
  panel_id INTEGER NOT NULL REFERENCES panel(id), commitment_id TEXT NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (panel_id, commitment_id));
CREATE TABLE panel_seat(
  panel_id INTEGER NOT NULL REFERENCES panel(id), seat INTEGER NOT NULL, category TEXT NOT NULL, name TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE, used_unix INTEGER NOT NULL, PRIMARY KEY (panel_id, seat));
CREATE TABLE panel_count(
  panel_id INTEGER NOT NULL REFERENCES panel(id), commitment_id TEXT NOT NULL, category TEXT NOT NULL,
  grade TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (panel_id, commitment_id, category, grade));
)sql";
constexpr std::string_view kPostgresV7 = R"sql(
CREATE TABLE panel(
  id BIGSERIAL PRIMARY KEY, hall TEXT NOT NULL, title TEXT NOT NULL, scale TEXT NOT NULL,
  threshold_permille BIGINT NOT NULL, created_by TEXT NOT NULL, created_unix BIGINT NOT NULL,
  closed_unix BIGINT NOT NULL);
CREATE TABLE panel_item(
  panel_id BIGINT NOT NULL REFERENCES panel(id), commitment_id TEXT NOT NULL, position BIGINT NOT NULL,
  PRIMARY KEY (panel_id, commitment_id));
CREATE TABLE panel_seat(
  panel_id BIGINT NOT NULL REFERENCES panel(id), seat BIGINT NOT NULL, category TEXT NOT NULL, name TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE, used_unix BIGINT NOT NULL, PRIMARY KEY (panel_id, seat));
CREATE TABLE panel_count(
  panel_id BIGINT NOT NULL REFERENCES panel(id), commitment_id TEXT NOT NULL, category TEXT NOT NULL,
  grade TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (panel_id, commitment_id, category, grade));
)sql";

// v14: 党员互评 rounds beside the panels: a round's kind and unit, and each member's own
// commitments (comma-separated ids), which their ballot never asks.
constexpr std::string_view kSchemaV14 = R"sql(
ALTER TABLE panel ADD COLUMN kind TEXT NOT NULL DEFAULT 'panel';
ALTER TABLE panel ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE panel_seat ADD COLUMN own_items TEXT NOT NULL DEFAULT '';
)sql";
constexpr std::string_view kPostgresV8 = kSchemaV14;

// v15: the weights each hall sets for its yearly 评选 report (store/selection_weights.hpp).
constexpr std::string_view kSchemaV15 = R"sql(
CREATE TABLE selection_weights(
  hall TEXT PRIMARY KEY, public_pct INTEGER NOT NULL, panel_pct INTEGER NOT NULL, peer_pct INTEGER NOT NULL,
  min_votes INTEGER NOT NULL, set_by TEXT NOT NULL, set_unix INTEGER NOT NULL);
)sql";
constexpr std::string_view kPostgresV9 = R"sql(
CREATE TABLE selection_weights(
  hall TEXT PRIMARY KEY, public_pct BIGINT NOT NULL, panel_pct BIGINT NOT NULL, peer_pct BIGINT NOT NULL,
  min_votes BIGINT NOT NULL, set_by TEXT NOT NULL, set_unix BIGINT NOT NULL);
)sql";

// v16: 征求意见 — each hall's suggestion periods and the suggestions residents left in them
// (store/suggestion_store.hpp).
constexpr std::string_view kSchemaV16 = R"sql(
CREATE TABLE suggestion_period(
  id INTEGER PRIMARY KEY, hall TEXT NOT NULL, topic TEXT NOT NULL, opened_by TEXT NOT NULL,
  opened_unix INTEGER NOT NULL, closes_unix INTEGER NOT NULL, closes_day TEXT NOT NULL, closed_unix INTEGER NOT NULL);
CREATE INDEX suggestion_period_hall ON suggestion_period(hall, id);
CREATE TABLE suggestion(
  id INTEGER PRIMARY KEY, period_id INTEGER NOT NULL REFERENCES suggestion_period(id), hall TEXT NOT NULL,
  about TEXT NOT NULL, text TEXT NOT NULL, flagged INTEGER NOT NULL, source TEXT NOT NULL,
  created_unix INTEGER NOT NULL, state TEXT NOT NULL, merged_into INTEGER NOT NULL, reason TEXT NOT NULL,
  decided_by TEXT NOT NULL, decided_unix INTEGER NOT NULL);
CREATE INDEX suggestion_hall ON suggestion(hall, state, id);
)sql";
constexpr std::string_view kPostgresV10 = R"sql(
CREATE TABLE suggestion_period(
  id BIGSERIAL PRIMARY KEY, hall TEXT NOT NULL, topic TEXT NOT NULL, opened_by TEXT NOT NULL,
  opened_unix BIGINT NOT NULL, closes_unix BIGINT NOT NULL, closes_day TEXT NOT NULL, closed_unix BIGINT NOT NULL);
CREATE INDEX suggestion_period_hall ON suggestion_period(hall, id);
CREATE TABLE suggestion(
  id BIGSERIAL PRIMARY KEY, period_id BIGINT NOT NULL REFERENCES suggestion_period(id), hall TEXT NOT NULL,
  about TEXT NOT NULL, text TEXT NOT NULL, flagged BIGINT NOT NULL, source TEXT NOT NULL,
  created_unix BIGINT NOT NULL, state TEXT NOT NULL, merged_into BIGINT NOT NULL, reason TEXT NOT NULL,
  decided_by TEXT NOT NULL, decided_unix BIGINT NOT NULL);
CREATE INDEX suggestion_hall ON suggestion(hall, state, id);
)sql";

}  // namespace

void openConsoleDatabase(common::sql::Database& db) {
  constexpr std::string_view sqlite[] = {kSchemaV1,  kSchemaV2,  kSchemaV3,  kSchemaV4,  kSchemaV5,  kSchemaV6,
                                         kSchemaV7,  kSchemaV8,  kSchemaV9,  kSchemaV10, kSchemaV11, kSchemaV12,
                                         kSchemaV13, kSchemaV14, kSchemaV15, kSchemaV16};
  constexpr std::string_view postgres[] = {kPostgresV1, kPostgresV2, kPostgresV3, kPostgresV4, kPostgresV5,
                                           kPostgresV6, kPostgresV7, kPostgresV8, kPostgresV9, kPostgresV10};
  common::sql::migrate(db, sqlite, postgres, "console");
}

}  // namespace hub
