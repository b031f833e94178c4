// console.db: users, sessions, lockouts and the hash-chained audit log, on a real file.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "common/password_hash.hpp"
#include "common/sqlite.hpp"
#include "hub/store/account_store.hpp"
#include "temp_dir.hpp"

using namespace hub;

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

TEST_CASE("an idle session lasts at least its setting, though activity is written once a minute") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  store.addUser("li", UserRole::Staff, {"hall-01"}, common::hashPassword("long-enough-1", common::HashCost::Minimal),
                0);
  const auto id = store.createSession("li", 1000);
  CHECK(store.session(id, 1059, 1800, 43200));  // a page 59 s in: not written (under a minute)
  // Idle since 1059: still in at 1059 + 1800 (the stored time says 1000), out a minute later.
  CHECK(store.session(id, 1059 + 1800, 1800, 43200));
  const auto again = store.createSession("li", 1000);
  CHECK(store.session(again, 1059, 1800, 43200));
  CHECK_FALSE(store.session(again, 1000 + 1800 + 61, 1800, 43200));
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
  store.purgeAudit(250, 400);
  entries = store.auditEntries(10);
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].action == "logout");
  CHECK(entries[0].action == "audit_purge");  // the purge is itself in the chain, naming what went
  CHECK(entries[0].detail.rfind("removed=2 through_id=2 through_hash=", 0) == 0);
}

TEST_CASE("the audit log filters by user, action and time, and its chain names the first entry altered") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  for (int i = 0; i < 6; ++i)
    store.audit(i % 2 ? "li" : "wang", i % 3 ? "export" : "login_ok", "entry " + std::to_string(i), "10.0.0.1",
                1000 + i * 100);
  CHECK(store.auditEntries({"li", "", 0, INT64_MAX}, 100).size() == 3);
  CHECK(store.auditEntries({"", "login_ok", 0, INT64_MAX}, 100).size() == 2);
  CHECK(store.auditEntries({"wang", "export", 0, INT64_MAX}, 100).size() == 2);
  const auto window = store.auditEntries({"", "", 1100, 1300}, 100);  // [1100, 1300)
  REQUIRE(window.size() == 2);
  CHECK(window[0].detail == "entry 2");
  CHECK(window[1].detail == "entry 1");
  CHECK(store.auditEntries({"", "", 0, INT64_MAX}, 4).size() == 4);

  std::int64_t checked = 0;
  CHECK_FALSE(store.verifyAudit(checked));
  CHECK(checked == 6);
  {
    common::sql::Database raw(dir / "console.db");  // someone edits the file behind the hub's back
    raw.exec("UPDATE audit SET detail = 'entry 3 (harmless)' WHERE id = 4");
  }
  auto broken = store.verifyAudit(checked);
  REQUIRE(broken);
  CHECK(broken->entry.id == 4);
  CHECK(broken->why.find("does not match") != std::string::npos);
  {
    common::sql::Database raw(dir / "console.db");
    raw.exec("UPDATE audit SET detail = 'entry 3' WHERE id = 4; DELETE FROM audit WHERE id = 2");
  }
  broken = store.verifyAudit(checked);  // a removed entry breaks the link of the next one
  REQUIRE(broken);
  CHECK(broken->entry.id == 3);
  {
    common::sql::Database raw(dir / "console.db");
    raw.exec("UPDATE audit SET hash = 'x' WHERE id = 1");
  }
  broken = store.verifyAudit(checked);
  REQUIRE(broken);
  CHECK(broken->entry.id == 1);  // the first entry follows an empty hash
}

TEST_CASE("after a purge the purge entry anchors the oldest kept entry, and the chain still verifies") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  for (int i = 0; i < 5; ++i) store.audit("li", "export", std::to_string(i), "10.0.0.1", 100 * (i + 1));
  store.purgeAudit(250, 600);
  std::int64_t checked = 0;
  CHECK_FALSE(store.verifyAudit(checked));
  CHECK(checked == 4);  // entries 3-5 and the purge entry
  store.audit("li", "logout", "", "10.0.0.1", 900);
  CHECK_FALSE(store.verifyAudit(checked));
  CHECK(checked == 5);
}

TEST_CASE("audit verify catches a deleted first entry with the new oldest rewritten, and an escaping collision") {
  testing::TempDir dir;
  {
    AccountStore store(dir / "console.db");
    for (int i = 0; i < 4; ++i) store.audit("li", "export", "entry " + std::to_string(i), "10.0.0.1", 100 * (i + 1));
    store.audit("li", "note", "line one\nline two", "10.0.0.1", 500);
  }
  const auto tamper = [&](const std::string& sql) {
    common::sql::Database raw(dir / "console.db");
    raw.exec(sql);
  };
  std::int64_t checked = 0;
  // The first entry deleted and the new oldest one rewritten: before, the oldest kept entry was
  // taken as given; now nothing names the removal.
  tamper("DELETE FROM audit WHERE id = 1; UPDATE audit SET detail = 'entry 1 (rewritten)' WHERE id = 2");
  AccountStore store(dir / "console.db");
  auto broken = store.verifyAudit(checked);
  REQUIRE(broken);
  CHECK(broken->entry.id == 2);
  CHECK(broken->why.find("no purge entry") != std::string::npos);

  // A newline turned into a typed backslash-n: the old encoding hashed both alike.
  testing::TempDir other;
  {
    AccountStore fresh(other / "console.db");
    fresh.audit("li", "note", "line one\nline two", "10.0.0.1", 500);
    common::sql::Database raw(other / "console.db");
    raw.exec("UPDATE audit SET detail = 'line one' || char(92) || 'nline two'");
    CHECK(fresh.auditEntries(1)[0].detail == "line one\\nline two");
    auto collision = fresh.verifyAudit(checked);
    REQUIRE(collision);
    CHECK(collision->entry.id == 1);
  }
}

TEST_CASE("an anchor kept elsewhere shows a chain cut short or recomputed") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  for (int i = 0; i < 4; ++i) store.audit("li", "export", "entry " + std::to_string(i), "10.0.0.1", 100 * (i + 1));
  const auto head = store.auditHead();
  REQUIRE(head);
  CHECK(head->id == 4);
  CHECK(store.checkAuditAnchor(head->id, head->hash).empty());
  store.audit("li", "logout", "", "10.0.0.1", 500);
  CHECK(store.checkAuditAnchor(head->id, head->hash).empty());  // later entries change nothing
  {
    // Recomputed: the entries rewritten with a chain that verifies on its own.
    common::sql::Database raw(dir / "console.db");
    raw.exec("UPDATE audit SET hash = 'f' || substr(hash, 2) WHERE id = 4");
  }
  CHECK(store.checkAuditAnchor(head->id, head->hash).find("rewritten") != std::string::npos);
  {
    common::sql::Database raw(dir / "console.db");
    raw.exec("DELETE FROM audit WHERE id >= 4");  // the tail cut off
  }
  CHECK(store.checkAuditAnchor(head->id, head->hash).find("cut short") != std::string::npos);
  CHECK(store.checkAuditAnchor(1, "x").find("rewritten") != std::string::npos);
  store.purgeAudit(250, 600);
  CHECK(store.checkAuditAnchor(1, "x") == "purged");
}

TEST_CASE("an administrator changes a user's role, halls and 姓名 / 科室 / 电话, and may enable them again") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  store.addUser("li", UserRole::Staff, {"hall-01"}, "x", 1);
  const auto before = store.createSession("li", 100);
  CHECK(store.user("li")->lastLoginUnix == 100);
  CHECK(store.user("li")->displayName() == "li");

  // Only the profile: the session stays.
  CHECK(store.updateUser("li", {UserRole::Staff, {"hall-01"}, "李娜", "综合科", "0533-1234567"}));
  CHECK(store.session(before, 101, 1800, 43200));
  auto li = store.user("li");
  CHECK(li->fullName == "李娜");
  CHECK(li->department == "综合科");
  CHECK(li->phone == "0533-1234567");
  CHECK(li->displayName() == "李娜");
  CHECK(store.displayNames().at("li") == "李娜");

  // New rights: the sessions made under the old ones end.
  CHECK(store.updateUser("li", {UserRole::Leader, {"hall-01", "hall-02"}, "李娜", "综合科", ""}));
  CHECK_FALSE(store.session(before, 102, 1800, 43200));
  li = store.user("li");
  CHECK(li->role == UserRole::Leader);
  CHECK(li->halls == std::vector<std::string>{"hall-01", "hall-02"});

  CHECK(store.disableUser("li"));
  CHECK(store.enableUser("li"));
  CHECK_FALSE(store.user("li")->disabled);
  CHECK_FALSE(store.updateUser("nobody", {UserRole::Staff, {"hall-01"}, "", "", ""}));
  CHECK_FALSE(store.enableUser("nobody"));
}

TEST_CASE("a bad profile is refused by name and nothing stored changes") {
  testing::TempDir dir;
  AccountStore store(dir / "console.db");
  store.addUser("li", UserRole::Staff, {"hall-01"}, "x", 1);
  CHECK(store.updateUser("li", {UserRole::Staff, {"hall-01"}, "李娜", "", ""}));
  std::string longName;
  for (int i = 0; i < 21; ++i) longName += "李";
  CHECK_THROWS_WITH_AS(store.updateUser("li", {UserRole::Staff, {"hall-01"}, longName, "", ""}), "err_full_name_long",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(store.updateUser("li", {UserRole::Staff, {"hall-01"}, "李娜", "科\n室", ""}),
                       "err_department_long", std::invalid_argument);
  CHECK_THROWS_WITH_AS(store.updateUser("li", {UserRole::Staff, {"hall-01"}, "李娜", "", "call me"}), "err_phone",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(store.updateUser("li", {UserRole::Staff, {}, "李娜", "", ""}), "err_user_needs_hall",
                       std::invalid_argument);
  const auto li = store.user("li");
  CHECK(li->fullName == "李娜");
  CHECK(li->halls == std::vector<std::string>{"hall-01"});
}
