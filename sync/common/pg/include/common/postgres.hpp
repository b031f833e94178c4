// PostgreSQL behind common::sql::Database (libpq): what lets several kiosk-hub processes share one
// database. Statements keep the SQLite spelling of parameters (?1 → $1); values travel as text,
// integers typed int8 so PostgreSQL never has to guess. A lost connection is re-established at the
// next statement outside a transaction. Like every Database: one thread at a time.
#pragma once

#include <string>

#include "common/sqlite.hpp"

namespace common::sql {

// `url`: a libpq connection URI ("postgresql://kiosk_hub@db1:5432/kiosk_hub?sslmode=verify-full")
// or key=value string. Throws SqliteError naming the database and host (never the password).
Database openPostgres(const std::string& url);

// Whether a [database] url names PostgreSQL ("postgresql://…" or "postgres://…").
bool isPostgresUrl(std::string_view url);

// "?1 … ?12" → "$1 … $12", outside quoted strings and identifiers; `parameters` gets the highest
// index. Pure; exposed for its test.
std::string postgresPlaceholders(std::string_view sql, int& parameters);

}  // namespace common::sql
