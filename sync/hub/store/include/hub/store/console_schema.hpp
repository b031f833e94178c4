// console.db's numbered migrations in one place: the account store and the case store each keep
// a connection to the same file, and whichever opens it first brings it up to date. Called on
// the thread that owns `db`.
#pragma once

#include "common/sqlite.hpp"

namespace hub {

// WAL, synchronous=FULL, busy timeout, and every migration not yet applied (in one transaction each).
void openConsoleDatabase(common::sql::Database& db);

}  // namespace hub
