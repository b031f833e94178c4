// kiosk-settings/1: a document round-trips canonically, is signed and verified like a list, and is
// refused — naming the field — for every kind of bad value, a key the hub may not set, half a week
// of hours, a foreign deployment, hall or kiosk, and a version that is not newer.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "wire/kiosk_settings.hpp"

using namespace wire;
using nlohmann::json;

namespace {

json document(json settings, std::int64_t version = 3, std::string kiosk = "") {
  json doc{{"format", "kiosk-settings/1"},
           {"deployment", "zibo-zhangdian"},
           {"hall", "hall-01"},
           {"version", version},
           {"settings", std::move(settings)}};
  if (!kiosk.empty()) doc["kiosk"] = kiosk;
  return doc;
}

json week(const std::string& weekday, const std::string& weekend) {
  json w;
  for (std::size_t d = 0; d < 7; ++d) w[std::string(weekdayKeys()[d])] = d < 5 ? weekday : weekend;
  return w;
}

std::string refusal(const json& doc) {
  try {
    parseKioskSettings(doc.dump());
  } catch (const SettingsError& e) {
    return e.what();
  }
  FAIL("settings that should be refused were accepted: " << doc.dump());
  return {};
}

}  // namespace

TEST_CASE("a settings document parses and encodes canonically") {
  json settings = week("08:30-12:00,13:30-17:30", "");
  settings["hours.closed_days"] = {"2027-01-01", "2027-02-11"};
  settings["hours.worked_days"] = {"2027-02-07"};
  settings["timing.idle_timeout_s"] = 90;
  settings["display.languages"] = {"zh-CN", "en"};
  settings["display.language"] = "zh-CN";
  settings["display.large_text"] = true;
  settings["display.text_scale"] = 1.25;
  settings["ratings.poor_reason"] = "required";
  settings["keys.good"] = {"1", "KP_1"};
  settings["staff.pin_hash"] = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
  const KioskSettings s = parseKioskSettings(document(settings).dump());
  CHECK(s.hall == "hall-01");
  CHECK(s.kiosk.empty());
  CHECK(s.version == 3);
  CHECK(s.values.at("hours.monday") == "08:30-12:00,13:30-17:30");
  CHECK(s.values.at("timing.idle_timeout_s") == 90);
  const std::string encoded = encodeKioskSettings(s);
  CHECK(encodeKioskSettings(parseKioskSettings(encoded)) == encoded);
  CHECK(json::parse(encoded) == document(settings));
}

TEST_CASE("every bad value is refused naming its key and what is wrong") {
  const std::pair<json, std::string> cases[] = {
      {{{"timing.idle_timeout_s", 3}}, "settings.timing.idle_timeout_s: must be between 10 and 3600 (found 3)"},
      {{{"timing.idle_timeout_s", 60.5}}, "settings.timing.idle_timeout_s: must be a whole number"},
      {{{"timing.thanks_s", "3"}}, "settings.timing.thanks_s: must be a whole number"},
      {{{"display.text_scale", 9}}, "settings.display.text_scale: must be between"},
      {{{"display.large_text", 1}}, "settings.display.large_text: must be true or false"},
      {{{"ratings.poor_reason", "sometimes"}}, "settings.ratings.poor_reason: must be one of off,optional,required"},
      {{{"hours.closed_days", {"2027-02-30"}}}, "settings.hours.closed_days: holds \"2027-02-30\""},
      {{{"hours.closed_days", {"2027-01-01", "2027-01-01"}}}, "lists 2027-01-01 twice"},
      {{{"display.languages", json::array()}}, "settings.display.languages: must list at least one"},
      {{{"display.languages", {"../../etc"}}}, "settings.display.languages: holds"},
      {{{"display.language", "en"}, {"display.languages", {"zh-CN"}}},
       "settings.display.language: must be one of display.languages"},
      {{{"keys.good", {"1", ""}}}, "settings.keys.good: holds \"\""},
      {{{"staff.pin_hash", "1234"}}, "settings.staff.pin_hash: must be an Argon2id hash"},
      {{{"results.min_votes", 2}}, "settings.results.min_votes: must be between 5 and 1000000 (found 2)"},
      {{{"sync.hub_url", "https://evil.example"}}, "settings.sync.hub_url: cannot be set from the hub"},
      {{{"kiosk.data_dir", "/tmp"}}, "settings.kiosk.data_dir: cannot be set from the hub"},
      {{{"hours.monday", "08:30-17:30"}}, "settings.hours: must give all seven weekdays or none"},
  };
  for (const auto& [settings, expected] : cases) {
    CAPTURE(settings.dump());
    CHECK(refusal(document(settings)).find(expected) != std::string::npos);
  }
  json badDay = week("08:30-17:30", "");
  badDay["hours.friday"] = "17:30-08:30";
  CHECK(refusal(document(badDay)).find("settings.hours.friday: must look like") != std::string::npos);
}

TEST_CASE("the document's own fields are checked") {
  json doc = document(json::object());
  CHECK(parseKioskSettings(doc.dump()).values.empty());  // an empty document is allowed: nothing overridden
  doc["version"] = 0;
  CHECK(refusal(doc).find("version") != std::string::npos);
  doc = document(json::object());
  doc["hall"] = "*";
  CHECK(refusal(doc).find("hall") != std::string::npos);
  doc = document(json::object());
  doc["format"] = "commitment-list/1";
  CHECK(refusal(doc).find("format") != std::string::npos);
  doc = document(json::object(), 3, "hall-01/k1");
  CHECK(refusal(doc).find("kiosk") != std::string::npos);
  CHECK_THROWS_AS(parseKioskSettings("[1, 2"), SettingsError);
  CHECK_THROWS_AS(parseKioskSettings(std::string(kMaxSettingsBytes + 1, ' ')), SettingsError);
}

TEST_CASE("signed settings verify, and forged, unknown-key and foreign ones are refused") {
  const auto key = Ed25519PrivateKey::generate();
  const TrustedKeys trusted{{"admin-2026", key.publicKey()}};
  const std::string payload = document({{"timing.idle_timeout_s", 45}}, 4, "hall-01-k2").dump();
  const KioskSettings s = verifySignedSettings(signSettings(payload, "admin-2026", key), trusted);
  CHECK(s.kiosk == "hall-01-k2");
  CHECK(settingsInEnvelope(signSettings(payload, "admin-2026", key)).version == 4);

  const auto other = Ed25519PrivateKey::generate();
  CHECK_THROWS_WITH_AS(verifySignedSettings(signSettings(payload, "admin-2026", other), trusted),
                       doctest::Contains("signature"), SettingsError);
  CHECK_THROWS_WITH_AS(verifySignedSettings(signSettings(payload, "intruder", key), trusted),
                       doctest::Contains("key_id"), SettingsError);
  // A list envelope is not a settings envelope, even signed by a trusted key.
  std::string listEnvelope = signEnvelope("signed-commitment-list/1", payload, "admin-2026", key);
  CHECK_THROWS_WITH_AS(verifySignedSettings(listEnvelope, trusted), doctest::Contains("format"), SettingsError);

  const SettingsTarget target{"zibo-zhangdian", "hall-01", "hall-01-k2", 3};
  CHECK_FALSE(whySettingsAreNotFor(s, target));
  CHECK(whySettingsAreNotFor(s, {"jinan", "hall-01", "hall-01-k2", 3})->find("deployment") != std::string::npos);
  CHECK(whySettingsAreNotFor(s, {"zibo-zhangdian", "hall-02", "hall-01-k2", 3})->find("hall") != std::string::npos);
  CHECK(whySettingsAreNotFor(s, {"zibo-zhangdian", "hall-01", "hall-01-k1", 3})->find("kiosk") != std::string::npos);
  CHECK(whySettingsAreNotFor(s, {"zibo-zhangdian", "hall-01", "hall-01-k2", 4})->find("not newer") !=
        std::string::npos);
}

TEST_CASE("a kiosk's own settings win over its hall's key by key") {
  KioskSettings hall{"d", "hall-01", "", 2, {{"timing.idle_timeout_s", 60}, {"results.badge", true}}};
  KioskSettings own{"d", "hall-01", "k1", 1, {{"timing.idle_timeout_s", 120}}};
  const auto merged = mergedSettings(&hall, &own);
  CHECK(merged.at("timing.idle_timeout_s") == 120);
  CHECK(merged.at("results.badge") == true);
  CHECK(mergedSettings(nullptr, nullptr).empty());
}
