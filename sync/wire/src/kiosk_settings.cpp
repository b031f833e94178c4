#include "wire/kiosk_settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>

#include "common/day_hours.hpp"
#include "common/iso_time.hpp"
#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"hours.monday",   "hours.tuesday", "hours.wednesday",
                                                    "hours.thursday", "hours.friday",  "hours.saturday",
                                                    "hours.sunday"};

// The ranges are kiosk.toml's for the same keys (kiosk/config checks them again when it applies a
// document, and a test holds the two to the same bounds).
constexpr std::array kSpecs{
    SettingSpec{"hours.monday", SettingKind::DayHours},
    SettingSpec{"hours.tuesday", SettingKind::DayHours},
    SettingSpec{"hours.wednesday", SettingKind::DayHours},
    SettingSpec{"hours.thursday", SettingKind::DayHours},
    SettingSpec{"hours.friday", SettingKind::DayHours},
    SettingSpec{"hours.saturday", SettingKind::DayHours},
    SettingSpec{"hours.sunday", SettingKind::DayHours},
    SettingSpec{"hours.closed_days", SettingKind::Dates},
    SettingSpec{"hours.worked_days", SettingKind::Dates},
    SettingSpec{"display.language", SettingKind::Language},
    SettingSpec{"display.languages", SettingKind::Languages},
    SettingSpec{"display.large_text", SettingKind::Flag},
    SettingSpec{"display.high_contrast", SettingKind::Flag},
    SettingSpec{"display.text_scale", SettingKind::Number, 0.5, 3.0},
    SettingSpec{"timing.idle_timeout_s", SettingKind::Whole, 10, 3600},
    SettingSpec{"timing.response_interval_s", SettingKind::Whole, 0, 600},
    SettingSpec{"timing.thanks_s", SettingKind::Whole, 1, 30},
    SettingSpec{"ratings.poor_reason", SettingKind::Choice, 0, 0, "off|optional|required"},
    SettingSpec{"results.show", SettingKind::Flag},
    SettingSpec{"results.badge", SettingKind::Flag},
    SettingSpec{"results.min_votes", SettingKind::Whole, 5, 1'000'000},
    SettingSpec{"keys.good", SettingKind::KeyNames},
    SettingSpec{"keys.fair", SettingKind::KeyNames},
    SettingSpec{"keys.poor", SettingKind::KeyNames},
    SettingSpec{"keys.up", SettingKind::KeyNames},
    SettingSpec{"keys.down", SettingKind::KeyNames},
    SettingSpec{"keys.left", SettingKind::KeyNames},
    SettingSpec{"keys.right", SettingKind::KeyNames},
    SettingSpec{"keys.select", SettingKind::KeyNames},
    SettingSpec{"keys.back", SettingKind::KeyNames},
    SettingSpec{"keys.read_aloud", SettingKind::KeyNames},
    SettingSpec{"keys.hints", SettingKind::Flag},
    SettingSpec{"speech.enabled", SettingKind::Flag},
    SettingSpec{"speech.volume", SettingKind::Whole, 0, 100},
    SettingSpec{"speech.quiet_hours", SettingKind::DayHours},
    SettingSpec{"speech.quiet_volume", SettingKind::Whole, 0, 100},
    SettingSpec{"speech.announce_choice", SettingKind::Flag},
    SettingSpec{"staff.pin_hash", SettingKind::PinHash},
    SettingSpec{"staff.idle_timeout_s", SettingKind::Whole, 10, 3600},
};

bool isLanguageTag(const json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() < 2 || s.size() > 16) return false;
  // "zh", "zh-CN", "yue-Hant": letters and digits in parts joined by '-'; no path characters, as
  // the kiosk looks up strings/<language>.toml.
  std::size_t part = 0;
  for (char c : s) {
    if (c == '-') {
      if (part == 0) return false;
      part = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      ++part;
    } else {
      return false;
    }
  }
  return part > 0 && std::isalpha(static_cast<unsigned char>(s[0]));
}

// Visible ASCII without quotes or backslashes: safe in a TOML string and in a log line as it is.
bool isPrintable(const std::string& s, std::size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127 && c != '"' && c != '\\'; });
}

bool isKeyName(const json& v) { return v.is_string() && isPrintable(v.get_ref<const std::string&>(), 32); }

// A non-empty array of 1..max distinct items each passing `ok`; the reason when not.
template <typename Ok>
std::optional<std::string> badArray(const json& v, std::size_t max, Ok ok, std::string_view item, bool mayBeEmpty) {
  if (!v.is_array()) return "must be a list of " + std::string(item);
  if (v.size() > max) return "lists more than " + std::to_string(max) + " " + std::string(item);
  if (v.empty() && !mayBeEmpty) return "must list at least one " + std::string(item);
  std::set<std::string> seen;
  for (const auto& e : v) {
    if (!ok(e)) return "holds " + e.dump().substr(0, 40) + ", which is not " + std::string(item);
    if (!seen.insert(e.get<std::string>()).second) return "lists " + e.get<std::string>() + " twice";
  }
  return std::nullopt;
}

}  // namespace

SettingsError::SettingsError(std::string field, const std::string& problem)
    : std::runtime_error(field.empty() ? problem : field + ": " + problem), field_(std::move(field)) {}

std::span<const SettingSpec> remoteSettings() { return kSpecs; }

const SettingSpec* remoteSetting(std::string_view key) {
  for (const auto& s : kSpecs)
    if (s.key == key) return &s;
  return nullptr;
}

std::span<const std::string_view> weekdayKeys() { return kWeekdays; }

std::optional<std::string> whyValueIsBad(const SettingSpec& spec, const json& v) {
  const auto range = [&] {
    const auto n = [](double d) {
      const double whole = std::round(d);
      return whole == d ? std::to_string(static_cast<std::int64_t>(whole)) : std::to_string(d);
    };
    return "must be between " + n(spec.lo) + " and " + n(spec.hi);
  };
  switch (spec.kind) {
    case SettingKind::Flag:
      if (!v.is_boolean()) return "must be true or false";
      return std::nullopt;
    case SettingKind::Whole: {
      if (!v.is_number_integer()) return "must be a whole number";
      const double d = v.is_number_unsigned() ? static_cast<double>(v.get<std::uint64_t>())
                                              : static_cast<double>(v.get<std::int64_t>());
      if (d < spec.lo || d > spec.hi) return range() + " (found " + v.dump() + ")";
      return std::nullopt;
    }
    case SettingKind::Number: {
      if (!v.is_number()) return "must be a number";
      const double d = v.get<double>();
      if (!(d >= spec.lo && d <= spec.hi)) return range() + " (found " + v.dump() + ")";
      return std::nullopt;
    }
    case SettingKind::Choice: {
      const std::string words(spec.choices);
      if (v.is_string()) {
        const std::string& s = v.get_ref<const std::string&>();
        std::size_t at = 0;
        while (at <= words.size()) {
          const std::size_t bar = std::min(words.find('|', at), words.size());
          if (words.compare(at, bar - at, s) == 0 && bar - at == s.size()) return std::nullopt;
          at = bar + 1;
        }
      }
      std::string list = words;
      std::replace(list.begin(), list.end(), '|', ',');
      return "must be one of " + list;
    }
    case SettingKind::DayHours:
      if (!v.is_string() || v.get_ref<const std::string&>().size() > 200 ||
          !common::parseDayHours(v.get_ref<const std::string&>()))
        return "must look like \"08:30-17:30\" or \"08:30-12:00,13:30-17:30\" (or \"\" for closed)";
      return std::nullopt;
    case SettingKind::Dates:
      return badArray(
          v, 400, [](const json& e) { return e.is_string() && common::isIsoDay(e.get_ref<const std::string&>()); },
          "dates (YYYY-MM-DD)", true);
    case SettingKind::Language:
      if (!isLanguageTag(v)) return "must be a language name such as \"zh-CN\"";
      return std::nullopt;
    case SettingKind::Languages: return badArray(v, 8, isLanguageTag, "language names such as \"zh-CN\"", false);
    case SettingKind::KeyNames: return badArray(v, 8, isKeyName, "key names such as \"KP_1\"", false);
    case SettingKind::PinHash:
      if (!v.is_string() || v.get_ref<const std::string&>().rfind("$argon2id$", 0) != 0 ||
          !isPrintable(v.get_ref<const std::string&>(), 256))
        return "must be an Argon2id hash (\"$argon2id$...\") made by `kioskctl pin-hash`";
      return std::nullopt;
  }
  return "is not a setting";
}

KioskSettings parseKioskSettings(std::string_view text) {
  if (text.size() > kMaxSettingsBytes)
    throw SettingsError("", "kiosk settings are too large (" + std::to_string(text.size()) + " bytes, at most " +
                                std::to_string(kMaxSettingsBytes) + ")");
  const json doc = detail::parseJsonOrThrow<SettingsError>(text, "kiosk settings");
  if (!doc.is_object()) throw SettingsError("", "kiosk settings must be a JSON object");
  const auto text_ = [&](const char* name, bool required) -> std::string {
    auto it = doc.find(name);
    if (it == doc.end()) {
      if (required) throw SettingsError(name, "is required");
      return {};
    }
    if (!it->is_string()) throw SettingsError(name, "must be a string");
    return it->get<std::string>();
  };
  if (text_("format", true) != kSettingsFormat)
    throw SettingsError("format", "must be \"" + std::string(kSettingsFormat) + "\"");
  KioskSettings s;
  s.deployment = text_("deployment", true);
  if (!limits::isSafeId(s.deployment)) throw SettingsError("deployment", "must be 1-64 of A-Z a-z 0-9 . _ -");
  s.hall = text_("hall", true);
  if (!limits::isSafeId(s.hall)) throw SettingsError("hall", "must be 1-64 of A-Z a-z 0-9 . _ - (one hall)");
  s.kiosk = text_("kiosk", false);
  if (doc.contains("kiosk") && !limits::isSafeId(s.kiosk))
    throw SettingsError("kiosk", "must be a kiosk id (1-64 of A-Z a-z 0-9 . _ -), or left out for the whole hall");
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1 ||
      version->get<std::int64_t>() > 1'000'000'000)
    throw SettingsError("version", "must be a whole number from 1 (each published document a higher one)");
  s.version = version->get<std::int64_t>();
  const auto settings = doc.find("settings");
  if (settings == doc.end() || !settings->is_object())
    throw SettingsError("settings", "is required: an object of kiosk.toml keys, e.g. {\"timing.idle_timeout_s\": 60}");
  for (const auto& [key, value] : settings->items()) {
    const SettingSpec* spec = remoteSetting(key);
    if (!spec)
      throw SettingsError("settings." + key.substr(0, 64),
                          "cannot be set from the hub (only opening hours, languages, resident defaults, timeouts, "
                          "results, keys and the staff PIN can; the rest stays in kiosk.toml)");
    if (auto why = whyValueIsBad(*spec, value)) throw SettingsError("settings." + key, *why);
    s.values.emplace(key, value);
  }
  const auto weekdays = std::count_if(kWeekdays.begin(), kWeekdays.end(), [&](auto k) { return s.values.count(k); });
  if (weekdays != 0 && weekdays != 7)
    throw SettingsError("settings.hours", "must give all seven weekdays or none (\"\" for a closed day)");
  const auto language = s.values.find("display.language");
  const auto languages = s.values.find("display.languages");
  if (language != s.values.end() && languages != s.values.end() &&
      std::find(languages->second.begin(), languages->second.end(), language->second) == languages->second.end())
    throw SettingsError("settings.display.language", "must be one of display.languages");
  return s;
}

std::string encodeKioskSettings(const KioskSettings& s) {
  json doc{{"format", kSettingsFormat},
           {"deployment", s.deployment},
           {"hall", s.hall},
           {"version", s.version},
           {"settings", json::object()}};
  if (!s.kiosk.empty()) doc["kiosk"] = s.kiosk;
  for (const auto& [k, v] : s.values) doc["settings"][k] = v;
  return doc.dump(2) + "\n";
}

std::string signSettings(std::string_view settingsJson, std::string_view keyId, const Ed25519PrivateKey& key) {
  return signEnvelope(kSignedSettingsFormat, settingsJson, keyId, key);
}

KioskSettings verifySignedSettings(std::string_view envelopeJson, const TrustedKeys& trusted) {
  return documentInEnvelope<SettingsError>(envelopeJson, kSignedSettingsFormat, "signed kiosk settings", "the settings",
                                           kMaxSettingsBytes, &trusted, parseKioskSettings);
}

KioskSettings settingsInEnvelope(std::string_view envelopeJson) {
  return documentInEnvelope<SettingsError>(envelopeJson, kSignedSettingsFormat, "signed kiosk settings", "the settings",
                                           kMaxSettingsBytes, nullptr, parseKioskSettings);
}

std::string encodeCurrentSettings(const CurrentSettings& c) {
  json doc{{"hall", nullptr}, {"kiosk", nullptr}};
  if (!c.hall.empty()) doc["hall"] = c.hall;
  if (!c.kiosk.empty()) doc["kiosk"] = c.kiosk;
  return doc.dump();
}

CurrentSettings parseCurrentSettings(std::string_view text) {
  if (text.size() > 3 * kMaxSettingsBytes)
    throw SettingsError("", "current settings are too large (" + std::to_string(text.size()) + " bytes)");
  const json doc = detail::parseJsonOrThrow<SettingsError>(text, "current settings");
  if (!doc.is_object()) throw SettingsError("", "current settings must be a JSON object");
  CurrentSettings c;
  for (auto [name, out] : {std::pair{"hall", &c.hall}, std::pair{"kiosk", &c.kiosk}}) {
    const auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) continue;
    if (!it->is_string()) throw SettingsError(name, "must be a signed settings document (a string) or null");
    *out = it->get<std::string>();
  }
  return c;
}

std::optional<std::string> whySettingsAreNotFor(const KioskSettings& s, const SettingsTarget& target) {
  if (s.deployment != target.deployment)
    return "settings are for deployment \"" + s.deployment + "\", this kiosk belongs to \"" + target.deployment + "\"";
  if (s.hall != target.hall)
    return "settings are for hall \"" + s.hall + "\", this kiosk stands in \"" + target.hall + "\"";
  if (!s.kiosk.empty() && s.kiosk != target.kioskId)
    return "settings are for kiosk \"" + s.kiosk + "\", this is \"" + target.kioskId + "\"";
  if (s.version <= target.currentVersion)
    return "settings version " + std::to_string(s.version) + " is not newer than the applied version " +
           std::to_string(target.currentVersion);
  return std::nullopt;
}

std::map<std::string, json, std::less<>> mergedSettings(const KioskSettings* hall, const KioskSettings* kiosk) {
  std::map<std::string, json, std::less<>> out;
  if (hall) out = hall->values;
  if (kiosk)
    for (const auto& [k, v] : kiosk->values) out[k] = v;
  return out;
}

}  // namespace wire
