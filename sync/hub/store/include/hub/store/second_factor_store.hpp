// Second factors in console.db: each account's TOTP secret (sealed, see secret_seal.hpp), whether
// it was confirmed with a code, the last step used (a code is good once), the recovery codes (kept
// as SHA-256: they are long random strings) and the sign-ins waiting for a code after the password.
// Thread-safe: one connection behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/sqlite.hpp"

namespace hub {

struct SecondFactor {
  std::string sealedSecret;
  bool confirmed = false;
  std::int64_t lastStep = 0;  // the newest TOTP step signed in with
};

class SecondFactorStore {
 public:
  explicit SecondFactorStore(const std::filesystem::path& consoleDatabase);
  explicit SecondFactorStore(common::sql::Database db);  // SQLite or PostgreSQL, already open

  std::optional<SecondFactor> of(const std::string& login);
  // Starts an enrolment with a new (sealed) secret, replacing an unconfirmed one; false when the
  // account already has a confirmed second factor (only a reset removes that).
  bool begin(const std::string& login, const std::string& sealedSecret, std::int64_t nowUnix);
  // Confirms the enrolment at `step` and replaces the recovery codes with these hashes; false when
  // there is nothing unconfirmed to confirm.
  bool confirm(const std::string& login, std::int64_t step, const std::vector<std::string>& recoveryHashes,
               std::int64_t nowUnix);
  // Records `step` as used when it is later than the last one; false when it is not (the code was
  // used already, perhaps by a sign-in on another hub a moment before).
  bool useStep(const std::string& login, std::int64_t step);
  // Uses one recovery code (by its hash) once; false when unknown or used.
  bool useRecoveryCode(const std::string& login, const std::string& hash, std::int64_t nowUnix);
  std::int64_t recoveryCodesLeft(const std::string& login);
  // Removes the account's second factor and recovery codes (an administrator's reset).
  bool reset(const std::string& login);
  // The logins with a confirmed second factor.
  std::set<std::string> enrolled();

  // A sign-in whose password was right, waiting for the code: keyed by the hash of the browser's
  // pre-session cookie, until `expiresUnix`.
  void awaitCode(const std::string& keyHash, const std::string& login, std::int64_t expiresUnix);
  std::optional<std::string> awaitingCode(const std::string& keyHash, std::int64_t nowUnix);
  void endAwait(const std::string& keyHash);

 private:
  std::mutex mutex_;
  common::sql::Database db_;
};

}  // namespace hub
