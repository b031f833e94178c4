#include "hub/core/request_decoding.hpp"

#include "common/url_encode.hpp"
#include "common/utf8.hpp"

namespace hub {

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;  // "%" or "%A" at the end
      const int hi = hexValue(s[i + 1]), lo = hexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::optional<Fields> parseFields(std::string_view encoded, std::string* why) {
  Fields fields;
  std::size_t pos = 0;
  while (pos < encoded.size()) {
    const auto amp = encoded.find('&', pos);
    const std::string_view pair =
        encoded.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    pos = amp == std::string_view::npos ? encoded.size() : amp + 1;
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = decode(pair.substr(0, eq));
    auto value = decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name || !value || !common::isValidUtf8(*name) || !common::isValidUtf8(*value)) {
      if (why) *why = name && common::isValidUtf8(*name) ? *name : std::string(pair.substr(0, eq));
      return std::nullopt;
    }
    fields.emplace(std::move(*name), std::move(*value));
  }
  return fields;
}

std::string_view queryOf(std::string_view target) {
  const auto q = target.find('?');
  return q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

std::string_view pathOf(std::string_view target) { return target.substr(0, target.find('?')); }

std::string urlEncode(std::string_view text) { return common::urlEncode(text); }

std::optional<std::string> cookieValue(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const auto end = header.find(';', pos);
    const std::string_view pair =
        header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace hub
