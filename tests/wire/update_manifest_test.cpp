// wire::UpdateManifest: what an administrator signs to roll a new kiosk build out, and every way a
// manifest is refused before any kiosk would download or install a byte.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "wire/update_manifest.hpp"

using nlohmann::json;

namespace {

json manifest() {
  return {{"format", "update-manifest/1"},
          {"deployment", "zibo-zhangdian"},
          {"id", 3},
          {"package", "commitment-kiosk"},
          {"version", "1.6.0-1"},
          {"architecture", "amd64"},
          {"sha256", std::string(64, 'a')},
          {"size", 1234567},
          {"not_before", "2026-12-08T20:00:00+08:00"},
          {"rings",
           {{{"name", "试点"}, {"kiosks", {"hall-01-k1"}}},
            {{"name", "第一服务大厅"}, {"halls", {"hall-01"}}},
            {{"name", "全区"}, {"halls", {"*"}}}}}};
}

std::string refusal(const json& doc) {
  try {
    wire::parseUpdateManifest(doc.dump());
  } catch (const wire::ManifestError& e) {
    return e.field();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("a manifest round-trips, names its file as dpkg-deb does, and is verified only with a trusted key") {
  const auto m = wire::parseUpdateManifest(manifest().dump());
  CHECK(m.version == "1.6.0-1");
  CHECK(m.notBefore == 1796731200);  // 2026-12-08T12:00:00Z
  CHECK(m.rings.size() == 3);
  CHECK(m.fileName() == "commitment-kiosk_1.6.0-1_amd64.deb");
  CHECK(wire::parseUpdateManifest(wire::encodeUpdateManifest(m)).sha256 == m.sha256);
  auto epoch = manifest();
  epoch["version"] = "1:1.6.0-1";
  CHECK(wire::parseUpdateManifest(epoch.dump()).fileName() == "commitment-kiosk_1.6.0-1_amd64.deb");

  const auto admin = wire::Ed25519PrivateKey::generate(), stranger = wire::Ed25519PrivateKey::generate();
  const wire::TrustedKeys trusted{{"admin-2026", admin.publicKey()}};
  const std::string signedJson = wire::signUpdateManifest(manifest().dump(), "admin-2026", admin);
  CHECK(wire::verifySignedUpdateManifest(signedJson, trusted).id == 3);
  CHECK(wire::updateManifestInEnvelope(signedJson).version == "1.6.0-1");
  const std::string forged = wire::signUpdateManifest(manifest().dump(), "admin-2026", stranger);
  CHECK_THROWS_AS(wire::verifySignedUpdateManifest(forged, trusted), wire::ManifestError);
  const std::string unknownKey = wire::signUpdateManifest(manifest().dump(), "someone", admin);
  try {
    wire::verifySignedUpdateManifest(unknownKey, trusted);
    FAIL("an unknown key id was accepted");
  } catch (const wire::ManifestError& e) {
    CHECK(e.field() == "key_id");
  }
  // A list's envelope is not a manifest's, whoever signed it.
  CHECK_THROWS_AS(wire::verifySignedUpdateManifest(
                      wire::signEnvelope("signed-commitment-list/1", manifest().dump(), "admin-2026", admin), trusted),
                  wire::ManifestError);
}

TEST_CASE("every field that is wrong is named") {
  const std::vector<std::pair<std::string, json>> bad{
      {"format", "update-manifest/2"},
      {"deployment", "a b"},
      {"id", 0},
      {"package", "openssh-server"},
      {"version", "v1.6"},
      {"version", "1.6.0-"},
      {"architecture", "AMD64"},
      {"sha256", "ABC"},
      {"sha256", std::string(64, 'A')},
      {"size", 0},
      {"size", 257 * 1024 * 1024},
      {"not_before", "tomorrow"},
      {"not_before", "2026-12-08T20:00:00"},  // no offset: whose evening?
      {"rings", json::array()}};
  for (const auto& [field, value] : bad) {
    CAPTURE(field);
    CAPTURE(value.dump());
    auto doc = manifest();
    doc[field] = value;
    CHECK(refusal(doc) == field);
  }
  auto missing = manifest();
  missing.erase("sha256");
  CHECK(refusal(missing) == "sha256");
  auto emptyRing = manifest();
  emptyRing["rings"][1] = {{"name", "空"}};
  CHECK(refusal(emptyRing) == "rings[1]");
  auto badKiosk = manifest();
  badKiosk["rings"][0]["kiosks"] = {"*"};  // "*" means every hall; there is no "every kiosk" but that
  CHECK(refusal(badKiosk) == "rings[0].kiosks");
  CHECK(refusal(json::array()) == "");
  CHECK_THROWS_AS(wire::parseUpdateManifest(std::string(wire::kMaxManifestBytes + 1, ' ')), wire::ManifestError);
}

TEST_CASE("a kiosk is in the first ring that names it or its hall") {
  const auto m = wire::parseUpdateManifest(manifest().dump());
  CHECK(wire::ringOf(m, "hall-01-k1", "hall-01") == 0u);
  CHECK(wire::ringOf(m, "hall-01-k2", "hall-01") == 1u);
  CHECK(wire::ringOf(m, "hall-07-k1", "hall-07") == 2u);
  auto pilotOnly = manifest();
  pilotOnly["rings"] = {{{"name", "试点"}, {"kiosks", {"hall-01-k1"}}}};
  CHECK(wire::ringOf(wire::parseUpdateManifest(pilotOnly.dump()), "hall-01-k2", "hall-01") == std::nullopt);
}
