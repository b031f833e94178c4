// Signed settings on the kiosk: an offer is applied over kiosk.toml and saved, so a restart applies
// it again; the kiosk's own document wins over its hall's; a document the kiosk cannot use (a
// language without strings) is refused whole with the old kept; a damaged, foreign or forged saved
// file is left out and named.
#include <doctest/doctest.h>

#include "kiosk/app/settings_source.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using nlohmann::json;

namespace {

struct Admin {
  wire::Ed25519PrivateKey key = wire::Ed25519PrivateKey::generate();
  wire::TrustedKeys trusted{{"admin-2026", key.publicKey()}};

  std::pair<wire::KioskSettings, std::string> sign(std::int64_t version, const std::string& kiosk, json values) {
    wire::KioskSettings s{"zibo-zhangdian", "hall-01", kiosk, version, {}};
    for (const auto& [k, v] : values.items()) s.values.emplace(k, v);
    return {s, wire::signSettings(wire::encodeKioskSettings(s), "admin-2026", key)};
  }
};

const std::filesystem::path kConfig = testing::sourceRoot() / "config/kiosk.toml";
const wire::SettingsTarget kTarget{"zibo-zhangdian", "hall-01", "hall-01-k1", 0};

}  // namespace

TEST_CASE("an offer is applied over kiosk.toml, saved, and applied again after a restart") {
  testing::TempDir data;
  Admin admin;
  app::SettingsOffer offer;
  offer.hall = admin.sign(3, "", {{"timing.idle_timeout_s", 45}, {"results.badge", true}});
  offer.kiosk = admin.sign(1, "hall-01-k1", {{"timing.idle_timeout_s", 120}});
  const app::SettingsChange change = app::applySettingsOffer(kConfig, data.path(), {}, offer);
  REQUIRE(change.configured);
  CHECK(change.refused.empty());
  CHECK(change.configured->config.session.idleTimeout == std::chrono::seconds(120));  // the kiosk's own wins
  CHECK(change.configured->config.results.badge);                                     // from the hall's
  CHECK(change.configured->config.dataDir == data.path());
  CHECK(change.journal == std::vector<std::string>{"settings-applied scope=hall version=3 keys=2",
                                                   "settings-applied scope=kiosk version=1 keys=1"});

  std::string problem;
  const app::AppliedSettings saved = app::loadPersistedSettings(data.path(), admin.trusted, kTarget, problem);
  CHECK(problem.empty());
  CHECK(saved.hallVersion() == 3);
  CHECK(saved.kioskVersion() == 1);
  CHECK(app::configureKiosk(kConfig, data.path(), saved).config.session.idleTimeout == std::chrono::seconds(120));
}

TEST_CASE("a document the kiosk cannot use is refused whole and the one before stays") {
  testing::TempDir data;
  Admin admin;
  app::SettingsOffer first;
  first.hall = admin.sign(2, "", {{"timing.thanks_s", 5}});
  const auto applied = app::applySettingsOffer(kConfig, data.path(), {}, first);
  REQUIRE(applied.configured);

  app::SettingsOffer bad;  // verifies, but there is no string table for Klingon
  bad.hall = admin.sign(3, "", {{"display.languages", {"zh-CN", "tlh"}}, {"timing.thanks_s", 9}});
  const auto refused = app::applySettingsOffer(kConfig, data.path(), applied.settings, bad);
  CHECK_FALSE(refused.configured);
  CHECK(refused.refused.find("tlh") != std::string::npos);
  REQUIRE(refused.journal.size() == 1);
  CHECK(refused.journal[0].rfind("settings-rejected scope=hall version=3 reason=", 0) == 0);
  CHECK(refused.settings.hallVersion() == 2);
  std::string problem;
  CHECK(app::loadPersistedSettings(data.path(), admin.trusted, kTarget, problem).hallVersion() == 2);  // file kept
}

TEST_CASE("saved settings that are damaged, forged or for another kiosk are left out and named") {
  testing::TempDir data;
  Admin admin;
  Admin intruder;
  testing::writeFile(data / app::kPersistedHallSettingsFile, "{ half a file");
  testing::writeFile(data / app::kPersistedKioskSettingsFile, admin.sign(1, "hall-01-k2", json::object()).second);
  std::string problem;
  auto saved = app::loadPersistedSettings(data.path(), admin.trusted, kTarget, problem);
  CHECK_FALSE(saved.hall);
  CHECK_FALSE(saved.kiosk);
  CHECK(problem.find(app::kPersistedHallSettingsFile) != std::string::npos);
  CHECK(problem.find("hall-01-k2") != std::string::npos);

  testing::writeFile(data / app::kPersistedHallSettingsFile, intruder.sign(5, "", json::object()).second);
  problem.clear();
  saved = app::loadPersistedSettings(data.path(), admin.trusted, kTarget, problem);
  CHECK_FALSE(saved.hall);
  CHECK(problem.find("key_id") == std::string::npos);  // same key id, other key: the signature is what fails
  CHECK(problem.find("signature") != std::string::npos);
}
