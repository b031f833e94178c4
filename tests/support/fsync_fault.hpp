// A disk whose flush or write fails, for tests. Linking fsync_fault.cpp into a test executable
// defines fsync(), fdatasync() and pwrite64() there, which take the place of libc's for the whole
// process (SQLite's shared library included: the executable's symbols are found first, exactly as
// with LD_PRELOAD). Unarmed, they pass straight through. Thread-safe: the counters are atomics.
#pragma once

namespace testing::fsync_fault {

enum class Call { Flush, Write };

// The next `okCalls` calls of that kind succeed; every later one fails with EIO until heal().
void failFrom(int okCalls, Call call = Call::Flush);
// The next `okCalls` calls succeed, the one after fails with EIO, and later ones succeed again.
void failOnceAfter(int okCalls, Call call = Call::Flush);
void heal();
// Calls that failed since the last arming.
int failures();

}  // namespace testing::fsync_fault
