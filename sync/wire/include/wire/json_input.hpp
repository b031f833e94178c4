// The one entry point for JSON the product reads from anywhere: parse a document or throw the
// format's own error type naming what is wrong — the byte where the JSON broke, a number out of
// range, or nesting deeper than any product format has — or, for JSON that is not one of our
// formats (a webhook receiver's answer, a stored heartbeat, a console form's answer), get nothing.
// Every JSON goes through here, so a hostile body can neither crash a parser or serialiser by
// recursion (nlohmann's are recursive) nor surface as an unnamed exception. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace wire::detail {

// The product's formats nest at most 4 deep (a list's commitments' holder); 32 leaves room for
// unknown fields, which are ignored, while keeping every recursive walk shallow.
inline constexpr int kMaxJsonDepth = 32;

// The deepest [ / { nesting in `text`, counting only outside strings; stops early past `limit`.
inline int jsonNestingDepth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool inString = false, escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
      continue;
    }
    if (c == '"') inString = true;
    else if (c == '[' || c == '{') {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c == ']' || c == '}') --depth;
  }
  return deepest;
}

// `what` names the document in the message ("commitment list", "batch").
template <typename Error>
nlohmann::json parseJsonOrThrow(std::string_view text, const std::string& what) {
  if (jsonNestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth)
    throw Error("", what + " nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw Error("", what + " is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::exception& e) {
    // out_of_range 406: a number such as 1e400 that no double holds.
    throw Error("", what + " holds a number out of range (" + std::string(e.what()) + ")");
  }
}

}  // namespace wire::detail

namespace wire {

// JSON from outside the product's formats: the document, or nothing when it is not valid JSON,
// nests deeper than kMaxJsonDepth, or holds a number no double holds.
inline std::optional<nlohmann::json> parseJsonBounded(std::string_view text) {
  if (detail::jsonNestingDepth(text, detail::kMaxJsonDepth) > detail::kMaxJsonDepth) return std::nullopt;
  auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

}  // namespace wire
