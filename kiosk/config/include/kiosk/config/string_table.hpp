// UI strings by key, loaded from config/strings/<language>.toml; a missing key shows the key
// itself so a gap is visible instead of blank. Immutable after loading; safe to share.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/core/rating.hpp"

namespace kiosk::config {

class StringTable {
 public:
  StringTable() = default;
  explicit StringTable(std::map<std::string, std::string, std::less<>> entries) : entries_(std::move(entries)) {}

  // Reads <dir>/<language>.toml (a table of string values, nested tables flattened with '.').
  static StringTable load(const std::filesystem::path& dir, const std::string& language);
  // The same from the file's text; `name` is what errors call it.
  static StringTable parse(std::string_view toml, const std::string& name);

  // The string for `key`, or `key` itself when the table lacks it (keys are string literals).
  std::string_view get(std::string_view key) const;
  // Every string, for building the font atlas's glyph set.
  std::string allText() const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> entries_;
};

// Replaces each "{name}" in `pattern` with its value (the tables' placeholders).
std::string format(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> args);

// The key of a rating's word: "rating.good", "rating.fair", "rating.poor".
std::string_view ratingKey(Rating r);

}  // namespace kiosk::config
