// 终端设置's form as pure functions: a signed-settings document's values shown as the form's fields,
// the fields as typed turned back into values (each mistake named by its key and what kind of
// value it wants, for the page to word), and the differences between two documents key by key.
// Field names are wire's keys ("timing.idle_timeout_s"); an empty field leaves the key to the
// kiosk's own kiosk.toml. The week's hours are one choice (hours.set): all seven days or none.
// Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "hub/core/request_decoding.hpp"
#include "wire/kiosk_settings.hpp"

namespace hub {

using SettingsValues = std::map<std::string, nlohmann::json, std::less<>>;

inline constexpr std::string_view kHoursSetField = "hours.set";  // "on": the form sets the week's hours
inline constexpr std::string_view kPinField = "staff.pin";       // a new staff PIN, hashed by the page

// The form's fields for `values` (what the current document sets): flags "true"/"false", numbers
// as written, dates one a line, lists separated by spaces; hours.set "on" when it sets hours.
Fields settingsFields(const SettingsValues& values);

struct SettingsMistake {
  std::string key;   // wire's key, or kHoursSetField / kPinField
  std::string kind;  // what it wants: "whole", "number", "flag", "choice", "day_hours", "dates",
                     // "language", "languages", "key_names", "pin", "language_not_listed"
  std::string typed;
};

// Values from the fields as typed; mistakes (none when the form is good) in the order of the form.
// A new PIN is not hashed here: the page hashes kPinField when there is no mistake.
struct SettingsFromForm {
  SettingsValues values;
  std::vector<SettingsMistake> mistakes;
};
SettingsFromForm settingsFromFields(const Fields& fields);

// One key whose value differs between two documents.
struct SettingChange {
  std::string key;
  std::string before, after;                 // as the form writes them
  bool hadBefore = false, hasAfter = false;  // set at all ("" is also a closed day's hours)
};
std::vector<SettingChange> settingChanges(const SettingsValues& before, const SettingsValues& after);

// A value as the form writes it ("08:30-17:30", "90", "true", "2027-01-01 2027-02-11").
std::string settingText(const nlohmann::json& value);

}  // namespace hub
