// PostgreSQL behind common::sql::Database (libpq): what lets several kiosk-hub processes share one
// database. Statements keep the SQLite spelling of parameters (?1 → $1); values travel as text,
// integers typed int8 so PostgreSQL never has to guess. Like every Database: one thread at a time.
//
// A database has bad days — restarts, fail-overs, a pooler that drops sessions, a server frozen
// or behind a dead network — and a hub must answer through all of them. So every round trip has a
// client-side bound (a frozen server never answers, and its server-side statement_timeout never
// fires), connecting has one too, and TCP keepalives notice a dead peer. A lost connection is
// made again, with the session's settings (read-only, encoding, time limit), at the next statement
// outside a transaction; inside one, statements fail until the caller rolls back, so nothing meant
// to be atomic is half-done on a new session. After a failed connect or a round trip that timed
// out, statements fail at once for a short pause instead of each waiting out the bound again.
#pragma once

#include <chrono>
#include <string>

#include "common/sqlite.hpp"

namespace common::sql {

struct PostgresOptions {
  // Every session of this connection read-only (default_transaction_read_only), reconnects too.
  bool readOnly = false;
  // How long one round trip may take when no deadline is set (Database::setDeadline); with one,
  // the deadline plus a short grace, so the server's own statement_timeout answers first.
  std::chrono::milliseconds answerWithin{std::chrono::seconds(5)};
  // How long a connect may take (libpq's connect_timeout, whole seconds, at least 2).
  std::chrono::seconds connectWithin{2};
  // After a failed connect or a timed-out round trip: statements fail at once for this long,
  // doubled for each failure in a row up to eight times as long.
  std::chrono::milliseconds pauseAfterFailure{1000};
};

// `url`: a libpq connection URI ("postgresql://kiosk_hub@db1:5432/kiosk_hub?sslmode=verify-full")
// or key=value string; connect_timeout and keepalives there win over `options`. Throws Error
// naming the database and host (never the password).
Database openPostgres(const std::string& url, const PostgresOptions& options = {});

// Whether a [database] url names PostgreSQL ("postgresql://…" or "postgres://…").
bool isPostgresUrl(std::string_view url);

// "?1 … ?12" → "$1 … $12", outside quoted strings and identifiers; `parameters` gets the highest
// index. Pure; exposed for its test.
std::string postgresPlaceholders(std::string_view sql, int& parameters);

}  // namespace common::sql
