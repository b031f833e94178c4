// Enrolment and signed batches, through the hub API without sockets: an administrator enrols,
// moves and revokes kiosks; a kiosk registers its key with its token; once a key is registered only
// batches it signed count — forged, altered, missing or garbled signatures are 422 with the tallies
// unchanged, for the kiosk's own token and an administrator's import alike.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "hub/api/api.hpp"
#include "hub/store/tally_queries.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"
#include "wire/enrolment.hpp"
#include "wire/rating_batch.hpp"

using namespace hub;
using nlohmann::json;

namespace {

struct Fleet {
  testing::TempDir dir;
  testing::StoreUnderTest stores{dir.path()};  // SQLite, or PostgreSQL in the postgresql/ runs
  HubStore store{stores.hub()};
  std::int64_t now = 1'795'226'400;  // 2026-11-21T10:00+08:00
  Api api{{"zibo-zhangdian"}, store, [this] { return now; }};
  std::string admin = newToken();
  wire::Ed25519PrivateKey listKey = wire::Ed25519PrivateKey::generate();

  Fleet() {
    store.addToken(tokenHash(admin), {Role::Admin, "", {}}, now);
    store.addAdminKey("admin-2026", listKey.publicKey().toPem(), now);
  }

  Response call(const std::string& target, const std::string& token, const std::string& body,
                const std::string& signature = "") {
    Request r{"POST", target, "Bearer " + token, "", body};
    r.kioskSignature = signature;
    return api.handle(r);
  }
  wire::Enrolment enrol(const std::string& kioskId, const std::string& hall, const std::string& publicKey = "") {
    const Response r = call("/api/v1/kiosks", admin, wire::encodeKioskRef({kioskId, hall, publicKey}));
    REQUIRE(r.status == 201);
    return wire::parseEnrolment(r.body);
  }
  static std::string batch(const std::string& kioskId, std::int64_t seq, std::int64_t good) {
    wire::RatingBatch b{kioskId, "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
    b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, good, 0});
    return wire::encodeBatch(b);
  }
  static std::string sign(const wire::Ed25519PrivateKey& key, const std::string& body) {
    return wire::base64Encode(key.sign(body));
  }
  std::int64_t total(const std::string& hall) {
    std::int64_t n = 0;
    for (const auto& row : store.tallies("2026-01-01", "2026-12-31", std::vector<std::string>{hall}, TallyGroup::Hall))
      n += row.total();
    return n;
  }
  std::string stored(const std::string& column, const std::string& kioskId, std::int64_t seq) {
    common::sql::Statement st(store.database(),
                              "SELECT COALESCE(" + column + ", '') FROM batch WHERE kiosk_id = ?1 AND seq = ?2");
    st.bind(1, kioskId).bind(2, seq);
    REQUIRE(st.step());
    return st.columnText(0);
  }
};

}  // namespace

TEST_CASE("enrolment: a token for the kiosk's hall, once, with the trusted keys and ids checked") {
  Fleet f;
  const auto e = f.enrol("hall-01-k7", "hall-01");
  CHECK(e.deployment == "zibo-zhangdian");
  CHECK(e.trustedKeys.at("admin-2026") == f.listKey.publicKey().toPem());
  const auto p = f.store.principalFor(tokenHash(e.token));
  REQUIRE(p);
  CHECK(p->role == Role::Kiosk);
  CHECK(p->kioskId == "hall-01-k7");
  CHECK(p->halls == std::vector<std::string>{"hall-01"});

  const Response again = f.call("/api/v1/kiosks", f.admin, wire::encodeKioskRef({"hall-01-k7", "hall-02"}));
  CHECK(again.status == 409);
  CHECK(again.body.find("revoke it first") != std::string::npos);
  CHECK(f.store.principalFor(tokenHash(e.token))->halls == std::vector<std::string>{"hall-01"});

  struct Bad {
    std::string body, names;
  };
  for (const Bad& bad : std::vector<Bad>{{R"({"hall":"hall-01"})", "kiosk_id"},
                                         {R"({"kiosk_id":"k 1","hall":"hall-01"})", "kiosk_id"},
                                         {R"({"kiosk_id":"k1"})", "hall"},
                                         {R"({"kiosk_id":"k1","hall":"hall/01"})", "hall"},
                                         {R"({"kiosk_id":"k1","hall":"h","public_key":"not a key"})", "public_key"},
                                         {R"(["k1"])", "object"},
                                         {"{", "JSON"}}) {
    CAPTURE(bad.body);
    const Response r = f.call("/api/v1/kiosks", f.admin, bad.body);
    CHECK(r.status == 400);
    CHECK(r.body.find(bad.names) != std::string::npos);
  }
  CHECK(f.store.enrolledKiosks().size() == 1);
}

TEST_CASE("enrolment needs a trusted administrator key, or the kiosk could accept no list") {
  testing::TempDir dir;
  HubStore store{testing::StoreUnderTest(dir.path()).hub()};
  Api api{{"zibo-zhangdian"}, store, [] { return std::int64_t{1'795'226'400}; }};
  const std::string admin = newToken();
  store.addToken(tokenHash(admin), {Role::Admin, "", {}}, 0);
  const Response r = api.handle({"POST", "/api/v1/kiosks", "Bearer " + admin, "", R"({"kiosk_id":"k1","hall":"h1"})"});
  CHECK(r.status == 409);
  CHECK(r.body.find("kiosk-hub key add") != std::string::npos);
  CHECK(store.enrolledKiosks().empty());
}

TEST_CASE("a kiosk registers its key once, the same key again is fine, another is refused") {
  Fleet f;
  const auto e = f.enrol("hall-01-k1", "hall-01");
  const auto key = wire::Ed25519PrivateKey::generate();
  CHECK(f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(key.publicKey().toPem())).status == 201);
  CHECK(f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(key.publicKey().toPem())).status == 200);
  const auto other = wire::Ed25519PrivateKey::generate();
  const Response r = f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(other.publicKey().toPem()));
  CHECK(r.status == 409);
  CHECK(r.body.find("enrol it again") != std::string::npos);
  CHECK(f.store.kioskKey("hall-01-k1") == key.publicKey().toPem());
  CHECK(f.call("/api/v1/kiosk-key", e.token,
               R"({"public_key":"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"})")
            .status == 400);
  CHECK(f.call("/api/v1/kiosk-key", e.token, "{}").status == 400);
  CHECK(f.call("/api/v1/kiosk-key", f.admin, wire::encodeKioskKey(key.publicKey().toPem())).status == 403);
  // The same key with CRLF line ends or trailing white space is the same key, not a conflict that
  // would stop the kiosk; the key followed by a second key or garbage is refused, nothing stored.
  std::string crlf;
  for (char c : key.publicKey().toPem()) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CHECK(f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(crlf + "\r\n")).status == 200);
  const auto two =
      f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(key.publicKey().toPem() + other.publicKey().toPem()));
  CHECK(two.status == 400);
  CHECK(two.body.find("more than one key") != std::string::npos);
  CHECK(f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(key.publicKey().toPem() + "trailing")).status == 400);
  CHECK(f.store.kioskKey("hall-01-k1") == key.publicKey().toPem());
}

TEST_CASE("a key registered in another spelling before keys were made canonical still matches") {
  Fleet f;
  const auto e = f.enrol("hall-01-k1", "hall-01");
  const auto key = wire::Ed25519PrivateKey::generate();
  std::string crlf;
  for (char c : key.publicKey().toPem()) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  REQUIRE(f.store.registerKioskKey("hall-01-k1", crlf, 0) == hub::KeyRegistration::Registered);
  CHECK(f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(key.publicKey().toPem())).status == 200);
}

TEST_CASE(
    "once a kiosk's key is registered, missing, forged, altered or garbled signatures are 422, counts unchanged") {
  Fleet f;
  const auto e = f.enrol("hall-01-k1", "hall-01");
  const auto key = wire::Ed25519PrivateKey::generate();
  // Before it has a key (a kiosk from before signed batches): unsigned batches still count.
  CHECK(f.call("/api/v1/batches", e.token, Fleet::batch("hall-01-k1", 1, 5)).status == 201);
  REQUIRE(f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(key.publicKey().toPem())).status == 201);
  CHECK(f.total("hall-01") == 5);

  const std::string body = Fleet::batch("hall-01-k1", 2, 7);
  const std::string altered = Fleet::batch("hall-01-k1", 2, 70);
  const auto forger = wire::Ed25519PrivateKey::generate();
  struct Case {
    std::string what, body, signature;
  };
  for (const Case& c : std::vector<Case>{{"missing", body, ""},
                                         {"forged with another key", body, Fleet::sign(forger, body)},
                                         {"of other bytes", altered, Fleet::sign(key, body)},
                                         {"not base64", body, "***"},
                                         {"truncated", body, Fleet::sign(key, body).substr(0, 40)}}) {
    CAPTURE(c.what);
    const Response r = f.call("/api/v1/batches", e.token, c.body, c.signature);
    CHECK(r.status == 422);
    CHECK(r.body.find("hall-01-k1") != std::string::npos);
  }
  CHECK(f.total("hall-01") == 5);
  const std::string good = Fleet::sign(key, body);
  CHECK(f.call("/api/v1/batches", e.token, body, good).status == 201);
  CHECK(f.call("/api/v1/batches", e.token, body, good).status == 200);
  CHECK(f.total("hall-01") == 12);
  CHECK(f.stored("signature", "hall-01-k1", 2) == good);
  CHECK(f.stored("imported_by", "hall-01-k1", 2).empty());
}

TEST_CASE("an administrator imports only what the kiosk signed, for enrolled kiosks, recorded as theirs") {
  Fleet f;
  const auto key = wire::Ed25519PrivateKey::generate();
  f.enrol("hall-02-k3", "hall-02", key.publicKey().toPem());  // key from the kiosk's USB export
  const std::string body = Fleet::batch("hall-02-k3", 1, 9);

  CHECK(f.call("/api/v1/batches", f.admin, body).status == 422);
  CHECK(f.call("/api/v1/batches", f.admin, body, Fleet::sign(wire::Ed25519PrivateKey::generate(), body)).status == 422);
  CHECK(f.total("hall-02") == 0);
  CHECK(f.call("/api/v1/batches", f.admin, body, Fleet::sign(key, body)).status == 201);
  CHECK(f.call("/api/v1/batches", f.admin, body, Fleet::sign(key, body)).status == 200);
  CHECK(f.total("hall-02") == 9);
  CHECK(f.stored("imported_by", "hall-02-k3", 1) == "token:" + tokenHash(f.admin).substr(0, 12));

  // Not enrolled: 403. Enrolled without a registered key: nothing to verify against, 422.
  CHECK(f.call("/api/v1/batches", f.admin, Fleet::batch("hall-09-k1", 1, 1)).status == 403);
  f.enrol("hall-02-k4", "hall-02");
  const Response unverifiable = f.call("/api/v1/batches", f.admin, Fleet::batch("hall-02-k4", 1, 1));
  CHECK(unverifiable.status == 422);
  CHECK(unverifiable.body.find("kiosk-key.pub.pem") != std::string::npos);
  CHECK(f.total("hall-02") == 9);

  // The console acts for a signed-in administrator the same way, named as the user.
  Request r{"POST", "/api/v1/batches", "", "", Fleet::batch("hall-02-k3", 2, 4)};
  r.kioskSignature = Fleet::sign(key, r.body);
  CHECK(f.api.actAs({Role::Admin, "", {}, "user:zhao"}, r).status == 201);
  CHECK(f.stored("imported_by", "hall-02-k3", 2) == "user:zhao");
  CHECK(f.api.actAs({Role::Staff, "", {"hall-02"}, "user:li"}, r).status == 403);
}

TEST_CASE("an administrator's import of a month of large batches is not throttled by the kiosk's row limit") {
  Fleet f;
  const auto key = wire::Ed25519PrivateKey::generate();
  f.enrol("hall-02-k3", "hall-02", key.publicKey().toPem());
  std::int64_t expected = 0;
  for (std::int64_t seq = 1; seq <= 20; ++seq) {  // 160,000 rows, four times a kiosk's minute
    wire::RatingBatch b{"hall-02-k3", "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
    for (int i = 0; i < 8'000; ++i)
      b.counts.push_back({"c-" + std::to_string(i), 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 1, 0});
    const std::string body = wire::encodeBatch(b);
    REQUIRE(f.call("/api/v1/batches", f.admin, body, Fleet::sign(key, body)).status == 201);
    expected += 8'000;
  }
  CHECK(f.total("hall-02") == expected);
}

TEST_CASE("moving a kiosk files its next batches in the new hall, and revoking it answers 401 and frees its id") {
  Fleet f;
  const auto e = f.enrol("hall-01-k1", "hall-01");
  const auto key = wire::Ed25519PrivateKey::generate();
  REQUIRE(f.call("/api/v1/kiosk-key", e.token, wire::encodeKioskKey(key.publicKey().toPem())).status == 201);
  const std::string first = Fleet::batch("hall-01-k1", 1, 3);
  REQUIRE(f.call("/api/v1/batches", e.token, first, Fleet::sign(key, first)).status == 201);

  CHECK(f.call("/api/v1/kiosks/move", f.admin, wire::encodeKioskRef({"hall-01-k1", "hall-02"})).status == 200);
  CHECK(f.call("/api/v1/kiosks/move", f.admin, wire::encodeKioskRef({"nobody", "hall-02"})).status == 404);
  CHECK(f.call("/api/v1/kiosks/move", f.admin, R"({"kiosk_id":"hall-01-k1"})").status == 400);
  const std::string second = Fleet::batch("hall-01-k1", 2, 4);
  REQUIRE(f.call("/api/v1/batches", e.token, second, Fleet::sign(key, second)).status == 201);
  CHECK(f.total("hall-01") == 3);  // counted where the kiosk stood
  CHECK(f.total("hall-02") == 4);

  CHECK(f.call("/api/v1/kiosks/revoke", f.admin, R"({"kiosk_id":"hall-01-k1"})").status == 200);
  CHECK(f.call("/api/v1/kiosks/revoke", f.admin, R"({"kiosk_id":"hall-01-k1"})").status == 404);
  const std::string third = Fleet::batch("hall-01-k1", 3, 1);
  CHECK(f.call("/api/v1/batches", e.token, third, Fleet::sign(key, third)).status == 401);
  CHECK(f.call("/api/v1/batches", f.admin, third, Fleet::sign(key, third)).status == 403);
  CHECK_FALSE(f.store.kioskKey("hall-01-k1"));

  // A replacement machine takes the id with a key of its own.
  const auto again = f.enrol("hall-01-k1", "hall-02");
  const auto newKey = wire::Ed25519PrivateKey::generate();
  CHECK(f.call("/api/v1/kiosk-key", again.token, wire::encodeKioskKey(newKey.publicKey().toPem())).status == 201);
}
