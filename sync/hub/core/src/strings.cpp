#include "hub/core/strings.hpp"

#include <toml++/toml.h>

namespace hub {

namespace words {
std::string_view embeddedFile(std::string_view name);  // hub_words.cpp, generated from core/words/
}

Strings parseStrings(std::string_view fileName, std::string_view toml, std::string lang, const Strings* fallback) {
  Strings s;
  s.lang = std::move(lang);
  if (fallback) s.text = fallback->text;
  toml::table table;
  try {
    table = toml::parse(toml, fileName);
  } catch (const toml::parse_error& e) {
    throw StringsError(std::string(fileName) + ": " + std::string(e.description()));
  }
  for (const auto& [key, value] : table) {
    const auto* text = value.as_string();
    if (!text)
      throw StringsError(std::string(fileName) + ": " + std::string(key.str()) +
                         " must be a text in quotes (every entry is key = \"words\")");
    s.text.insert_or_assign(std::string(key.str()), text->get());
  }
  return s;
}

const std::string& Strings::operator[](std::string_view key) const {
  static const std::string missing = "?";
  const auto it = text.find(key);
  return it == text.end() ? missing : it->second;
}

const Strings& stringsFor(std::string_view lang, std::string_view acceptLanguage) {
  static const Strings zh = parseStrings("zh-CN.toml", words::embeddedFile("zh-CN.toml"), "zh-CN", nullptr);
  static const Strings en = parseStrings("en.toml", words::embeddedFile("en.toml"), "en", &zh);
  if (lang == "en") return en;
  if (lang == "zh" || lang == "zh-CN") return zh;
  // The first language the browser names decides; intranet browsers in China send zh-CN first.
  return acceptLanguage.substr(0, 2) == "en" ? en : zh;
}

std::string replaceText(std::string text, const std::string& what, const std::string& with) {
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + with.size()))
    text.replace(pos, what.size(), with);
  return text;
}

}  // namespace hub
