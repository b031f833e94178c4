// kioskctl end to end against a live hub over TLS: keygen, list build from CSV, sign, publish,
// a kiosk's batch, then tallies downloaded as CSV with BOM. Also: mistakes are refused clearly.
#include <doctest/doctest.h>

#include "common/password_hash.hpp"
#include "hub_process.hpp"
#include "wire/rating_batch.hpp"

using testing::HubProcess;
using testing::run;

TEST_CASE("administrator and staff workflow through kioskctl") {
  HubProcess hub;
  hub.start();
  const std::string d = hub.dir().string(), ctl = testing::kioskctlBinary();
  const std::string hubArgs = " --hub " + hub.url("") + " --ca " + hub.caFile().string();
  testing::writeFile(hub.dir() / "admin.token", hub.token("admin") + "\n");
  testing::writeFile(hub.dir() / "staff.token", hub.token("staff") + "\n");

  REQUIRE(run(ctl + " keygen --out " + d + "/admin.pem --public-out " + d + "/admin.pub 2>&1").status == 0);
  REQUIRE(run(testing::hubBinary() + " key add --dir " + d + " --key-id admin-2026 " + d + "/admin.pub 2>&1").status ==
          0);
  const std::string csv = (testing::sourceRoot() / "config/demo/commitments-example.csv").string();
  auto built =
      run(ctl + " list build " + csv + " --deployment zibo-zhangdian --hall hall-01 --version 3 --title 党员公开承诺" +
          " --reasons 'not_kept=承诺未兑现;attitude=服务态度差' --out " + d + "/list.json 2>&1");
  REQUIRE_MESSAGE(built.status == 0, built.out);
  REQUIRE(run(ctl + " list sign " + d + "/list.json --key " + d + "/admin.pem --key-id admin-2026 --out " + d +
              "/list.signed.json 2>&1")
              .status == 0);
  auto published =
      run(ctl + " list publish " + d + "/list.signed.json" + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  REQUIRE_MESSAGE(published.status == 0, published.out);
  CHECK(published.out.find("\"version\":3") != std::string::npos);
  // Publishing the same version again is refused by the hub, and kioskctl says so.
  auto again =
      run(ctl + " list publish " + d + "/list.signed.json" + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  CHECK(again.status == 1);
  CHECK(again.out.find("409") != std::string::npos);

  wire::RatingBatch b{"hall-01-k1", "e", 1, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"c-0001", 3, "2026-11-21T09:00+08:00", "good", std::nullopt, 4, 0});
  b.counts.push_back({"c-0001", 3, "2026-11-21T09:00+08:00", "poor", "attitude", 1, 0});
  REQUIRE(hub.post("/api/v1/batches", wire::encodeBatch(b), hub.token("kiosk")).status == 201);

  auto tallies =
      run(ctl + " tallies" + hubArgs + " --token-file " + d + "/staff.token --from 2026-11-01 --to 2026-11-30" +
          " --format csv --out " + d + "/tallies.csv 2>&1");
  REQUIRE_MESSAGE(tallies.status == 0, tallies.out);
  const std::string out = testing::readFile(hub.dir() / "tallies.csv");
  CHECK(out.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(out.find("hall-01,c-0001,王丽,社保业务一次办好,4,0,1,5,80.0%,20.0%") != std::string::npos);

  // A staff token cannot publish; a wrong CA is refused before anything is sent.
  testing::writeFile(hub.dir() / "wrong-ca.pem",
                     testing::readFile(testing::sourceRoot() / "tests/support/not-a-ca.pem"));
  CHECK(run(ctl + " list publish " + d + "/list.signed.json" + hubArgs + " --token-file " + d + "/staff.token 2>&1")
            .out.find("403") != std::string::npos);
  auto wrongCa = run(ctl + " tallies --hub " + hub.url("") + " --ca " + d + "/wrong-ca.pem --token-file " + d +
                     "/staff.token --from 2026-11-01 --to 2026-11-30 --out " + d + "/x.csv 2>&1");
  CHECK(wrongCa.status == 1);
}

TEST_CASE("kioskctl refuses mistakes with a named problem") {
  testing::TempDir dir;
  const std::string d = dir.path().string(), ctl = testing::kioskctlBinary();
  testing::writeFile(
      dir / "bad.csv",
      "编号,承诺人,类型,期限,承诺标题,承诺内容,开始日期,结束日期\nc-1,王丽,外星人,年度,t,x,2026-01-01,2026-12-31\n");
  auto r = run(ctl + " list build " + d + "/bad.csv --deployment z --hall h --version 1 --title t --out " + d +
               "/l.json 2>&1");
  CHECK(r.status == 1);
  CHECK(r.out.find("line 2, column 3 (类型)") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "l.json"));
  testing::writeFile(dir / "broken.json", "{\"format\": \"commitment-list/1\"}");
  REQUIRE(run(ctl + " keygen --out " + d + "/k.pem 2>&1").status == 0);
  r = run(ctl + " list sign " + d + "/broken.json --key " + d + "/k.pem --key-id k --out " + d + "/s.json 2>&1");
  CHECK(r.status == 1);
  CHECK(r.out.find("deployment") != std::string::npos);
  CHECK(run(ctl + " tallies --hub http://127.0.0.1:1 --token-file " + d +
            "/k.pem --from a --to b --format xlsx --out x 2>&1")
            .status == 2);
}

TEST_CASE("kioskctl pin-hash prints only an Argon2id hash that the kiosk accepts, and refuses a bad PIN") {
  const std::string ctl = testing::kioskctlBinary();
  auto r = run("echo 246810 | " + ctl + " pin-hash");
  REQUIRE(r.status == 0);
  std::string hash = r.out;
  while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find('\n') == std::string::npos);  // one line: safe to paste or pipe into kiosk.toml
  CHECK(common::verifyPin(hash, "246810"));
  CHECK_FALSE(common::verifyPin(hash, "246811"));

  r = run("echo 12ab | " + ctl + " pin-hash 2>&1");
  CHECK(r.status == 2);
  CHECK(r.out.find("digits") != std::string::npos);
  r = run("printf '' | " + ctl + " pin-hash 2>&1");
  CHECK(r.status == 2);
}
