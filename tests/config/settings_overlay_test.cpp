// Signed settings laid over kiosk.toml: the hub's value wins over the file's, meets the file's own
// checks, and may set only what wire's schema lists; the schema's ranges are kiosk.toml's; holidays
// and worked days and resident defaults can come from either.
#include <doctest/doctest.h>

#include <cmath>

#include "common/iso_time.hpp"

#include "kiosk/config/kiosk_config.hpp"
#include "wire/kiosk_settings.hpp"

using namespace kiosk;
using kiosk::config::ConfigError;
using kiosk::config::parseKioskConfig;
using kiosk::config::SettingsOverlay;
using nlohmann::json;

namespace {

constexpr const char* kFile = R"(
[kiosk]
list = "commitments.json"
[timing]
idle_timeout_s = 60
[hours]
monday = "08:30-17:30"
)";

std::string refusedKey(const SettingsOverlay& overlay) {
  try {
    parseKioskConfig(kFile, "/base", overlay);
  } catch (const ConfigError& e) {
    return e.key();
  }
  return {};
}

WallTime beijingNoon(const std::string& day) {
  return {common::dayNumber(day) * 86400 + 4 * 3600, 8 * 3600};  // 12:00 +08:00
}

}  // namespace

TEST_CASE("the hub's settings win over kiosk.toml key by key, the rest stays the file's") {
  SettingsOverlay overlay{{"timing.thanks_s", 5}, {"results.badge", true}, {"display.large_text", true}};
  const auto c = parseKioskConfig(kFile, "/base", overlay);
  CHECK(c.session.thanksDuration == std::chrono::seconds(5));
  CHECK(c.session.idleTimeout == std::chrono::seconds(60));  // the file's
  CHECK(c.results.badge);
  CHECK(c.session.residentDefaults.largeText);
  CHECK_FALSE(c.session.residentDefaults.highContrast);
  overlay["timing.idle_timeout_s"] = 90;
  CHECK(parseKioskConfig(kFile, "/base", overlay).session.idleTimeout == std::chrono::seconds(90));
}

TEST_CASE("a week of hours from the hub replaces the file's week, with holidays and worked days") {
  SettingsOverlay overlay;
  for (std::size_t d = 0; d < 7; ++d) overlay[std::string(wire::weekdayKeys()[d])] = d < 5 ? "09:00-16:00" : "";
  overlay["hours.closed_days"] = json{"2027-01-01"};
  overlay["hours.worked_days"] = json{"2027-01-03"};  // a Sunday
  const auto c = parseKioskConfig(kFile, "/base", overlay);
  CHECK(c.hours.isOpen(beijingNoon("2026-12-30")));        // a Wednesday
  CHECK_FALSE(c.hours.isOpen(beijingNoon("2027-01-01")));  // a Friday, holiday
  CHECK_FALSE(c.hours.isOpen(beijingNoon("2027-01-02")));  // Saturday
  CHECK(c.hours.isOpen(beijingNoon("2027-01-03")));        // worked Sunday
  CHECK(c.hours.todayText(beijingNoon("2026-12-28")) == "09:00-16:00");
}

TEST_CASE("kiosk.toml takes holidays and resident defaults itself, and names a bad date") {
  const auto c = parseKioskConfig(
      std::string(kFile) + "closed_days = [\"2026-11-30\"]\n[display]\nhigh_contrast = true\n", "/base");
  CHECK_FALSE(c.hours.isOpen(beijingNoon("2026-11-30")));  // a Monday, closed for the day
  CHECK(c.session.residentDefaults.highContrast);
  try {
    parseKioskConfig(std::string(kFile) + "worked_days = [\"2026-13-01\"]\n", "/base");
    FAIL("a bad date was accepted");
  } catch (const ConfigError& e) {
    CHECK(e.key() == "hours.worked_days");
    CHECK(std::string(e.what()).find("2026-13-01") != std::string::npos);
  }
}

TEST_CASE("an empty [hours] closes every day, holidays alone keep the week open") {
  const auto closed = parseKioskConfig("[kiosk]\nlist = \"l.json\"\n[hours]\n", "/base");
  CHECK_FALSE(closed.hours.isOpen(beijingNoon("2026-11-30")));
  const auto holidays =
      parseKioskConfig("[kiosk]\nlist = \"l.json\"\n[hours]\nclosed_days = [\"2026-12-01\"]\n", "/base");
  CHECK(holidays.hours.isOpen(beijingNoon("2026-11-30")));
  CHECK_FALSE(holidays.hours.isOpen(beijingNoon("2026-12-01")));
}

TEST_CASE("keys the hub may not set are refused by name, whatever their value") {
  CHECK(refusedKey({{"sync.hub_url", "https://elsewhere:8443"}}) == "sync.hub_url");
  CHECK(refusedKey({{"kiosk.data_dir", "/tmp"}}) == "kiosk.data_dir");
  CHECK(refusedKey({{"display.dpi", 200}}) == "display.dpi");
  CHECK(refusedKey({{"timing.time_bucket_min", 15}}) == "timing.time_bucket_min");
  CHECK(refusedKey({{"staff.export_dir", "/"}}) == "staff.export_dir");
  CHECK(refusedKey({{"timing", 5}}) == "timing");
}

TEST_CASE("wire's ranges for the hub's settings are kiosk.toml's ranges") {
  int checked = 0;
  for (const auto& spec : wire::remoteSettings()) {
    if (spec.kind != wire::SettingKind::Whole && spec.kind != wire::SettingKind::Number) continue;
    CAPTURE(spec.key);
    const double step = spec.kind == wire::SettingKind::Whole ? 1.0 : 0.01;
    const auto value = [&](double d) {
      return spec.kind == wire::SettingKind::Whole ? json(static_cast<std::int64_t>(std::llround(d))) : json(d);
    };
    for (const double inside : {spec.lo, spec.hi}) {
      CHECK_FALSE(wire::whyValueIsBad(spec, value(inside)));
      CHECK(refusedKey({{std::string(spec.key), value(inside)}}).empty());
    }
    for (const double outside : {spec.lo - step, spec.hi + step}) {
      CHECK(wire::whyValueIsBad(spec, value(outside)));
      CHECK(refusedKey({{std::string(spec.key), value(outside)}}) == spec.key);
    }
    ++checked;
  }
  CHECK(checked == 8);  // text_scale, three timings, min_votes, staff idle, two volumes: none skipped
}

TEST_CASE("every key wire's schema lists is one kiosk.toml knows") {
  for (const auto& spec : wire::remoteSettings()) {
    CAPTURE(spec.key);
    json v;
    switch (spec.kind) {
      case wire::SettingKind::Flag: v = true; break;
      case wire::SettingKind::Whole: v = static_cast<std::int64_t>(spec.lo); break;
      case wire::SettingKind::Number: v = spec.lo; break;
      case wire::SettingKind::Choice: v = "optional"; break;
      case wire::SettingKind::DayHours: continue;  // all seven together: the week test above
      case wire::SettingKind::Dates: v = json{"2027-01-01"}; break;
      case wire::SettingKind::Language: v = "zh-CN"; break;
      case wire::SettingKind::Languages: v = json{"zh-CN"}; break;
      case wire::SettingKind::KeyNames: v = json{"F5"}; break;
      case wire::SettingKind::PinHash: v = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"; break;
    }
    REQUIRE_FALSE(wire::whyValueIsBad(spec, v));
    CHECK(refusedKey({{std::string(spec.key), v}}).empty());
  }
}

TEST_CASE("the hub may set a hall's speech: read-aloud by default, volumes, quiet hours, the read-aloud key") {
  // speech.enabled is the brief's: 朗读's default for each resident.
  const SettingsOverlay overlay{{"speech.enabled", true},
                                {"speech.volume", 90},
                                {"speech.quiet_hours", "12:00-14:00"},
                                {"speech.quiet_volume", 30},
                                {"speech.announce_choice", true},
                                {"keys.read_aloud", json{"KP_Multiply"}}};
  const auto c = parseKioskConfig(kFile, "/base", overlay);
  CHECK(c.session.residentDefaults.readAloud);
  CHECK(c.speech.announceChoice);
  CHECK(config::speechVolumeAt(c.speech, beijingNoon("2027-03-01")) == 30);
  CHECK(config::speechVolumeAt(c.speech, {beijingNoon("2027-03-01").unix_seconds + 3 * 3600, 8 * 3600}) == 90);
  CHECK(c.keys.lookup("KP_Multiply") == Action::ReadAloud);
  CHECK(refusedKey({{"speech.quiet_hours", "after lunch"}}) == "speech.quiet_hours");
  CHECK(refusedKey({{"speech.voice_dir", "/tmp"}}) == "speech.voice_dir");  // files on the kiosk stay the kiosk's
  CHECK(refusedKey({{"speech.engine", "none"}}) == "speech.engine");        // the engine is the machine's
  // Volume 0 from the hub: the hall's off switch, a silent kiosk without 朗读.
  const auto silent = parseKioskConfig(kFile, "/base", {{"speech.volume", 0}, {"speech.enabled", true}});
  CHECK_FALSE(silent.speech.speaks());
  CHECK_FALSE(silent.session.residentDefaults.readAloud);
}
