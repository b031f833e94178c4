// `kiosk-hub user add|passwd|disable` as an administrator types them: exit 0 and the account in
// console.db, or exit 2 with a message naming what is wrong and nothing changed.
#include <doctest/doctest.h>

#include "common/password_hash.hpp"
#include "common/sqlite.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/hall_directory.hpp"
#include "hub_process.hpp"

namespace {

testing::CommandResult user(const testing::HubProcess& hub, const std::string& args, const std::string& password) {
  return testing::run("printf '%s\\n' '" + password + "' | " + testing::hubBinary() + " user " + args + " --dir " +
                      hub.dir().string() + " 2>&1");
}

}  // namespace

TEST_CASE("user add, passwd and disable, while bad arguments and short passwords exit 2 and store nothing") {
  testing::HubProcess hub;
  const auto added = user(hub, "add --login wang.li --role staff --hall hall-01", "long-enough-1");
  CHECK(added.status == 0);
  CHECK(added.out.find("added staff wang.li") != std::string::npos);

  struct Bad {
    std::string args, password, says;
  };
  const Bad bad[] = {
      {"add --login zhao --role staff --hall hall-01", "short-9ch", "password"},
      {"add --login zhao --role chief --hall hall-01", "long-enough-1", "--role"},
      {"add --login zhao --role staff", "long-enough-1", "--hall"},
      {"add --login zhao --role staff --hall ../etc", "long-enough-1", "--hall ../etc"},
      {"add --login 'zhao li' --role admin", "long-enough-1", "--login"},
      {"add --login wang.li --role admin", "long-enough-1", "already exists"},
      {"passwd --login wang.li", "short", "password"},
      {"passwd --login nobody", "long-enough-1", "no user nobody"},
      {"disable --login nobody", "", "no user nobody"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.args);
    const auto r = user(hub, b.args, b.password);
    CHECK(r.status == 2);
    CHECK(r.out.find(b.says) != std::string::npos);
  }
  // No password at all (nothing piped in): named, exit 2, nobody added.
  const auto none = testing::run("printf '' | " + testing::hubBinary() + " user add --login zhou --role admin --dir " +
                                 hub.dir().string() + " 2>&1");
  CHECK(none.status == 2);
  CHECK(none.out.find("password: no input on standard input") != std::string::npos);
  {
    hub::AccountStore accounts(hub.dir() / "console.db");
    CHECK_FALSE(accounts.user("zhao"));
    const auto wang = accounts.user("wang.li");
    REQUIRE(wang);
    CHECK(wang->role == hub::UserRole::Staff);
    CHECK(wang->halls == std::vector<std::string>{"hall-01"});
    CHECK(common::verifySecret(wang->passwordHash, "long-enough-1"));  // the short one did not replace it
  }
  CHECK(user(hub, "passwd --login wang.li", "another-long-2").status == 0);
  CHECK(user(hub, "disable --login wang.li", "").status == 0);
  hub::AccountStore accounts(hub.dir() / "console.db");
  CHECK(common::verifySecret(accounts.user("wang.li")->passwordHash, "another-long-2"));
  CHECK(accounts.user("wang.li")->disabled);
}

TEST_CASE("kiosk-hub audit verify: intact, then the first altered entry named with exit 1") {
  testing::HubProcess hub;
  for (const char* login : {"zhang", "li", "zhao"})
    REQUIRE(user(hub, std::string("add --login ") + login + " --role staff --hall hall-01", "long-enough-1").status ==
            0);
  const std::string verify = testing::hubBinary() + " audit verify --dir " + hub.dir().string() + " 2>&1";
  const auto intact = testing::run(verify);
  CHECK(intact.status == 0);
  CHECK(intact.out.find("audit chain intact: 3 entries") != std::string::npos);
  {
    common::sql::Database raw(hub.dir() / "console.db");
    raw.exec("UPDATE audit SET login = 'nobody' WHERE id = 2");
  }
  const auto broken = testing::run(verify);
  CHECK(broken.status == 1);
  CHECK(broken.out.find("audit chain broken at entry 2") != std::string::npos);
  CHECK(broken.out.find("nobody user_add") != std::string::npos);
  const auto missing = testing::run(testing::hubBinary() + " audit verify --dir /nonexistent 2>&1");
  CHECK(missing.status != 0);
  CHECK(missing.out.find("/nonexistent") != std::string::npos);
}

TEST_CASE("kiosk-hub audit anchor and verify --expect: a tail cut off or a chain recomputed is found") {
  testing::HubProcess hub;
  for (const char* login : {"zhang", "li", "zhao"})
    REQUIRE(user(hub, std::string("add --login ") + login + " --role staff --hall hall-01", "long-enough-1").status ==
            0);
  const auto anchored = testing::run(testing::hubBinary() + " audit anchor --dir " + hub.dir().string() + " 2>&1");
  REQUIRE(anchored.status == 0);
  const std::string anchor = anchored.out.substr(0, anchored.out.find('\n'));
  CHECK(anchor.size() == 2 + 64);  // "3:" and the hash
  CHECK(anchor.rfind("3:", 0) == 0);
  REQUIRE(user(hub, "add --login wang --role staff --hall hall-01", "long-enough-1").status == 0);
  const std::string verify =
      testing::hubBinary() + " audit verify --dir " + hub.dir().string() + " --expect " + anchor + " 2>&1";
  const auto holds = testing::run(verify);
  CHECK(holds.status == 0);
  CHECK(holds.out.find("including the anchored entry 3") != std::string::npos);
  {
    // Cut the tail back to the first two entries: what remains still chains.
    common::sql::Database raw(hub.dir() / "console.db");
    raw.exec("DELETE FROM audit WHERE id >= 3");
  }
  CHECK(testing::run(testing::hubBinary() + " audit verify --dir " + hub.dir().string() + " 2>&1").status == 0);
  const auto cut = testing::run(verify);
  CHECK(cut.status == 1);
  CHECK(cut.out.find("cut short") != std::string::npos);
  const auto bad =
      testing::run(testing::hubBinary() + " audit verify --dir " + hub.dir().string() + " --expect not-an-anchor 2>&1");
  CHECK(bad.status == 2);
  CHECK(bad.out.find("ID:HASH") != std::string::npos);
}

TEST_CASE("kiosk-hub --version and kioskctl --version print the version and exit 0") {
  const auto hub = testing::run(testing::hubBinary() + " --version 2>&1");
  CHECK(hub.status == 0);
  CHECK(hub.out == "kiosk-hub " KIOSK_TEST_VERSION "\n");
  const auto ctl = testing::run(testing::kioskctlBinary() + " --version 2>&1");
  CHECK(ctl.status == 0);
  CHECK(ctl.out == "kioskctl " KIOSK_TEST_VERSION "\n");
}

TEST_CASE("hall name: a hall's display name and order, a bad one exits 2 in the console's words") {
  testing::HubProcess hub;
  const auto run = [&](const std::string& args) {
    return testing::run(testing::hubBinary() + " hall name " + args + " --dir " + hub.dir().string() + " 2>&1");
  };
  const auto named = run("--hall hall-04 --name '张店区政务服务中心' --order 2");
  CHECK(named.status == 0);
  CHECK(named.out.find("hall-04 shows as 张店区政务服务中心") != std::string::npos);
  const auto blank = run("--hall hall-04 --name ' '");
  CHECK(blank.status == 2);
  CHECK(blank.out.find("大厅名称不能为空") != std::string::npos);
  const auto bad = run("--hall ../x --name 大厅");
  CHECK(bad.status == 2);
  CHECK(bad.out.find("没有编号为“../x”的大厅") != std::string::npos);
  hub::HallDirectory halls(hub.dir() / "console.db");
  CHECK(halls.names(0).nameOf("hall-04") == "张店区政务服务中心");
  CHECK(halls.list().size() == 1);
}
