#include "hub/store/second_factor_store.hpp"

#include "hub/store/console_schema.hpp"

namespace hub {

namespace sql = common::sql;

SecondFactorStore::SecondFactorStore(const std::filesystem::path& consoleDatabase)
    : SecondFactorStore(sql::Database(consoleDatabase)) {}

SecondFactorStore::SecondFactorStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

std::optional<SecondFactor> SecondFactorStore::of(const std::string& login) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT secret, confirmed_unix IS NOT NULL, last_step FROM second_factor WHERE login = ?1");
  if (!st.bind(1, login).step()) return std::nullopt;
  return SecondFactor{st.columnText(0), st.columnInt(1) != 0, st.columnInt(2)};
}

bool SecondFactorStore::begin(const std::string& login, const std::string& sealedSecret, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, R"sql(INSERT INTO second_factor(login, secret, created_unix, last_step) VALUES (?1, ?2, ?3, 0)
      ON CONFLICT (login) DO UPDATE SET secret = excluded.secret, created_unix = excluded.created_unix
      WHERE second_factor.confirmed_unix IS NULL)sql");
  st.bind(1, login).bind(2, sealedSecret).bind(3, nowUnix).run();
  const bool started = db_.changes() > 0;
  tx.commit();
  return started;
}

bool SecondFactorStore::confirm(const std::string& login, std::int64_t step,
                                const std::vector<std::string>& recoveryHashes, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, R"sql(UPDATE second_factor SET confirmed_unix = ?2, last_step = ?3
                               WHERE login = ?1 AND confirmed_unix IS NULL)sql");
  st.bind(1, login).bind(2, nowUnix).bind(3, step).run();
  if (db_.changes() == 0) return false;
  sql::Statement(db_, "DELETE FROM recovery_code WHERE login = ?1").bind(1, login).run();
  sql::Statement add(db_, "INSERT INTO recovery_code(login, hash) VALUES (?1, ?2)");
  for (const auto& hash : recoveryHashes) {
    add.bind(1, login).bind(2, hash).run();
    add.reset();
  }
  tx.commit();
  return true;
}

bool SecondFactorStore::useStep(const std::string& login, std::int64_t step) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "UPDATE second_factor SET last_step = ?2 WHERE login = ?1 AND last_step < ?2");
  st.bind(1, login).bind(2, step).run();
  const bool used = db_.changes() > 0;
  tx.commit();
  return used;
}

bool SecondFactorStore::useRecoveryCode(const std::string& login, const std::string& hash, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_,
                    "UPDATE recovery_code SET used_unix = ?3 WHERE login = ?1 AND hash = ?2 AND used_unix IS NULL");
  st.bind(1, login).bind(2, hash).bind(3, nowUnix).run();
  const bool used = db_.changes() > 0;
  tx.commit();
  return used;
}

std::int64_t SecondFactorStore::recoveryCodesLeft(const std::string& login) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT COUNT(*) FROM recovery_code WHERE login = ?1 AND used_unix IS NULL");
  st.bind(1, login).step();
  return st.columnInt(0);
}

bool SecondFactorStore::reset(const std::string& login) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement(db_, "DELETE FROM recovery_code WHERE login = ?1").bind(1, login).run();
  sql::Statement(db_, "DELETE FROM second_factor WHERE login = ?1").bind(1, login).run();
  const bool removed = db_.changes() > 0;
  tx.commit();
  return removed;
}

std::set<std::string> SecondFactorStore::enrolled() {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT login FROM second_factor WHERE confirmed_unix IS NOT NULL");
  std::set<std::string> out;
  while (st.step()) out.insert(st.columnText(0));
  return out;
}

void SecondFactorStore::awaitCode(const std::string& keyHash, const std::string& login, std::int64_t expiresUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement(db_, "DELETE FROM second_factor_wait WHERE expires_unix < ?1").bind(1, expiresUnix - 3600).run();
  sql::Statement st(db_, R"sql(INSERT INTO second_factor_wait(key_hash, login, expires_unix) VALUES (?1, ?2, ?3)
      ON CONFLICT (key_hash) DO UPDATE SET login = excluded.login, expires_unix = excluded.expires_unix)sql");
  st.bind(1, keyHash).bind(2, login).bind(3, expiresUnix).run();
  tx.commit();
}

std::optional<std::string> SecondFactorStore::awaitingCode(const std::string& keyHash, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT login FROM second_factor_wait WHERE key_hash = ?1 AND expires_unix >= ?2");
  if (!st.bind(1, keyHash).bind(2, nowUnix).step()) return std::nullopt;
  return st.columnText(0);
}

void SecondFactorStore::endAwait(const std::string& keyHash) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement(db_, "DELETE FROM second_factor_wait WHERE key_hash = ?1").bind(1, keyHash).run();
  tx.commit();
}

}  // namespace hub
