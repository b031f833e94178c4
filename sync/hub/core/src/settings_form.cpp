#include "hub/core/settings_form.hpp"

#include <algorithm>
#include <cstdlib>

#include "common/iso_time.hpp"

namespace hub {

using nlohmann::json;

namespace {

// Splits on spaces, commas (ASCII and full-width), 、 and line breaks: how people separate items.
std::vector<std::string> items(const std::string& text) {
  std::string normal;
  for (std::size_t i = 0; i < text.size();) {
    static const std::string_view kWide[] = {"，", "、", "；", "　"};
    bool wide = false;
    for (const auto w : kWide)
      if (text.compare(i, w.size(), w) == 0) {
        normal += ' ';
        i += w.size();
        wide = true;
        break;
      }
    if (wide) continue;
    const char c = text[i++];
    normal += (c == ',' || c == ';' || c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = normal.find_first_not_of(' ', at)) != std::string::npos) {
    const std::size_t end = std::min(normal.find(' ', at), normal.size());
    out.push_back(normal.substr(at, end - at));
    at = end;
  }
  return out;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string kindWord(wire::SettingKind k) {
  switch (k) {
    case wire::SettingKind::Flag: return "flag";
    case wire::SettingKind::Whole: return "whole";
    case wire::SettingKind::Number: return "number";
    case wire::SettingKind::Choice: return "choice";
    case wire::SettingKind::DayHours: return "day_hours";
    case wire::SettingKind::Dates: return "dates";
    case wire::SettingKind::Language: return "language";
    case wire::SettingKind::Languages: return "languages";
    case wire::SettingKind::KeyNames: return "key_names";
    case wire::SettingKind::PinHash: return "pin";
  }
  return "value";
}

// The typed text as the JSON value the key wants, or nothing when it cannot be one.
std::optional<json> valueOf(const wire::SettingSpec& spec, const std::string& text) {
  switch (spec.kind) {
    case wire::SettingKind::Flag:
      if (text == "true") return json(true);
      if (text == "false") return json(false);
      return std::nullopt;
    case wire::SettingKind::Whole: {
      if (text.empty() || text.size() > 12 || !std::all_of(text.begin(), text.end(), isDigit)) return std::nullopt;
      return json(std::stoll(text));
    }
    case wire::SettingKind::Number: {
      char* end = nullptr;
      const double d = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
      return json(d);
    }
    case wire::SettingKind::Choice:
    case wire::SettingKind::DayHours:
    case wire::SettingKind::Language:
    case wire::SettingKind::PinHash: return json(text);
    case wire::SettingKind::Dates: {
      json days = json::array();
      for (const auto& item : items(text)) {
        const auto day = common::readDay(item);  // 2027/1/1, 2027年1月1日 as people type them
        if (!day) return std::nullopt;
        if (std::find(days.begin(), days.end(), *day) == days.end()) days.push_back(*day);
      }
      std::sort(days.begin(), days.end());
      return days;
    }
    case wire::SettingKind::Languages:
    case wire::SettingKind::KeyNames: {
      json list = json::array();
      for (const auto& item : items(text))
        if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
      return list;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string settingText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return v.dump();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : " ") + settingText(item);
    return out;
  }
  return v.dump();
}

Fields settingsFields(const SettingsValues& values) {
  Fields fields;
  for (const auto& [key, value] : values) fields[key] = settingText(value);
  if (values.count(std::string(wire::weekdayKeys().front()))) fields[std::string(kHoursSetField)] = "on";
  return fields;
}

SettingsFromForm settingsFromFields(const Fields& fields) {
  SettingsFromForm out;
  const auto typed = [&](std::string_view key) {
    const auto it = fields.find(std::string(key));
    return it == fields.end() ? std::string() : trimmed(it->second);
  };
  const bool setHours = typed(kHoursSetField) == "on";
  for (const auto& spec : wire::remoteSettings()) {
    const std::string key(spec.key);
    const std::string text = typed(spec.key);
    const bool weekday = key.rfind("hours.", 0) == 0 && spec.kind == wire::SettingKind::DayHours;
    if (weekday && !setHours) continue;
    if (text.empty() && !weekday) continue;  // left to kiosk.toml (an empty weekday is a closed day)
    const auto value = valueOf(spec, text);
    if (!value || wire::whyValueIsBad(spec, *value)) {
      out.mistakes.push_back({key, kindWord(spec.kind), text.substr(0, 100)});
      continue;
    }
    if (value->is_array() && value->empty() && spec.kind == wire::SettingKind::Dates) continue;  // none: unset
    out.values.emplace(key, *value);
  }
  const std::string pin = typed(kPinField);
  if (!pin.empty() && (pin.size() < 4 || pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), isDigit)))
    out.mistakes.push_back({std::string(kPinField), "pin", ""});  // never echoed back
  const auto language = out.values.find("display.language");
  const auto languages = out.values.find("display.languages");
  if (language != out.values.end() && languages != out.values.end() &&
      std::find(languages->second.begin(), languages->second.end(), language->second) == languages->second.end())
    out.mistakes.push_back({"display.language", "language_not_listed", language->second.get<std::string>()});
  return out;
}

std::vector<SettingChange> settingChanges(const SettingsValues& before, const SettingsValues& after) {
  std::vector<SettingChange> out;
  for (const auto& spec : wire::remoteSettings()) {
    const std::string key(spec.key);
    const auto b = before.find(key);
    const auto a = after.find(key);
    const std::string bt = b == before.end() ? "" : settingText(b->second);
    const std::string at = a == after.end() ? "" : settingText(a->second);
    const bool same = (b == before.end()) == (a == after.end()) && (b == before.end() || b->second == a->second);
    if (!same) out.push_back({key, bt, at, b != before.end(), a != after.end()});
  }
  return out;
}

}  // namespace hub
