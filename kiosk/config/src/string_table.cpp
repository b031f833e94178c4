#include "kiosk/config/string_table.hpp"

#include <toml++/toml.h>

#include "kiosk/config/kiosk_config.hpp"

namespace kiosk::config {

namespace {
// A string table is "screen.key = text", two or three levels; a file nested deeper or holding more
// entries than any UI has is refused before its keys (each repeating its whole path) fill memory.
constexpr int kMaxDepth = 6;
constexpr std::size_t kMaxEntries = 2000;

void flatten(const toml::table& t, const std::string& prefix, std::map<std::string, std::string, std::less<>>& out,
             const std::string& file, int depth) {
  if (depth > kMaxDepth)
    throw ConfigError(file + ": " + prefix, "nests deeper than " + std::to_string(kMaxDepth) + " tables");
  for (const auto& [k, v] : t) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (out.size() >= kMaxEntries)
      throw ConfigError(file, "holds more than " + std::to_string(kMaxEntries) + " strings");
    if (const auto* sub = v.as_table()) {
      flatten(*sub, key, out, file, depth + 1);
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
  flatten(root, "", entries, file.string(), 1);
  return StringTable(std::move(entries));
}

StringTable StringTable::parse(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw ConfigError(name, std::string(e.description()));
  }
  std::map<std::string, std::string, std::less<>> entries;
  flatten(root, "", entries, name, 1);
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

std::string format(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> args) {
  std::string out(pattern);
  for (const auto& [name, value] : args) {
    const std::string token = "{" + std::string(name) + "}";
    for (std::size_t pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size()))
      out.replace(pos, token.size(), value);
  }
  return out;
}

std::string_view ratingKey(Rating r) {
  switch (r) {
    case Rating::Good: return "rating.good";
    case Rating::Fair: return "rating.fair";
    case Rating::Poor: return "rating.poor";
  }
  return "rating.good";
}

}  // namespace kiosk::config
