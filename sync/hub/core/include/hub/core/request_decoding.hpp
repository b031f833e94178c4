// Decoding what a browser sends: percent-encoded query strings and form bodies, and the Cookie
// header. Pure functions; thread-safe. Malformed input (a bad %-escape, bytes that are not UTF-8)
// is reported, never guessed at, so a page can answer 400 naming the parameter.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hub {

using Fields = std::map<std::string, std::string>;

// "a=1&b=%E5%A5%BD+x" → {a: "1", b: "好 x"}; nothing when an escape is malformed or a value is not
// UTF-8 (`why` names the field). A repeated name keeps its first value.
std::optional<Fields> parseFields(std::string_view encoded, std::string* why = nullptr);
// The query part of a request target ("" when there is none).
std::string_view queryOf(std::string_view target);
std::string_view pathOf(std::string_view target);
// Percent-encodes for a query value (everything but unreserved characters).
std::string urlEncode(std::string_view text);
// One cookie's value from a Cookie header, or nothing.
std::optional<std::string> cookieValue(std::string_view header, std::string_view name);

}  // namespace hub
