// kiosk-settings/1 and signed-kiosk-settings/1: what an administrator may set on a hall's kiosks
// (or on one kiosk) from the console instead of at the machine — opening hours and the year's
// closed and worked days, languages, resident defaults, timeouts, the results switches, the key map
// and the staff PIN hash — signed offline like a list, carried by the hub, verified by the kiosk.
// Keys are kiosk.toml's own, dotted ("timing.idle_timeout_s"), so one table in the README says what
// may come from where; the schema below is the only list of keys that may come from the hub, with
// the ranges kiosk.toml applies to the same keys. Pure functions over values; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "wire/signed_envelope.hpp"

namespace wire {

inline constexpr std::string_view kSettingsFormat = "kiosk-settings/1";
inline constexpr std::string_view kSignedSettingsFormat = "signed-kiosk-settings/1";
inline constexpr std::size_t kMaxSettingsBytes = 64 * 1024;

// Names the field ("settings.timing.idle_timeout_s", "version", …) and what is wrong with it.
class SettingsError : public std::runtime_error {
 public:
  SettingsError(std::string field, const std::string& problem);
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

enum class SettingKind {
  Flag,       // true / false
  Whole,      // an integer in [lo, hi]
  Number,     // any number in [lo, hi]
  Choice,     // one of `choices` ("off|optional|required")
  DayHours,   // "08:30-12:00,13:30-17:30" or "" (closed)
  Dates,      // ["2027-01-01", …], real dates, at most 400
  Language,   // "zh-CN": a language tag
  Languages,  // ["zh-CN", "en"], 1-8 language tags
  KeyNames,   // ["1", "KP_1"], 1-8 key names (X11 keysym spelling)
  PinHash,    // "$argon2id$…" from `kioskctl pin-hash`
};

struct SettingSpec {
  std::string_view key;  // as in kiosk.toml: "<table>.<key>"
  SettingKind kind;
  double lo = 0, hi = 0;          // Whole and Number
  std::string_view choices = {};  // Choice: separated by '|'
};

// Every key a signed settings document may carry, in the order the console's form shows them.
std::span<const SettingSpec> remoteSettings();
const SettingSpec* remoteSetting(std::string_view key);
// The seven weekday keys, Monday first: a document that sets one sets all (an unlisted day in
// kiosk.toml's [hours] is closed, and half a week from the hub and half from the file would be
// nobody's intent).
std::span<const std::string_view> weekdayKeys();

struct KioskSettings {
  std::string deployment;
  std::string hall;
  std::string kiosk;  // "" for every kiosk of the hall; a kiosk's own settings win over its hall's
  std::int64_t version = 0;
  std::map<std::string, nlohmann::json, std::less<>> values;  // checked against remoteSettings()
};

// The value of `key` is refused: why, or nullopt when it is fine.
std::optional<std::string> whyValueIsBad(const SettingSpec& spec, const nlohmann::json& value);

// Parses and checks a whole document; throws SettingsError naming the field.
KioskSettings parseKioskSettings(std::string_view json);
// Canonical bytes (sorted keys, two-space indent): equal settings, equal documents.
std::string encodeKioskSettings(const KioskSettings& settings);

std::string signSettings(std::string_view settingsJson, std::string_view keyId, const Ed25519PrivateKey& key);
// Checks the envelope and its signature against the trusted key named by key_id, then parses the
// payload. Throws SettingsError ("signature", "key_id", or the field).
KioskSettings verifySignedSettings(std::string_view envelopeJson, const TrustedKeys& trusted);
// The document inside an envelope, unverified: for the hub's console to show what it holds.
KioskSettings settingsInEnvelope(std::string_view envelopeJson);

// GET /api/v1/settings/current: the newest signed settings for the kiosk's hall and for the kiosk
// itself, each an envelope as published ("" for none): {"hall": "…" | null, "kiosk": "…" | null}.
struct CurrentSettings {
  std::string hall;
  std::string kiosk;
};
std::string encodeCurrentSettings(const CurrentSettings& current);
CurrentSettings parseCurrentSettings(std::string_view json);  // throws SettingsError

// Whether verified settings may replace what a kiosk applies; the reason when not.
struct SettingsTarget {
  std::string deployment;
  std::string hall;
  std::string kioskId;
  std::int64_t currentVersion = 0;  // of the same scope (the hall's, or the kiosk's own); 0: none yet
};
std::optional<std::string> whySettingsAreNotFor(const KioskSettings& settings, const SettingsTarget& target);

// The hall's settings with the kiosk's own laid over them, key by key.
std::map<std::string, nlohmann::json, std::less<>> mergedSettings(const KioskSettings* hall,
                                                                  const KioskSettings* kiosk);

}  // namespace wire
