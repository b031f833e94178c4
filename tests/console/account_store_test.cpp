// console.db: users, sessions, lockouts and the hash-chained audit log, on a real file.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "common/password_hash.hpp"
#include "hub/console/account_store.hpp"
#include "temp_dir.hpp"

using namespace hub::console;

TEST_CASE("users are added once, with a valid login and halls, and only a password hash is kept") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  const auto hash = common::hashPassword("long-enough-1", common::HashCost::Minimal);
  store.addUser("li.na", UserRole::Staff, {"hall-01"}, hash, 1);
  CHECK_THROWS_WITH_AS(store.addUser("li.na", UserRole::Staff, {"hall-01"}, hash, 1), "login: li.na already exists",
                       std::invalid_argument);
  CHECK_THROWS_AS(store.addUser("bad name", UserRole::Staff, {"hall-01"}, hash, 1), std::invalid_argument);
  CHECK_THROWS_AS(store.addUser("nohall", UserRole::Staff, {}, hash, 1), std::invalid_argument);
  const auto user = store.user("li.na");
  REQUIRE(user);
  CHECK(user->halls == std::vector<std::string>{"hall-01"});
  CHECK(user->passwordHash.rfind("$argon2id$", 0) == 0);
  CHECK(common::verifySecret(user->passwordHash, "long-enough-1"));
  struct stat st {};
  REQUIRE(::stat((dir / "console.db").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("disabling a user or changing the password ends their sessions") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  store.addUser("li", UserRole::Staff, {"hall-01"}, "x", 1);
  const auto a = store.createSession("li", 100);
  CHECK(store.session(a, 100, 1800, 43200));
  store.setPasswordHash("li", "y");
  CHECK_FALSE(store.session(a, 100, 1800, 43200));
  const auto b = store.createSession("li", 100);
  CHECK(store.disableUser("li"));
  CHECK_FALSE(store.session(b, 100, 1800, 43200));
  CHECK(store.user("li")->disabled);
  CHECK_FALSE(store.disableUser("nobody"));
}

TEST_CASE("lockout delays grow and stop at fifteen minutes") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  for (int i = 0; i < 4; ++i) CHECK(store.recordFailure("login:li", 1000, 4) == 0);
  CHECK(store.recordFailure("login:li", 1000, 4) == 1030);
  CHECK(store.recordFailure("login:li", 1000, 4) == 1060);
  CHECK(store.recordFailure("login:li", 1000, 4) == 1120);
  for (int i = 0; i < 20; ++i) store.recordFailure("login:li", 1000, 4);
  CHECK(store.lockedUntil("login:li", 1000) == 1000 + 15 * 60);
  store.clearFailures("login:li");
  CHECK(store.lockedUntil("login:li", 1000) == 0);
}

TEST_CASE("each audit entry chains to the one before, purging keeps the newest") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  store.audit("li", "login_ok", "", "10.0.0.1", 100);
  store.audit("li", "export", "/console/commitments?format=xlsx", "10.0.0.1", 200);
  store.audit("li", "logout", "", "10.0.0.1", 300);
  auto entries = store.auditEntries(10);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].action == "logout");
  CHECK(entries[0].hash != entries[1].hash);
  CHECK(entries[1].hash.size() == 64);
  store.purgeAudit(250);
  entries = store.auditEntries(10);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].action == "logout");
}
