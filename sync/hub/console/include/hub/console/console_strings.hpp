// The console's words: zh-CN first, English second, one table (console_strings.cpp). Pages look
// words up by key; a key missing from a language falls back to Chinese. Immutable; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace hub::console {

struct Strings {
  std::string lang;  // "zh-CN" or "en"
  std::map<std::string, std::string, std::less<>> text;
  const std::string& operator[](std::string_view key) const;
};

// `lang` (a query parameter) wins; then an Accept-Language that prefers English; else Chinese.
const Strings& stringsFor(std::string_view lang, std::string_view acceptLanguage);

}  // namespace hub::console
