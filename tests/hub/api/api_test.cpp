// The hub API without sockets: the full authorization matrix (no token / kiosk / staff / staff of
// another hall / admin x every endpoint), list publishing rules, idempotent ingest, and tallies
// with the rectification rule.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/iso_time.hpp"
#include "hub/api/api.hpp"
#include "hub/store/kiosk_days.hpp"
#include "hub/store/screenshot_store.hpp"
#include "hub/store/update_store.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"
#include "test_png.hpp"
#include "wire/enrolment.hpp"
#include "wire/heartbeat.hpp"
#include "wire/kiosk_command.hpp"
#include "wire/kiosk_screenshot.hpp"
#include "wire/kiosk_settings.hpp"
#include "wire/rating_batch.hpp"
#include "wire/signed_list.hpp"
#include "wire/update_manifest.hpp"

using namespace hub;
using nlohmann::json;

namespace {

// Stands in for a commitment-kiosk .deb: the hub checks only its size and hash against the manifest.
const std::string kPackage = [] {
  std::string bytes;
  for (int i = 0; i < 700'000; ++i) bytes.push_back(static_cast<char>((i % 251) * 7 % 256));
  return bytes;
}();

struct HubFixture {
  testing::TempDir dir;
  testing::StoreUnderTest stores{dir.path()};  // SQLite, or PostgreSQL in the postgresql/ runs
  HubStore store{stores.hub()};
  std::int64_t now = 1'795'226'400;  // 2026-11-21T10:00+08:00
  Api api{{"zibo-zhangdian"}, store, [this] { return now; }};
  HubMetrics metrics;
  wire::Ed25519PrivateKey admin = wire::Ed25519PrivateKey::generate();
  std::map<std::string, std::string> tokens;

  HubFixture() {
    store.addAdminKey("admin-2026", admin.publicKey().toPem(), now);
    const auto mint = [&](const std::string& name, Principal p) {
      tokens[name] = newToken();
      store.addToken(tokenHash(tokens[name]), p, now);
    };
    mint("kiosk", {Role::Kiosk, "hall-01-k1", {"hall-01"}});
    mint("staff", {Role::Staff, "", {"hall-01"}});
    mint("staff2", {Role::Staff, "", {"hall-02"}});
    mint("admin", {Role::Admin, "", {}});
    mint("metrics", {Role::Metrics, "", {}});
    api.setMetrics(&metrics, {dir / "hub.db"});
  }

  Response call(const std::string& method, const std::string& target, const std::string& who,
                const std::string& body = "", const std::string& ifNoneMatch = "") {
    return api.handle({method, target, who.empty() ? "" : "Bearer " + tokens.at(who), ifNoneMatch, body});
  }

  std::string listJson(std::int64_t version, const std::string& hall = "hall-01",
                       const std::string& deployment = "zibo-zhangdian") {
    json doc = json::parse(testing::readFile(testing::sourceRoot() / "config/demo/commitments.json"));
    doc["version"] = version;
    doc["hall"] = hall;
    doc["deployment"] = deployment;
    return doc.dump();
  }
  std::string signedList(std::int64_t version, const std::string& hall = "hall-01") {
    return wire::signList(listJson(version, hall), "admin-2026", admin);
  }

  // A signed update manifest for `package`'s bytes, its rings as given (default: every hall).
  std::string signedUpdate(std::int64_t id, const std::string& package,
                           json rings = {{{"name", "全区"}, {"halls", {"*"}}}}, const std::string& version = "0.2.0") {
    const json m{{"format", "update-manifest/1"},
                 {"deployment", "zibo-zhangdian"},
                 {"id", id},
                 {"package", "commitment-kiosk"},
                 {"version", version},
                 {"architecture", "amd64"},
                 {"sha256", wire::sha256Hex(package)},
                 {"size", package.size()},
                 {"not_before", "2026-11-21T09:00:00+08:00"},
                 {"rings", rings}};
    return wire::signUpdateManifest(m.dump(), "admin-2026", admin);
  }

  std::string signedSettings(std::int64_t version, const std::string& kiosk = "", const std::string& hall = "hall-01",
                             json values = {{"timing.idle_timeout_s", 90}}) {
    wire::KioskSettings settings{"zibo-zhangdian", hall, kiosk, version, {}};
    for (const auto& [k, v] : values.items()) settings.values.emplace(k, v);
    return wire::signSettings(wire::encodeKioskSettings(settings), "admin-2026", admin);
  }

  static std::string batch(std::int64_t seq, std::int64_t good, std::int64_t fair = 0, std::int64_t poor = 0,
                           const std::string& kiosk = "hall-01-k1") {
    wire::RatingBatch b{kiosk, "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
    if (good) b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, good, 0});
    if (fair) b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "fair", std::nullopt, fair, 0});
    if (poor) b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "poor", "attitude", poor, 1});
    return wire::encodeBatch(b);
  }
};

// The ETag a kiosk would keep from an answer ("" without one).
std::string etagOf(const Response& r) {
  for (const auto& [k, v] : r.headers)
    if (k == "ETag") return v;
  return {};
}

}  // namespace

TEST_CASE("authorization matrix: every endpoint for every kind of caller") {
  HubFixture f;
  struct Row {
    std::string method, target, body;
    std::map<std::string, int> expected;  // caller -> status ("" = no token)
  };
  const std::string hb = R"({"app_version":"0.1.0","list_version":1,"queued_batches":0,"disk_free_bytes":1000000})";
  // Published first so GET /lists/current has something to return.
  REQUIRE(f.call("POST", "/api/v1/lists", "admin", f.signedList(1)).status == 201);
  REQUIRE(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(1)).status == 201);
  const std::vector<Row> matrix{
      {"GET",
       "/healthz",
       "",
       {{"", 200}, {"kiosk", 200}, {"staff", 200}, {"staff2", 200}, {"admin", 200}, {"metrics", 200}}},
      {"GET",
       "/readyz",
       "",
       {{"", 200}, {"kiosk", 200}, {"staff", 200}, {"staff2", 200}, {"admin", 200}, {"metrics", 200}}},
      {"POST",
       "/api/v1/batches",
       "batch",
       // An administrator may import an enrolled kiosk's batches, but only signed by its registered key.
       {{"", 401}, {"kiosk", 201}, {"staff", 403}, {"staff2", 403}, {"admin", 422}, {"metrics", 403}}},
      {"POST",
       "/api/v1/kiosk-key",
       "kiosk-key",
       {{"", 401}, {"kiosk", 201}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"POST",
       "/api/v1/kiosks",
       "enrol",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 201}, {"metrics", 403}}},
      {"POST",
       "/api/v1/kiosks/move",
       R"({"kiosk_id":"hall-01-k1","hall":"hall-01"})",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 200}, {"metrics", 403}}},
      {"POST",
       "/api/v1/kiosks/revoke",
       "revoke",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 200}, {"metrics", 403}}},
      {"POST",
       "/api/v1/kiosks/command",
       R"({"kiosk_id":"hall-01-k1","kind":"sync"})",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 201}, {"metrics", 403}}},
      {"GET",
       "/api/v1/lists/current",
       "",
       {{"", 401}, {"kiosk", 200}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"POST",
       "/api/v1/lists",
       "list",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 201}, {"metrics", 403}}},
      {"GET",
       "/api/v1/settings/current",
       "",
       {{"", 401}, {"kiosk", 200}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"POST",
       "/api/v1/settings",
       "settings",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 201}, {"metrics", 403}}},
      {"POST",
       "/api/v1/heartbeat",
       hb,
       {{"", 401}, {"kiosk", 200}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"POST",
       "/api/v1/kiosks/screenshot",
       "screenshot",  // a kiosk may post one, but only for a 截屏 asked of it: none here
       {{"", 401}, {"kiosk", 409}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"POST",
       "/api/v1/updates",
       "update",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 201}, {"metrics", 403}}},
      {"POST",
       "/api/v1/updates/package",
       "package",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 201}, {"metrics", 403}}},
      {"POST",
       "/api/v1/updates/rollout",
       "rollout",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 200}, {"metrics", 403}}},
      {"GET",
       "/api/v1/updates/current",
       "",
       {{"", 401}, {"kiosk", 200}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"GET",
       "/api/v1/updates/package/" + wire::sha256Hex(kPackage),
       "",
       {{"", 401}, {"kiosk", 200}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"GET",
       "/api/v1/kiosks",
       "",
       {{"", 401}, {"kiosk", 403}, {"staff", 200}, {"staff2", 200}, {"admin", 200}, {"metrics", 403}}},
      {"GET",
       "/api/v1/tallies?hall=hall-01",
       "",
       {{"", 401}, {"kiosk", 403}, {"staff", 200}, {"staff2", 403}, {"admin", 200}, {"metrics", 403}}},
      {"GET",
       "/api/v1/rectifications?hall=hall-01",
       "",
       {{"", 401}, {"kiosk", 403}, {"staff", 200}, {"staff2", 403}, {"admin", 200}, {"metrics", 403}}},
      {"GET",
       "/metrics",
       "",
       {{"", 401}, {"kiosk", 403}, {"staff", 403}, {"staff2", 403}, {"admin", 200}, {"metrics", 200}}},
      {"GET",
       "/api/v1/panels?hall=hall-01",
       "",
       {{"", 401}, {"kiosk", 403}, {"staff", 200}, {"staff2", 403}, {"admin", 200}, {"metrics", 403}}},
      {"GET",
       "/api/v1/panel-ballots/0000000000",  // no such code: only a kiosk is told so
       "",
       {{"", 401}, {"kiosk", 404}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"POST",
       "/api/v1/panel-ballots/0000000000",
       R"({"grades":{}})",
       {{"", 401}, {"kiosk", 404}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
      {"GET",
       "/api/v1/results",
       "",
       {{"", 401}, {"kiosk", 200}, {"staff", 403}, {"staff2", 403}, {"admin", 403}, {"metrics", 403}}},
  };
  std::int64_t seq = 0, version = 1;
  for (const auto& row : matrix) {
    for (const auto& [who, status] : row.expected) {
      std::string body = row.body;
      if (body == "batch") body = HubFixture::batch(++seq, 1);
      if (body == "list") body = f.signedList(++version);
      if (body == "settings") body = f.signedSettings(++version);
      if (body == "update") body = f.signedUpdate(++seq, kPackage);
      if (body == "package") body = kPackage;
      if (body == "rollout")  // about the newest manifest
        body = json{{"id", hub::update_store::latest(f.store.database(), "zibo-zhangdian")->manifest.id},
                    {"action", "resume"}}
                   .dump();
      if (body == "screenshot")
        body = wire::encodeScreenshotUpload({"cmd-424242", "attract", 96, 54, test_png::flat(96, 54)});
      if (body == "kiosk-key") body = wire::encodeKioskKey(wire::Ed25519PrivateKey::generate().publicKey().toPem());
      if (body == "enrol") body = wire::encodeKioskRef({"new-k" + std::to_string(++seq), "hall-01"});
      if (body == "revoke") {
        const std::string id = "old-k" + std::to_string(++seq);
        f.store.enrolKiosk(id, "hall-01", tokenHash(newToken()), f.now);
        body = wire::encodeKioskRef({id, ""});
      }
      const std::string caller = who.empty() ? "none" : who;
      CAPTURE(row.method);
      CAPTURE(row.target);
      CAPTURE(caller);
      CHECK(f.call(row.method, row.target, who, body).status == status);
    }
  }
  CHECK(f.call("GET", "/api/v1/nope", "admin").status == 404);
  CHECK(f.call("DELETE", "/api/v1/lists", "admin").status == 405);
  CHECK(f.api.handle({"GET", "/api/v1/kiosks", "Bearer kh_forged", "", ""}).status == 401);
  CHECK(f.api.handle({"GET", "/api/v1/kiosks", "Basic abc", "", ""}).status == 401);
}

TEST_CASE("a kiosk cannot post another kiosk's batch") {
  HubFixture f;
  CHECK(f.call("POST", "/api/v1/batches", "kiosk", HubFixture::batch(1, 1, 0, 0, "hall-02-k1")).status == 403);
  CHECK(f.call("POST", "/api/v1/batches", "kiosk", "{\"format\":\"rating-batch/1\"}").status == 400);
}

TEST_CASE("the same batch 100 times counts once, the same identity with other contents is a conflict") {
  HubFixture f;
  const std::string body = HubFixture::batch(1, 5, 2, 1);
  CHECK(f.call("POST", "/api/v1/batches", "kiosk", body).status == 201);
  for (int i = 0; i < 99; ++i) {
    const auto r = f.call("POST", "/api/v1/batches", "kiosk", body);
    REQUIRE(r.status == 200);
    CHECK(json::parse(r.body)["status"] == "duplicate");
  }
  const auto rows = json::parse(f.call("GET", "/api/v1/tallies", "admin").body)["rows"];
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["good"] == 5);
  CHECK(rows[0]["total"] == 8);
  CHECK(rows[0]["filtered"] == 1);
  CHECK(f.call("POST", "/api/v1/batches", "kiosk", HubFixture::batch(1, 6, 2, 1)).status == 409);
  CHECK(json::parse(f.call("GET", "/api/v1/tallies", "admin").body)["rows"][0]["good"] == 5);
}

TEST_CASE("lists: verified, for this deployment, strictly newer per hall, ETag gives 304") {
  HubFixture f;
  CHECK(f.call("GET", "/api/v1/lists/current", "kiosk").status == 404);
  CHECK(f.call("POST", "/api/v1/lists", "admin", f.signedList(3)).status == 201);
  CHECK(f.call("POST", "/api/v1/lists", "admin", f.signedList(3)).status == 409);
  CHECK(f.call("POST", "/api/v1/lists", "admin", f.signedList(2)).status == 409);
  CHECK(f.call("POST", "/api/v1/lists", "admin", f.signedList(1, "hall-02")).status == 201);  // per hall
  const auto other = wire::Ed25519PrivateKey::generate();
  const auto forged = f.call("POST", "/api/v1/lists", "admin", wire::signList(f.listJson(9), "admin-2026", other));
  CHECK(forged.status == 422);
  CHECK(forged.body.find("signature") != std::string::npos);
  CHECK(
      f.call("POST", "/api/v1/lists", "admin", wire::signList(f.listJson(9, "hall-01", "jinan"), "admin-2026", f.admin))
          .status == 422);

  const auto current = f.call("GET", "/api/v1/lists/current", "kiosk");
  REQUIRE(current.status == 200);
  const std::string etag = etagOf(current);
  REQUIRE_FALSE(etag.empty());
  CHECK(f.call("GET", "/api/v1/lists/current", "kiosk", "", etag).status == 304);
  CHECK(f.call("POST", "/api/v1/lists", "admin", f.signedList(4)).status == 201);
  CHECK(f.call("GET", "/api/v1/lists/current", "kiosk", "", etag).status == 200);
}

TEST_CASE("tallies: shares, CSV with BOM, staff limited to their halls, rectification rule") {
  HubFixture f;
  REQUIRE(f.call("POST", "/api/v1/lists", "admin", f.signedList(1)).status == 201);
  REQUIRE(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(1)).status == 201);
  REQUIRE(f.call("POST", "/api/v1/batches", "kiosk", HubFixture::batch(1, 13, 4, 3)).status ==
          201);  // 35% fair-or-worse
  const auto j = json::parse(f.call("GET", "/api/v1/tallies?from=2026-11-01&to=2026-11-30", "staff").body);
  REQUIRE(j["rows"].size() == 1);
  CHECK(j["rows"][0]["satisfaction"].get<double>() == doctest::Approx(0.65));
  CHECK(j["rows"][0]["fair_or_worse"].get<double>() == doctest::Approx(0.35));
  CHECK(j["rows"][0]["holder"] == "王丽");
  CHECK(json::parse(f.call("GET", "/api/v1/tallies?from=2026-12-01", "staff").body)["rows"].empty());
  CHECK(json::parse(f.call("GET", "/api/v1/tallies", "staff2").body)["rows"].empty());

  const auto csv = f.call("GET", "/api/v1/tallies?format=csv", "staff");
  CHECK(csv.contentType.find("text/csv") == 0);
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.body.find("王丽,社保业务一次办好,13,4,3,20,65.0%,35.0%") != std::string::npos);

  const auto rect = json::parse(f.call("GET", "/api/v1/rectifications", "staff").body);
  REQUIRE(rect["rows"].size() == 1);
  CHECK(rect["rows"][0]["deadline"] == "2026-12-21");
  // Below the minimum total nothing is flagged, whatever the share.
  f.now += 1;
  REQUIRE(f.call("POST", "/api/v1/batches", "kiosk", HubFixture::batch(2, 0, 0, 0)).status == 201);
  CHECK(f.call("GET", "/api/v1/tallies?from=yesterday", "staff").status == 400);
  const auto xlsx = f.call("GET", "/api/v1/tallies?format=xlsx", "staff");
  CHECK(xlsx.status == 200);
  CHECK(xlsx.contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(xlsx.body.rfind("PK", 0) == 0);  // a ZIP container; read back with openpyxl in the console browser test
  CHECK(f.call("GET", "/api/v1/tallies?format=pdf", "staff").status == 400);
  CHECK(f.call("GET", "/api/v1/tallies?group=hall", "admin").status == 200);
}

TEST_CASE("heartbeats feed the fleet view, silent kiosks are flagged, bad heartbeats are named") {
  HubFixture f;
  CHECK(f.call("POST", "/api/v1/heartbeat", "kiosk", R"({"app_version":"x"})").status == 400);
  CHECK(f.call("POST", "/api/v1/heartbeat", "kiosk", "not json").status == 400);
  REQUIRE(
      f.call(
           "POST", "/api/v1/heartbeat", "kiosk",
           R"({"app_version":"0.1.0","list_version":3,"queued_batches":2,"disk_free_bytes":5000,"kiosk_time":"2026-11-21T10:02:00+08:00"})")
          .status == 200);
  auto k = json::parse(f.call("GET", "/api/v1/kiosks", "staff").body)["kiosks"];
  REQUIRE(k.size() == 1);
  CHECK(k[0]["silent"] == false);
  CHECK(k[0]["clock_offset_s"] == 120);
  CHECK(k[0]["heartbeat"]["queued_batches"] == 2);
  CHECK(json::parse(f.call("GET", "/api/v1/kiosks", "staff2").body)["kiosks"].empty());
  f.now += 16 * 60;
  CHECK(json::parse(f.call("GET", "/api/v1/kiosks", "admin").body)["kiosks"][0]["silent"] == true);
}

TEST_CASE("one kiosk sending large batches back to back is slowed with 429 + Retry-After, others are not") {
  HubFixture f;
  f.tokens["kiosk2"] = newToken();
  f.store.addToken(tokenHash(f.tokens["kiosk2"]), {Role::Kiosk, "hall-02-k1", {"hall-02"}}, f.now);
  const auto bigBatch = [](std::int64_t seq, const std::string& kiosk) {
    wire::RatingBatch b{kiosk, "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
    for (int i = 0; i < 8'000; ++i)
      b.counts.push_back({"c-" + std::to_string(i), 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 1, 0});
    return wire::encodeBatch(b);
  };
  int accepted = 0;
  Response refused;
  for (int seq = 1; seq <= 10; ++seq) {
    const Response r = f.call("POST", "/api/v1/batches", "kiosk", bigBatch(seq, "hall-01-k1"));
    if (r.status == 201) ++accepted;
    else refused = r;
  }
  CHECK(accepted == 5);  // 40,000 rows a minute by default: five 8,000-row batches, then wait
  CHECK(refused.status == 429);
  CHECK(refused.body.find("hall-01-k1") != std::string::npos);
  const auto retry = std::find_if(refused.headers.begin(), refused.headers.end(),
                                  [](const auto& h) { return h.first == "Retry-After"; });
  REQUIRE(retry != refused.headers.end());
  CHECK(retry->second == "12");  // 8,000 rows at 40,000 a minute
  // Another kiosk is served meanwhile, and the first one is again after its wait.
  CHECK(f.call("POST", "/api/v1/batches", "kiosk2", HubFixture::batch(1, 3, 0, 0, "hall-02-k1")).status == 201);
  f.now += 12;
  CHECK(f.call("POST", "/api/v1/batches", "kiosk", bigBatch(6, "hall-01-k1")).status == 201);
}

TEST_CASE("a kiosk over its budget is refused before its body is parsed, and others are served") {
  HubFixture f;
  const auto bigBatch = [](std::int64_t seq) {
    wire::RatingBatch b{"hall-01-k1", "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
    for (int i = 0; i < 8'000; ++i)
      b.counts.push_back({"c-" + std::to_string(i), 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 1, 0});
    return wire::encodeBatch(b);
  };
  for (int seq = 1; seq <= 5; ++seq) REQUIRE(f.call("POST", "/api/v1/batches", "kiosk", bigBatch(seq)).status == 201);
  // Its rows are spent. A 1 MiB body that is not a batch is parsed once (400) and paid for in rows'
  // worth of its size; sent again, it is a 429 — the hub does not parse it again.
  const std::string junk(1 << 20, '[');
  CHECK(f.call("POST", "/api/v1/batches", "kiosk", junk).status == 400);
  for (int i = 0; i < 20; ++i) {
    const Response refused = f.call("POST", "/api/v1/batches", "kiosk", junk);
    CHECK(refused.status == 429);
    CHECK(refused.body.find("retry in") != std::string::npos);
  }
  // A flood of junk from a kiosk with rows left runs into the limit the same way.
  f.now += 3600;
  int junkParsed = 0;
  for (int i = 0; i < 20; ++i) junkParsed += f.call("POST", "/api/v1/batches", "kiosk", junk).status == 400;
  CHECK(junkParsed == 4);  // 40,000 rows' worth: four 1 MiB bodies, then the bucket is owed
  // Requests: heartbeats (and every other writer-lane request) have a budget of their own.
  f.now += 3600;  // a fresh start for both budgets
  int answered = 0, limited = 0;
  for (int i = 0; i < 300; ++i) {
    const auto status = f.call("POST", "/api/v1/heartbeat", "kiosk", junk).status;
    (status == 429 ? limited : answered)++;
    if (status != 429) CHECK(status == 400);  // parsed, and refused as a heartbeat
  }
  CHECK(answered == 240);  // [limits] kiosk_requests_per_minute, as a burst of a minute's worth
  CHECK(limited == 60);
  // Staff reports and administrators are not kiosks: not limited by a kiosk's budget.
  CHECK(f.call("GET", "/api/v1/tallies", "staff").status == 200);
  f.now += 60;
  CHECK(f.call("POST", "/api/v1/heartbeat", "kiosk", junk).status == 400);  // refilled in a minute
}

TEST_CASE("a kiosk clock a day ahead or years behind is filed by received_at, a late upload is not") {
  HubFixture f;  // now: 2026-11-21T10:00+08:00
  const auto batchAt = [](std::int64_t seq, const std::string& createdAt, const std::string& bucket) {
    wire::RatingBatch b{"hall-01-k1", "epoch-1", seq, createdAt, {}};
    b.counts.push_back({"c-0001", 1, bucket, "good", std::nullopt, 1, 0});
    return wire::encodeBatch(b);
  };
  // Where the votes were filed, read from the store: the API gives one-vote rows as totals only
  // (the privacy floor), and this is about the day, not the privacy.
  const auto countsOn = [&](const std::string& day) {
    const auto rows = f.store.tallies(day, day, std::nullopt, TallyGroup::Commitment);
    return rows.empty() ? TallyRow{} : rows[0];
  };
  const auto goodOn = [&](const std::string& day) { return countsOn(day).good; };
  auto r = f.call("POST", "/api/v1/batches", "kiosk",
                  batchAt(1, "2026-11-22T10:00:00+08:00", "2026-11-22T09:00+08:00"));  // a day ahead
  CHECK(r.status == 201);
  CHECK(json::parse(r.body)["filed_by"] == "received_at");
  r = f.call("POST", "/api/v1/batches", "kiosk",
             batchAt(2, "2023-03-01T10:00:00+08:00", "2023-03-01T09:00+08:00"));  // years behind
  CHECK(json::parse(r.body)["filed_by"] == "received_at");
  r = f.call("POST", "/api/v1/batches", "kiosk",
             batchAt(3, "2026-11-14T18:00:00+08:00", "2026-11-14T17:00+08:00"));  // offline for a week
  CHECK(json::parse(r.body).count("filed_by") == 0);
  CHECK(goodOn("2026-11-21") == 2);  // both wrong clocks land on the day the hub received them
  CHECK(goodOn("2026-11-22") == 0);
  CHECK(goodOn("2023-03-01") == 0);
  CHECK(goodOn("2026-11-14") == 1);  // the late upload keeps its own day
  // Replaying a refiled batch is still a duplicate: identity and hash are of the bytes as sent.
  CHECK(f.call("POST", "/api/v1/batches", "kiosk", batchAt(1, "2026-11-22T10:00:00+08:00", "2026-11-22T09:00+08:00"))
            .status == 200);
  CHECK(goodOn("2026-11-21") == 2);
  // A clock corrected before the batch was frozen: created_at is sane, two buckets are not.
  wire::RatingBatch mixed{"hall-01-k1", "epoch-1", 4, "2026-11-21T09:59:00+08:00", {}};
  mixed.counts.push_back({"c-0001", 1, "2026-11-22T09:00+08:00", "good", std::nullopt, 1, 0});  // tomorrow
  mixed.counts.push_back({"c-0001", 1, "2024-11-21T09:00+08:00", "fair", std::nullopt, 1, 0});  // 2024
  mixed.counts.push_back({"c-0001", 1, "2026-11-20T09:00+08:00", "poor", std::nullopt, 1, 0});  // yesterday
  r = f.call("POST", "/api/v1/batches", "kiosk", wire::encodeBatch(mixed));
  CHECK(r.status == 201);
  CHECK(json::parse(r.body).count("filed_by") == 0);
  CHECK(json::parse(r.body)["refiled_buckets"] == 2);
  CHECK(goodOn("2026-11-21") == 3);
  CHECK(goodOn("2026-11-22") == 0);
  CHECK(countsOn("2026-11-20").poor == 1);  // a normal earlier hour is kept
  CHECK(countsOn("2024-11-21").total() == 0);
  CHECK(countsOn("2026-11-21").fair == 1);  // the 2024 bucket, refiled to the day of receipt
}

TEST_CASE("the fleet view lists enrolled kiosks never heard from, and flags a wrong clock") {
  HubFixture f;
  json k = json::parse(f.call("GET", "/api/v1/kiosks", "staff").body)["kiosks"];
  REQUIRE(k.size() == 1);
  CHECK(k[0]["kiosk_id"] == "hall-01-k1");
  CHECK(k[0]["never_seen"] == true);
  CHECK(k[0]["silent"] == true);
  CHECK(k[0]["last_seen_unix"].is_null());
  CHECK(json::parse(f.call("GET", "/api/v1/kiosks", "staff2").body)["kiosks"].empty());  // another hall's
  REQUIRE(
      f.call(
           "POST", "/api/v1/heartbeat", "kiosk",
           R"({"app_version":"0.1.0","list_version":3,"queued_batches":0,"disk_free_bytes":5000,"kiosk_time":"2026-11-21T13:00:00+08:00"})")
          .status == 200);
  k = json::parse(f.call("GET", "/api/v1/kiosks", "staff").body)["kiosks"];
  REQUIRE(k.size() == 1);
  CHECK(k[0]["never_seen"] == false);
  CHECK(k[0]["clock_offset_s"] == 3 * 3600);
  CHECK(k[0]["clock_suspect"] == true);
}

TEST_CASE("results for residents: only commitments over the public minimum, with a closed case's outcome") {
  HubFixture f;
  // In the window (the last 90 days to 2026-11-21): c-0001 gets 30 votes, c-0002 only 29.
  wire::RatingBatch b{"hall-01-k1", "00000000-0000-4000-8000-000000000001", 1, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"c-0001", 1, "2026-11-20T09:00+08:00", "good", std::nullopt, 24, 0});
  b.counts.push_back({"c-0001", 1, "2026-11-20T09:00+08:00", "poor", std::nullopt, 6, 0});
  b.counts.push_back({"c-0002", 1, "2026-11-20T09:00+08:00", "good", std::nullopt, 29, 0});
  b.counts.push_back({"c-0003", 1, "2026-08-01T09:00+08:00", "good", std::nullopt, 50, 0});  // before the window
  REQUIRE(f.call("POST", "/api/v1/batches", "kiosk", wire::encodeBatch(b)).status == 201);
  // c-0001's case closed with its public outcome, in hall-01 and (another hall's) in hall-02.
  CaseStore cases(f.stores.console());
  ReviewStore reviews(f.stores.console());
  const auto close = [&cases](const std::string& hall, const std::string& outcome) {
    const auto id = cases.open(hall, "c-0001", "2026-10-01", "2026-10-29", "rule", "", 100)->id;
    REQUIRE(cases.take(id, CaseStep::Confirm, CaseActor::Staff, "wang", "", "2026-10-02", "", 110).empty());
    REQUIRE(cases
                .take(id, CaseStep::ReportDone, CaseActor::Staff, "wang", "已落实", "2026-10-09", "", 120, std::nullopt,
                      outcome)
                .empty());
    REQUIRE(cases.take(id, CaseStep::Approve, CaseActor::Reviewer, "zhao", "", "2026-10-10", "", 130).empty());
  };
  close("hall-01", "增设导办员");
  close("hall-02", "other hall");
  f.api.useCaseRecords(cases, reviews);
  const auto res = f.call("GET", "/api/v1/results", "kiosk");
  REQUIRE(res.status == 200);
  const auto doc = json::parse(res.body);
  CHECK(doc["hall"] == "hall-01");
  CHECK(doc["from"] == "2026-08-24");
  CHECK(doc["to"] == "2026-11-21");
  REQUIRE(doc["results"].size() == 1);
  CHECK(doc["results"][0]["id"] == "c-0001");
  CHECK(doc["results"][0]["total"] == 30);
  CHECK(doc["results"][0]["satisfaction"].get<double>() == doctest::Approx(0.8));
  CHECK(doc["results"][0]["outcome"] == "增设导办员");
  // Unchanged: 304 on the ETag; switched off: 404 with the reason.
  std::string etag;
  for (const auto& [k, v] : res.headers)
    if (k == "ETag") etag = v;
  CHECK(f.call("GET", "/api/v1/results", "kiosk", "", etag).status == 304);
  HubFixture off;
  Api quiet{{"zibo-zhangdian", {false}}, off.store, [&off] { return off.now; }};
  const auto refused = quiet.handle({"GET", "/api/v1/results", "Bearer " + off.tokens.at("kiosk"), "", ""});
  CHECK(refused.status == 404);
  CHECK(refused.body.find("switched off") != std::string::npos);
}

TEST_CASE("settings: verified, newer per hall and per kiosk, for an enrolled kiosk of the hall, both in one answer") {
  HubFixture f;
  CHECK(f.call("GET", "/api/v1/settings/current", "kiosk").status == 404);
  CHECK(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(2)).status == 201);
  CHECK(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(2)).status == 409);
  CHECK(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(1)).status == 409);
  // The kiosk's own version counts apart from the hall's.
  f.store.enrolKiosk("hall-01-k1", "hall-01", tokenHash(newToken()), f.now);
  CHECK(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(1, "hall-01-k1")).status == 201);
  // A kiosk that is not enrolled in that hall: refused, not kept for ever unused.
  const auto stray = f.call("POST", "/api/v1/settings", "admin", f.signedSettings(1, "hall-09-k1"));
  CHECK(stray.status == 422);
  CHECK(stray.body.find("not enrolled in hall hall-01") != std::string::npos);
  // Forged, foreign deployment, a key the hub may not carry, garbage: 422 naming why.
  const auto other = wire::Ed25519PrivateKey::generate();
  wire::KioskSettings forged{"zibo-zhangdian", "hall-01", "", 7, {}};
  CHECK(f.call("POST", "/api/v1/settings", "admin",
               wire::signSettings(wire::encodeKioskSettings(forged), "admin-2026", other))
            .body.find("signature") != std::string::npos);
  wire::KioskSettings foreign{"jinan", "hall-01", "", 7, {}};
  CHECK(f.call("POST", "/api/v1/settings", "admin",
               wire::signSettings(wire::encodeKioskSettings(foreign), "admin-2026", f.admin))
            .status == 422);
  const std::string sneaky = R"({"format":"kiosk-settings/1","deployment":"zibo-zhangdian","hall":"hall-01",
    "version":8,"settings":{"sync.hub_url":"https://evil:8443"}})";
  const auto refused = f.call("POST", "/api/v1/settings", "admin", wire::signSettings(sneaky, "admin-2026", f.admin));
  CHECK(refused.status == 422);
  CHECK(refused.body.find("sync.hub_url") != std::string::npos);
  CHECK(f.call("POST", "/api/v1/settings", "admin", "{").status == 422);

  const auto current = f.call("GET", "/api/v1/settings/current", "kiosk");
  REQUIRE(current.status == 200);
  const wire::CurrentSettings both = wire::parseCurrentSettings(current.body);
  CHECK(wire::settingsInEnvelope(both.hall).version == 2);
  CHECK(wire::settingsInEnvelope(both.kiosk).kiosk == "hall-01-k1");
  const std::string etag = etagOf(current);
  REQUIRE_FALSE(etag.empty());
  CHECK(f.call("GET", "/api/v1/settings/current", "kiosk", "", etag).status == 304);
  CHECK(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(3)).status == 201);
  CHECK(f.call("GET", "/api/v1/settings/current", "kiosk", "", etag).status == 200);
  // Another hall's settings never reach this kiosk.
  CHECK(f.call("POST", "/api/v1/settings", "admin", f.signedSettings(9, "", "hall-02")).status == 201);
  CHECK(
      wire::settingsInEnvelope(wire::parseCurrentSettings(f.call("GET", "/api/v1/settings/current", "kiosk").body).hall)
          .hall == "hall-01");
}

TEST_CASE("commands ride on heartbeat answers until acknowledged or expired, and only to their kiosk") {
  HubFixture f;
  f.store.enrolKiosk("hall-01-k1", "hall-01", tokenHash(newToken()), f.now);
  const std::string hb = R"({"app_version":"1","list_version":1,"queued_batches":0,"disk_free_bytes":1})";
  const auto commandsIn = [&](const Response& r) {
    REQUIRE(r.status == 200);
    return wire::parseHeartbeatAnswer(r.body).commands;
  };
  CHECK(commandsIn(f.call("POST", "/api/v1/heartbeat", "kiosk", hb)).empty());
  CHECK(f.call("POST", "/api/v1/kiosks/command", "admin", R"({"kiosk_id":"hall-09-k1","kind":"sync"})").status == 404);
  CHECK(f.call("POST", "/api/v1/kiosks/command", "admin", R"({"kiosk_id":"hall-01-k1","kind":"reboot"})").status ==
        400);
  const auto queued =
      f.call("POST", "/api/v1/kiosks/command", "admin", R"({"kiosk_id":"hall-01-k1","kind":"restart"})");
  REQUIRE(queued.status == 201);
  const std::string id = json::parse(queued.body)["id"];
  auto handed = commandsIn(f.call("POST", "/api/v1/heartbeat", "kiosk", hb));
  REQUIRE(handed.size() == 1);
  CHECK(handed[0].id == id);
  CHECK(handed[0].kind == wire::CommandKind::Restart);
  CHECK(handed[0].expiresUnix == f.now + wire::kCommandLifetimeSeconds);
  // Not acknowledged (the answer was lost, or the kiosk restarted first): handed over again.
  CHECK(commandsIn(f.call("POST", "/api/v1/heartbeat", "kiosk", hb)).size() == 1);
  // An acknowledgement closes it.
  wire::Heartbeat withAck{"1", 1, 0, 0, 0, "", 1, ""};
  withAck.acks = {{id, "done"}};
  CHECK(commandsIn(f.call("POST", "/api/v1/heartbeat", "kiosk", wire::encodeHeartbeat(withAck))).empty());
  // Expired commands are not handed over.
  REQUIRE(f.call("POST", "/api/v1/kiosks/command", "admin", R"({"kiosk_id":"hall-01-k1","kind":"sync"})").status ==
          201);
  f.now += wire::kCommandLifetimeSeconds + 1;
  CHECK(commandsIn(f.call("POST", "/api/v1/heartbeat", "kiosk", hb)).empty());
  // The fleet view keeps the heartbeat, not the acknowledgements.
  CHECK(f.call("GET", "/api/v1/kiosks", "admin").body.find("acks") == std::string::npos);
}

TEST_CASE("heartbeats' touches and open time are summed per local day, for the quiet-panel flag") {
  HubFixture f;
  const auto beat = [&](std::int64_t touches, std::int64_t open) {
    wire::Heartbeat hb{"1", 1, 0, 0, 0, "", 1, ""};
    hb.touches = touches;
    hb.openSeconds = open;
    REQUIRE(f.call("POST", "/api/v1/heartbeat", "kiosk", wire::encodeHeartbeat(hb)).status == 200);
  };
  beat(0, 1800);
  beat(3, 1800);
  beat(0, 0);                                                  // closed and untouched: nothing to add
  const std::string today = common::isoDay(f.now + 8 * 3600);  // the halls' default UTC+8
  auto days = hub::kiosk_days::since(f.store.database(), today);
  REQUIRE(days["hall-01-k1"].size() == 1);
  CHECK(days["hall-01-k1"][0].day == today);
  CHECK(days["hall-01-k1"][0].touches == 3);
  CHECK(days["hall-01-k1"][0].openSeconds == 3600);
  // The next local day starts a new sum; two weeks later the old days are gone.
  f.now += 86400;
  beat(0, 7200);
  CHECK(hub::kiosk_days::since(f.store.database(), today)["hall-01-k1"].size() == 2);
  // Another kiosk's old days go too: the first heartbeat of a day trims them all, in one statement.
  hub::kiosk_days::add(f.store.database(), "hall-02-k1", today, 4, 600);
  f.now += 15 * 86400;
  beat(1, 60);
  days = hub::kiosk_days::since(f.store.database(), "2000-01-01");
  CHECK(days["hall-01-k1"].size() == 1);
  CHECK(days.count("hall-02-k1") == 0);
  // Later heartbeats that day only add.
  beat(2, 60);
  days = hub::kiosk_days::since(f.store.database(), "2000-01-01");
  REQUIRE(days["hall-01-k1"].size() == 1);
  CHECK(days["hall-01-k1"][0].touches == 3);
  CHECK(days["hall-01-k1"][0].openSeconds == 120);
}

TEST_CASE("a kiosk's screenshot is taken only for a 截屏 asked of it, once, and only while it is open") {
  HubFixture f;
  f.store.enrolKiosk("hall-01-k1", "hall-01", tokenHash(newToken()), f.now);
  const auto ask = [&](const char* kind) {
    const auto r = f.call("POST", "/api/v1/kiosks/command", "admin",
                          std::string(R"({"kiosk_id":"hall-01-k1","kind":")") + kind + "\"}");
    REQUIRE(r.status == 201);
    return json::parse(r.body)["id"].get<std::string>();
  };
  const std::string png = test_png::flat(96, 54);
  const auto post = [&](const std::string& id, const std::string& shot) {
    return f.call("POST", "/api/v1/kiosks/screenshot", "kiosk",
                  wire::encodeScreenshotUpload({id, "attract", 96, 54, shot}));
  };
  const std::string restart = ask("restart"), shot = ask("screenshot");
  CHECK(post(restart, png).status == 409);  // a restart asks for no picture
  const auto bad = post(shot, "not a png at all, but long enough to have a header");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("screenshot.png: not a PNG image") != std::string::npos);
  CHECK(post(shot, png).status == 201);
  CHECK(post(shot, png).status == 200);  // the answer was lost and the kiosk sent it again: kept once
  CHECK(hub::screenshot_store::recent(f.store.database()).size() == 1);
  wire::Heartbeat withAck{"1", 1, 0, 0, 0, "", 1, ""};
  withAck.acks = {{shot, "done"}};
  REQUIRE(f.call("POST", "/api/v1/heartbeat", "kiosk", wire::encodeHeartbeat(withAck)).status == 200);
  CHECK(post(shot, png).status == 409);  // answered: no more pictures for it
  const std::string late = ask("screenshot");
  f.now += wire::kCommandLifetimeSeconds + 61;
  CHECK(post(late, png).status == 409);  // expired
  CHECK(hub::screenshot_store::recent(f.store.database()).size() == 1);
}

TEST_CASE("a software update: manifest then package from an administrator, to kiosks whose ring is due, in ranges") {
  HubFixture f;
  f.store.enrolKiosk("hall-01-k1", "hall-01", tokenHash(newToken()), f.now);
  f.store.enrolKiosk("hall-02-k1", "hall-02", tokenHash(newToken()), f.now);
  const json pilotFirst = {{{"name", "试点"}, {"kiosks", {"hall-02-k1"}}}, {{"name", "全区"}, {"halls", {"*"}}}};
  // Nothing published: nothing offered.
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);
  CHECK(f.call("POST", "/api/v1/updates/package", "admin", kPackage).status == 409);  // no manifest to check it by
  // Forged, for another deployment, then the real one; an older one after it is refused.
  const auto stranger = wire::Ed25519PrivateKey::generate();
  const auto payload = wire::updateManifestInEnvelope(f.signedUpdate(5, kPackage, pilotFirst));
  CHECK(f.call("POST", "/api/v1/updates", "admin",
               wire::signUpdateManifest(wire::encodeUpdateManifest(payload), "admin-2026", stranger))
            .status == 422);
  auto elsewhere = payload;
  elsewhere.deployment = "other-district";
  const auto away = f.call("POST", "/api/v1/updates", "admin",
                           wire::signUpdateManifest(wire::encodeUpdateManifest(elsewhere), "admin-2026", f.admin));
  CHECK(away.status == 422);
  CHECK(away.body.find("deployment other-district") != std::string::npos);
  REQUIRE(f.call("POST", "/api/v1/updates", "admin", f.signedUpdate(5, kPackage, pilotFirst)).status == 201);
  CHECK(f.call("POST", "/api/v1/updates", "admin", f.signedUpdate(4, kPackage, pilotFirst)).status == 409);
  // The manifest alone offers nothing: the package must be here first, and be the one it signs.
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);
  const auto shortBy = f.call("POST", "/api/v1/updates/package", "admin", kPackage.substr(1));
  CHECK(shortBy.status == 422);
  CHECK(shortBy.body.find("699999 bytes") != std::string::npos);
  std::string altered = kPackage;
  altered[1000] ^= 1;
  CHECK(f.call("POST", "/api/v1/updates/package", "admin", altered).body.find("SHA-256") != std::string::npos);
  REQUIRE(f.call("POST", "/api/v1/updates/package", "admin", kPackage).status == 201);
  // hall-01-k1 is in the second ring: nothing is due for it while the pilot has not come back on it.
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);
  const std::string package = "/api/v1/updates/package/" + wire::sha256Hex(kPackage);
  CHECK(f.call("GET", package, "kiosk").status == 403);
  // The pilot runs 0.2.0 now (its heartbeat says so): the next ring is due.
  f.store.heartbeat("hall-02-k1", "hall-02",
                    R"({"app_version":"0.2.0","list_version":1,"queued_batches":0,"disk_free_bytes":1})", f.now, 0);
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);  // worked out again at most every 30 s
  f.now += 30;
  const auto current = f.call("GET", "/api/v1/updates/current", "kiosk");
  REQUIRE(current.status == 200);  // the signed manifest itself, as published
  CHECK(wire::updateManifestInEnvelope(current.body).id == 5);
  // The download, in two parts as a resumed one would be.
  Request first{"GET", package, "Bearer " + f.tokens.at("kiosk"), "", ""};
  first.range = "bytes=0-299999";
  const auto part = f.api.handle(first);
  REQUIRE(part.status == 206);
  CHECK(part.body == kPackage.substr(0, 300'000));
  Request rest = first;
  rest.range = "bytes=300000-";
  const auto tail = f.api.handle(rest);
  REQUIRE(tail.status == 206);
  CHECK(tail.body == kPackage.substr(300'000));
  bool rangeNamed = false;
  for (const auto& [k, v] : tail.headers)
    rangeNamed = rangeNamed || (k == "Content-Range" && v == "bytes 300000-699999/700000");
  CHECK(rangeNamed);
  rest.range = "bytes=700000-";
  CHECK(f.api.handle(rest).status == 416);
  CHECK(f.call("GET", package, "kiosk").body == kPackage);  // no Range: the whole
  CHECK(f.call("GET", "/api/v1/updates/package/" + std::string(64, '0'), "kiosk").status == 404);
  CHECK(f.call("GET", "/api/v1/updates/package/", "kiosk").status == 404);
  // Paused: nothing is due any more.
  REQUIRE(hub::update_store::latest(f.store.database(), "zibo-zhangdian"));
  hub::update_store::setControl(f.store.database(), "zibo-zhangdian", 5, {true, 0});
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);
  CHECK(f.call("GET", package, "kiosk").status == 403);
}

TEST_CASE("a software update as one multipart publication: manifest and package together, or neither") {
  HubFixture f;
  const auto form = [](const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
    std::string body;
    for (const auto& [name, file, content] : parts) {
      body += "--b0undary\r\nContent-Disposition: form-data; name=\"" + name + "\"";
      if (!file.empty()) body += "; filename=\"" + file + "\"";
      body += "\r\n\r\n" + content + "\r\n";
    }
    return body + "--b0undary--\r\n";
  };
  const auto publish = [&](const std::string& body) {
    Request r{"POST", "/api/v1/updates", "Bearer " + f.tokens.at("admin"), "", body};
    r.contentType = "multipart/form-data; boundary=b0undary";
    return f.api.handle(r);
  };
  const std::string manifest = f.signedUpdate(7, kPackage);
  std::string altered = kPackage;
  altered[5] ^= 1;
  // Each refused with what is wrong, and nothing published by any of them.
  const auto noPackage = publish(form({{"manifest", "manifest.json", manifest}}));
  CHECK(noPackage.status == 400);
  CHECK(noPackage.body.find("package") != std::string::npos);
  CHECK(publish(form({{"package", "k.deb", kPackage}})).body.find("manifest") != std::string::npos);
  CHECK(publish(form({{"manifest", "manifest.json", manifest}, {"package", "k.deb", altered}})).status == 422);
  CHECK(publish("--b0undary\r\nbroken").status == 400);
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);
  CHECK_FALSE(hub::update_store::latest(f.store.database(), "zibo-zhangdian"));
  // Together: published and offered at once (every hall is in the one ring).
  const auto done = publish(form({{"manifest", "", manifest}, {"package", "k.deb", kPackage}}));
  REQUIRE(done.status == 201);
  CHECK(json::parse(done.body)["package_stored"] == true);
  const auto current = f.call("GET", "/api/v1/updates/current", "kiosk");
  REQUIRE(current.status == 200);
  CHECK(current.body == manifest);
  CHECK(f.call("GET", "/api/v1/updates/package/" + wire::sha256Hex(kPackage), "kiosk").body == kPackage);
}

TEST_CASE("the rollout's control: pause, resume, advance — about the published manifest only, bad input named") {
  HubFixture f;
  f.store.enrolKiosk("hall-01-k1", "hall-01", tokenHash(newToken()), f.now);
  f.store.enrolKiosk("hall-02-k1", "hall-02", tokenHash(newToken()), f.now);
  const json rings = {{{"name", "试点"}, {"kiosks", {"hall-02-k1"}}}, {{"name", "全区"}, {"halls", {"*"}}}};
  const auto control = [&](const json& body) {
    return f.call("POST", "/api/v1/updates/rollout", "admin", body.dump());
  };
  CHECK(control({{"id", 1}, {"action", "pause"}}).status == 404);  // nothing published
  REQUIRE(f.call("POST", "/api/v1/updates", "admin", f.signedUpdate(3, kPackage, rings)).status == 201);
  REQUIRE(f.call("POST", "/api/v1/updates/package", "admin", kPackage).status == 201);
  CHECK(control({{"id", 2}, {"action", "pause"}}).status == 409);  // not the published one
  CHECK(control({{"id", 3}, {"action", "explode"}}).body.find("action") != std::string::npos);
  CHECK(control({{"action", "pause"}}).body.find("id") != std::string::npos);
  CHECK(f.call("POST", "/api/v1/updates/rollout", "admin", "not json").status == 400);
  // hall-01-k1 waits for the pilot; an administrator starts its ring anyway.
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);
  CHECK(control({{"id", 3}, {"action", "advance"}, {"ring", "2"}}).status == 409);  // not the next ring
  const auto advanced = control({{"id", 3}, {"action", "advance"}, {"ring", "1"}});
  REQUIRE(advanced.status == 200);
  CHECK(json::parse(advanced.body)["ring"] == "全区");
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 200);  // a new control counts at once
  CHECK(control({{"id", 3}, {"action", "advance"}}).status == 409);        // every ring is due: nothing to start
  // Paused: nothing is offered, and nothing can be advanced; resumed, offered again.
  REQUIRE(control({{"id", 3}, {"action", "pause"}}).status == 200);
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 404);
  REQUIRE(control({{"id", 3}, {"action", "resume"}}).status == 200);
  CHECK(f.call("GET", "/api/v1/updates/current", "kiosk").status == 200);
}

TEST_CASE("a heartbeat's update report is kept and counted in its ring, and a malformed one is refused, naming it") {
  HubFixture f;
  f.store.enrolKiosk("hall-01-k1", "hall-01", tokenHash(newToken()), f.now);
  const std::string hb = R"({"app_version":"0.1.0","list_version":1,"queued_batches":0,"disk_free_bytes":1,"update":)";
  const auto bad = f.call("POST", "/api/v1/heartbeat", "kiosk", hb + R"({"version":"0.2.0","state":"exploded"}})");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("update.state") != std::string::npos);
  REQUIRE(f.call("POST", "/api/v1/heartbeat", "kiosk",
                 hb + R"({"version":"0.2.0","state":"rolled_back","reason":"dpkg could not install it"}})")
              .status == 200);
  const auto fleet = hub::update_store::fleetReports(f.store.database());
  REQUIRE(fleet.size() == 1);
  REQUIRE(fleet[0].updater);
  CHECK(fleet[0].updater->state == wire::UpdateState::RolledBack);
  CHECK(fleet[0].updater->reason == "dpkg could not install it");
  CHECK(fleet[0].runningVersion == "0.1.0");
}
