#include "hub/core/console_paths.hpp"

namespace hub::console_path {

std::string fill(std::string_view pattern, std::string_view part) {
  const auto open = pattern.find('{');
  if (open == std::string_view::npos) return std::string(pattern);
  const auto close = pattern.find('}', open);
  return std::string(pattern.substr(0, open)) + std::string(part) + std::string(pattern.substr(close + 1));
}

std::optional<std::vector<std::string_view>> matchAll(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> parts;
  // Segment by segment: a {…} segment takes the path's segment whatever it is (no '/'), any other
  // must be equal; both must end together.
  while (true) {
    const auto patternEnd = pattern.find('/'), pathEnd = path.find('/');
    const std::string_view want = pattern.substr(0, patternEnd), got = path.substr(0, pathEnd);
    if (want.size() >= 2 && want.front() == '{' && want.back() == '}') parts.push_back(got);
    else if (want != got) return std::nullopt;
    if (patternEnd == std::string_view::npos || pathEnd == std::string_view::npos) {
      if (patternEnd != pathEnd) return std::nullopt;
      return parts;
    }
    pattern.remove_prefix(patternEnd + 1);
    path.remove_prefix(pathEnd + 1);
  }
}

std::optional<std::string_view> match(std::string_view pattern, std::string_view path) {
  const auto parts = matchAll(pattern, path);
  if (!parts) return std::nullopt;
  return parts->empty() ? std::string_view() : parts->front();
}

}  // namespace hub::console_path
