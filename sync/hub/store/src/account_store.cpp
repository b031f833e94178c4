#include "hub/store/account_store.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "hub/core/principal.hpp"
#include "hub/store/console_schema.hpp"
#include "wire/crypto.hpp"

namespace hub {

namespace sql = common::sql;

namespace {

// How stale a session's stored last activity may get before a page view writes it again.
constexpr std::int64_t kActivityWriteSeconds = 60;

// After the free failures: 30 s, doubling, at most 15 minutes.
constexpr std::int64_t kFirstLockSeconds = 30;
constexpr std::int64_t kLongestLockSeconds = 15 * 60;

// Format 1 (before console schema v9): fields joined with newlines, newlines in the detail
// escaped as "\\n" — so a real newline and a typed backslash-n hashed alike. Kept to verify old entries.
std::string chainHashV1(const std::string& previous, std::int64_t at, const std::string& login,
                        const std::string& action, const std::string& detail, const std::string& peer) {
  std::string text = previous + "\n" + std::to_string(at) + "\n" + login + "\n" + action + "\n" + peer + "\n";
  for (char c : detail) text += c == '\n' ? std::string("\\n") : std::string(1, c);
  return wire::sha256Hex(text);
}

// Format 2: every field with its length first, so no two different entries encode alike.
std::string chainHashV2(const std::string& previous, std::int64_t at, const std::string& login,
                        const std::string& action, const std::string& detail, const std::string& peer) {
  std::string text = "audit-entry/2";
  for (const std::string& field : {previous, std::to_string(at), login, action, detail, peer})
    text += "|" + std::to_string(field.size()) + ":" + field;
  return wire::sha256Hex(text);
}

std::string chainHash(int format, const std::string& previous, const AuditEntry& e) {
  return format == 1 ? chainHashV1(previous, e.atUnix, e.login, e.action, e.detail, e.peer)
                     : chainHashV2(previous, e.atUnix, e.login, e.action, e.detail, e.peer);
}

constexpr std::string_view kAuditColumns = "id, at_unix, login, action, detail, peer, hash, format";

AuditEntry auditEntryOf(sql::Statement& st) {
  return {st.columnInt(0),  st.columnInt(1),  st.columnText(2), st.columnText(3),
          st.columnText(4), st.columnText(5), st.columnText(6), static_cast<int>(st.columnInt(7))};
}

// "removed=12 through_id=340 through_hash=ab…" → (340, "ab…"); what a purge entry's detail names.
std::optional<std::pair<std::int64_t, std::string>> purgeBoundary(const std::string& detail) {
  const auto id = detail.find("through_id="), hash = detail.find("through_hash=");
  if (id == std::string::npos || hash == std::string::npos) return std::nullopt;
  try {
    return std::make_pair(std::stoll(detail.substr(id + 11)), detail.substr(hash + 13, 64));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool User::mayReadHall(const std::string& hall) const {
  return role == UserRole::Admin || std::find(halls.begin(), halls.end(), hall) != halls.end();
}

namespace {
// Characters, not bytes; a control character makes the text unusable (-1).
long textLength(const std::string& s) {
  long n = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return -1;
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}
}  // namespace

std::string profileProblem(const UserProfile& profile) {
  const long name = textLength(profile.fullName), department = textLength(profile.department);
  if (name < 0 || name > 20) return "err_full_name_long";
  if (department < 0 || department > 40) return "err_department_long";
  if (profile.phone.size() > 20 || !std::all_of(profile.phone.begin(), profile.phone.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '+';
      }))
    return "err_phone";
  if (profile.role != UserRole::Admin && profile.halls.empty()) return "err_user_needs_hall";
  return "";
}

bool validLogin(const std::string& login) {
  return !login.empty() && login.size() <= 64 && std::all_of(login.begin(), login.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

std::string newSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a session");
  std::string b64 = wire::base64Encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  std::replace(b64.begin(), b64.end(), '+', '-');
  std::replace(b64.begin(), b64.end(), '/', '_');
  b64.erase(std::remove(b64.begin(), b64.end(), '='), b64.end());
  return b64;
}

AccountStore::AccountStore(const std::filesystem::path& file) : AccountStore(sql::Database(file)) {}

AccountStore::AccountStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

void AccountStore::addUser(const std::string& login, UserRole role, const std::vector<std::string>& halls,
                           const std::string& passwordHash, std::int64_t nowUnix, bool mustChange) {
  if (!validLogin(login)) throw std::invalid_argument("login: use 1-64 letters, digits, '.', '_' or '-'");
  if (role != UserRole::Admin && halls.empty())
    throw std::invalid_argument("hall: staff and leaders need at least one --hall");
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement seen(db_, "SELECT 1 FROM \"user\" WHERE login = ?1");
  seen.bind(1, login);
  if (seen.step()) throw std::invalid_argument("login: " + login + " already exists");
  sql::Statement st(db_,
                    "INSERT INTO \"user\"(login, role, halls, password_hash, created_unix, must_change) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, login).bind(2, kUserRoleNames.nameOf(role)).bind(3, joinHalls(halls)).bind(4, passwordHash);
  st.bind(5, nowUnix).bind(6, mustChange ? 1 : 0).run();
  tx.commit();
}

bool AccountStore::setPasswordHash(const std::string& login, const std::string& passwordHash, bool mustChange) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "UPDATE \"user\" SET password_hash = ?2, must_change = ?3 WHERE login = ?1");
  st.bind(1, login).bind(2, passwordHash).bind(3, mustChange ? 1 : 0).run();
  const bool found = db_.changes() > 0;
  // A new password ends every session made with the old one.
  sql::Statement end(db_, "DELETE FROM session WHERE login = ?1");
  end.bind(1, login).run();
  tx.commit();
  return found;
}

bool AccountStore::enableUser(const std::string& login) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement(db_, "UPDATE \"user\" SET disabled = 0 WHERE login = ?1").bind(1, login).run();
  const bool found = db_.changes() > 0;
  tx.commit();
  return found;
}

bool AccountStore::updateUser(const std::string& login, const UserProfile& profile) {
  if (const auto problem = profileProblem(profile); !problem.empty()) throw std::invalid_argument(problem);
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement old(db_, "SELECT role, halls FROM \"user\" WHERE login = ?1");
  if (!old.bind(1, login).step()) return false;
  const bool rightsChanged =
      old.columnText(0) != kUserRoleNames.nameOf(profile.role) || old.columnText(1) != joinHalls(profile.halls);
  sql::Statement st(db_, R"sql(UPDATE "user" SET role = ?2, halls = ?3, full_name = ?4, department = ?5, phone = ?6
                               WHERE login = ?1)sql");
  st.bind(1, login).bind(2, kUserRoleNames.nameOf(profile.role)).bind(3, joinHalls(profile.halls));
  st.bind(4, profile.fullName).bind(5, profile.department).bind(6, profile.phone).run();
  if (rightsChanged) sql::Statement(db_, "DELETE FROM session WHERE login = ?1").bind(1, login).run();
  tx.commit();
  return true;
}

std::map<std::string, std::string> AccountStore::displayNames() {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT login, full_name FROM \"user\"");
  std::map<std::string, std::string> out;
  while (st.step()) out[st.columnText(0)] = st.columnText(1).empty() ? st.columnText(0) : st.columnText(1);
  return out;
}

bool AccountStore::disableUser(const std::string& login) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "UPDATE \"user\" SET disabled = 1 WHERE login = ?1");
  st.bind(1, login).run();
  const bool found = db_.changes() > 0;
  sql::Statement end(db_, "DELETE FROM session WHERE login = ?1");
  end.bind(1, login).run();
  tx.commit();
  return found;
}

namespace {
constexpr std::string_view kUserColumns =
    "login, role, halls, disabled, password_hash, must_change, created_unix, full_name, department, phone, "
    "last_login_unix";
std::optional<User> userOf(sql::Statement& st) {
  const auto role = kUserRoleNames.parse(st.columnText(1));
  if (!role) return std::nullopt;
  User u;
  u.login = st.columnText(0);
  u.role = *role;
  u.halls = splitHalls(st.columnText(2));
  u.disabled = st.columnInt(3) != 0;
  u.passwordHash = st.columnText(4);
  u.mustChange = st.columnInt(5) != 0;
  u.createdUnix = st.columnInt(6);
  u.fullName = st.columnText(7);
  u.department = st.columnText(8);
  u.phone = st.columnText(9);
  u.lastLoginUnix = st.columnInt(10);
  return u;
}
}  // namespace

std::optional<User> AccountStore::user(const std::string& login) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kUserColumns) + " FROM \"user\" WHERE login = ?1");
  st.bind(1, login);
  if (!st.step()) return std::nullopt;
  return userOf(st);
}

std::vector<User> AccountStore::users() {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kUserColumns) + " FROM \"user\" ORDER BY login");
  std::vector<User> out;
  while (st.step())
    if (auto u = userOf(st)) out.push_back(std::move(*u));
  return out;
}

std::int64_t AccountStore::recordFailure(const std::string& key, std::int64_t nowUnix, std::int64_t freeFailures) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement get(db_, "SELECT failures FROM lockout WHERE key = ?1");
  get.bind(1, key);
  const std::int64_t failures = (get.step() ? get.columnInt(0) : 0) + 1;
  std::int64_t until = 0;
  if (failures > freeFailures) {
    const auto doublings = std::min<std::int64_t>(failures - freeFailures - 1, 10);
    until = nowUnix + std::min(kLongestLockSeconds, kFirstLockSeconds << doublings);
  }
  sql::Statement put(db_, R"sql(INSERT INTO lockout(key, failures, locked_until_unix) VALUES (?1, ?2, ?3)
      ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, locked_until_unix = excluded.locked_until_unix)sql");
  put.bind(1, key).bind(2, failures).bind(3, until).run();
  tx.commit();
  return until;
}

std::int64_t AccountStore::lockedUntil(const std::string& key, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT locked_until_unix FROM lockout WHERE key = ?1");
  st.bind(1, key);
  if (!st.step()) return 0;
  const auto until = st.columnInt(0);
  return until > nowUnix ? until : 0;
}

void AccountStore::clearFailures(const std::string& key) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "DELETE FROM lockout WHERE key = ?1");
  st.bind(1, key).run();
  tx.commit();
}

std::string AccountStore::createSession(const std::string& login, std::int64_t nowUnix) {
  const std::string id = newSecret();
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, R"sql(INSERT INTO session(hash, login, csrf, created_unix, last_seen_unix)
                               VALUES (?1, ?2, ?3, ?4, ?4))sql");
  st.bind(1, wire::sha256Hex(id)).bind(2, login).bind(3, newSecret()).bind(4, nowUnix).run();
  // A session is a sign-in: the users page shows when each person last signed in.
  sql::Statement(db_, "UPDATE \"user\" SET last_login_unix = ?2 WHERE login = ?1")
      .bind(1, login)
      .bind(2, nowUnix)
      .run();
  tx.commit();
  return id;
}

std::optional<Session> AccountStore::session(const std::string& id, std::int64_t nowUnix, std::int64_t idleSeconds,
                                             std::int64_t absoluteSeconds) {
  const std::string hash = wire::sha256Hex(id);
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT login, csrf, created_unix, last_seen_unix FROM session WHERE hash = ?1");
  st.bind(1, hash);
  if (!st.step()) return std::nullopt;
  Session s{st.columnText(0), st.columnText(1), st.columnInt(2), st.columnInt(3)};
  st.reset();
  // Activity is written at most once a minute (below), so the stored time may be up to a minute
  // behind the last page: an idle session ends after the setting plus that minute, never before it.
  if (nowUnix - s.lastSeenUnix > idleSeconds + kActivityWriteSeconds || nowUnix - s.createdUnix > absoluteSeconds) {
    sql::Transaction tx(db_);
    sql::Statement del(db_, "DELETE FROM session WHERE hash = ?1");
    del.bind(1, hash).run();
    tx.commit();
    return std::nullopt;
  }
  if (nowUnix - s.lastSeenUnix >= kActivityWriteSeconds) {  // not a write per page view
    sql::Transaction tx(db_);
    sql::Statement touch(db_, "UPDATE session SET last_seen_unix = ?2 WHERE hash = ?1");
    touch.bind(1, hash).bind(2, nowUnix).run();
    tx.commit();
    s.lastSeenUnix = nowUnix;
  }
  return s;
}

void AccountStore::endSession(const std::string& id) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "DELETE FROM session WHERE hash = ?1");
  st.bind(1, wire::sha256Hex(id)).run();
  tx.commit();
}

void AccountStore::endSessionsOf(const std::string& login) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "DELETE FROM session WHERE login = ?1");
  st.bind(1, login).run();
  tx.commit();
}

void AccountStore::audit(const std::string& login, const std::string& action, const std::string& detail,
                         const std::string& peer, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  appendAuditLocked(login, action, detail, peer, nowUnix);
  tx.commit();
}

void AccountStore::appendAuditLocked(const std::string& login, const std::string& action, const std::string& detail,
                                     const std::string& peer, std::int64_t nowUnix) {
  sql::lockUntilCommit(db_, "audit");  // one chain, whichever hub appends
  sql::Statement last(db_, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1");
  const std::string previous = last.step() ? last.columnText(0) : std::string();
  last.reset();
  sql::Statement st(
      db_, "INSERT INTO audit(at_unix, login, action, detail, peer, hash, format) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 2)");
  st.bind(1, nowUnix).bind(2, login).bind(3, action).bind(4, detail).bind(5, peer);
  st.bind(6, chainHashV2(previous, nowUnix, login, action, detail, peer)).run();
}

std::vector<AuditEntry> AccountStore::auditEntries(std::size_t limit) { return auditEntries(AuditFilter{}, limit); }

std::vector<AuditEntry> AccountStore::auditEntries(const AuditFilter& filter, std::size_t limit) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kAuditColumns) + R"sql( FROM audit
                               WHERE (?1 = '' OR login = ?1) AND (?2 = '' OR action = ?2) AND at_unix >= ?3
                                 AND at_unix < ?4 ORDER BY id DESC LIMIT ?5)sql");
  st.bind(1, filter.login).bind(2, filter.action).bind(3, filter.fromUnix).bind(4, filter.toUnix);
  st.bind(5, static_cast<std::int64_t>(limit));
  std::vector<AuditEntry> out;
  while (st.step()) out.push_back(auditEntryOf(st));
  return out;
}

std::optional<AccountStore::AuditBreak> AccountStore::verifyAudit(std::int64_t& checked) {
  std::lock_guard lock(mutex_);
  // What every purge said it removed: the id and hash of the last entry it took.
  std::map<std::int64_t, std::string> purgedThrough;
  {
    sql::Statement purges(db_, "SELECT detail FROM audit WHERE action = 'audit_purge' ORDER BY id");
    while (purges.step())
      if (const auto boundary = purgeBoundary(purges.columnText(0))) purgedThrough[boundary->first] = boundary->second;
  }
  sql::Statement st(db_, "SELECT " + std::string(kAuditColumns) + " FROM audit ORDER BY id");
  checked = 0;
  std::optional<std::string> previous;
  int format = 1;
  while (st.step()) {
    const AuditEntry e = auditEntryOf(st);
    ++checked;
    if (e.format < format || e.format < 1 || e.format > 2)
      return AuditBreak{e, "its hash format (" + std::to_string(e.format) + ") is older than the entry before it"};
    format = e.format;
    if (!previous && e.id != 1) {
      // The entries before it were purged: a purge entry must name the last one removed.
      const auto named = purgedThrough.find(e.id - 1);
      if (named != purgedThrough.end()) {
        previous = named->second;
      } else if (e.format == 1) {
        previous = e.hash;  // purged before purges were recorded (format 1): taken as given
        continue;
      } else {
        return AuditBreak{e, "the entries before it are gone and no purge entry names their removal"};
      }
    }
    if (e.hash != chainHash(e.format, previous.value_or(""), e))
      return AuditBreak{e, previous ? "its hash does not match its fields and the entry before it"
                                    : "its hash does not match its fields"};
    previous = e.hash;
  }
  return std::nullopt;
}

std::optional<AuditEntry> AccountStore::auditHead() {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kAuditColumns) + " FROM audit ORDER BY id DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  return auditEntryOf(st);
}

std::string AccountStore::checkAuditAnchor(std::int64_t id, const std::string& hash) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT hash FROM audit WHERE id = ?1");
  st.bind(1, id);
  if (st.step())
    return st.columnText(0) == hash ? std::string()
                                    : "entry " + std::to_string(id) +
                                          " no longer has the anchored hash: the chain was "
                                          "rewritten from there on";
  sql::Statement newest(db_, "SELECT COALESCE(MAX(id), 0) FROM audit");
  newest.step();
  if (id > newest.columnInt(0)) return "entry " + std::to_string(id) + " is missing: the chain was cut short after it";
  return "purged";  // older than the oldest kept entry: removed by a purge, cannot be checked
}

void AccountStore::purgeAudit(std::int64_t beforeUnix, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::lockUntilCommit(db_, "audit");
  sql::Statement last(db_, "SELECT id, hash FROM audit WHERE at_unix < ?1 ORDER BY id DESC LIMIT 1");
  last.bind(1, beforeUnix);
  if (!last.step()) return;  // nothing that old
  const std::int64_t throughId = last.columnInt(0);
  const std::string throughHash = last.columnText(1);
  last.reset();
  sql::Statement count(db_, "SELECT COUNT(*) FROM audit WHERE id <= ?1");
  count.bind(1, throughId);
  count.step();
  const std::int64_t removed = count.columnInt(0);
  count.reset();
  sql::Statement del(db_, "DELETE FROM audit WHERE id <= ?1");
  del.bind(1, throughId).run();
  appendAuditLocked("-", "audit_purge",
                    "removed=" + std::to_string(removed) + " through_id=" + std::to_string(throughId) +
                        " through_hash=" + throughHash,
                    "local", nowUnix);
  tx.commit();
}

}  // namespace hub
