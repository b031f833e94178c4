// The hub's words — the console's pages and messages and the exports' sheet names and headings —
// from data files, one per language (sync/hub/core/words/<lang>.toml, built into the binary as
// the console's templates are). Pages look words up by key; a key missing from a language falls
// back to Chinese. Parsed once on first use; immutable afterwards, so thread-safe.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hub {

struct Strings {
  std::string lang;  // "zh-CN" or "en"
  std::map<std::string, std::string, std::less<>> text;
  const std::string& operator[](std::string_view key) const;  // "?" for a key no file has
};

// `lang` (a query parameter) wins; then an Accept-Language that prefers English; else Chinese.
const Strings& stringsFor(std::string_view lang, std::string_view acceptLanguage);

// `text` with every `what` (a placeholder such as "{hall}") replaced by `with`.
std::string replaceText(std::string text, const std::string& what, const std::string& with);

// A words file that is not `key = "text"` lines: names the file and what is wrong.
struct StringsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// One language's words from a file's text, over `fallback` (keys it lacks keep the fallback's).
Strings parseStrings(std::string_view fileName, std::string_view toml, std::string lang, const Strings* fallback);

}  // namespace hub
