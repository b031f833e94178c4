#include "kiosk/config/string_table.hpp"

#include <toml++/toml.h>

#include "kiosk/config/kiosk_config.hpp"

namespace kiosk::config {

namespace {
void flatten(const toml::table& t, const std::string& prefix, std::map<std::string, std::string, std::less<>>& out,
             const std::string& file) {
  for (const auto& [k, v] : t) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = v.as_table()) {
      flatten(*sub, key, out, file);
    } else if (auto s = v.value<std::string>()) {
      out[key] = *s;
    } else {
      throw ConfigError(file + ": " + key, "must be a string");
    }
  }
}
}  // namespace

StringTable StringTable::load(const std::filesystem::path& dir, const std::string& language) {
  const std::filesystem::path file = dir / (language + ".toml");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(file.string(), std::string(e.description()));
  }
  std::map<std::string, std::string, std::less<>> entries;
  flatten(root, "", entries, file.string());
  return StringTable(std::move(entries));
}

std::string_view StringTable::get(std::string_view key) const {
  if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  return key;
}

std::string StringTable::allText() const {
  std::string all;
  for (const auto& [k, v] : entries_) all += v;
  return all;
}

}  // namespace kiosk::config
