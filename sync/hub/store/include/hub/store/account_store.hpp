// The console's accounts, sessions, lockouts and audit log, in their own SQLite file (console.db
// beside hub.db): a login or an audit entry never takes the write lock the kiosks' ingest needs.
// Passwords are kept only as Argon2id hashes, session ids only as SHA-256. Each audit entry
// carries the hash of the one before it, so a removed or edited entry breaks the chain.
// Thread-safe: one connection behind a mutex (every statement here is small).
#pragma once

#include <climits>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/names.hpp"
#include "common/sqlite.hpp"

namespace hub {

enum class UserRole { Staff, Leader, Admin };
inline constexpr common::NameTable<UserRole, 3> kUserRoleNames(
    {{{UserRole::Staff, "staff"}, {UserRole::Leader, "leader"}, {UserRole::Admin, "admin"}}});

struct User {
  std::string login;
  UserRole role = UserRole::Staff;
  std::vector<std::string> halls;  // staff and leaders: the halls they see; admins see all
  bool disabled = false;
  std::string passwordHash;
  bool mustChange = false;  // set by an administrator's reset: every page asks for a new password first
  std::int64_t createdUnix = 0;
  std::string fullName, department, phone;  // 姓名, 科室, 电话: what colleagues know them by
  std::int64_t lastLoginUnix = 0;           // 0 = never signed in
  bool mayReadHall(const std::string& hall) const;
  // What pages show for this person: 姓名 when set, else the login.
  const std::string& displayName() const { return fullName.empty() ? login : fullName; }
};

// What an administrator may change about an existing account on the users page.
struct UserProfile {
  UserRole role = UserRole::Staff;
  std::vector<std::string> halls;
  std::string fullName, department, phone;
};
// Why a profile cannot be stored, as the key of the words saying so, or "": 姓名 ≤ 20 characters,
// 科室 ≤ 40, 电话 digits, spaces, '-' and '+' only (≤ 20), no control characters; staff and leaders
// need a hall.
std::string profileProblem(const UserProfile& profile);

struct Session {
  std::string login;
  std::string csrf;
  std::int64_t createdUnix = 0;
  std::int64_t lastSeenUnix = 0;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t atUnix = 0;
  std::string login;   // "-" before anyone logged in
  std::string action;  // login_ok, login_failed, logout, export, user_add, …
  std::string detail;
  std::string peer;
  std::string hash;  // SHA-256 over the previous entry's hash and this entry's fields
  int format = 2;    // how `hash` encodes them: 1 (before v9, ambiguous), 2 (length-prefixed)
};

class AccountStore {
 public:
  explicit AccountStore(const std::filesystem::path& file);
  explicit AccountStore(common::sql::Database db);  // SQLite or PostgreSQL, already open

  // Throws std::invalid_argument naming the problem (login taken or malformed, unknown role).
  void addUser(const std::string& login, UserRole role, const std::vector<std::string>& halls,
               const std::string& passwordHash, std::int64_t nowUnix, bool mustChange = false);
  // False when there is no such user. Ends the user's sessions; with `mustChange` (an
  // administrator's reset) the user must choose a new password at the next login.
  bool setPasswordHash(const std::string& login, const std::string& passwordHash, bool mustChange = false);
  bool disableUser(const std::string& login);
  bool enableUser(const std::string& login);
  // Changes role, halls, 姓名, 科室 and 电话; throws std::invalid_argument with profileProblem's key.
  // A changed role or set of halls ends the user's sessions: the new rights hold from the next
  // page on. False when there is no such user.
  bool updateUser(const std::string& login, const UserProfile& profile);
  // login → 姓名 (or the login when none is set), for pages naming who took a step.
  std::map<std::string, std::string> displayNames();
  std::optional<User> user(const std::string& login);
  // Every account, by login (the users page).
  std::vector<User> users();

  // Lockouts by key ("login:li", "addr:10.0.0.7"): a failure returns until when the key is locked
  // (0 = not locked). After `freeFailures` the key is locked for 30 s, doubling with each further
  // failure up to 15 minutes. An address gets more free failures than an account: a whole office
  // may sit behind one NAT address.
  std::int64_t recordFailure(const std::string& key, std::int64_t nowUnix, std::int64_t freeFailures);
  std::int64_t lockedUntil(const std::string& key, std::int64_t nowUnix);
  void clearFailures(const std::string& key);

  // A new session for `login` (a sign-in: its time is the user's last login); returns its id (shown
  // once, as the cookie) and stores its hash.
  std::string createSession(const std::string& login, std::int64_t nowUnix);
  // The live session for this id, or nothing when unknown or past the idle / absolute limit (an
  // expired one is deleted). A found session's last-seen time moves on (at most once a minute).
  std::optional<Session> session(const std::string& id, std::int64_t nowUnix, std::int64_t idleSeconds,
                                 std::int64_t absoluteSeconds);
  void endSession(const std::string& id);
  void endSessionsOf(const std::string& login);

  void audit(const std::string& login, const std::string& action, const std::string& detail, const std::string& peer,
             std::int64_t nowUnix);
  // Newest first.
  std::vector<AuditEntry> auditEntries(std::size_t limit);
  // Newest first, only those matching every part of the filter that is set.
  struct AuditFilter {
    std::string login, action;                      // exact; "" = any
    std::int64_t fromUnix = 0, toUnix = INT64_MAX;  // at_unix in [from, to)
  };
  std::vector<AuditEntry> auditEntries(const AuditFilter& filter, std::size_t limit);
  // Walks the chain oldest first: each entry's hash must be SHA-256 of the one before and its own
  // fields, and formats never go back. When the oldest kept entry is not the first ever, a purge
  // entry must name the entry before it (its id and hash): the oldest entry is never taken as given.
  // (Entries written before format 2 may still begin a chain purged before then.) Returns the first
  // entry that breaks it, with why; nothing when the chain holds. `checked` gets the count.
  struct AuditBreak {
    AuditEntry entry;
    std::string why;
  };
  std::optional<AuditBreak> verifyAudit(std::int64_t& checked);
  // The newest entry: its id and hash, kept somewhere else, later show that the chain was neither
  // cut short nor recomputed (`kiosk-hub audit anchor`, `audit verify --expect ID:HASH`).
  std::optional<AuditEntry> auditHead();
  // Whether entry `id` still has `hash`: "" when it does; else why not. An entry a later purge
  // removed cannot be checked and says so ("purged").
  std::string checkAuditAnchor(std::int64_t id, const std::string& hash);
  // Removes the entries older than `beforeUnix` and appends, in the same transaction, a chained
  // "audit_purge" entry naming how many went and the last one's id and hash, which anchors the
  // oldest kept entry.
  void purgeAudit(std::int64_t beforeUnix, std::int64_t nowUnix);

 private:
  // Appends one chained entry; the caller holds mutex_ inside a transaction.
  void appendAuditLocked(const std::string& login, const std::string& action, const std::string& detail,
                         const std::string& peer, std::int64_t nowUnix);

  std::mutex mutex_;
  common::sql::Database db_;
};

// Letters, digits, '.', '_', '-'; 1–64 characters.
bool validLogin(const std::string& login);
// 256 random bits as 43 base64url characters: session ids and CSRF tokens.
std::string newSecret();

}  // namespace hub
