// Internal to wire: parse a document or throw the format's own error type naming what is wrong —
// the byte where the JSON broke, a number out of range, or nesting deeper than any product format
// has. Every JSON the product reads (lists, envelopes, batches, heartbeats, results) goes through
// here, so a hostile body can neither crash a parser or serialiser by recursion nor surface as an
// unnamed exception. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

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
