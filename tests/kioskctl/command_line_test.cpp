// kioskctl's command line, parsed without running anything: each command and its options, and
// each way of asking wrongly — a missing option, an unknown command, a bad --reasons item, enrol
// without --ca — answered with exit status 2 (0 for --help and --version).
#include <doctest/doctest.h>

#include <vector>

#include "kioskctl/command_line.hpp"
#include "parsed_command.hpp"
#include "temp_dir.hpp"

using namespace kioskctl;

using testing::commandOf;
using testing::exitOf;

namespace {

std::variant<Command, int> parse(std::vector<std::string> args) {
  return testing::parseWords(parseCommandLine, "kioskctl", std::move(args));
}

}  // namespace

TEST_CASE("each command comes back with what it was given") {
  testing::TempDir dir;
  const std::string sheet = (dir / "list.csv").string(), token = (dir / "token").string(),
                    ca = (dir / "ca.pem").string();
  testing::writeFile(dir / "list.csv", "id\n");
  testing::writeFile(dir / "token", "t\n");
  testing::writeFile(dir / "ca.pem", "ca\n");

  const auto keygen = commandOf<Keygen>(parse({"keygen", "--out", "k.pem", "--public-out", "k.pub"}));
  CHECK(keygen.out == "k.pem");
  CHECK(keygen.publicOut == "k.pub");

  const auto build = commandOf<BuildList>(
      parse({"list", "build", sheet, "--deployment", "zibo", "--hall", "hall-01", "--version", "3", "--title",
             "党员公开承诺", "--reasons", "attitude=服务态度差;slow=办理慢", "--out", "l.json"}));
  CHECK(build.sheetFile == sheet);
  CHECK(build.header.hall == "hall-01");
  CHECK(build.header.version == 3);
  CHECK(build.header.title == "党员公开承诺");
  REQUIRE(build.header.reasons.size() == 2);
  CHECK(build.header.reasons[1].code == "slow");
  CHECK(build.header.reasons[1].label == "办理慢");

  const auto tallies = commandOf<Tallies>(parse({"tallies", "--hub", "https://hub:8443", "--token-file", token,
                                                 "--from", "2026-01-01", "--to", "2026-06-30", "--out", "t.csv"}));
  CHECK(tallies.hub.url == "https://hub:8443");
  CHECK(tallies.format == "csv");  // the default, for Excel
  CHECK(tallies.hall.empty());

  const auto enrol = commandOf<Enrol>(parse({"enrol", "--hub", "https://hub:8443", "--token-file", token, "--ca", ca,
                                             "--kiosk-id", "hall-01-k2", "--hall", "hall-01", "--out", "bundle"}));
  CHECK(enrol.kioskId == "hall-01-k2");
  CHECK(enrol.hub.ca == ca);

  CHECK(std::holds_alternative<PinHash>(std::get<Command>(parse({"pin_hash"}))));  // the old spelling still works
  commandOf<Import>(parse({"import", "--hub", "https://hub:8443", "--token-file", token, dir.path().string()}));
}

TEST_CASE("asked wrongly: exit 2 and nothing runs, --help and --version exit 0") {
  testing::TempDir dir;
  testing::writeFile(dir / "token", "t\n");
  const std::string token = (dir / "token").string();
  CHECK(exitOf(parse({})) == kExitUsage);              // no command
  CHECK(exitOf(parse({"frobnicate"})) == kExitUsage);  // an unknown one
  CHECK(exitOf(parse({"keygen"})) == kExitUsage);      // --out missing
  CHECK(exitOf(parse({"list"})) == kExitUsage);        // which list command?
  CHECK(exitOf(parse({"list", "sign", "/no/such/list.json", "--key", "/no/such/key", "--key-id", "k", "--out", "x"})) ==
        kExitUsage);  // files that are not there
  CHECK(exitOf(parse({"tallies", "--hub", "https://hub", "--token-file", token, "--from", "2026-01-01", "--to",
                      "2026-01-31", "--format", "xml", "--out", "x"})) == kExitUsage);  // not csv or json
  // enrol without --ca: the kiosk would have nothing to trust the hub by.
  CHECK(exitOf(parse({"enrol", "--hub", "https://hub", "--token-file", token, "--kiosk-id", "k", "--hall", "h", "--out",
                      "b"})) == kExitUsage);
  CHECK(exitOf(parse({"--version"})) == 0);
  CHECK(exitOf(parse({"--help"})) == 0);
}

TEST_CASE("--reasons: code=label items, each mistake named") {
  std::string why;
  const auto two = parseReasons("attitude=服务态度差;slow=办理慢", &why);
  REQUIRE(two);
  CHECK(two->size() == 2);
  CHECK(parseReasons("", &why)->empty());  // no reasons: kiosks ask none after 差
  CHECK_FALSE(parseReasons("attitude", &why));
  CHECK(why == "\"attitude\" must look like code=label");
  CHECK_FALSE(parseReasons("attitude=服务态度差;=办理慢", &why));
  CHECK(why == "\"=办理慢\" must look like code=label");
  CHECK_FALSE(parseReasons("slow=", &why));
}

TEST_CASE("update commands: rings in order, each item a hall, * or kiosk:ID, each mistake named") {
  testing::TempDir dir;
  testing::writeFile(dir / "k.deb", "deb");
  testing::writeFile(dir / "k.pem", "pem");
  const std::string deb = (dir / "k.deb").string(), key = (dir / "k.pem").string();
  const auto signUpdate = commandOf<SignUpdate>(
      parse({"update", "sign", deb, "--deployment", "zibo", "--id", "4", "--ring", "试点=kiosk:hall-01-k1,hall-02",
             "--ring", "全区=*", "--key", key, "--key-id", "admin-2026", "--out", "m.json"}));
  CHECK(signUpdate.id == 4);
  REQUIRE(signUpdate.rings.size() == 2);
  CHECK(signUpdate.rings[0].name == "试点");
  CHECK(signUpdate.rings[0].kiosks == std::vector<std::string>{"hall-01-k1"});
  CHECK(signUpdate.rings[0].halls == std::vector<std::string>{"hall-02"});
  CHECK(signUpdate.rings[1].halls == std::vector<std::string>{"*"});
  CHECK(signUpdate.notBefore.empty());  // now, when signed
  const auto bundle =
      commandOf<BundleUpdate>(parse({"update", "bundle", deb, "--package", deb, "--out", dir.path().string()}));
  CHECK(bundle.packageFile == deb);

  std::string why;
  CHECK_FALSE(kioskctl::parseRing("pilot", &why));
  CHECK(why.find("NAME=") != std::string::npos);
  CHECK_FALSE(kioskctl::parseRing("=hall-01", &why));
  CHECK_FALSE(kioskctl::parseRing("p=hall-01,,hall-02", &why));
  CHECK(why.find("empty item") != std::string::npos);
  CHECK_FALSE(kioskctl::parseRing("p=kiosk:", &why));
  CHECK(why.find("without an id") != std::string::npos);
  CHECK_FALSE(kioskctl::parseRing("p=", &why));
  CHECK(std::get<int>(parse({"update", "sign", deb, "--deployment", "z", "--id", "1", "--ring", "x", "--key", key,
                             "--key-id", "k", "--out", "m.json"})) == kioskctl::kExitUsage);
  CHECK(std::get<int>(parse({"update", "sign", deb, "--deployment", "z", "--id", "0", "--ring", "a=*", "--key", key,
                             "--key-id", "k", "--out", "m.json"})) == kioskctl::kExitUsage);
  CHECK(std::get<int>(parse({"update", "publish", deb})) == kioskctl::kExitUsage);  // no --package, no hub
}
