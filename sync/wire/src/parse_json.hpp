// Internal to wire: parse a document or throw the format's own error type naming the byte where
// the JSON broke. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace wire::detail {

// `what` names the document in the message ("commitment list", "batch").
template <typename Error>
nlohmann::json parseJsonOrThrow(std::string_view text, const std::string& what) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw Error("", what + " is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
}

}  // namespace wire::detail
