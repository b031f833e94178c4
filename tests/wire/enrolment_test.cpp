// The enrolment formats: what an administrator sends, what the hub answers, the kiosk's key, and
// the bundle's files — every bad field named, the token file secret, the [sync] section one the
// kiosk's own config reader accepts (checked in tests/config).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>

#include "wire/crypto.hpp"
#include "wire/enrolment.hpp"
#include "wire/enrolment_bundle.hpp"

namespace {

wire::Enrolment sample() {
  const auto key = wire::Ed25519PrivateKey::generate();
  return {"hall-01-k7", "hall-01", "zibo-zhangdian", "kh_abc", {{"admin-2026", key.publicKey().toPem()}}};
}

}  // namespace

TEST_CASE("an enrolment answer round-trips and every bad field is named") {
  const auto e = sample();
  const auto back = wire::parseEnrolment(wire::encodeEnrolment(e));
  CHECK(back.kioskId == e.kioskId);
  CHECK(back.hall == e.hall);
  CHECK(back.deployment == e.deployment);
  CHECK(back.token == e.token);
  CHECK(back.trustedKeys == e.trustedKeys);

  struct Bad {
    std::string json, names;
  };
  const std::string pem = e.trustedKeys.begin()->second;
  const auto with = [&](const std::string& field, const std::string& value) {
    auto doc = nlohmann::json::parse(wire::encodeEnrolment(e));
    doc[field] = nlohmann::json::parse(value);
    return doc.dump();
  };
  for (const Bad& bad : std::vector<Bad>{{with("kiosk_id", "\"a b\""), "kiosk_id"},
                                         {with("hall", "7"), "hall"},
                                         {with("token", "\"\""), "token"},
                                         {with("token", "\"" + std::string(300, 'x') + "\""), "token"},
                                         {with("trusted_keys", "{}"), "trusted_keys"},
                                         {with("trusted_keys", R"({"k":"not a pem"})"), "trusted_keys.k"},
                                         {with("trusted_keys", R"({"k k":"x"})"), "trusted_keys"},
                                         {"[]", "object"},
                                         {"{\"kiosk_id\":", "JSON"}}) {
    CAPTURE(bad.json);
    try {
      wire::parseEnrolment(bad.json);
      FAIL("accepted");
    } catch (const wire::EnrolmentError& err) {
      CHECK(std::string(err.what()).find(bad.names) != std::string::npos);
    }
  }
}

TEST_CASE("a kiosk request: ids checked, hall optional only where asked, the public key must be Ed25519") {
  const auto ref = wire::parseKioskRef(R"({"kiosk_id":"k-1","hall":"h_1"})", true);
  CHECK(ref.kioskId == "k-1");
  CHECK(ref.hall == "h_1");
  CHECK(wire::parseKioskRef(R"({"kiosk_id":"k-1"})", false).hall.empty());
  CHECK_THROWS_WITH_AS(wire::parseKioskRef(R"({"kiosk_id":"k-1"})", true), "hall: required", wire::EnrolmentError);
  CHECK_THROWS_AS(wire::parseKioskRef(R"({"kiosk_id":"k-1","hall":""})", true), wire::EnrolmentError);
  const auto pem = wire::Ed25519PrivateKey::generate().publicKey().toPem();
  CHECK(wire::parseKioskRef(wire::encodeKioskRef({"k", "h", pem}), true).publicKey == pem);
  CHECK(wire::parseKioskKey(wire::encodeKioskKey(pem)) == pem);
  // An RSA or EC key, or a private key, is not what kiosks sign with.
  CHECK_THROWS_AS(wire::parseKioskKey(wire::encodeKioskKey(wire::Ed25519PrivateKey::generate().toPem())),
                  wire::EnrolmentError);
  CHECK_THROWS_AS(wire::parseKioskKey(R"({"public_key":42})"), wire::EnrolmentError);
}

TEST_CASE("the bundle: token secret, CA, keys and the hall's list as files, a complete kiosk.toml naming them") {
  const auto e = sample();
  const auto files =
      wire::enrolmentBundle(e, {"https://hub.example:8443", "CA PEM", "示范街道党群服务中心", "{\"v\":3}", 3});
  std::map<std::string, wire::BundleFile> byPath;
  for (const auto& f : files) byPath[f.path] = f;
  REQUIRE(byPath.count("hub/kiosk-token"));
  CHECK(byPath["hub/kiosk-token"].content == "kh_abc\n");
  CHECK(byPath["hub/kiosk-token"].secret);
  CHECK(byPath["hub/ca.pem"].content == "CA PEM");
  CHECK_FALSE(byPath["hub/ca.pem"].secret);
  CHECK(byPath["hub/keys/admin-2026.pem"].content == e.trustedKeys.at("admin-2026"));
  CHECK(byPath["hub/commitments.json"].content == "{\"v\":3}");
  const std::string toml = byPath["kiosk.toml"].content;
  CHECK(toml.find("list = \"hub/commitments.json\"") != std::string::npos);
  CHECK(toml.find("平台现行的第 3 版") != std::string::npos);
  CHECK(toml.find("所属大厅：示范街道党群服务中心（hall-01）") != std::string::npos);
  CHECK(toml.find("# [hours]") != std::string::npos);  // left for the hall to fill in
  CHECK(toml.find("strings_dir = \"/usr/share/commitment-kiosk/config/strings\"") != std::string::npos);
  // Every comment is Chinese: no English sentence reaches the technician.
  for (const std::string english : {"Kiosk ", " of hall ", "replace", "relative", "With several"})
    CHECK(toml.find(english) == std::string::npos);
  CHECK(toml.find("hub_url = \"https://hub.example:8443\"") != std::string::npos);
  CHECK(toml.find("token_file = \"hub/kiosk-token\"") != std::string::npos);
  CHECK(toml.find("hall = \"hall-01\"") != std::string::npos);
  CHECK(toml.find("admin-2026 = \"hub/keys/admin-2026.pem\"") != std::string::npos);
  CHECK(toml.find("id = \"hall-01-k7\"") != std::string::npos);
  CHECK(byPath.count("安装说明.txt"));
  for (const auto& f : files) CHECK((f.path == "hub/kiosk-token") == f.secret);
}

TEST_CASE("a hall without a list yet: the bundle starts the kiosk on the package's example list and says so") {
  const auto files = wire::enrolmentBundle(sample(), {"https://hub.example:8443", "CA PEM", "", "", 0});
  std::map<std::string, std::string> byPath;
  for (const auto& f : files) byPath[f.path] = f.content;
  CHECK_FALSE(byPath.count("hub/commitments.json"));
  CHECK(byPath["kiosk.toml"].find("list = \"/usr/share/commitment-kiosk/config/demo/commitments.json\"") !=
        std::string::npos);
  CHECK(byPath["kiosk.toml"].find("本大厅尚未在平台发布承诺清单") != std::string::npos);
  CHECK(byPath["kiosk.toml"].find("所属大厅：hall-01。") != std::string::npos);  // no display name: the id
}

TEST_CASE("hub addresses a kiosk may be given: https, one or several, nothing that breaks the TOML") {
  CHECK(wire::isHubUrlList("https://hub.example:8443"));
  CHECK(wire::isHubUrlList("https://a:8443, https://b:8443"));
  CHECK(wire::isHubUrlList("https://a:8443,https://b:8443"));
  CHECK_FALSE(wire::isHubUrlList(""));
  CHECK_FALSE(wire::isHubUrlList("http://hub.example:8443"));
  CHECK_FALSE(wire::isHubUrlList("https://"));
  CHECK_FALSE(wire::isHubUrlList("https://a:8443,"));
  CHECK_FALSE(wire::isHubUrlList("https://a:8443, http://b"));
  CHECK_FALSE(wire::isHubUrlList("https://a\"b"));
  CHECK_FALSE(wire::isHubUrlList("https://a\nb"));
  CHECK_FALSE(wire::isHubUrlList("https://a b"));
  CHECK_FALSE(wire::isHubUrlList("https://" + std::string(200, 'a')));
}
