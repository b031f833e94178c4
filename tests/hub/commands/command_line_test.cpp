// kiosk-hub's command line, parsed without running anything: each command and what it was given,
// and each way of asking wrongly — no command, an unknown one, a missing --dir, a key file that is
// not there, `key` or `user` without what to do — exits 2 (--help and --version exit 0).
#include <doctest/doctest.h>

#include <vector>

#include "hub/commands/command_line.hpp"
#include "parsed_command.hpp"
#include "temp_dir.hpp"

using namespace hub::commands;

using testing::commandOf;
using testing::exitOf;

namespace {

std::variant<Command, int> parse(std::vector<std::string> args) {
  return testing::parseWords(parseCommandLine, "kiosk-hub", std::move(args));
}

}  // namespace

TEST_CASE("each kiosk-hub command comes back with what it was given") {
  testing::TempDir dir;
  testing::writeFile(dir / "admin.pub", "pem\n");
  const auto init = commandOf<Init>(parse({"init", "--dir", "/srv/hub", "--deployment", "zibo-zhangdian"}));
  CHECK(init.dir == "/srv/hub");
  CHECK(init.deployment == "zibo-zhangdian");
  const auto key =
      commandOf<KeyAdd>(parse({"key", "add", "--dir", "h", "--key-id", "admin-2026", (dir / "admin.pub").string()}));
  CHECK(key.keyId == "admin-2026");
  const auto token = commandOf<TokenCreate>(
      parse({"token", "create", "--dir", "h", "--role", "staff", "--hall", "hall-01", "--hall", "hall-02"}));
  CHECK(token.role == "staff");
  CHECK(token.halls == std::vector<std::string>{"hall-01", "hall-02"});
  const auto revoke = commandOf<TokenRevoke>(parse({"token", "revoke", "--dir", "h", "--kiosk-id", "hall-01-k1"}));
  CHECK(revoke.kioskId == "hall-01-k1");
  const auto user = commandOf<User>(
      parse({"user", "add", "--dir", "h", "--login", "li.na", "--role", "leader", "--hall", "hall-01"}));
  CHECK(user.action == "add");
  CHECK(user.login == "li.na");
  CHECK(commandOf<User>(parse({"user", "disable", "--dir", "h", "--login", "li.na"})).action == "disable");
  const auto hall = commandOf<HallName>(
      parse({"hall", "name", "--dir", "h", "--hall", "hall-04", "--name", "张店区政务服务中心", "--order", "3"}));
  CHECK(hall.hall == "hall-04");
  CHECK(hall.name == "张店区政务服务中心");
  CHECK(hall.order == 3);
  CHECK(commandOf<HallName>(parse({"hall", "name", "--dir", "h", "--hall", "hall-04", "--name", "x"})).order == 0);
  CHECK(commandOf<AuditVerify>(parse({"audit", "verify", "--dir", "h", "--expect", "7:ab"})).expect == "7:ab");
  commandOf<AuditAnchor>(parse({"audit", "anchor", "--dir", "h"}));
  CHECK(commandOf<Backup>(parse({"backup", "--dir", "h", "--to", "/backup/hub.tar"})).to == "/backup/hub.tar");
  const auto serve = commandOf<Serve>(parse({"serve", "--dir", "h", "--listen", "127.0.0.1:0"}));
  CHECK(serve.listen == "127.0.0.1:0");
  CHECK(commandOf<Serve>(parse({"serve", "--dir", "h"})).listen.empty());  // hub.toml's address
}

TEST_CASE("kiosk-hub asked wrongly: exit 2 and nothing runs, --help and --version exit 0") {
  CHECK(exitOf(parse({})) == 2);
  CHECK(exitOf(parse({"start"})) == 2);
  CHECK(exitOf(parse({"serve"})) == 2);                                                      // --dir missing
  CHECK(exitOf(parse({"init", "--dir", "h"})) == 2);                                         // --deployment missing
  CHECK(exitOf(parse({"key"})) == 2);                                                        // which key command?
  CHECK(exitOf(parse({"user", "--dir", "h"})) == 2);                                         // add, passwd or disable?
  CHECK(exitOf(parse({"key", "add", "--dir", "h", "--key-id", "k", "/no/such.pem"})) == 2);  // not there
  CHECK(exitOf(parse({"token", "revoke", "--dir", "h", "--token-file", "/no/such/token"})) == 2);
  CHECK(exitOf(parse({"hall", "name", "--dir", "h", "--hall", "hall-04"})) == 2);  // --name missing
  CHECK(exitOf(parse({"hall", "name", "--dir", "h", "--hall", "hall-04", "--name", "x", "--order", "10000"})) == 2);
  CHECK(exitOf(parse({"--version"})) == 0);
  CHECK(exitOf(parse({"serve", "--help"})) == 0);
}
